package secretsmanagertest

import "encoding/json"

// The configurations of public certificates: the ACME CA (Let's Encrypt)
// and the two DNS providers. A public_cert secret whose dns names no DNS
// configuration uses manual DNS validation.

// letsEncryptConfig is config_type public_cert_configuration_ca_lets_encrypt.
type letsEncryptConfig struct{ configBase }

var letsEncryptFields = func() *configFields {
	f := map[string]fieldKind{"lets_encrypt_environment": kStr, "lets_encrypt_preferred_chain": kStr,
		"lets_encrypt_private_key": kSecretStr}
	return &configFields{create: f, patch: f,
		required: []string{"lets_encrypt_environment", "lets_encrypt_private_key"},
		metadata: []string{"lets_encrypt_environment", "lets_encrypt_preferred_chain"}}
}()

func (k letsEncryptConfig) clone() configKind { return k }

func (letsEncryptConfig) secretType() string    { return "public_cert" }
func (letsEncryptConfig) fields() *configFields { return letsEncryptFields }

func (letsEncryptConfig) init(_ *store, c *configuration, _ *body) *apiError {
	return validateLetsEncrypt(c.attrs)
}

func (letsEncryptConfig) update(_ *store, _ *configuration, next map[string]any, _ *body) *apiError {
	return validateLetsEncrypt(next)
}

func validateLetsEncrypt(a map[string]any) *apiError {
	if env := a["lets_encrypt_environment"]; env != "production" && env != "staging" {
		return errBadRequest("property \"lets_encrypt_environment\" must be production or staging")
	}
	if _, err := parsePrivateKey(attrStr(a, "lets_encrypt_private_key")); err != nil {
		return errBadRequest("property \"lets_encrypt_private_key\" is not a valid PEM private key")
	}
	return nil
}

// dnsClassicConfig is config_type public_cert_configuration_dns_classic_infrastructure.
type dnsClassicConfig struct{ configBase }

var dnsClassicFields = func() *configFields {
	f := map[string]fieldKind{"classic_infrastructure_username": kStr, "classic_infrastructure_password": kSecretStr}
	return &configFields{create: f, patch: f,
		required: []string{"classic_infrastructure_username", "classic_infrastructure_password"}}
}()

func (k dnsClassicConfig) clone() configKind { return k }

func (dnsClassicConfig) secretType() string    { return "public_cert" }
func (dnsClassicConfig) fields() *configFields { return dnsClassicFields }

// dnsCISConfig is config_type public_cert_configuration_dns_cloud_internet_services.
type dnsCISConfig struct{ configBase }

var dnsCISFields = func() *configFields {
	f := map[string]fieldKind{"cloud_internet_services_apikey": kSecretStr, "cloud_internet_services_crn": kStr}
	return &configFields{create: f, patch: f, required: []string{"cloud_internet_services_crn"}}
}()

func (k dnsCISConfig) clone() configKind { return k }

func (dnsCISConfig) secretType() string    { return "public_cert" }
func (dnsCISConfig) fields() *configFields { return dnsCISFields }

func (dnsCISConfig) init(_ *store, c *configuration, _ *body) *apiError {
	return validateCIS(c.attrs)
}

func (dnsCISConfig) update(_ *store, _ *configuration, next map[string]any, _ *body) *apiError {
	return validateCIS(next)
}

func validateCIS(a map[string]any) *apiError {
	if !reCRN.MatchString(attrStr(a, "cloud_internet_services_crn")) {
		return errBadRequest("property \"cloud_internet_services_crn\" is not a valid CRN")
	}
	return nil
}

// The Vault API: the certificate authorities (types letsencrypt and letsencrypt-stage, the
// environment) and the DNS providers (cis, classic_infrastructure) of public certificates.

func (letsEncryptConfig) vaultRoute() (string, []string) {
	return "certificate_authorities", []string{"letsencrypt", "letsencrypt-stage"}
}
func (letsEncryptConfig) vaultNames() map[string]string {
	return map[string]string{"private_key": "lets_encrypt_private_key", "preferred_chain": "lets_encrypt_preferred_chain"}
}
func (letsEncryptConfig) vaultFields(vtype string, fields map[string]json.RawMessage) {
	env := "production"
	if vtype == "letsencrypt-stage" {
		env = "staging"
	}
	fields["lets_encrypt_environment"] = jsonValue(env)
}
func (k letsEncryptConfig) vaultRender(m map[string]any) (string, map[string]any) {
	vtype := "letsencrypt"
	if m["lets_encrypt_environment"] == "staging" {
		vtype = "letsencrypt-stage"
	}
	return vtype, vaultRenamedConfig(m, k.vaultNames())
}

func (dnsCISConfig) vaultRoute() (string, []string) { return "dns_providers", []string{"cis"} }
func (dnsCISConfig) vaultNames() map[string]string {
	return map[string]string{"cis_crn": "cloud_internet_services_crn", "cis_apikey": "cloud_internet_services_apikey"}
}
func (dnsCISConfig) vaultFields(string, map[string]json.RawMessage) {}
func (k dnsCISConfig) vaultRender(m map[string]any) (string, map[string]any) {
	return "cis", vaultRenamedConfig(m, k.vaultNames())
}

func (dnsClassicConfig) vaultRoute() (string, []string) {
	return "dns_providers", []string{"classic_infrastructure"}
}
func (dnsClassicConfig) vaultNames() map[string]string                  { return nil }
func (dnsClassicConfig) vaultFields(string, map[string]json.RawMessage) {}
func (dnsClassicConfig) vaultRender(m map[string]any) (string, map[string]any) {
	return "classic_infrastructure", vaultPlainConfig(m)
}
