package secretsmanagerv2

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

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
