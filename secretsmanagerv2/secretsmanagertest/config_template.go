package secretsmanagertest

import (
	"encoding/json"
	"path"
	"strings"
	"time"
)

// templateConfig is config_type private_cert_configuration_template: the
// rules and defaults a CA applies to the private_cert secrets it issues.
type templateConfig struct{ configBase }

var templateFields = map[string]fieldKind{
	"allow_any_name": kBool, "allow_bare_domains": kBool, "allow_glob_domains": kBool,
	"allow_ip_sans": kBool, "allow_localhost": kBool, "allow_subdomains": kBool,
	"allow_wildcard_certificates": kBool, "allowed_domains": kList, "allowed_domains_template": kBool,
	"allowed_other_sans": kList, "allowed_secret_groups": kStr, "allowed_uri_sans": kList,
	"basic_constraints_valid_for_non_ca": kBool, "client_flag": kBool, "code_signing_flag": kBool,
	"country": kList, "email_protection_flag": kBool, "enforce_hostnames": kBool,
	"ext_key_usage": kList, "ext_key_usage_oids": kList, "key_bits": kInt, "key_type": kStr,
	"key_usage": kList, "locality": kList, "max_ttl": kDur, "not_before_duration": kDur,
	"organization": kList, "ou": kList, "policy_identifiers": kList, "postal_code": kList,
	"province": kList, "require_cn": kBool, "serial_number": kStr, "server_flag": kBool,
	"street_address": kList, "ttl": kDur, "use_csr_common_name": kBool, "use_csr_sans": kBool,
}

var templateConfigFields = &configFields{
	create:   merge(templateFields, map[string]fieldKind{"certificate_authority": kStr}),
	patch:    templateFields,
	required: []string{"certificate_authority"},
	metadata: []string{"certificate_authority"},
}

func (k templateConfig) clone() configKind { return k }

func (templateConfig) secretType() string    { return "private_cert" }
func (templateConfig) fields() *configFields { return templateConfigFields }

func (templateConfig) init(s *store, c *configuration, _ *body) *apiError {
	a := c.attrs
	ca := attrStr(a, "certificate_authority")
	if cc, _ := s.caByName(ca); cc == nil {
		return errBadRequest("the certificate authority %q does not exist", ca)
	}
	for k, v := range map[string]any{
		"allow_any_name": false, "allow_bare_domains": false, "allow_glob_domains": false,
		"allow_ip_sans": true, "allow_localhost": true, "allow_subdomains": false,
		"allowed_domains": []string{}, "allowed_domains_template": false, "allowed_other_sans": []string{},
		"allowed_uri_sans": []string{}, "basic_constraints_valid_for_non_ca": false,
		"client_flag": true, "code_signing_flag": false, "country": []string{},
		"email_protection_flag": false, "enforce_hostnames": true, "ext_key_usage": []string{},
		"ext_key_usage_oids": []string{}, "key_type": "rsa",
		"key_usage": []string{"DigitalSignature", "KeyAgreement", "KeyEncipherment"},
		"locality":  []string{}, "not_before_duration_seconds": int64(30), "organization": []string{},
		"ou": []string{}, "policy_identifiers": []string{}, "postal_code": []string{},
		"province": []string{}, "require_cn": true, "server_flag": true, "street_address": []string{},
		"use_csr_common_name": true, "use_csr_sans": true,
	} {
		setDefault(a, k, v)
	}
	if a["key_type"] == "ec" {
		setDefault(a, "key_bits", int64(256))
	} else {
		setDefault(a, "key_bits", int64(2048))
	}
	if err := validKeyParams(attrStr(a, "key_type"), attrInt(a, "key_bits")); err != nil {
		return errBadRequest("%v", err)
	}
	return nil
}

func (templateConfig) update(_ *store, _ *configuration, next map[string]any, b *body) *apiError {
	kt, ok := next["key_type"].(string)
	if !ok {
		return nil
	}
	kb := attrInt(next, "key_bits")
	if b.has("key_type") && !b.has("key_bits") {
		kb = 2048
		if kt == "ec" {
			kb = 256
		}
		next["key_bits"] = kb
	}
	if err := validKeyParams(kt, kb); err != nil {
		return errBadRequest("%v", err)
	}
	return nil
}

// certTemplate is the typed view of a template's attributes used to issue
// private certificates.
type certTemplate struct {
	name, ca            string
	allowedSecretGroups []string
	keyType             string
	keyBits             int64
	useCSRCommonName    bool
	useCSRSANs          bool
	requireCN           bool
	allowIPSANs         bool
	ttl, maxTTL         time.Duration
	notBefore           time.Duration
	subject             subjectFields
	serverFlag          bool
	clientFlag          bool
	allowAnyName        bool
	allowLocalhost      bool
	allowBareDomains    bool
	allowSubdomains     bool
	allowGlobDomains    bool
	allowedDomains      []string
}

// subjectFields are the subject attributes a template puts in certificates.
type subjectFields struct {
	country, organization, ou, locality, province []string
}

// templateByName returns the certificate template named name.
func (s *store) templateByName(name string) *certTemplate {
	ts := s.findConfigs(name, cfgTemplate)
	if len(ts) == 0 {
		return nil
	}
	a := ts[0].attrs
	secs := func(k string) time.Duration { return time.Duration(attrInt(a, k)) * time.Second }
	return &certTemplate{
		name:                name,
		ca:                  attrStr(a, "certificate_authority"),
		allowedSecretGroups: splitComma(attrStr(a, "allowed_secret_groups")),
		keyType:             attrStr(a, "key_type"),
		keyBits:             attrInt(a, "key_bits"),
		useCSRCommonName:    attrBool(a, "use_csr_common_name", false),
		useCSRSANs:          attrBool(a, "use_csr_sans", false),
		requireCN:           attrBool(a, "require_cn", false),
		allowIPSANs:         attrBool(a, "allow_ip_sans", true),
		ttl:                 secs("ttl_seconds"),
		maxTTL:              secs("max_ttl_seconds"),
		notBefore:           secs("not_before_duration_seconds"),
		subject: subjectFields{country: attrStrs(a, "country"), organization: attrStrs(a, "organization"),
			ou: attrStrs(a, "ou"), locality: attrStrs(a, "locality"), province: attrStrs(a, "province")},
		serverFlag:       attrBool(a, "server_flag", true),
		clientFlag:       attrBool(a, "client_flag", true),
		allowAnyName:     attrBool(a, "allow_any_name", false),
		allowLocalhost:   attrBool(a, "allow_localhost", true),
		allowBareDomains: attrBool(a, "allow_bare_domains", false),
		allowSubdomains:  attrBool(a, "allow_subdomains", false),
		allowGlobDomains: attrBool(a, "allow_glob_domains", false),
		allowedDomains:   attrStrs(a, "allowed_domains"),
	}
}

// checkNames enforces the allowed domains of the template.
func (t *certTemplate) checkNames(names []string) *apiError {
	if t.allowAnyName || len(t.allowedDomains) == 0 {
		return nil
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		if n == "localhost" && t.allowLocalhost {
			continue
		}
		ok := false
		for _, d := range t.allowedDomains {
			switch {
			case n == d && t.allowBareDomains:
				ok = true
			case strings.HasSuffix(n, "."+d) && t.allowSubdomains:
				ok = true
			case t.allowGlobDomains:
				if m, _ := path.Match(d, n); m {
					ok = true
				}
			}
		}
		if !ok {
			return errBadRequest("the name %q is not allowed by the certificate template", n)
		}
	}
	return nil
}

// The Vault API: the certificate templates of private certificates.
func (templateConfig) vaultRoute() (string, []string) {
	return "certificate_templates", []string{"certificate_template", "certificate_templates"}
}
func (templateConfig) vaultNames() map[string]string                  { return nil }
func (templateConfig) vaultFields(string, map[string]json.RawMessage) {}
func (templateConfig) vaultRender(m map[string]any) (string, map[string]any) {
	return "certificate_template", vaultPlainConfig(m)
}
