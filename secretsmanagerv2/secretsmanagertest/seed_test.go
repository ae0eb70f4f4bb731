package secretsmanagertest_test

import (
	"context"
	"crypto/x509"
	"fmt"
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

func (f *fatalRecorder) Fatalf(format string, args ...interface{}) {
	f.msg = fmt.Sprintf(format, args...)
}
func (f *fatalRecorder) Helper() {}

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

// TestSeedReturnsErrors checks the error-returning form: a failure is an error that names the
// secret and wraps the API error, with no secret value in its text; a nil client is an error, not
// a panic; a cancelled context stops the seed.
func TestSeedReturnsErrors(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	seed := secretsmanagertest.NewSeed(client)
	created, err := seed.Arbitrary("dup", "first-payload")
	require.NoError(t, err)
	require.Equal(t, "first-payload", *created.Payload)

	_, err = seed.Arbitrary("dup", "second-payload-never-shown")
	require.ErrorContains(t, err, `creating the secret "dup"`)
	require.NotContains(t, err.Error(), "second-payload-never-shown")
	var apiErr *sm.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, http.StatusConflict, apiErr.StatusCode)

	_, err = seed.PrivateCert("no-ca", secretsmanagertest.PrivateCA{Template: "missing"}, "x.example.com")
	require.ErrorContains(t, err, `creating the secret "no-ca"`)
	_, err = seed.PrivateCert("empty-san", secretsmanagertest.PrivateCA{Template: "missing"}, "x.example.com", "")
	require.ErrorContains(t, err, "empty subject alternative name")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = seed.WithContext(ctx).KV("cancelled", map[string]interface{}{"k": "v"})
	require.ErrorIs(t, err, context.Canceled)

	none := secretsmanagertest.NewSeed(nil)
	for name, call := range map[string]func() error{
		"Group":              func() error { _, err := none.Group("g"); return err },
		"Arbitrary":          func() error { _, err := none.Arbitrary("a", "p"); return err },
		"KV":                 func() error { _, err := none.KV("a", nil); return err },
		"UsernamePassword":   func() error { _, err := none.UsernamePassword("a", "u", ""); return err },
		"IAMCredentials":     func() error { _, err := none.IAMCredentials("a", "s", "1h"); return err },
		"ServiceCredentials": func() error { _, err := none.ServiceCredentials("a", "crn"); return err },
		"ImportedCert":       func() error { _, err := none.ImportedCert("a", "c", "", ""); return err },
		"PrivateCA":          func() error { _, err := none.PrivateCA("a"); return err },
		"PrivateCert":        func() error { _, err := none.PrivateCert("a", secretsmanagertest.PrivateCA{}, "cn"); return err },
		"PublicCert":         func() error { _, err := none.PublicCert("a", "cn"); return err },
	} {
		require.ErrorContains(t, call(), "the seed has no client", name)
	}
}

// TestNewSeederRefusesNilTB checks that a Seeder without a testing.TB is refused at once, with a
// message that points to NewSeed, rather than by a nil dereference on its first call.
func TestNewSeederRefusesNilTB(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	for _, tb := range []testing.TB{nil, (*testing.T)(nil), (*testing.B)(nil)} {
		require.PanicsWithValue(t,
			"secretsmanagertest: NewSeeder needs a testing.TB to fail; outside a test, use NewSeed, whose methods return errors",
			func() { secretsmanagertest.NewSeeder(tb, client) })
	}
	require.NotNil(t, secretsmanagertest.NewSeeder(t, client).Seed())
}

// TestPrivateCertSANs checks that PrivateCert puts IP addresses, URIs and other names in the
// certificate's IP, URI and DNS or email SANs, so a TLS server on 127.0.0.1 verifies.
func TestPrivateCertSANs(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	seed := secretsmanagertest.NewSeeder(t, client)
	ca := seed.PrivateCA("local")
	cert, err := sm.TLSCertificate(seed.PrivateCert("local-tls", ca, "localhost",
		"127.0.0.1", "::1", "app.internal", "spiffe://cluster/app"))
	require.NoError(t, err)
	leaf := cert.Leaf
	var ips []string
	for _, ip := range leaf.IPAddresses {
		ips = append(ips, ip.String())
	}
	require.Equal(t, []string{"127.0.0.1", "::1"}, ips)
	require.ElementsMatch(t, []string{"localhost", "app.internal"}, leaf.DNSNames)
	require.Len(t, leaf.URIs, 1)
	require.Equal(t, "spiffe://cluster/app", leaf.URIs[0].String())

	intermediates := x509.NewCertPool()
	inter, err := x509.ParseCertificate(cert.Certificate[1])
	require.NoError(t, err)
	intermediates.AddCert(inter)
	for _, name := range []string{"127.0.0.1", "::1", "localhost", "app.internal"} {
		_, err = leaf.Verify(x509.VerifyOptions{DNSName: name, Roots: ca.CertPool(), Intermediates: intermediates})
		require.NoError(t, err, name)
	}
}
