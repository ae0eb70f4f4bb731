package secretsmanagertest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPublicCertificateWithoutCommonName(t *testing.T) {
	c, _ := newRaw(t)
	c.letsEncryptConfig("le")
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "public_cert", "name": "nocn",
		"alt_names": []string{"www.example.com", "example.com"}, "ca": "le", "dns": "manual", "key_algorithm": "EC256"})
	require.Equal(t, "www.example.com", s["common_name"], "the first alt name")
	ch := s["issuance_info"].(map[string]any)["challenges"].([]any)
	require.Len(t, ch, 2)
	c.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/actions", map[string]any{"action_type": "public_cert_action_validate_dns_challenge"})
	got := c.must(200, "GET", "/api/v2/secrets/"+str(s["id"]), nil)
	require.Equal(t, "active", got["state_description"])
	require.Equal(t, "www.example.com", parsePEMCert(t, str(got["certificate"])).Subject.CommonName)
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "public_cert", "name": "none", "ca": "le", "dns": "manual"})
}
