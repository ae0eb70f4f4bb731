package secretsmanagertest

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPublicCertIssuanceDelay checks WithPublicCertIssuanceDelay on a fake
// clock: the order stays pending until the delay has passed.
func TestPublicCertIssuanceDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newInProcess(t, WithPublicCertIssuanceDelay(time.Hour))
		_, key := selfSignedCert(t, "acme")
		c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_ca_lets_encrypt",
			"name": "le", "lets_encrypt_environment": "staging", "lets_encrypt_private_key": key})
		c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_dns_cloud_internet_services",
			"name": "cis", "cloud_internet_services_crn": "crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"})
		s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "public_cert", "name": "delayed",
			"common_name": "example.com", "ca": "le", "dns": "cis", "key_algorithm": "EC256"})
		p := "/api/v2/secrets/" + str(s["id"])
		require.Equal(t, "pre_activation", c.must(200, "GET", p, nil)["state_description"])
		time.Sleep(59 * time.Minute)
		got := c.must(200, "GET", p, nil)
		require.Equal(t, "pre_activation", got["state_description"])
		require.NotContains(t, got, "certificate")
		time.Sleep(time.Minute)
		got = c.must(200, "GET", p, nil)
		require.Equal(t, "active", got["state_description"])
		require.Contains(t, str(got["certificate"]), "BEGIN CERTIFICATE")
		require.Equal(t, "active", got["issuance_info"].(map[string]any)["state_description"])
	})
}
