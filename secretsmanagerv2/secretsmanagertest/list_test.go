package secretsmanagertest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// countingKeys makes the handler's keys through a counter: RSA keys are one key made once (the
// count, not the key, is what the tests look at), the others are made as usual.
func countingKeys(t testing.TB, h *Handler) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	rsaKey := sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })
	h.cfg.keyGen = func(typ string, bits int64) (crypto.Signer, error) {
		if typ != "rsa" {
			return generateKey(typ, bits)
		}
		n.Add(1)
		return rsaKey()
	}
	return &n
}

// orderPublicCerts makes the configurations of public certificates and n pending orders (RSA
// keys by default) through h, and returns the ID of the first.
func orderPublicCerts(t testing.TB, h *Handler, n int) string {
	t.Helper()
	_, key := selfSignedCert(t, "acme")
	serve := func(method, path, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
		return rec
	}
	for _, body := range []string{
		fmt.Sprintf(`{"config_type":"public_cert_configuration_ca_lets_encrypt","name":"le","lets_encrypt_environment":"staging","lets_encrypt_private_key":%q}`, key),
		`{"config_type":"public_cert_configuration_dns_cloud_internet_services","name":"cis","cloud_internet_services_crn":"crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"}`,
	} {
		rec := serve("POST", "/api/v2/configurations", body)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	}
	first := ""
	for i := range n {
		rec := serve("POST", "/api/v2/secrets", fmt.Sprintf(
			`{"secret_type":"public_cert","name":"order-%d","common_name":"o%d.example.com","ca":"le","dns":"cis"}`, i, i))
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		if i == 0 {
			first = rec.Body.String()
			first = first[strings.Index(first, `"id":"`)+6:]
			first = first[:strings.IndexByte(first, '"')]
		}
	}
	return first
}

// TestListCostsWhatItReturns checks that listing does not bring every matching secret up to date
// before paging, and that a list issues no pending public certificate: ListSecrets(limit=1) after
// 2,000 pending orders makes no key (it made one RSA key per order), nor does the Vault list; a
// read of the order issues it, with one key.
func TestListCostsWhatItReturns(t *testing.T) {
	h := NewHandler()
	keys := countingKeys(t, h)
	id := orderPublicCerts(t, h, 2000)
	require.Zero(t, keys.Load(), "ordering makes no key")

	c := &rawClient{t: t, base: "http://sm.test", hc: &http.Client{Transport: handlerTransport{h}}}
	out := c.must(200, "GET", "/api/v2/secrets?limit=1&sort=name", nil)
	require.EqualValues(t, 2000, out["total_count"])
	items := out["secrets"].([]any)
	require.Len(t, items, 1)
	require.Equal(t, "pre_activation", items[0].(map[string]any)["state_description"], "a list shows the order as it is")
	require.Zero(t, keys.Load(), "ListSecrets(limit=1) made keys")

	v := &vaultRaw{t: t, base: c.base, hc: c.hc}
	v.login("iam-token")
	listed := v.must(200, "GET", "/v1/ibmcloud/public_cert/secrets", nil)
	require.Len(t, listed["secrets"], 2000)
	require.Zero(t, keys.Load(), "the Vault list made keys")

	got := c.must(200, "GET", "/api/v2/secrets/"+id+"/metadata", nil)
	require.Equal(t, "active", got["state_description"], "a read issues the order")
	require.EqualValues(t, 1, keys.Load())
	out = c.must(200, "GET", "/api/v2/secrets?limit=1&sort=name", nil)
	require.Equal(t, "active", out["secrets"].([]any)[0].(map[string]any)["state_description"])
	require.EqualValues(t, 1, keys.Load())
}

// BenchmarkListOneAfterPendingOrders measures ListSecrets(limit=1) with 2,000 pending public
// certificate orders in the instance (real RSA keys).
func BenchmarkListOneAfterPendingOrders(b *testing.B) {
	h := NewHandler()
	orderPublicCerts(b, h, 2000)
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v2/secrets?limit=1", nil))
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Body.String())
		}
	}
}
