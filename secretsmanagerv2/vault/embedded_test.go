package vault

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// The client against the embedded server of package secretsmanagertest, which serves the Vault
// API over the same store as the v2 API.

// recorded is a request the embedded server answered, with its raw answer.
type recorded struct {
	method, path, query string
	status              int
	body                []byte
}

// recordingHandler serves with h and records every request and answer.
type recordingHandler struct {
	h   http.Handler
	mu  sync.Mutex
	got []recorded
}

func (rh *recordingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	rh.h.ServeHTTP(rec, r)
	rh.mu.Lock()
	rh.got = append(rh.got, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, rec.Code, rec.Body.Bytes()})
	rh.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// take returns the requests recorded since the last call.
func (rh *recordingHandler) take() []recorded {
	rh.mu.Lock()
	defer rh.mu.Unlock()
	got := rh.got
	rh.got = nil
	return got
}

// testPKI is an intermediate CA and two certificates it issued, with their keys, in PEM.
type testPKI struct {
	intermediate    string
	cert, key       string
	rotCert, rotKey string
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	now := time.Now().UTC().Truncate(time.Second)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Replay Intermediate CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(365 * 24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	require.NoError(t, err)
	leaf := func(serial int64) (string, string) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "example.com"},
			DNSNames: []string{"example.com"}, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour)}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caTmpl, key.Public(), caKey)
		require.NoError(t, err)
		kder, err := x509.MarshalPKCS8PrivateKey(key)
		require.NoError(t, err)
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
			string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}))
	}
	p := &testPKI{intermediate: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}))}
	p.cert, p.key = leaf(2)
	p.rotCert, p.rotKey = leaf(3)
	return p
}

// quoted is s as a JSON string.
func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// replayEnv is the instance the replay runs on, and what it made.
type replayEnv struct {
	t        *testing.T
	ctx      context.Context
	c        *Client
	srv      *secretsmanagertest.Server
	rec      *recordingHandler
	pki      *testPKI
	group    string            // the secret group of the examples that name {group_id}
	newGroup string            // the group the examples of secret groups create, change and delete
	ids      map[string]string // secret IDs by role
	version  string            // a version ID of the secret "a3"
	fills    *strings.Replacer
}

// newReplayEnv starts an embedded server and sets up, through the Vault API, what the examples
// name without making it: the group of {group_id}, the configurations the certificates are
// ordered with, and locked secrets whose locks the lock examples list.
func newReplayEnv(t *testing.T) *replayEnv {
	t.Helper()
	rec := &recordingHandler{}
	srv := secretsmanagertest.NewUnstartedServer()
	rec.h = srv.Handler
	ts := httptest.NewServer(rec)
	t.Cleanup(ts.Close)
	c, err := NewClient(&Options{URL: ts.URL, Authenticator: &core.BearerTokenAuthenticator{BearerToken: "iam-access-token-for-the-replay"}})
	require.NoError(t, err)
	e := &replayEnv{t: t, ctx: context.Background(), c: c, srv: srv, rec: rec, pki: newTestPKI(t), ids: map[string]string{}}
	p := e.pki
	e.fills = strings.NewReplacer(
		`"-----BEGIN CERTIFICATE-----\nMIICWzCCAcQCC...(redacted)"`, quoted(p.cert),
		`"-----BEGIN PRIVATE KEY-----\nMIICdgIBADANB...(redacted)"`, quoted(p.key),
		`"-----BEGIN CERTIFICATE-----\nMIICUzHHraOa...(redacted)"`, quoted(p.intermediate),
		`"new-certificate"`, quoted(p.rotCert), `"new-private-key"`, quoted(p.rotKey),
		`"new-intermediate-certificate"`, quoted(p.intermediate),
		`"<API_KEY>"`, `"replay-api-key"`, `"internal|external"`, `"internal"`,
		`"certificate_template": "my-configured-certificate-template"`, `"certificate_template": "setup-template"`,
	)

	ctx, must := e.ctx, func(_ interface{}, err error) { t.Helper(); require.NoError(t, err) }
	g, err := c.CreateSecretGroup(ctx, &SecretGroupRequest{Name: core.StringPtr("replay-group")})
	require.NoError(t, err)
	e.group = *g.Data.ID

	cis := &Configuration{Name: core.StringPtr("my-configured-dns-provider"), Type: core.StringPtr("cis"), Config: &ConfigurationDetails{
		CISCRN: core.StringPtr("crn:v1:bluemix:public:internet-svcs:global:a/a5ebf2570dcaedf18d7ed78e216c263a:0f4c764e-dc3d-44d1-bd60-a2f7cd91e0c0::")}}
	must(c.AddConfiguration(ctx, PublicCert, DNSProviders, cis))
	for _, name := range []string{"my-configured-certificate-authority", "my-lets-encrypt"} {
		must(c.AddConfiguration(ctx, PublicCert, CertificateAuthorities, &Configuration{Name: core.StringPtr(name),
			Type: core.StringPtr("letsencrypt-stage"), Config: &ConfigurationDetails{PrivateKey: core.StringPtr(p.key)}}))
	}
	for _, name := range []string{"setup-root-ca", "my-root-ca"} {
		must(c.AddConfiguration(ctx, PrivateCert, RootCertificateAuthorities, &Configuration{Name: core.StringPtr(name),
			Type: core.StringPtr("root_certificate_authority"), Config: &ConfigurationDetails{CommonName: core.StringPtr("example.com"),
				MaxTTL: DurationString("8760h"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)}}))
	}
	must(c.AddConfiguration(ctx, PrivateCert, CertificateTemplates, &Configuration{Name: core.StringPtr("setup-template"),
		Type: core.StringPtr("certificate_template"), Config: &ConfigurationDetails{CertificateAuthority: core.StringPtr("setup-root-ca"),
			AllowAnyName: core.BoolPtr(true), Extra: map[string]json.RawMessage{"key_type": json.RawMessage(`"ec"`)}}}))

	lock := func(names ...string) *LockRequest {
		r := &LockRequest{}
		for _, n := range names {
			r.Locks = append(r.Locks, LockSpec{Name: core.StringPtr(n), Description: core.StringPtr("Set up for the replay."),
				Attributes: map[string]interface{}{"key": "value"}})
		}
		return r
	}
	arbitrary := func(role, group string, rotate bool) *Response[ArbitrarySecret] {
		s, err := c.Arbitrary().InGroup(group).Create(ctx, &CreateArbitraryRequest{Name: core.StringPtr("replay-" + role), Payload: core.StringPtr("v1")})
		require.NoError(t, err)
		e.ids[role] = *s.Data.ID
		if rotate {
			must(c.Arbitrary().InGroup(group).Rotate(ctx, *s.Data.ID, &RotateArbitraryRequest{Payload: core.StringPtr("v2")}))
		}
		return s
	}
	arbitrary("a1", "", true)
	must(c.Arbitrary().LockVersion(ctx, e.ids["a1"], PreviousVersion, lock("lock-for-app-1"), LockDefault))
	must(c.Arbitrary().Lock(ctx, e.ids["a1"], lock("lock-for-app-2"), LockDefault))
	arbitrary("a2", e.group, true)
	a3 := arbitrary("a3", "", false)
	e.version = *a3.Data.Versions[0].ID
	must(c.Arbitrary().Lock(ctx, e.ids["a3"], lock("lock-for-app-1", "lock-for-app-2"), LockDefault))

	up := c.UsernamePassword().InGroup(e.group)
	u1, err := up.Create(ctx, &CreateUsernamePasswordRequest{Name: core.StringPtr("replay-u1"), Username: core.StringPtr("user")})
	require.NoError(t, err)
	e.ids["u1"] = *u1.Data.ID
	must(up.Rotate(ctx, e.ids["u1"], &RotateUsernamePasswordRequest{}))
	must(up.LockVersion(ctx, e.ids["u1"], PreviousVersion, lock("lock-for-app-2"), LockDefault))
	must(up.Lock(ctx, e.ids["u1"], lock("lock-for-app-1", "bookshelf-app"), LockDefault))
	u2, err := c.UsernamePassword().Create(ctx, &CreateUsernamePasswordRequest{Name: core.StringPtr("replay-u2"), Username: core.StringPtr("user")})
	require.NoError(t, err)
	e.ids["u2"] = *u2.Data.ID
	must(c.UsernamePassword().SetPolicies(ctx, e.ids["u2"], &PolicyRequest{Policies: []Policy{{Type: core.StringPtr(PolicyType),
		Rotation: &RotationPolicy{Interval: core.Int64Ptr(30), Unit: core.StringPtr("day")}}}}))
	rec.take()
	return e
}

// created keeps the ID of a secret a case created, under role.
func (e *replayEnv) created(role string, id *string, err error) error {
	if err == nil {
		e.ids[role] = str(id)
	}
	return err
}

// embeddedCase makes the call of one request example of the document against the embedded
// server; body is the example's body with its placeholders filled.
type embeddedCase func(t *testing.T, e *replayEnv, body string) (interface{}, error)

// embeddedCases follows the document's request examples, in order (replayCases gives the
// document's answer each one is compared with).
var embeddedCases = []embeddedCase{
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) { return e.c.Login(e.ctx) },
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return nil, e.c.ConfigureLogin(e.ctx, decodeBody[LoginConfig](t, b))
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) { return e.c.GetLoginConfig(e.ctx) },
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.CreateSecretGroup(e.ctx, decodeBody[SecretGroupRequest](t, b))
		if err == nil {
			e.newGroup = *r.Data.ID
		}
		return r, err
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) { return e.c.ListSecretGroups(e.ctx) },
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.UpdateSecretGroup(e.ctx, e.newGroup, decodeBody[SecretGroupRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.GetSecretGroup(e.ctx, e.newGroup)
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.DeleteSecretGroup(e.ctx, e.newGroup)
	},
	// Create a secret.
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.Arbitrary().Create(e.ctx, decodeBody[CreateArbitraryRequest](t, b))
		return r, e.created("arbitrary", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.Arbitrary().InGroup(e.group).Create(e.ctx, decodeBody[CreateArbitraryRequest](t, b))
		return r, e.created("arbitrary-g", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.IAMCredentials().Create(e.ctx, decodeBody[CreateIAMCredentialsRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.IAMCredentials().InGroup(e.group).Create(e.ctx, decodeBody[CreateIAMCredentialsRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.KV().Create(e.ctx, decodeBody[CreateKVRequest](t, b))
		return r, e.created("kv", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.KV().InGroup(e.group).Create(e.ctx, decodeBody[CreateKVRequest](t, b))
		return r, e.created("kv-g", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.UsernamePassword().Create(e.ctx, decodeBody[CreateUsernamePasswordRequest](t, b))
		return r, e.created("up", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.UsernamePassword().InGroup(e.group).Create(e.ctx, decodeBody[CreateUsernamePasswordRequest](t, b))
		return r, e.created("up-g", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		r, err := e.c.ImportedCert().Create(e.ctx, decodeBody[CreateImportedCertRequest](t, b))
		return r, e.created("imported", idOf(r), err)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.ImportedCert().InGroup(e.group).Create(e.ctx, decodeBody[CreateImportedCertRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.PublicCert().Create(e.ctx, decodeBody[CreatePublicCertRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.PublicCert().InGroup(e.group).Create(e.ctx, decodeBody[CreatePublicCertRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.PrivateCert().Create(e.ctx, decodeBody[CreatePrivateCertRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.PrivateCert().InGroup(e.group).Create(e.ctx, decodeBody[CreatePrivateCertRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.ServiceCredentials().Create(e.ctx, decodeBody[CreateServiceCredentialsRequest](t, b))
	},
	// Get a secret: by name, or by ID.
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().Get(e.ctx, "test-arbitrary-secret")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).Get(e.ctx, "test-arbitrary-secret-in-group")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.IAMCredentials().Get(e.ctx, "test-iam-credentials")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.IAMCredentials().InGroup(e.group).Get(e.ctx, "test-iam-credentials-in-group")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.KV().Get(e.ctx, "test-kv-secret")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.KV().InGroup(e.group).Get(e.ctx, e.ids["kv-g"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().Get(e.ctx, "test-username-password")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).Get(e.ctx, e.ids["up-g"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.ImportedCert().Get(e.ctx, "test-imported-certificate")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.ImportedCert().InGroup(e.group).Get(e.ctx, "test-imported-certificate-in-group")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.ServiceCredentials().Get(e.ctx, "test-sc-secret")
	},
	// List secrets.
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) { return e.c.Arbitrary().List(e.ctx) },
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).List(e.ctx)
	},
	// Metadata.
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().GetMetadata(e.ctx, e.ids["arbitrary"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).GetMetadata(e.ctx, e.ids["arbitrary-g"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.KV().GetMetadata(e.ctx, e.ids["kv"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.KV().InGroup(e.group).GetMetadata(e.ctx, e.ids["kv-g"])
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().UpdateMetadata(e.ctx, e.ids["arbitrary"], decodeBody[UpdateMetadataRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).UpdateMetadata(e.ctx, e.ids["arbitrary-g"], decodeBody[UpdateMetadataRequest](t, b))
	},
	// Rotate.
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().Rotate(e.ctx, e.ids["arbitrary"], decodeBody[RotateArbitraryRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).Rotate(e.ctx, e.ids["arbitrary-g"], decodeBody[RotateArbitraryRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.KV().Rotate(e.ctx, e.ids["kv"], decodeBody[RotateKVRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.KV().InGroup(e.group).Rotate(e.ctx, e.ids["kv-g"], decodeBody[RotateKVRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.UsernamePassword().Rotate(e.ctx, e.ids["up"], decodeBody[RotateUsernamePasswordRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.ImportedCert().Rotate(e.ctx, e.ids["imported"], decodeBody[RotateImportedCertRequest](t, b))
	},
	// Delete.
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().Delete(e.ctx, e.ids["arbitrary"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).Delete(e.ctx, e.ids["arbitrary-g"])
	},
	// Secret locks ({limit} and {offset} are filled with 1 and 1, to get a page of one lock).
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().ListLocks(e.ctx, e.ids["a1"], nil)
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).ListLocks(e.ctx, e.ids["u1"], nil)
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).ListLocks(e.ctx, e.ids["u1"], &ListLocksOptions{Limit: i64(1), Offset: i64(1)})
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).ListLocks(e.ctx, e.ids["u1"], &ListLocksOptions{Search: core.StringPtr("book")})
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().Lock(e.ctx, e.ids["a1"], decodeBody[LockRequest](t, b), LockDefault)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).Lock(e.ctx, e.ids["a2"], decodeBody[LockRequest](t, b), LockDefault)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().Lock(e.ctx, e.ids["a1"], decodeBody[LockRequest](t, b), LockExclusive)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().Lock(e.ctx, e.ids["a1"], decodeBody[LockRequest](t, b), LockExclusiveDelete)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().Unlock(e.ctx, e.ids["a1"], decodeBody[UnlockRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).Unlock(e.ctx, e.ids["a2"], decodeBody[UnlockRequest](t, b))
	},
	// Version locks.
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.Arbitrary().ListVersionLocks(e.ctx, e.ids["a3"], e.version, nil)
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).ListVersionLocks(e.ctx, e.ids["u1"], CurrentVersion, nil)
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).ListVersionLocks(e.ctx, e.ids["u1"], CurrentVersion, &ListLocksOptions{Limit: i64(1), Offset: i64(1)})
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).ListVersionLocks(e.ctx, e.ids["u1"], CurrentVersion, &ListLocksOptions{Search: core.StringPtr("book")})
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().LockVersion(e.ctx, e.ids["a3"], e.version, decodeBody[LockRequest](t, b), LockDefault)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).LockVersion(e.ctx, e.ids["a2"], CurrentVersion, decodeBody[LockRequest](t, b), LockDefault)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).LockVersion(e.ctx, e.ids["a2"], PreviousVersion, decodeBody[LockRequest](t, b), LockDefault)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().UnlockVersion(e.ctx, e.ids["a3"], e.version, decodeBody[UnlockRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().InGroup(e.group).UnlockVersion(e.ctx, e.ids["a2"], CurrentVersion, decodeBody[UnlockRequest](t, b))
	},
	// Policies.
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.Arbitrary().SetPolicies(e.ctx, e.ids["a3"], decodeBody[PolicyRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).SetPolicies(e.ctx, e.ids["u1"], decodeBody[PolicyRequest](t, b))
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().GetPolicies(e.ctx, e.ids["u2"])
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.UsernamePassword().InGroup(e.group).GetPolicies(e.ctx, e.ids["u1"])
	},
	// Configurations.
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.SetConfig(e.ctx, IAMCredentials, decodeBody[EngineConfig](t, b))
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return e.c.GetConfig(e.ctx, IAMCredentials)
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.AddConfiguration(e.ctx, PublicCert, CertificateAuthorities, decodeBody[Configuration](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.AddConfiguration(e.ctx, PrivateCert, RootCertificateAuthorities, decodeBody[Configuration](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.AddConfiguration(e.ctx, PrivateCert, IntermediateCertificateAuthorities, decodeBody[Configuration](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.AddConfiguration(e.ctx, PrivateCert, CertificateTemplates, decodeBody[Configuration](t, b))
	},
	func(t *testing.T, e *replayEnv, b string) (interface{}, error) {
		return e.c.UpdateConfiguration(e.ctx, PublicCert, DNSProviders, decodeBody[Configuration](t, b))
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return nil, e.c.DeleteConfiguration(e.ctx, PublicCert, CertificateAuthorities, "my-lets-encrypt")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return nil, e.c.DeleteConfiguration(e.ctx, PublicCert, DNSProviders, "my-cis-instance")
	},
	func(t *testing.T, e *replayEnv, _ string) (interface{}, error) {
		return nil, e.c.DeleteConfiguration(e.ctx, PrivateCert, RootCertificateAuthorities, "my-root-ca")
	},
}

// idOf returns the ID of a created secret.
func idOf[S any](r *Response[S]) *string {
	if r == nil || r.Data == nil {
		return nil
	}
	var v struct{ ID *string }
	b, _ := json.Marshal(r.Data)
	_ = json.Unmarshal(b, &v)
	return v.ID
}

// shapeIgnored are the properties of the document's example answers that the embedded server
// rightly does not give, by request example (its index), each with the reason.
var shapeIgnored = map[int]map[string]string{
	8: {"data.secret_group_id": "the document shows the answer of the creation in a group (its name ends in -in-group)"},
	77: {
		"data.config.ttl":                   "the document shows a root CA's answer: an intermediate CA's certificate lives as its issuer signs it",
		"data.config.max_path_length":       "the document shows a root CA's answer: that of an intermediate CA has no max_path_length",
		"data.config.permitted_dns_domains": "the document shows a root CA's answer: that of an intermediate CA has no permitted_dns_domains",
	},
	78: {"data.config": "the document shows no answer for a certificate template (a root CA's stands in): its config is another"},
}

// shapeOpaque are the properties whose value is the user's (its type is checked, not its content).
var shapeOpaque = map[string]bool{"data.secret_data.payload": true, "data.locks[].attributes": true}

// TestReplayDocumentExamplesOnTheEmbeddedServer sends every request example of the document,
// with its placeholders filled with what the embedded server made, through the client to the
// embedded server, and checks that the server was asked what the document shows (method, route,
// query) and that its answer has the shape of the document's answer: every property the
// document shows, with a value of the same JSON type. The client, writing its typed answer back,
// gives the server's answer.
func TestReplayDocumentExamplesOnTheEmbeddedServer(t *testing.T) {
	reqs, resps := readDoc(t)
	require.Len(t, embeddedCases, len(reqs), "one case per request example of the document")
	require.Len(t, replayCases, len(reqs))
	e := newReplayEnv(t)
	for i, call := range embeddedCases {
		doc := reqs[i]
		ok := t.Run(fmt.Sprintf("%02d_%s", i, strings.ReplaceAll(doc.method+" "+doc.path, "/", "_")), func(t *testing.T) {
			resp, err := call(t, e, e.fills.Replace(doc.body))
			require.NoError(t, err, "line %d", doc.line)
			got := e.rec.take()
			require.Len(t, got, 1, "one request")
			r := got[0]

			// The route of the example.
			wantPath, wantQuery, _ := strings.Cut(doc.path, "?")
			require.Equal(t, doc.method, r.method)
			require.Regexp(t, routePattern(wantPath), r.path)
			wantQ, _ := url.ParseQuery(wantQuery)
			gotQ, _ := url.ParseQuery(r.query)
			require.Equal(t, sortedKeys(wantQ), sortedKeys(gotQ))

			answer := replayCases[i].answer
			if answer < 0 {
				require.Equal(t, http.StatusNoContent, r.status)
				require.Empty(t, r.body)
				return
			}
			require.Equal(t, http.StatusOK, r.status, "%s", r.body)
			var want, have interface{}
			require.NoError(t, json.Unmarshal([]byte(resps[answer].body), &want))
			require.NoError(t, json.Unmarshal(r.body, &have))
			diff := shapeDiff(want, have, "", shapeIgnored[i])
			require.Empty(t, diff, "line %d: the answer has the shape of the document's answer (line %d):\n%s",
				doc.line, resps[answer].line, r.body)

			written, err := json.Marshal(resp)
			require.NoError(t, err)
			require.JSONEq(t, string(r.body), string(written), "the typed answer, written back, is the server's")
			for _, u := range untyped(reflect.ValueOf(resp), "resp") {
				// What the models leave to Extra by design: the credentials of a service are its own,
				// and the properties of a configuration depend on its type.
				require.True(t, strings.HasPrefix(u, "resp.Data.Config.") ||
					(strings.HasPrefix(u, "resp.Data.SecretData.") && strings.Contains(doc.path, "service_credentials")),
					"the answer's property %s has no typed field", u)
			}
			if os.Getenv("VAULT_REPLAY_DUMP") != "" {
				t.Logf("%s", r.body)
			}
		})
		require.True(t, ok, "the examples after a failed one depend on it")
	}
}

// routePattern turns a path of the document into a pattern: each {placeholder} is one segment.
func routePattern(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") {
			parts[i] = "[^/]+"
		} else {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return "^" + strings.Join(parts, "/") + "$"
}

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v interface{}) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []interface{}:
		return "array"
	case map[string]interface{}:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// mergeShape merges the elements of an array into one value of their shape: the union of the
// properties of objects, the elements of arrays.
func mergeShape(list []interface{}) interface{} {
	var out interface{}
	for _, v := range list {
		m, ok := v.(map[string]interface{})
		if !ok {
			return v
		}
		acc, _ := out.(map[string]interface{})
		if acc == nil {
			acc = map[string]interface{}{}
		}
		for k, x := range m {
			prev, ok := acc[k]
			switch {
			case !ok || prev == nil:
				acc[k] = x
			case jsonKind(prev) == "object" && jsonKind(x) == "object":
				acc[k] = mergeShape([]interface{}{prev, x})
			case jsonKind(prev) == "array" && jsonKind(x) == "array":
				acc[k] = append(append([]interface{}{}, prev.([]interface{})...), x.([]interface{})...)
			}
		}
		out = acc
	}
	return out
}

// shapeDiff lists where have lacks the shape of want: a property of want that have has not, or a
// value of another JSON type. An array has the shape of the union of its elements (an empty
// array has any). ignored lists paths not to check.
func shapeDiff(want, have interface{}, path string, ignored map[string]string) []string {
	if _, skip := ignored[path]; skip {
		return nil
	}
	if jsonKind(want) != jsonKind(have) {
		return []string{fmt.Sprintf("%s: %s in the document, %s in the answer", path, jsonKind(want), jsonKind(have))}
	}
	if shapeOpaque[path] {
		return nil
	}
	switch w := want.(type) {
	case map[string]interface{}:
		h := have.(map[string]interface{})
		var out []string
		for k, wv := range w {
			p := strings.TrimPrefix(path+"."+k, ".")
			hv, ok := h[k]
			if !ok {
				if _, skip := ignored[p]; !skip {
					out = append(out, p+": missing")
				}
				continue
			}
			out = append(out, shapeDiff(wv, hv, p, ignored)...)
		}
		sort.Strings(out)
		return out
	case []interface{}:
		h := have.([]interface{})
		if len(w) == 0 {
			return nil
		}
		if len(h) == 0 {
			return []string{path + ": an empty array"}
		}
		return shapeDiff(mergeShape(w), mergeShape(h), path+"[]", ignored)
	}
	return nil
}
