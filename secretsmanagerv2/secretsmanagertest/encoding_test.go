package secretsmanagertest_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// TestGzipRequestBodies checks that the server accepts the gzip-compressed bodies the SDK sends
// with SetEnableGzipCompression(true).
func TestGzipRequestBodies(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	client.SetEnableGzipCompression(true)
	created, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		Name: core.StringPtr("zipped"), Payload: core.StringPtr("compressed payload")}))
	require.NoError(t, err)
	id := created.Common().ID
	_, _, err = client.UpdateSecretMetadata(client.NewUpdateSecretMetadataOptions(id,
		map[string]interface{}{"description": "updated through gzip"}))
	require.NoError(t, err)
	got, _, err := client.GetSecret(client.NewGetSecretOptions(id))
	require.NoError(t, err)
	require.Equal(t, "updated through gzip", got.Common().Description)
	p, err := sm.PayloadString(got)
	require.NoError(t, err)
	require.Equal(t, "compressed payload", p)
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// TestGzipRequestBodyRefusals checks what the server refuses: gzip that is not valid (400), a body
// that inflates past the 1 MiB limit (413, without inflating it all), another encoding (415); on the
// v2 and the Vault API alike.
func TestGzipRequestBodyRefusals(t *testing.T) {
	srv := secretsmanagertest.NewServer()
	t.Cleanup(srv.Close)
	send := func(path, encoding string, body []byte) (int, string) {
		req, err := http.NewRequest("POST", srv.URL+path, bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", encoding)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	bomb := gzipped(t, []byte(`{"secret_type":"arbitrary","name":"bomb","payload":"`+strings.Repeat("a", 8<<20)+`"}`))
	require.Less(t, len(bomb), 64<<10, "the bomb is small compressed")
	for _, path := range []string{"/api/v2/secrets", "/v1/auth/ibmcloud/login"} {
		for _, c := range []struct {
			encoding string
			body     []byte
			status   int
			text     string
		}{
			{"gzip", []byte("not gzip at all"), 400, "not valid gzip"},
			{"gzip", gzipped(t, []byte(`{"secret_type":"arbitrary","name"`))[:20], 400, "not valid gzip"},
			{"gzip", bomb, 413, "maximum size of 1 MiB"},
			{"br", []byte("{}"), 415, "Content-Encoding br is not supported"},
		} {
			status, text := send(path, c.encoding, c.body)
			require.Equal(t, c.status, status, "%s %s: %s", path, c.encoding, text)
			require.Contains(t, strings.ToLower(text), strings.ToLower(c.text), path)
		}
	}
	status, text := send("/v1/auth/ibmcloud/login", "gzip", gzipped(t, []byte(`{"token":"iam"}`)))
	require.Equal(t, 200, status, text)
	require.Contains(t, text, "client_token")
}
