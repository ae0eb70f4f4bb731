package secretcache_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// fakeClock is a Clock that moves only when told to.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Now()} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// counter counts the requests of each operation that reach the server, and the most GetSecret
// requests in flight at once.
type counter struct {
	getSecret, metadata, byName, other atomic.Int64
	inFlight, maxInFlight              atomic.Int64
	delay                              atomic.Int64 // nanoseconds added to every GET
}

func (c *counter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
			switch {
			case len(segs) == 4 && segs[2] == "secrets":
				c.getSecret.Add(1)
				n := c.inFlight.Add(1)
				defer c.inFlight.Add(-1)
				for {
					m := c.maxInFlight.Load()
					if n <= m || c.maxInFlight.CompareAndSwap(m, n) {
						break
					}
				}
			case len(segs) == 5 && segs[2] == "secrets" && segs[4] == "metadata":
				c.metadata.Add(1)
			case len(segs) == 8 && segs[2] == "secret_groups":
				c.byName.Add(1)
			default:
				c.other.Add(1)
			}
			if d := time.Duration(c.delay.Load()); d > 0 {
				select {
				case <-time.After(d):
				case <-r.Context().Done():
					return
				}
			}
		}
		h.ServeHTTP(w, r)
	})
}

func (c *counter) reset() {
	c.getSecret.Store(0)
	c.metadata.Store(0)
	c.byName.Store(0)
	c.other.Store(0)
	c.maxInFlight.Store(0)
}

// env is an in-memory Secrets Manager behind a counting handler, and a client of it.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	client *sm.SecretsManagerV2
	count  *counter
	h      *secretsmanagertest.Handler
}

func newEnv(t *testing.T) *env {
	t.Helper()
	cnt := &counter{}
	h := secretsmanagertest.NewHandler()
	srv := httptest.NewServer(cnt.wrap(h))
	t.Cleanup(srv.Close)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	return &env{t: t, srv: srv, client: client, count: cnt, h: h}
}

func (e *env) create(p sm.SecretPrototypeIntf) sm.SecretIntf {
	e.t.Helper()
	s, _, err := e.client.CreateSecret(e.client.NewCreateSecretOptions(p))
	require.NoError(e.t, err)
	return s
}

func (e *env) arbitrary(name, payload string) string {
	e.t.Helper()
	s := e.create(&sm.ArbitrarySecretPrototype{SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr(name), Payload: core.StringPtr(payload)})
	return s.Common().ID
}

func (e *env) rotateArbitrary(id, payload string) {
	e.t.Helper()
	_, _, err := e.client.CreateSecretVersion(e.client.NewCreateSecretVersionOptions(id, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr(payload)}))
	require.NoError(e.t, err)
}

// privateCA configures a root CA, an intermediate CA signed by it and a template, and returns the
// template's name.
func (e *env) privateCA() string {
	e.t.Helper()
	c := e.client
	create := func(p sm.ConfigurationPrototypeIntf) {
		_, _, err := c.CreateConfiguration(c.NewCreateConfigurationOptions(p))
		require.NoError(e.t, err)
	}
	create(&sm.PrivateCertificateConfigurationRootCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_root_ca"),
		Name: core.StringPtr("test-root-ca"), MaxTTL: core.StringPtr("43830h"), CommonName: core.StringPtr("Test Root"),
		KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)})
	create(&sm.PrivateCertificateConfigurationIntermediateCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_intermediate_ca"),
		Name: core.StringPtr("test-intermediate-ca"), MaxTTL: core.StringPtr("8760h"), SigningMethod: core.StringPtr("internal"),
		Issuer: core.StringPtr("test-root-ca"), CommonName: core.StringPtr("Test Intermediate"),
		KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)})
	create(&sm.PrivateCertificateConfigurationTemplatePrototype{ConfigType: core.StringPtr("private_cert_configuration_template"),
		Name: core.StringPtr("test-template"), CertificateAuthority: core.StringPtr("test-intermediate-ca"),
		AllowAnyName: core.BoolPtr(true), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)})
	act, err := c.NewPrivateCertificateConfigurationActionSignIntermediatePrototype("private_cert_configuration_action_sign_intermediate", "test-intermediate-ca")
	require.NoError(e.t, err)
	_, _, err = c.CreateConfigurationAction(c.NewCreateConfigurationActionOptions("test-root-ca", act))
	require.NoError(e.t, err)
	return "test-template"
}

func (e *env) privateCert(name, commonName string) *sm.PrivateCertificate {
	e.t.Helper()
	proto, err := e.client.NewPrivateCertificatePrototype("private_cert", name, e.privateCA(), commonName)
	require.NoError(e.t, err)
	return e.create(proto).(*sm.PrivateCertificate)
}

// selfSignedCert returns a PEM certificate and key for commonName.
func selfSignedCert(t *testing.T, commonName string) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(42), Subject: pkix.Name{CommonName: commonName},
		DNSNames: []string{commonName}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}))
}

// requireNoSecret fails when err's message holds any of the secret values.
func requireNoSecret(t *testing.T, err error, secrets ...string) {
	t.Helper()
	require.Error(t, err)
	for _, s := range secrets {
		require.NotContains(t, err.Error(), s, "an error message holds a secret value")
	}
}

// faultServer returns an embedded server, for faults to be injected, and a client of it.
func faultServer(t *testing.T) (*secretsmanagertest.Server, *sm.SecretsManagerV2) {
	t.Helper()
	srv := secretsmanagertest.NewServer()
	t.Cleanup(srv.Close)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	return srv, client
}

func createLeased(t *testing.T, client *sm.SecretsManagerV2, name string) *sm.IAMCredentialsSecret {
	t.Helper()
	s, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.IAMCredentialsSecretPrototype{
		SecretType: core.StringPtr("iam_credentials"), Name: core.StringPtr(name), TTL: core.StringPtr("1800"),
		AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: core.BoolPtr(true)}))
	require.NoError(t, err)
	iam := s.(*sm.IAMCredentialsSecret)
	require.NotNil(t, iam.ExpirationDate)
	return iam
}
