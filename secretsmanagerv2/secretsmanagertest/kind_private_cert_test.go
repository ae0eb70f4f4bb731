package secretsmanagertest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCertificateReferencesRefused checks what the service refuses (400): a private certificate's
// other_sans that is not a list of strings of the form <oid>;UTF8:<value>, and a public certificate
// naming a CA configuration that does not exist (or is not a Let's Encrypt configuration).
func TestCertificateReferencesRefused(t *testing.T) {
	c, _ := newRaw(t)
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_root_ca",
		"name": "root", "common_name": "Root", "max_ttl": "87600h", "key_type": "ec", "key_bits": 256})
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_template",
		"name": "tmpl", "certificate_authority": "root", "allow_any_name": true, "key_type": "ec", "key_bits": 256})
	for i, other := range []any{"1.2.3.4;utf8:a", 42, map[string]any{"a": 1}, []any{1}, []any{"no-oid"}, []any{"1.2.3;bytes:x"}, []any{"x.y;utf8:z"}} {
		out := c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": fmt.Sprintf("bad-%d", i),
			"certificate_template": "tmpl", "common_name": "a.example.com", "other_sans": other})
		require.Contains(t, out["errors"].([]any)[0].(map[string]any)["message"], "other_sans", "%v", other)
	}
	c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "good",
		"certificate_template": "tmpl", "common_name": "a.example.com",
		"other_sans": []string{"1.2.3.5.4.3.201.10.4.3;utf8:test@example.com", "1.3.6.1.4.1.311.20.2.3;UTF-8:user@example.com"}})

	public := map[string]any{"secret_type": "public_cert", "name": "pc", "common_name": "example.com", "ca": "missing", "dns": "manual"}
	out := c.must(400, "POST", "/api/v2/secrets", public)
	require.Contains(t, out["errors"].([]any)[0].(map[string]any)["message"], `the CA configuration "missing" does not exist`)
	public["ca"] = "root" // a private CA is not a public certificate's CA
	c.must(400, "POST", "/api/v2/secrets", public)
	c.letsEncryptConfig("le")
	public["ca"] = "le"
	c.must(201, "POST", "/api/v2/secrets", public)
}
