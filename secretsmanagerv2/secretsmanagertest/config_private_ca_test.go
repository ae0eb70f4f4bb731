package secretsmanagertest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

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
