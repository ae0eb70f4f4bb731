package secretsmanagertest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// setupPrivateCA creates a root CA, an internally signed intermediate CA and
// a template through the configuration API.
func setupPrivateCA(t *testing.T, c *rawClient, keyType string) {
	t.Helper()
	bits := 256
	if keyType == "rsa" {
		bits = 2048
	}
	root := c.must(201, "POST", "/api/v2/configurations", map[string]any{
		"config_type": "private_cert_configuration_root_ca", "name": "example-root-CA",
		"common_name": "example.com Root", "max_ttl": "43830h", "crl_expiry": "72h",
		"key_type": "ec", "key_bits": 256, "organization": []string{"Example"}})
	require.Equal(t, "configured", root["status"])
	require.Equal(t, "private_cert", root["secret_type"])
	require.EqualValues(t, 157788000, root["max_ttl_seconds"])
	require.EqualValues(t, 259200, root["crl_expiry_seconds"])
	rootData := root["data"].(map[string]any)
	rc := parsePEMCert(t, str(rootData["certificate"]))
	require.True(t, rc.IsCA)
	require.Equal(t, "example.com Root", rc.Subject.CommonName)

	inter := c.must(201, "POST", "/api/v2/configurations", map[string]any{
		"config_type": "private_cert_configuration_intermediate_ca", "name": "example-intermediate-CA",
		"common_name": "example.com Intermediate", "signing_method": "internal", "issuer": "example-root-CA",
		"max_ttl": "8760h", "key_type": "ec", "key_bits": 256})
	require.Equal(t, "configured", inter["status"])
	require.Equal(t, "example-root-CA", inter["issuer"])
	id := inter["data"].(map[string]any)
	require.Contains(t, str(id["csr"]), "CERTIFICATE REQUEST")
	ic := parsePEMCert(t, str(id["certificate"]))
	require.NoError(t, ic.CheckSignatureFrom(rc))
	require.Len(t, id["ca_chain"], 2)

	tmpl := c.must(201, "POST", "/api/v2/configurations", map[string]any{
		"config_type": "private_cert_configuration_template", "name": "example-certificate-template",
		"certificate_authority": "example-intermediate-CA", "allowed_domains": []string{"example.com"},
		"allow_subdomains": true, "allow_bare_domains": true, "max_ttl": "2160h", "ttl": "720h",
		"key_type": keyType, "key_bits": bits})
	require.Equal(t, "example-intermediate-CA", tmpl["certificate_authority"])
	require.EqualValues(t, 2592000, tmpl["ttl_seconds"])
}

func TestPrivateCertificates(t *testing.T) {
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "rsa")

	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{
		"secret_type": "private_cert", "name": "example-private-certificate",
		"certificate_template": "example-certificate-template", "common_name": "www.example.com",
		"alt_names": []string{"api.example.com"}, "ttl": "24h",
		"rotation": map[string]any{"auto_rotate": true, "interval": 1, "unit": "month"}})
	require.Equal(t, "example-intermediate-CA", s["certificate_authority"])
	require.Equal(t, "example-certificate-template", s["certificate_template"])
	require.Equal(t, "www.example.com", s["common_name"])
	require.Equal(t, "RSA2048", s["key_algorithm"])
	require.Equal(t, "example.com Intermediate", s["issuer"])
	require.NotEmpty(t, s["next_rotation_date"])
	require.Contains(t, str(s["private_key"]), "RSA PRIVATE KEY")
	chain := []string{}
	for _, v := range s["ca_chain"].([]any) {
		chain = append(chain, str(v))
	}
	require.Len(t, chain, 2)
	verifyChain(t, str(s["certificate"]), chain, "api.example.com")
	leaf := parsePEMCert(t, str(s["certificate"]))
	require.NoError(t, leaf.CheckSignatureFrom(parsePEMCert(t, str(s["issuing_ca"]))))
	require.Equal(t, colonHex(leaf.SerialNumber), s["serial_number"])
	require.Equal(t, fmtTime(leaf.NotAfter), s["expiration_date"])

	md := c.must(200, "GET", "/api/v2/secrets/"+str(s["id"])+"/metadata", nil)
	for _, k := range []string{"certificate", "private_key", "issuing_ca", "ca_chain"} {
		require.NotContains(t, md, k)
	}

	// Rotation issues a new certificate from the same CA.
	v := c.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/versions", map[string]any{})
	require.NotEqual(t, s["serial_number"], v["serial_number"])
	verifyChain(t, str(v["certificate"]), chain, "www.example.com")

	// Names outside the template's domains are refused.
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "bad",
		"certificate_template": "example-certificate-template", "common_name": "evil.org"})
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "bad",
		"certificate_template": "example-certificate-template", "common_name": "a.example.com", "ttl": "9000h"})

	// Revocation.
	a := c.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/actions", map[string]any{"action_type": "private_cert_action_revoke_certificate"})
	require.Equal(t, "private_cert_action_revoke_certificate", a["action_type"])
	require.NotZero(t, a["revocation_time_seconds"])
	va := c.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/versions/previous/actions", map[string]any{"action_type": "private_cert_action_revoke_certificate"})
	require.NotZero(t, va["revocation_time_seconds"])
	c.must(400, "POST", "/api/v2/secrets/"+str(s["id"])+"/actions", map[string]any{"action_type": "public_cert_action_validate_dns_challenge"})
	c.must(400, "POST", "/api/v2/secrets/"+str(s["id"])+"/actions", map[string]any{"action_type": "bogus"})

	// A secret created with a CSR gets no private key.
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "csr.example.com"}}, key)
	require.NoError(t, err)
	csr := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
	cs := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "from-csr",
		"certificate_template": "example-certificate-template", "csr": csr})
	require.NotContains(t, cs, "private_key")
	require.Equal(t, "csr.example.com", cs["common_name"])
	verifyChain(t, str(cs["certificate"]), chain, "csr.example.com")
}

func TestCAConfigurationActions(t *testing.T) {
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "ec")
	rootPath := "/api/v2/configurations/example-root-CA/actions"

	// Re-sign the intermediate through the root's action.
	a := c.must(201, "POST", rootPath, map[string]any{"action_type": "private_cert_configuration_action_sign_intermediate",
		"intermediate_certificate_authority": "example-intermediate-CA"})
	require.Equal(t, "example-intermediate-CA", a["intermediate_certificate_authority"])
	root := c.must(200, "GET", "/api/v2/configurations/example-root-CA", nil)
	rc := parsePEMCert(t, str(root["data"].(map[string]any)["certificate"]))

	// An externally signed intermediate: CSR -> sign_csr on the root -> set_signed.
	ext := c.must(201, "POST", "/api/v2/configurations", map[string]any{
		"config_type": "private_cert_configuration_intermediate_ca", "name": "external-CA",
		"common_name": "External Intermediate", "signing_method": "external", "key_type": "ec", "key_bits": 384})
	require.Equal(t, "signed_certificate_required", ext["status"])
	csr := str(ext["data"].(map[string]any)["csr"])
	signed := c.must(201, "POST", rootPath, map[string]any{"action_type": "private_cert_configuration_action_sign_csr",
		"csr": csr, "common_name": "External Intermediate", "ttl": "2190h", "max_path_length": 0})
	data := signed["data"].(map[string]any)
	cert := parsePEMCert(t, str(data["certificate"]))
	require.True(t, cert.IsCA)
	require.NoError(t, cert.CheckSignatureFrom(rc))
	set := c.must(201, "POST", "/api/v2/configurations/external-CA/actions", map[string]any{
		"action_type": "private_cert_configuration_action_set_signed", "certificate": data["certificate"]})
	require.Equal(t, "private_cert_configuration_action_set_signed", set["action_type"])
	got := c.must(200, "GET", "/api/v2/configurations/external-CA", nil)
	require.Equal(t, "configured", got["status"])
	require.Equal(t, "example-root-CA", got["issuer"])
	// A certificate for another key is refused.
	other, _ := selfSignedCert(t, "other")
	c.must(400, "POST", "/api/v2/configurations/external-CA/actions", map[string]any{
		"action_type": "private_cert_configuration_action_set_signed", "certificate": other})

	crl := c.must(201, "POST", "/api/v2/configurations/external-CA/actions", map[string]any{"action_type": "private_cert_configuration_action_rotate_crl"})
	require.Equal(t, true, crl["success"])
	rev := c.must(201, "POST", "/api/v2/configurations/external-CA/actions", map[string]any{"action_type": "private_cert_configuration_action_revoke_ca_certificate"})
	require.NotZero(t, rev["revocation_time_seconds"])
	require.Equal(t, "revoked", c.must(200, "GET", "/api/v2/configurations/external-CA", nil)["status"])
	c.must(400, "POST", rootPath, map[string]any{"action_type": "private_cert_configuration_action_set_signed", "certificate": other})
	c.must(400, "POST", rootPath, map[string]any{"action_type": "bogus"})
	c.must(400, "POST", rootPath, map[string]any{"action_type": "private_cert_configuration_action_sign_csr", "csr": "nope"})
	c.must(404, "POST", "/api/v2/configurations/missing/actions", map[string]any{"action_type": "private_cert_configuration_action_rotate_crl"})
}

func TestConfigurations(t *testing.T) {
	c, _ := newRaw(t)
	_, key := selfSignedCert(t, "acme")
	protos := []map[string]any{
		{"config_type": "public_cert_configuration_ca_lets_encrypt", "name": "lets-encrypt-config", "lets_encrypt_environment": "production", "lets_encrypt_private_key": key},
		{"config_type": "public_cert_configuration_dns_cloud_internet_services", "name": "cloud-internet-services-config", "cloud_internet_services_apikey": "k", "cloud_internet_services_crn": "crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"},
		{"config_type": "public_cert_configuration_dns_classic_infrastructure", "name": "classic-infrastructure-config", "classic_infrastructure_username": "u", "classic_infrastructure_password": "p"},
		{"config_type": "iam_credentials_configuration", "name": "iam-configuration", "api_key": "2epu_ykv0PMp2MhxQmDMn7VzrkSlBwi6BOI8uthi_RCS"},
	}
	for _, p := range protos {
		got := c.must(201, "POST", "/api/v2/configurations", p)
		for k, v := range p {
			require.Equal(t, v, got[k], k)
		}
		c.must(409, "POST", "/api/v2/configurations", p)
	}
	setupPrivateCA(t, c, "ec")
	for _, bad := range []map[string]any{
		{"config_type": "nope", "name": "x1"},
		{"config_type": "iam_credentials_configuration"},
		{"config_type": "public_cert_configuration_ca_lets_encrypt", "name": "le2", "lets_encrypt_environment": "moon", "lets_encrypt_private_key": key},
		{"config_type": "public_cert_configuration_ca_lets_encrypt", "name": "le2", "lets_encrypt_environment": "staging"},
		{"config_type": "private_cert_configuration_root_ca", "name": "r2", "common_name": "x", "key_type": "rsa", "key_bits": 1000},
		{"config_type": "private_cert_configuration_root_ca", "name": "r2"},
		{"config_type": "private_cert_configuration_root_ca", "name": "r2", "common_name": "x", "bogus": true},
		{"config_type": "private_cert_configuration_intermediate_ca", "name": "i2", "common_name": "x", "signing_method": "internal", "issuer": "missing"},
		{"config_type": "private_cert_configuration_template", "name": "t2", "certificate_authority": "missing"},
	} {
		c.must(400, "POST", "/api/v2/configurations", bad)
	}
	// IAM: a single configuration.
	c.must(409, "POST", "/api/v2/configurations", map[string]any{"config_type": "iam_credentials_configuration", "name": "iam-2", "api_key": "k"})

	l := c.must(200, "GET", "/api/v2/configurations?sort=name", nil)
	require.EqualValues(t, 7, l["total_count"])
	first := l["configurations"].([]any)[0].(map[string]any)
	require.Equal(t, "classic-infrastructure-config", first["name"])
	require.NotContains(t, first, "classic_infrastructure_password")
	for _, it := range l["configurations"].([]any) {
		m := it.(map[string]any)
		require.NotContains(t, m, "api_key")
		require.NotContains(t, m, "lets_encrypt_private_key")
		require.NotContains(t, m, "data")
	}
	require.EqualValues(t, 3, c.must(200, "GET", "/api/v2/configurations?search=private_cert", nil)["total_count"])
	pg := c.must(200, "GET", "/api/v2/configurations?limit=2&offset=2&sort=-config_type", nil)
	require.Len(t, pg["configurations"], 2)
	require.Contains(t, pg, "next")
	require.Contains(t, pg, "previous")
	c.must(400, "GET", "/api/v2/configurations?sort=created_at", nil)

	got := c.must(200, "GET", "/api/v2/configurations/iam-configuration", nil)
	require.Equal(t, "2epu_ykv0PMp2MhxQmDMn7VzrkSlBwi6BOI8uthi_RCS", got["api_key"])
	up := c.must(200, "PATCH", "/api/v2/configurations/iam-configuration", map[string]any{"api_key": "new-key"})
	require.Equal(t, "new-key", up["api_key"])
	c.must(400, "PATCH", "/api/v2/configurations/iam-configuration", map[string]any{"name": "x"})
	tp := c.must(200, "PATCH", "/api/v2/configurations/example-certificate-template", map[string]any{"allow_any_name": true, "ttl": "1h"},
		"X-Sm-Accept-Configuration-Type", "private_cert_configuration_template")
	require.Equal(t, true, tp["allow_any_name"])
	require.EqualValues(t, 3600, tp["ttl_seconds"])
	require.Equal(t, "example-intermediate-CA", tp["certificate_authority"])
	rp := c.must(200, "PATCH", "/api/v2/configurations/example-root-CA", map[string]any{"crl_disable": true, "max_ttl": "1000h"})
	require.Equal(t, true, rp["crl_disable"])
	c.must(404, "GET", "/api/v2/configurations/example-root-CA", nil, "X-Sm-Accept-Configuration-Type", "iam_credentials_configuration")

	// Same name, another type: the header chooses, 300 without it.
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_dns_classic_infrastructure", "name": "iam-configuration", "classic_infrastructure_username": "u", "classic_infrastructure_password": "p"})
	c.must(300, "GET", "/api/v2/configurations/iam-configuration", nil)
	c.must(200, "GET", "/api/v2/configurations/iam-configuration", nil, "X-Sm-Accept-Configuration-Type", "iam_credentials_configuration")

	// A CA used by a template cannot be deleted.
	c.must(409, "DELETE", "/api/v2/configurations/example-intermediate-CA", nil)
	c.must(204, "DELETE", "/api/v2/configurations/example-certificate-template", nil)
	c.must(204, "DELETE", "/api/v2/configurations/example-intermediate-CA", nil)
	c.must(404, "DELETE", "/api/v2/configurations/example-intermediate-CA", nil)
}

func TestPublicCertificates(t *testing.T) {
	c, srv := newRaw(t)
	_, key := selfSignedCert(t, "acme")
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_ca_lets_encrypt", "name": "lets-encrypt-config", "lets_encrypt_environment": "staging", "lets_encrypt_private_key": key})
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "public_cert_configuration_dns_cloud_internet_services", "name": "cis", "cloud_internet_services_crn": "crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"})

	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "public_cert", "name": "my-public-certificate",
		"common_name": "example.com", "alt_names": []string{"www.example.com"}, "ca": "lets-encrypt-config", "dns": "cis",
		"key_algorithm": "EC256", "rotation": map[string]any{"auto_rotate": true, "rotate_keys": false}})
	require.EqualValues(t, 0, s["state"])
	require.Equal(t, "pre_activation", s["state_description"])
	info := s["issuance_info"].(map[string]any)
	require.Equal(t, "pre_activation", info["state_description"])
	require.NotContains(t, s, "certificate")

	got := c.must(200, "GET", "/api/v2/secrets/"+str(s["id"]), nil)
	require.EqualValues(t, 1, got["state"])
	require.Equal(t, "active", got["state_description"])
	require.Equal(t, "active", got["issuance_info"].(map[string]any)["state_description"])
	require.Equal(t, "EC256", got["key_algorithm"])
	require.Equal(t, "Secrets Manager Test Public CA", got["issuer"])
	verifyChain(t, str(got["certificate"]), []string{str(got["intermediate"])}, "www.example.com")
	verifyChain(t, str(got["certificate"]), []string{srv.Handler.PublicCertificateCA()}, "example.com")

	v := c.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/versions", map[string]any{"rotation": map[string]any{"rotate_keys": false}})
	require.Equal(t, got["private_key"], v["private_key"])
	require.NotEqual(t, got["certificate"], v["certificate"])

	// Manual DNS: challenges until validated.
	m := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "public_cert", "name": "manual",
		"common_name": "example.org", "ca": "lets-encrypt-config", "dns": "manual", "key_algorithm": "EC256"})
	mp := "/api/v2/secrets/" + str(m["id"])
	pending := c.must(200, "GET", mp+"/metadata", nil)
	require.Equal(t, "pre_activation", pending["state_description"])
	ch := pending["issuance_info"].(map[string]any)["challenges"].([]any)
	require.Equal(t, "_acme-challenge.example.org", ch[0].(map[string]any)["txt_record_name"])
	c.must(400, "POST", mp+"/versions", map[string]any{})
	a := c.must(201, "POST", mp+"/actions", map[string]any{"action_type": "public_cert_action_validate_dns_challenge"})
	require.Equal(t, "public_cert_action_validate_dns_challenge", a["action_type"])
	done := c.must(200, "GET", mp, nil)
	require.Equal(t, "active", done["state_description"])
	require.True(t, strings.Contains(str(done["certificate"]), "BEGIN CERTIFICATE"))
	c.must(400, "POST", mp+"/actions", map[string]any{"action_type": "public_cert_action_validate_dns_challenge"})
}
