package secretsmanagertest_test

import (
	"context"
	"crypto/x509"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func TestNewClientIsReady(t *testing.T) {
	client, srv := secretsmanagertest.NewClient(t)
	require.Equal(t, srv.URL, client.GetServiceURL())
	_, _, err := client.ListSecretGroups(client.NewListSecretGroupsOptions())
	require.NoError(t, err)

	// With a token required, the client has one of its own; a request without a token is refused.
	client, srv = secretsmanagertest.NewClient(t, secretsmanagertest.WithReadOnlyToken("ro"))
	secretsmanagertest.NewSeeder(t, client).Arbitrary("ab", "v")
	resp, err := http.Get(srv.URL + "/api/v2/secrets")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestNewClientClosesTheServer(t *testing.T) {
	var url string
	t.Run("inner", func(t *testing.T) {
		_, srv := secretsmanagertest.NewClient(t)
		url = srv.URL
	})
	_, err := http.Get(url + "/api/v2/secret_groups")
	require.Error(t, err, "the server is closed when the test that made it ends")
}

// TestSeederEveryType seeds a secret of each type and reads its value back with the client's value
// helpers, as a user's test would.
func TestSeederEveryType(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	seed := secretsmanagertest.NewSeeder(t, client)

	p, err := sm.PayloadString(seed.Arbitrary("token", "t0k3n"))
	require.NoError(t, err)
	require.Equal(t, "t0k3n", p)

	var cfg struct {
		Host string `json:"host"`
	}
	require.NoError(t, sm.DecodePayload(seed.KV("cfg", map[string]interface{}{"host": "db"}), &cfg))
	require.Equal(t, "db", cfg.Host)

	user, pass, err := sm.UsernamePassword(seed.UsernamePassword("db", "app", "pw"))
	require.NoError(t, err)
	require.Equal(t, []string{"app", "pw"}, []string{user, pass})
	_, pass, err = sm.UsernamePassword(seed.UsernamePassword("db-generated", "app", ""))
	require.NoError(t, err)
	require.NotEmpty(t, pass, "a generated password is read back")

	key, err := sm.APIKey(seed.IAMCredentials("iam", "ServiceId-1", "1h"))
	require.NoError(t, err)
	require.NotEmpty(t, key)

	svc := seed.ServiceCredentials("svc", "crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::")
	key, err = sm.APIKey(svc)
	require.NoError(t, err)
	require.NotEmpty(t, key)

	certPEM, keyPEM := secretsmanagertest.SelfSignedCertificate(t, "imported.example.com")
	imported, err := sm.TLSCertificate(seed.ImportedCert("imported", certPEM, keyPEM, ""))
	require.NoError(t, err)
	require.Equal(t, "imported.example.com", imported.Leaf.Subject.CommonName)

	public, err := sm.TLSCertificate(seed.PublicCert("public", "www.example.com"))
	require.NoError(t, err)
	require.Equal(t, "www.example.com", public.Leaf.Subject.CommonName)

	// Secrets in a group of their own.
	groupID := seed.Group("team")
	inGroup := seed.InGroup(groupID).Arbitrary("grouped", "g")
	require.Equal(t, groupID, inGroup.Common().SecretGroupID)
	s, _, err := client.GetSecretByNameTypeWithContext(context.Background(),
		client.NewGetSecretByNameTypeOptions(sm.SecretTypeArbitrary.String(), "grouped", "team"))
	require.NoError(t, err)
	p, err = sm.PayloadString(s)
	require.NoError(t, err)
	require.Equal(t, "g", p)
}

// TestPrivateCAChain checks the chain PrivateCA makes: a certificate issued through its template
// verifies against the root, through the intermediate that TLSCertificate puts in the chain.
func TestPrivateCAChain(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	seed := secretsmanagertest.NewSeeder(t, client)
	ca := seed.PrivateCA("app")
	require.Equal(t, secretsmanagertest.PrivateCA{Root: "app-root", Intermediate: "app-intermediate", Template: "app-template",
		RootCertificate: ca.RootCertificate}, ca)

	cert, err := sm.TLSCertificate(seed.PrivateCert("app-tls", ca, "app.example.com"))
	require.NoError(t, err)
	require.Len(t, cert.Certificate, 2, "leaf and intermediate; the root is left out")
	intermediates := x509.NewCertPool()
	inter, err := x509.ParseCertificate(cert.Certificate[1])
	require.NoError(t, err)
	require.Equal(t, "app Intermediate CA", inter.Subject.CommonName)
	intermediates.AddCert(inter)
	chains, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: "app.example.com", Roots: ca.CertPool(), Intermediates: intermediates})
	require.NoError(t, err)
	require.Len(t, chains[0], 3)
	require.Equal(t, "app Root CA", chains[0][2].Subject.CommonName)

	// Without the intermediate the leaf does not verify: the chain is really three deep.
	_, err = cert.Leaf.Verify(x509.VerifyOptions{DNSName: "app.example.com", Roots: ca.CertPool()})
	require.Error(t, err)
}

// fatalRecorder is a testing.TB whose Fatalf is recorded instead of stopping the test.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Fatalf(format string, args ...interface{}) { f.msg = format }
func (f *fatalRecorder) Helper()                                   {}

func TestSeederFailsTheTest(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	rec := &fatalRecorder{TB: t}
	seed := secretsmanagertest.NewSeeder(rec, client)
	seed.Arbitrary("dup", "a")
	require.Empty(t, rec.msg)
	func() {
		defer func() { _ = recover() }() // the recorder does not stop the goroutine: create goes on with a nil secret
		seed.Arbitrary("dup", "b")
	}()
	require.Contains(t, rec.msg, "creating the secret")
}
