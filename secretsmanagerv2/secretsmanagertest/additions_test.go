package secretsmanagertest

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Tests of what the API gained up to the official SDK v2.0.22, other than
// custom credentials.

func TestRotateIntermediateCA(t *testing.T) {
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "ec")
	path := "/api/v2/configurations/example-intermediate-CA/actions"
	before := c.must(200, "GET", "/api/v2/configurations/example-intermediate-CA", nil)
	root := parsePEMCert(t, str(c.must(200, "GET", "/api/v2/configurations/example-root-CA", nil)["data"].(map[string]any)["certificate"]))
	leaf := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "before",
		"certificate_template": "example-certificate-template", "common_name": "a.example.com"})

	a := c.must(201, "POST", path, map[string]any{"action_type": "private_cert_configuration_action_rotate_intermediate"},
		"X-Sm-Accept-Configuration-Type", "private_cert_configuration_intermediate_ca")
	require.Equal(t, "private_cert_configuration_action_rotate_intermediate", a["action_type"])
	require.Equal(t, "example-intermediate-CA", a["name"])
	cfg := a["config"].(map[string]any)
	require.Equal(t, "example.com Intermediate", cfg["common_name"])
	require.EqualValues(t, 8760*3600, cfg["ttl"])
	require.Equal(t, "pem", cfg["format"])
	data := cfg["data"].(map[string]any)
	newCA := parsePEMCert(t, str(data["certificate"]))
	require.True(t, newCA.IsCA)
	require.NoError(t, newCA.CheckSignatureFrom(root))
	require.Len(t, data["ca_chain"], 2)
	require.EqualValues(t, newCA.NotAfter.Unix(), data["expiration"])
	oldCA := parsePEMCert(t, str(before["data"].(map[string]any)["certificate"]))
	require.NotEqual(t, oldCA.SerialNumber, newCA.SerialNumber)
	require.False(t, publicKeysEqual(oldCA.PublicKey, newCA.PublicKey), "a new key")
	after := c.must(200, "GET", "/api/v2/configurations/example-intermediate-CA", nil)
	require.Equal(t, "configured", after["status"])
	require.Equal(t, data["certificate"], after["data"].(map[string]any)["certificate"])

	// Earlier leaves stay valid with their chain; new ones are signed by the new certificate.
	var oldChain []string
	for _, v := range leaf["ca_chain"].([]any) {
		oldChain = append(oldChain, str(v))
	}
	verifyChain(t, str(leaf["certificate"]), oldChain, "a.example.com")
	next := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "after",
		"certificate_template": "example-certificate-template", "common_name": "b.example.com"})
	require.NoError(t, parsePEMCert(t, str(next["certificate"])).CheckSignatureFrom(newCA))
	require.Equal(t, data["certificate"], next["issuing_ca"])

	// Only internally signed, active intermediates that sign no other intermediate.
	c.must(400, "POST", "/api/v2/configurations/example-root-CA/actions", map[string]any{"action_type": "private_cert_configuration_action_rotate_intermediate"})
	c.must(400, "POST", "/api/v2/configurations/example-certificate-template/actions", map[string]any{"action_type": "private_cert_configuration_action_rotate_intermediate"})
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_intermediate_ca",
		"name": "external", "common_name": "Ext", "signing_method": "external", "key_type": "ec", "key_bits": 256})
	c.must(400, "POST", "/api/v2/configurations/external/actions", map[string]any{"action_type": "private_cert_configuration_action_rotate_intermediate"})
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_intermediate_ca",
		"name": "sub", "common_name": "Sub", "signing_method": "internal", "issuer": "example-intermediate-CA", "key_type": "ec", "key_bits": 256})
	c.must(400, "POST", path, map[string]any{"action_type": "private_cert_configuration_action_rotate_intermediate"})
	c.must(201, "POST", "/api/v2/configurations/sub/actions", map[string]any{"action_type": "private_cert_configuration_action_revoke_ca_certificate"})
	c.must(400, "POST", "/api/v2/configurations/sub/actions", map[string]any{"action_type": "private_cert_configuration_action_rotate_intermediate"})
}

func TestCryptoKeyAndReferencedBy(t *testing.T) {
	c, _ := newRaw(t)
	pin := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "hsm-pin",
		"ttl": "1d", "service_id": "ServiceId-1", "reuse_api_key": true})
	require.Equal(t, []any{}, pin["referenced_by"])
	ck := map[string]any{"label": "root-ca-key", "allow_generate_key": true, "provider": map[string]any{
		"type":                          "hyper_protect_crypto_services",
		"instance_crn":                  "crn:v1:bluemix:public:hs-crypto:eu-de:a/4f0d1c2b3a4958677d6e5f4a3b2c1d0e:d2c7a915-48e3-4b0f-9a6c-1e5b3f8d7024::",
		"pin_iam_credentials_secret_id": pin["id"],
		"private_keystore_id":           "f04b6d2e-93a1-4c57-8e0f-2ab9c6d1e735"}}
	root := c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "private_cert_configuration_root_ca",
		"name": "hsm-root", "common_name": "HSM Root", "key_type": "ec", "key_bits": 256, "crypto_key": ck})
	require.Equal(t, ck, root["crypto_key"])
	require.Equal(t, "configured", root["status"])
	require.Equal(t, ck, c.must(200, "GET", "/api/v2/configurations/hsm-root", nil)["crypto_key"])
	require.Equal(t, ck, c.must(200, "GET", "/api/v2/configurations", nil)["configurations"].([]any)[0].(map[string]any)["crypto_key"])
	require.Equal(t, []any{"hsm-root"}, c.must(200, "GET", "/api/v2/secrets/"+str(pin["id"]), nil)["referenced_by"])
	require.Equal(t, []any{"hsm-root"}, c.must(200, "GET", "/api/v2/secrets", nil)["secrets"].([]any)[0].(map[string]any)["referenced_by"])
	c.must(400, "PATCH", "/api/v2/configurations/hsm-root", map[string]any{"crypto_key": ck})

	bad := func(mod func(m map[string]any)) map[string]any {
		k := map[string]any{"id": "k1", "provider": map[string]any{"type": "hyper_protect_crypto_services",
			"instance_crn": ck["provider"].(map[string]any)["instance_crn"], "pin_iam_credentials_secret_id": newUUID(),
			"private_keystore_id": "ks"}}
		mod(k)
		return map[string]any{"config_type": "private_cert_configuration_root_ca", "name": "r2", "common_name": "R",
			"key_type": "ec", "key_bits": 256, "crypto_key": k}
	}
	for name, body := range map[string]map[string]any{
		"no id or label": bad(func(m map[string]any) { delete(m, "id") }),
		"no provider":    bad(func(m map[string]any) { delete(m, "provider") }),
		"provider type":  bad(func(m map[string]any) { m["provider"].(map[string]any)["type"] = "aws" }),
		"instance crn":   bad(func(m map[string]any) { m["provider"].(map[string]any)["instance_crn"] = "x" }),
		"pin secret":     bad(func(m map[string]any) { m["provider"].(map[string]any)["pin_iam_credentials_secret_id"] = "x" }),
		"keystore":       bad(func(m map[string]any) { delete(m["provider"].(map[string]any), "private_keystore_id") }),
		"not an object":  {"config_type": "private_cert_configuration_root_ca", "name": "r2", "common_name": "R", "crypto_key": "k"},
	} {
		t.Run(name, func(t *testing.T) { c.must(400, "POST", "/api/v2/configurations", body) })
	}
	inter := c.must(201, "POST", "/api/v2/configurations", bad(func(m map[string]any) {
		m["provider"].(map[string]any)["pin_iam_credentials_secret_id"] = pin["id"]
	}))
	require.Equal(t, "configured", inter["status"])
	require.Equal(t, []any{"hsm-root", "r2"}, c.must(200, "GET", "/api/v2/secrets/"+str(pin["id"])+"/metadata", nil)["referenced_by"])
	// A referenced secret can still be deleted.
	c.must(204, "DELETE", "/api/v2/secrets/"+str(pin["id"]), nil)
}

func TestManagedCSR(t *testing.T) {
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "ec")
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "imported_cert", "name": "shop",
		"managed_csr": map[string]any{"common_name": "shop.example.com", "alt_names": "www.shop.example.com,api.shop.example.com",
			"organization": []string{"Example Retail"}, "country": []string{"DE"}, "key_type": "ec", "key_bits": 384,
			"ext_key_usage": "ServerAuth", "user_ids": "u1", "ip_sans": "10.0.0.1"},
		"version_custom_metadata": map[string]any{"order": "1"}})
	id := str(s["id"])
	sp := "/api/v2/secrets/" + id
	require.Equal(t, "pre_activation", s["state_description"])
	require.EqualValues(t, 0, s["versions_total"])
	require.NotContains(t, s, "certificate")
	mc := s["managed_csr"].(map[string]any)
	require.Equal(t, s["csr"], mc["csr"])
	require.Equal(t, "ec", mc["key_type"])
	require.EqualValues(t, 384, mc["key_bits"])
	require.Equal(t, true, mc["require_cn"])
	require.Equal(t, true, mc["server_flag"])
	require.Equal(t, false, mc["client_flag"])
	require.Equal(t, []any{"DE"}, mc["country"])
	require.Equal(t, []any{}, mc["ou"])
	require.Equal(t, "ServerAuth", mc["ext_key_usage"])
	require.Contains(t, str(mc["private_key"]), "EC PRIVATE KEY")
	blk, _ := pem.Decode([]byte(str(s["csr"])))
	require.NotNil(t, blk)
	csr, err := x509.ParseCertificateRequest(blk.Bytes)
	require.NoError(t, err)
	require.NoError(t, csr.CheckSignature())
	require.Equal(t, "shop.example.com", csr.Subject.CommonName)
	require.Equal(t, []string{"Example Retail"}, csr.Subject.Organization)
	require.Equal(t, []string{"shop.example.com", "www.shop.example.com", "api.shop.example.com"}, csr.DNSNames)
	require.Equal(t, "10.0.0.1", csr.IPAddresses[0].String())
	require.Equal(t, 384, csr.PublicKey.(*ecdsa.PublicKey).Curve.Params().BitSize)
	md := c.must(200, "GET", sp+"/metadata", nil)
	require.NotContains(t, md, "csr")
	require.NotContains(t, md["managed_csr"], "private_key")
	require.Equal(t, s["csr"], md["managed_csr"].(map[string]any)["csr"])

	// Sign the CSR with the test CA and import the certificate as a new version.
	sign := func(csrPEM string) string {
		out := c.must(201, "POST", "/api/v2/configurations/example-intermediate-CA/actions", map[string]any{
			"action_type": "private_cert_configuration_action_sign_csr", "csr": csrPEM, "use_csr_values": true, "ttl": "720h"})
		return str(out["data"].(map[string]any)["certificate"])
	}
	cert := sign(str(s["csr"]))
	c.must(400, "POST", sp+"/versions", map[string]any{"certificate": cert, "private_key": str(mc["private_key"])})
	other, _ := selfSignedCert(t, "shop.example.com")
	c.must(400, "POST", sp+"/versions", map[string]any{"certificate": other})
	v := c.must(201, "POST", sp+"/versions", map[string]any{"certificate": cert})
	require.Equal(t, "current", v["alias"])
	require.Equal(t, s["csr"], v["csr"])
	require.Equal(t, mc["private_key"], v["private_key"])
	require.Equal(t, map[string]any{"order": "1"}, v["version_custom_metadata"])
	got := c.must(200, "GET", sp, nil)
	require.Equal(t, "active", got["state_description"])
	require.Equal(t, true, got["private_key_included"])
	require.Equal(t, "shop.example.com", got["common_name"])
	require.Equal(t, cert, got["certificate"])

	// Updates merge into the settings and make a new CSR; at least one name must stay.
	up := c.must(200, "PATCH", sp+"/metadata", map[string]any{"managed_csr": map[string]any{"alt_names": "www.shop.example.com,new.shop.example.com"}})
	nmc := up["managed_csr"].(map[string]any)
	require.NotEqual(t, mc["csr"], nmc["csr"])
	require.Equal(t, "shop.example.com", nmc["common_name"])
	require.Equal(t, []any{"Example Retail"}, nmc["organization"])
	blk, _ = pem.Decode([]byte(str(nmc["csr"])))
	csr2, err := x509.ParseCertificateRequest(blk.Bytes)
	require.NoError(t, err)
	require.Equal(t, []string{"shop.example.com", "www.shop.example.com", "new.shop.example.com"}, csr2.DNSNames)
	require.True(t, publicKeysEqual(csr.PublicKey, csr2.PublicKey), "same key without rotate_keys")
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"managed_csr": map[string]any{"common_name": "other.org", "alt_names": "x.org"}})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"managed_csr": map[string]any{"key_type": "dsa"}})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"managed_csr": map[string]any{"key_bits": 1024}})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"managed_csr": nil})
	rk := c.must(200, "PATCH", sp+"/metadata", map[string]any{"managed_csr": map[string]any{"rotate_keys": true, "key_type": "ed25519"}})
	require.Equal(t, "ed25519", rk["managed_csr"].(map[string]any)["key_type"])
	full := c.must(200, "GET", sp, nil)
	require.NotEqual(t, mc["private_key"], full["managed_csr"].(map[string]any)["private_key"])
	// The old certificate does not fit the new key; one signed for the new CSR does.
	c.must(400, "POST", sp+"/versions", map[string]any{"certificate": cert})
	require.Equal(t, full["managed_csr"].(map[string]any)["csr"], full["csr"], "the secret's csr is the current one")
	require.Equal(t, v["csr"], c.must(200, "GET", sp+"/versions/current", nil)["csr"], "the version's csr is the one it was issued for")
	v2 := c.must(201, "POST", sp+"/versions", map[string]any{"certificate": sign(str(full["csr"]))})
	require.Equal(t, full["csr"], v2["csr"])
	require.Equal(t, "ED25519", c.must(200, "GET", sp+"/metadata", nil)["key_algorithm"])

	// Rules of creation and of plain imported certificates.
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "imported_cert", "name": "both", "certificate": cert,
		"managed_csr": map[string]any{"common_name": "x.example.com"}})
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "imported_cert", "name": "nocn", "managed_csr": map[string]any{}})
	nocn := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "imported_cert", "name": "nocn",
		"managed_csr": map[string]any{"require_cn": false, "alt_names": "x.example.com", "key_type": "ec"}})
	require.NotContains(t, nocn["managed_csr"], "common_name")
	pc, pk := selfSignedCert(t, "plain.example.com")
	plain := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "imported_cert", "name": "plain", "certificate": pc, "private_key": pk})
	require.NotContains(t, plain, "managed_csr")
	require.NotContains(t, plain, "csr")
	c.must(400, "PATCH", "/api/v2/secrets/"+str(plain["id"])+"/metadata", map[string]any{"managed_csr": map[string]any{"common_name": "x"}})
}

func TestRetrievedAtAndVersionExpiration(t *testing.T) {
	c, _ := newRaw(t)
	a := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "aa",
		"payload": "p", "expiration_date": "2030-01-01T00:00:00Z"})
	b := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "username_password", "name": "bb",
		"username": "u", "expiration_date": "2031-01-01T00:00:00Z"})
	iam := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "cc",
		"ttl": "2h", "access_groups": []string{"AccessGroupId-1"}, "reuse_api_key": true,
		"account_id": "9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b"})
	epoch := "1970-01-01T00:00:00Z"
	for _, s := range []map[string]any{a, b, iam} {
		require.Equal(t, epoch, s["retrieved_at"], "never read")
		require.Equal(t, []any{}, s["referenced_by"])
	}
	// Versions carry their expiration date.
	require.Equal(t, "2030-01-01T00:00:00Z", c.must(200, "GET", "/api/v2/secrets/"+str(a["id"])+"/versions/current/metadata", nil)["expiration_date"])
	require.Equal(t, "2031-01-01T00:00:00Z", c.must(200, "GET", "/api/v2/secrets/"+str(b["id"])+"/versions/current/metadata", nil)["expiration_date"])
	iv := c.must(200, "GET", "/api/v2/secrets/"+str(iam["id"])+"/versions/current/metadata", nil)
	require.Equal(t, iam["expiration_date"], iv["expiration_date"])
	require.Equal(t, "9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b", iam["account_id"])
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "dd",
		"ttl": "2h", "service_id": "s", "account_id": "NOT-an-account"})

	// Metadata reads do not count as retrievals; data reads do.
	bp := "/api/v2/secrets/" + str(b["id"])
	require.Equal(t, epoch, c.must(200, "GET", bp+"/metadata", nil)["retrieved_at"])
	c.must(200, "GET", "/api/v2/secrets/"+str(iam["id"])+"/versions/current", nil)
	read := c.must(200, "GET", bp, nil)
	ra, err := time.Parse(time.RFC3339, str(read["retrieved_at"]))
	require.NoError(t, err)
	require.WithinDuration(t, time.Now(), ra, time.Minute)
	require.Equal(t, read["retrieved_at"], c.must(200, "GET", bp+"/metadata", nil)["retrieved_at"])
	names := func(q string) []string {
		var out []string
		for _, s := range c.must(200, "GET", "/api/v2/secrets?"+q, nil)["secrets"].([]any) {
			out = append(out, str(s.(map[string]any)["name"]))
		}
		return out
	}
	require.Equal(t, []string{"aa", "cc", "bb"}, names("sort=retrieved_at"))
	require.Equal(t, "aa", names("sort=-retrieved_at")[2])
}

func TestRotationPolicyLimits(t *testing.T) {
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "ec")
	crn := "crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::"
	protos := map[string]map[string]any{
		"username_password":   {"username": "u"},
		"private_cert":        {"certificate_template": "example-certificate-template", "common_name": "r.example.com"},
		"iam_credentials":     {"ttl": "100d", "service_id": "s", "reuse_api_key": true},
		"service_credentials": {"ttl": "100d", "source_service": map[string]any{"instance": map[string]any{"crn": crn}}},
	}
	for _, tc := range []struct {
		typ      string
		interval int
		unit     string
		ok       bool
	}{
		{"username_password", 23, "hour", false},
		{"username_password", 24, "hour", true},
		{"username_password", 24, "month", true},
		{"username_password", 25, "month", false},
		{"private_cert", 730, "day", true},
		{"private_cert", 731, "day", false},
		{"iam_credentials", 1, "day", true},
		{"iam_credentials", 3, "month", true},
		{"iam_credentials", 92, "day", false},
		{"service_credentials", 12, "hour", false},
		{"service_credentials", 90, "day", true},
	} {
		body := map[string]any{"secret_type": tc.typ, "name": newUUID(),
			"rotation": map[string]any{"auto_rotate": true, "interval": tc.interval, "unit": tc.unit}}
		for k, v := range protos[tc.typ] {
			body[k] = v
		}
		status := 400
		if tc.ok {
			status = 201
		}
		c.must(status, "POST", "/api/v2/secrets", body)
	}
	// The interval may not exceed the ttl of IAM and service credentials.
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "short", "ttl": "1d",
		"service_id": "s", "reuse_api_key": true, "rotation": map[string]any{"auto_rotate": true, "interval": 2, "unit": "day"}})
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "short", "ttl": "2d",
		"service_id": "s", "reuse_api_key": true})
	st, out := c.do("PATCH", "/api/v2/secrets/"+str(s["id"])+"/metadata", map[string]any{"ttl": "10d",
		"rotation": map[string]any{"auto_rotate": true, "interval": 3, "unit": "day"}})
	require.Equal(t, 400, st, "the current version expires before the next rotation")
	require.Equal(t, "Error02009", out["errors"].([]any)[0].(map[string]any)["code"])
}

func TestNewConfigurationFields(t *testing.T) {
	c, _ := newRaw(t)
	iam := c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "iam_credentials_configuration", "name": "iam", "api_key": "k"})
	require.Equal(t, false, iam["disabled"])
	up := c.must(200, "PATCH", "/api/v2/configurations/iam", map[string]any{"disabled": true})
	require.Equal(t, true, up["disabled"])
	require.Equal(t, "k", up["api_key"])
	item := c.must(200, "GET", "/api/v2/configurations", nil)["configurations"].([]any)[0].(map[string]any)
	require.Equal(t, true, item["disabled"])
	require.NotContains(t, item, "api_key")
	c.must(400, "PATCH", "/api/v2/configurations/iam", map[string]any{"disabled": "yes"})
}

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
