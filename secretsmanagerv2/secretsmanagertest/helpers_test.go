package secretsmanagertest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rawClient sends raw HTTP requests to a test server.
type rawClient struct {
	t     *testing.T
	base  string
	token string
	hc    *http.Client
}

// handlerTransport sends requests straight to a handler, without a network
// connection, so that a client can run inside a testing/synctest bubble.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// newInProcess returns a raw client of a new handler that serves requests
// in-process (usable inside synctest.Test, where time is fake).
func newInProcess(t *testing.T, opts ...Option) (*rawClient, *Handler) {
	t.Helper()
	h := NewHandler(opts...)
	return &rawClient{t: t, base: "http://sm.test", hc: &http.Client{Transport: handlerTransport{h}}}, h
}

func newRaw(t *testing.T, opts ...Option) (*rawClient, *Server) {
	t.Helper()
	srv := NewServer(opts...)
	t.Cleanup(srv.Close)
	return &rawClient{t: t, base: srv.URL, hc: srv.Client()}, srv
}

// do sends a request; body may be nil, a string (sent as is) or a value
// encoded as JSON. It returns the status and the decoded JSON object body.
func (c *rawClient) do(method, path string, body any, headers ...string) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(c.t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	require.NoError(c.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.hc.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	if resp.StatusCode == http.StatusNoContent {
		require.Empty(c.t, raw, "204 must have no body")
		return resp.StatusCode, nil
	}
	var out map[string]any
	require.NoError(c.t, json.Unmarshal(raw, &out), "body: %s", raw)
	if resp.StatusCode >= 300 {
		requireErrorBody(c.t, resp.StatusCode, out)
	}
	return resp.StatusCode, out
}

// must sends a request and requires the given status.
func (c *rawClient) must(status int, method, path string, body any, headers ...string) map[string]any {
	c.t.Helper()
	got, out := c.do(method, path, body, headers...)
	require.Equal(c.t, status, got, "%s %s: %v", method, path, out)
	return out
}

func requireErrorBody(t *testing.T, status int, out map[string]any) {
	t.Helper()
	require.EqualValues(t, status, out["status_code"])
	require.Regexp(t, reUUID, out["trace"])
	errs, ok := out["errors"].([]any)
	require.True(t, ok, "errors array: %v", out)
	require.Len(t, errs, 1)
	e := errs[0].(map[string]any)
	require.NotEmpty(t, e["code"])
	require.NotEmpty(t, e["message"])
	require.Equal(t, moreInfo, e["more_info"])
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// selfSignedCert returns a PEM certificate and key for tests.
func selfSignedCert(t testing.TB, cn string, dns ...string) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(0x03e2c6e40b7d),
		Subject:      pkix.Name{CommonName: cn},
		Issuer:       pkix.Name{CommonName: cn},
		DNSNames:     append([]string{cn}, dns...),
		NotBefore:    time.Now().Add(-time.Hour).UTC().Truncate(time.Second),
		NotAfter:     time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	kder, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}))
}

func parsePEMCert(t *testing.T, s string) *x509.Certificate {
	t.Helper()
	blk, _ := pem.Decode([]byte(s))
	require.NotNil(t, blk, "PEM: %q", s)
	c, err := x509.ParseCertificate(blk.Bytes)
	require.NoError(t, err)
	return c
}

// verifyChain verifies a leaf certificate against its ca_chain, whose last
// element is the root.
func verifyChain(t *testing.T, leafPEM string, chain []string, dnsName string) {
	t.Helper()
	require.NotEmpty(t, chain)
	roots, inter := x509.NewCertPool(), x509.NewCertPool()
	for i, c := range chain {
		if i == len(chain)-1 {
			roots.AddCert(parsePEMCert(t, c))
		} else {
			inter.AddCert(parsePEMCert(t, c))
		}
	}
	leaf := parsePEMCert(t, leafPEM)
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: dnsName,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	require.NoError(t, err)
}

// dataKeys are, per secret type, the fields that hold secret data: they are
// returned by the secret and version reads, never by metadata reads.
var dataKeys = map[string][]string{
	"arbitrary":           {"payload"},
	"kv":                  {"data"},
	"username_password":   {"username", "password"},
	"imported_cert":       {"certificate", "intermediate", "private_key"},
	"private_cert":        {"certificate", "private_key", "issuing_ca", "ca_chain"},
	"public_cert":         {"certificate", "intermediate", "private_key"},
	"iam_credentials":     {"api_key"},
	"service_credentials": {"credentials"},
}

// letsEncryptConfig creates a Let's Encrypt CA configuration named name, for public certificates
// to name in their "ca".
func (c *rawClient) letsEncryptConfig(name string) {
	c.t.Helper()
	_, key := selfSignedCert(c.t, "acme-"+name)
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_ca_lets_encrypt",
		"name": name, "lets_encrypt_environment": "staging", "lets_encrypt_private_key": key})
}

// withKeyGen replaces the key generator of a handler (tests only).
func withKeyGen(gen func(keyType string, bits int64) (crypto.Signer, error)) Option {
	return func(c *config) { c.keyGen = gen }
}
