package secretsmanagertest

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/require"
)

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
