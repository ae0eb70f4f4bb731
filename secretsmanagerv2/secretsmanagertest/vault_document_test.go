package secretsmanagertest

import (
	"encoding/pem"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVaultPrivateCertRotationUpTo3Years checks the private certificate rotation of the Vault API
// document: 1 day to 3 years (1095 days, 36 months), on creation, metadata update and policies;
// the v2 API keeps its own 24 months.
func TestVaultPrivateCertRotationUpTo3Years(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	v2 := &rawClient{t: t, base: c.base, hc: c.hc}
	v2.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_root_ca",
		"name": "root", "common_name": "Root", "max_ttl": "87600h", "key_type": "ec", "key_bits": 256})
	v2.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_template",
		"name": "tmpl", "certificate_authority": "root", "allow_any_name": true, "key_type": "ec", "key_bits": 256})
	create := func(name string, interval int, unit string) (int, map[string]any) {
		return c.do("POST", "/v1/ibmcloud/private_cert/secrets", map[string]any{"name": name, "certificate_template": "tmpl",
			"common_name": name + ".example.com", "rotation": map[string]any{"auto_rotate": true, "interval": interval, "unit": unit}})
	}
	for i, ok := range []struct {
		interval int
		unit     string
	}{{1095, "day"}, {36, "month"}, {1, "day"}, {800, "day"}} {
		st, out := create(fmt.Sprintf("ok-%d", i), ok.interval, ok.unit)
		require.Equal(t, 200, st, "%v: %v", ok, out)
	}
	for i, bad := range []struct {
		interval int
		unit     string
	}{{1096, "day"}, {37, "month"}, {0, "day"}} {
		st, out := create(fmt.Sprintf("bad-%d", i), bad.interval, bad.unit)
		require.Equal(t, 400, st, "%v: %v", bad, out)
	}

	// Metadata updates and policies through the Vault API allow the same.
	c.must(200, "PUT", "/v1/ibmcloud/private_cert/secrets/ok-2/metadata", map[string]any{
		"rotation": map[string]any{"auto_rotate": true, "interval": 1095, "unit": "day"}})
	c.fails(400, "PUT", "/v1/ibmcloud/private_cert/secrets/ok-2/metadata", map[string]any{
		"rotation": map[string]any{"auto_rotate": true, "interval": 1096, "unit": "day"}})
	id := c.must(200, "GET", "/v1/ibmcloud/private_cert/secrets/ok-2/metadata", nil)["id"].(string)
	c.must(200, "PUT", "/v1/ibmcloud/private_cert/secrets/"+id+"/policies", map[string]any{
		"policies": []any{map[string]any{"rotation": map[string]any{"interval": 1095, "unit": "day"}}}})

	// The v2 API: 24 months.
	v2.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "v2-long",
		"certificate_template": "tmpl", "common_name": "v2.example.com",
		"rotation": map[string]any{"auto_rotate": true, "interval": 1095, "unit": "day"}})
	v2.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "v2-ok",
		"certificate_template": "tmpl", "common_name": "v2.example.com",
		"rotation": map[string]any{"auto_rotate": true, "interval": 24, "unit": "month"}})
}

// TestVaultPublicCertBundle checks bundle_certs: true (the default) gives the certificate with its
// intermediate, false the certificate alone.
func TestVaultPublicCertBundle(t *testing.T) {
	c, h := newVaultRaw(t)
	c.login("iam")
	v2 := &rawClient{t: t, base: c.base, hc: c.hc}
	v2.letsEncryptConfig("le")
	v2.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_dns_cloud_internet_services",
		"name": "cis", "cloud_internet_services_crn": "crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"})
	certs := func(text string) int { return strings.Count(text, "-----BEGIN CERTIFICATE-----") }
	for _, c2 := range []struct {
		name   string
		bundle any
		want   int
	}{{"default", nil, 2}, {"bundled", true, 2}, {"alone", false, 1}} {
		body := map[string]any{"name": c2.name, "ca": "le", "dns": "cis", "common_name": c2.name + ".example.com", "key_algorithm": "EC256"}
		if c2.bundle != nil {
			body["bundle_certs"] = c2.bundle
		}
		c.must(200, "POST", "/v1/ibmcloud/public_cert/secrets", body)
		got := c.must(200, "GET", "/v1/ibmcloud/public_cert/secrets/"+c2.name, nil)
		sd := got["secret_data"].(map[string]any)
		cert := sd["certificate"].(string)
		require.Equal(t, c2.want, certs(cert), c2.name)
		block, rest := pem.Decode([]byte(cert))
		require.NotNil(t, block)
		require.Equal(t, c2.name+".example.com", parsePEMCert(t, string(pem.EncodeToMemory(block))).Subject.CommonName, "the leaf first")
		if c2.want == 2 {
			require.Equal(t, strings.TrimSpace(h.PublicCertificateCA()), strings.TrimSpace(string(rest)), "then its intermediate")
		}
		require.Equal(t, 1, certs(sd["intermediate"].(string)))
		require.Equal(t, c2.bundle != false, got["bundle_certs"], c2.name)
	}
}

// TestVaultKVPayloadLimit checks the 512 KB limit of a kv payload, on creation and rotation.
func TestVaultKVPayloadLimit(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	payload := func(n int) map[string]any { return map[string]any{"blob": strings.Repeat("x", n)} }
	const overhead = len(`{"blob":""}`)
	c.must(200, "POST", "/v1/ibmcloud/kv/secrets", map[string]any{"name": "at-limit", "payload": payload(512<<10 - overhead)})
	msg := c.fails(400, "POST", "/v1/ibmcloud/kv/secrets", map[string]any{"name": "over", "payload": payload(512<<10 - overhead + 1)})
	require.Contains(t, msg, "512 KB")
	msg = c.fails(400, "POST", "/v1/ibmcloud/kv/secrets", map[string]any{"name": "600k", "payload": payload(600 << 10)})
	require.Contains(t, msg, "512 KB")
	c.fails(400, "POST", "/v1/ibmcloud/kv/secrets/at-limit/rotate", map[string]any{"payload": payload(600 << 10)})
	c.must(200, "POST", "/v1/ibmcloud/kv/secrets/at-limit/rotate", map[string]any{"payload": payload(10)})
}

// TestVaultUpdateGroupNeedsName checks that updating a secret group through the Vault API requires
// its name, as the document says.
func TestVaultUpdateGroupNeedsName(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	g := c.must(200, "POST", "/v1/auth/ibmcloud/manage/groups", map[string]any{"name": "team", "description": "d"})
	path := "/v1/auth/ibmcloud/manage/groups/" + g["id"].(string)
	require.Contains(t, c.fails(400, "PUT", path, map[string]any{"description": "no name"}), "name")
	require.Contains(t, c.fails(400, "PUT", path, nil), "name")
	got := c.must(200, "GET", path, nil)
	require.Equal(t, "d", got["description"], "a refused update changes nothing")
	up := c.must(200, "PUT", path, map[string]any{"name": "team-2", "description": "renamed"})
	require.Equal(t, "team-2", up["name"])
}
