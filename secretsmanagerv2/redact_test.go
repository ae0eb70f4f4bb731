package secretsmanagerv2

// Tests of the redaction of redact.go and slog.go: every key marked secret or sensitive in
// models.api is hidden from a logged body, headers are masked, and RedactedJSON prints a model
// without its secrets. The debug log of real calls is tested in redact_embedded_test.go.

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSensitiveFieldsAreRedacted reads models.api and checks that every field it marks secret, and
// every key it lists as sensitive, is redacted from a logged body: marking a field is all it takes.
func TestSensitiveFieldsAreRedacted(t *testing.T) {
	f, err := os.Open("../internal/apidef/models.api")
	require.NoError(t, err)
	defer f.Close()
	keys := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		w := strings.Fields(line)
		switch {
		case len(w) > 2 && strings.HasPrefix(sc.Text(), "  ") && contains(w[2:], "secret"):
			keys[w[0]] = true
		case len(w) > 1 && w[0] == "sensitive":
			for _, k := range w[1:] {
				keys[k] = true
			}
		}
	}
	require.NoError(t, sc.Err())
	require.True(t, keys["credentials_content"] && keys["payload"] && keys["token"])
	for k := range keys {
		body, err := json.Marshal(map[string]interface{}{"outer": map[string]interface{}{k: "s3cr3t-value"}, "name": "visible"})
		require.NoError(t, err)
		shown := redactBody(body)
		require.NotContains(t, shown, "s3cr3t-value", k)
		require.Contains(t, shown, "visible")
	}
	require.Len(t, sensitiveKeys, len(keys), "sensitiveKeys is generated from exactly these keys")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestRedactBody(t *testing.T) {
	in := `{"name":"n","payload":"p1","data":{"k":"v"},"nested":[{"private_key":"pk","certificate":"c"}],"credentials":{"apikey":"a"}}`
	out := redactBody([]byte(in))
	for _, v := range []string{"p1", `"v"`, "pk", `"a"`} {
		require.NotContains(t, out, v)
	}
	require.Contains(t, out, `"certificate":"c"`)
	require.Contains(t, out, `"name":"n"`)
	require.NotContains(t, redactBody([]byte("password=hunter2")), "hunter2")
	h := http.Header{"Authorization": {"Bearer tok"}, "X-Other": {"ok"}}
	require.NotContains(t, formatHeaders(h), "tok")
	require.Contains(t, formatHeaders(h), "ok")
}

func TestRedactedJSON(t *testing.T) {
	cases := []struct {
		name    string
		json    string
		decode  func([]byte) (interface{}, error)
		hidden  []string
		visible []string
	}{
		{"kv secret", `{"secret_type":"kv","id":"k","name":"cfg","data":{"password":"kv-SECRET","host":"h-SECRET"}}`,
			func(b []byte) (interface{}, error) { return decodeSecretIntf(b) }, []string{"kv-SECRET", "h-SECRET"}, []string{`"name": "cfg"`, `"data": "[redacted]"`}},
		{"service credentials", `{"secret_type":"service_credentials","id":"s","credentials":{"apikey":"svc-SECRET"},"ttl":"86400"}`,
			func(b []byte) (interface{}, error) { return decodeSecretIntf(b) }, []string{"svc-SECRET"}, []string{`"ttl": "86400"`}},
		{"root CA", `{"config_type":"private_cert_configuration_root_ca","name":"root","secret_type":"private_cert","data":{"certificate":"CERT-PUBLIC","private_key":"KEY-SECRET","expiration":1686689494123}}`,
			func(b []byte) (interface{}, error) { return decodeConfigurationIntf(b) }, []string{"KEY-SECRET"},
			[]string{`"certificate": "CERT-PUBLIC"`, `"private_key": "[redacted]"`, `"expiration": 1686689494123`}},
		{"version", `{"secret_type":"username_password","id":"v","secret_id":"s","username":"alice","password":"pw-SECRET"}`,
			func(b []byte) (interface{}, error) { return decodeSecretVersionIntf(b) }, []string{"pw-SECRET"}, []string{`"username": "alice"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.decode([]byte(c.json))
			require.NoError(t, err)
			out := RedactedJSON(v)
			for _, h := range c.hidden {
				require.NotContains(t, out, h)
			}
			for _, s := range c.visible {
				require.Contains(t, out, s)
			}
			require.True(t, strings.HasPrefix(out, "{\n  \""), "indented JSON: %s", out)
		})
	}
	list := RedactedJSON([]interface{}{map[string]interface{}{"payload": "p-SECRET"}})
	require.NotContains(t, list, "p-SECRET")
	require.Equal(t, "<chan int not shown: json: unsupported type: chan int>", RedactedJSON(make(chan int)))
}
