package secretsmanagertest

import (
	"crypto"
	"crypto/x509/pkix"
	"encoding/json"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"
)

const (
	cfgRootCA       = "private_cert_configuration_root_ca"
	cfgIntermediate = "private_cert_configuration_intermediate_ca"
	cfgTemplate     = "private_cert_configuration_template"
	cfgLetsEncrypt  = "public_cert_configuration_ca_lets_encrypt"
	cfgDNSClassic   = "public_cert_configuration_dns_classic_infrastructure"
	cfgDNSCIS       = "public_cert_configuration_dns_cloud_internet_services"
	cfgIAM          = "iam_credentials_configuration"
)

type configuration struct {
	name, typ, secretType string
	createdAt, updatedAt  time.Time
	createdBy             string
	attrs                 map[string]any
	key                   crypto.Signer // CA key (root and intermediate)
	ca                    *caMaterial   // set once the CA certificate exists
	csr                   string        // intermediate CSR
	revokedAt             int64
	seq                   int64
}

type fieldKind int

const (
	kBool fieldKind = iota
	kStr
	kList
	kInt
	kDur // duration string stored as <name>_seconds
	kSecretStr
)

var caCreateFields = map[string]fieldKind{
	"alt_names": kList, "common_name": kStr, "country": kList, "crl_disable": kBool,
	"crl_distribution_points_encoded": kBool, "crl_expiry": kDur, "exclude_cn_from_sans": kBool,
	"format": kStr, "ip_sans": kStr, "issuing_certificates_urls_encoded": kBool, "key_bits": kInt,
	"key_type": kStr, "locality": kList, "max_ttl": kDur, "organization": kList, "other_sans": kList,
	"ou": kList, "postal_code": kList, "private_key_format": kStr, "province": kList,
	"serial_number": kStr, "street_address": kList, "uri_sans": kStr,
}

var caPatchFields = map[string]fieldKind{
	"crl_disable": kBool, "crl_distribution_points_encoded": kBool, "crl_expiry": kDur,
	"issuing_certificates_urls_encoded": kBool, "max_ttl": kDur,
}

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

var createFields = map[string]map[string]fieldKind{
	cfgRootCA:       merge(caCreateFields, map[string]fieldKind{"ttl": kDur, "max_path_length": kInt, "permitted_dns_domains": kList}),
	cfgIntermediate: merge(caCreateFields, map[string]fieldKind{"issuer": kStr, "signing_method": kStr}),
	cfgTemplate:     merge(templateFields, map[string]fieldKind{"certificate_authority": kStr}),
	cfgLetsEncrypt: {"lets_encrypt_environment": kStr, "lets_encrypt_preferred_chain": kStr,
		"lets_encrypt_private_key": kSecretStr},
	cfgDNSClassic: {"classic_infrastructure_username": kStr, "classic_infrastructure_password": kSecretStr},
	cfgDNSCIS:     {"cloud_internet_services_apikey": kSecretStr, "cloud_internet_services_crn": kStr},
	cfgIAM:        {"api_key": kSecretStr},
}

var patchFields = map[string]map[string]fieldKind{
	cfgRootCA:       caPatchFields,
	cfgIntermediate: caPatchFields,
	cfgTemplate:     templateFields,
	cfgLetsEncrypt:  createFields[cfgLetsEncrypt],
	cfgDNSClassic:   createFields[cfgDNSClassic],
	cfgDNSCIS:       createFields[cfgDNSCIS],
	cfgIAM:          createFields[cfgIAM],
}

var requiredFields = map[string][]string{
	cfgRootCA:       {"common_name"},
	cfgIntermediate: {"common_name", "signing_method"},
	cfgTemplate:     {"certificate_authority"},
	cfgLetsEncrypt:  {"lets_encrypt_environment", "lets_encrypt_private_key"},
	cfgDNSClassic:   {"classic_infrastructure_username", "classic_infrastructure_password"},
	cfgDNSCIS:       {"cloud_internet_services_crn"},
	cfgIAM:          {"api_key"},
}

// metadataKeys are the type-specific fields kept by configuration metadata.
var metadataKeys = map[string][]string{
	cfgRootCA:       {"common_name", "crl_distribution_points_encoded", "expiration_date", "key_bits", "key_type", "status"},
	cfgIntermediate: {"common_name", "crl_distribution_points_encoded", "expiration_date", "key_bits", "key_type", "status", "issuer", "signing_method"},
	cfgTemplate:     {"certificate_authority"},
	cfgLetsEncrypt:  {"lets_encrypt_environment", "lets_encrypt_preferred_chain"},
}

func merge(a, b map[string]fieldKind) map[string]fieldKind {
	out := map[string]fieldKind{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func configSecretType(t string) string {
	switch {
	case strings.HasPrefix(t, "private_cert"):
		return "private_cert"
	case strings.HasPrefix(t, "public_cert"):
		return "public_cert"
	}
	return "iam_credentials"
}

// applyFields validates the fields of b against spec and stores them in attrs.
func applyFields(b *body, spec map[string]fieldKind, attrs map[string]any, ignore ...string) *apiError {
	for k := range b.m {
		if contains(ignore, k) {
			continue
		}
		kind, ok := spec[k]
		if !ok {
			return errBadRequest("property %q is not supported for this configuration type", k)
		}
		if b.isNull(k) {
			continue
		}
		switch kind {
		case kBool:
			if v, ok := b.boolean(k); ok {
				attrs[k] = v
			}
		case kStr, kSecretStr:
			if v, ok := b.str(k); ok {
				attrs[k] = v
			}
		case kList:
			if v, ok := b.strs(k); ok {
				if v == nil {
					v = []string{}
				}
				attrs[k] = v
			}
		case kInt:
			if v, ok := b.integer(k); ok {
				attrs[k] = v
			}
		case kDur:
			if v, ok := b.str(k); ok {
				d, err := parseDurationString(v)
				if err != nil {
					return errBadRequest("property %q is not a valid duration: %v", k, err)
				}
				if d <= 0 && k != "not_before_duration" {
					return errBadRequest("property %q must be a positive duration", k)
				}
				attrs[k+"_seconds"] = int64(d / time.Second)
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

func (c *configuration) render(full bool) map[string]any {
	m := map[string]any{}
	if full {
		for k, v := range c.attrs {
			m[k] = v
		}
	} else {
		for _, k := range metadataKeys[c.typ] {
			if v, ok := c.attrs[k]; ok {
				m[k] = v
			}
		}
	}
	m["name"] = c.name
	m["config_type"] = c.typ
	m["secret_type"] = c.secretType
	m["created_at"] = fmtTime(c.createdAt)
	m["updated_at"] = fmtTime(c.updatedAt)
	m["created_by"] = c.createdBy
	if full && (c.typ == cfgRootCA || c.typ == cfgIntermediate) {
		data := map[string]any{}
		if c.csr != "" {
			data["csr"] = c.csr
		}
		if c.ca != nil {
			data["certificate"] = c.ca.certPEM
			data["expiration"] = c.ca.cert.NotAfter.Unix()
			data["ca_chain"] = c.ca.chain
			if len(c.ca.chain) > 1 {
				data["issuing_ca"] = c.ca.chain[1]
			} else {
				data["issuing_ca"] = c.ca.certPEM
			}
		}
		m["data"] = data
	}
	return m
}

// findConfigs returns the configurations named name, optionally of type typ.
func (s *store) findConfigs(name, typ string) []*configuration {
	var out []*configuration
	for _, c := range s.configs {
		if c.name == name && (typ == "" || c.typ == typ) {
			out = append(out, c)
		}
	}
	return out
}

func (s *store) configByName(r *http.Request, name string) (*configuration, *apiError) {
	typ := r.Header.Get("X-Sm-Accept-Configuration-Type")
	if typ != "" {
		if _, ok := createFields[typ]; !ok {
			return nil, errBadRequest("header X-Sm-Accept-Configuration-Type has an unsupported value %q", typ)
		}
	}
	found := s.findConfigs(name, typ)
	switch len(found) {
	case 0:
		return nil, errNotFound(name)
	case 1:
		return found[0], nil
	}
	return nil, newError(http.StatusMultipleChoices, "The request has more than one possible responses: set the X-Sm-Accept-Configuration-Type header")
}

// caConfig returns the root or intermediate CA configuration named name.
func (s *store) caConfig(name string) *configuration {
	for _, c := range s.configs {
		if c.name == name && (c.typ == cfgRootCA || c.typ == cfgIntermediate) {
			return c
		}
	}
	return nil
}

func (h *Handler) createConfiguration(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	for _, k := range []string{"config_type", "name"} {
		if e := b.required(k); e != nil {
			writeError(w, e)
			return
		}
	}
	typ, _ := b.str("config_type")
	name, _ := b.str("name")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	spec, ok := createFields[typ]
	if !ok {
		writeError(w, errBadRequest("property \"config_type\" has an unsupported value %q", typ))
		return
	}
	if e := checkLen("name", name, 2, 128); e != nil {
		writeError(w, e)
		return
	}
	if !reConfigName.MatchString(name) {
		writeError(w, errBadRequest("property \"name\" must match the pattern %s", reConfigName))
		return
	}
	for _, k := range requiredFields[typ] {
		if e := b.required(k); e != nil {
			writeError(w, e)
			return
		}
	}
	attrs := map[string]any{}
	if e := applyFields(b, spec, attrs, "config_type", "name"); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		if len(s.findConfigs(name, typ)) > 0 {
			return nil, errConflict("a configuration of type %s with name %q already exists", typ, name)
		}
		if typ == cfgIAM {
			for _, c := range s.configs {
				if c.typ == cfgIAM {
					return nil, errConflict("an IAM credentials configuration already exists")
				}
			}
		}
		n := 0
		for _, c := range s.configs {
			if c.typ == typ {
				n++
			}
		}
		if n >= 10 {
			return nil, errBadRequest("at most 10 configurations of type %s can be created", typ)
		}
		now := s.now()
		c := &configuration{name: name, typ: typ, secretType: configSecretType(typ),
			createdAt: now, updatedAt: now, createdBy: s.cfg.createdBy, attrs: attrs, seq: s.nextSeq()}
		if e := s.initConfig(c, b); e != nil {
			return nil, e
		}
		s.configs = append(s.configs, c)
		return c.render(true), nil
	})
}

func setDefault(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// initConfig applies defaults and creates the CA material of a new
// configuration.
func (s *store) initConfig(c *configuration, b *body) *apiError {
	a := c.attrs
	switch c.typ {
	case cfgRootCA, cfgIntermediate:
		for _, k := range []string{"alt_names", "country", "locality", "organization", "other_sans", "ou", "postal_code", "province", "street_address"} {
			setDefault(a, k, []string{})
		}
		setDefault(a, "key_type", "rsa")
		if a["key_type"] == "ec" {
			setDefault(a, "key_bits", int64(256))
		} else {
			setDefault(a, "key_bits", int64(2048))
		}
		if err := validKeyParams(a["key_type"].(string), a["key_bits"].(int64)); err != nil {
			return errBadRequest("%v", err)
		}
		setDefault(a, "format", "pem")
		setDefault(a, "private_key_format", "der")
		setDefault(a, "crl_disable", false)
		setDefault(a, "crl_distribution_points_encoded", false)
		setDefault(a, "issuing_certificates_urls_encoded", false)
		setDefault(a, "exclude_cn_from_sans", false)
		setDefault(a, "crl_expiry_seconds", int64(259200))
		setDefault(a, "max_ttl_seconds", int64(87600*3600))
		if f := a["format"]; f != "pem" && f != "pem_bundle" {
			return errBadRequest("property \"format\" must be pem or pem_bundle")
		}
		if f := a["private_key_format"]; f != "der" && f != "pkcs8" {
			return errBadRequest("property \"private_key_format\" must be der or pkcs8")
		}
		if e := checkLen("common_name", a["common_name"].(string), 1, 64); e != nil {
			return e
		}
		key, err := generateKey(a["key_type"].(string), a["key_bits"].(int64))
		if err != nil {
			return errBadRequest("%v", err)
		}
		c.key = key
		cr := caRequest(c, subjectFrom(b))
		if c.typ == cfgRootCA {
			setDefault(a, "max_path_length", int64(-1))
			setDefault(a, "permitted_dns_domains", []string{})
			ttl := a["max_ttl_seconds"].(int64)
			if t, ok := a["ttl_seconds"].(int64); ok && t > 0 {
				ttl = t
			} else {
				a["ttl_seconds"] = ttl
			}
			cr.ttl = time.Duration(ttl) * time.Second
			cr.maxPathLen = a["max_path_length"].(int64)
			cert, pemStr, err := issue(cr, key.Public(), nil, key, s.now())
			if err != nil {
				return errBadRequest("cannot create the root certificate: %v", err)
			}
			c.ca = &caMaterial{key: key, cert: cert, certPEM: pemStr, chain: []string{pemStr}}
			s.setCAAttrs(c)
			return nil
		}
		sm, _ := a["signing_method"].(string)
		if sm != "internal" && sm != "external" {
			return errBadRequest("property \"signing_method\" must be internal or external")
		}
		csr, err := makeCSR(key, cr.subjectWithCN())
		if err != nil {
			return errBadRequest("cannot create the CSR: %v", err)
		}
		c.csr = csr
		a["status"] = "signing_required"
		if sm == "internal" {
			issuer, _ := a["issuer"].(string)
			if issuer == "" {
				return errBadRequest("required.issuer:property \"issuer\" is missing")
			}
			parent := s.caConfig(issuer)
			if parent == nil || parent.ca == nil {
				return errBadRequest("the issuer %q is not a configured certificate authority", issuer)
			}
			if e := s.signIntermediate(parent, c, cr); e != nil {
				return e
			}
		} else {
			a["status"] = "signed_certificate_required"
		}
	case cfgTemplate:
		ca, _ := a["certificate_authority"].(string)
		if s.caConfig(ca) == nil {
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
		if err := validKeyParams(a["key_type"].(string), a["key_bits"].(int64)); err != nil {
			return errBadRequest("%v", err)
		}
	case cfgLetsEncrypt:
		env := a["lets_encrypt_environment"]
		if env != "production" && env != "staging" {
			return errBadRequest("property \"lets_encrypt_environment\" must be production or staging")
		}
		if _, err := parsePrivateKey(a["lets_encrypt_private_key"].(string)); err != nil {
			return errBadRequest("property \"lets_encrypt_private_key\" is not a valid PEM private key")
		}
	case cfgDNSCIS:
		if !reCRN.MatchString(a["cloud_internet_services_crn"].(string)) {
			return errBadRequest("property \"cloud_internet_services_crn\" is not a valid CRN")
		}
	}
	return nil
}

func caRequest(c *configuration, subj pkix.Name) certRequest {
	a := c.attrs
	cn, _ := a["common_name"].(string)
	alt, _ := a["alt_names"].([]string)
	ip, _ := a["ip_sans"].(string)
	uri, _ := a["uri_sans"].(string)
	return certRequest{commonName: cn, altNames: alt, ipSANs: ip, uriSANs: uri, isCA: true,
		maxPathLen: -1, subject: subj, ttl: time.Duration(a["max_ttl_seconds"].(int64)) * time.Second}
}

func (cr certRequest) subjectWithCN() pkix.Name {
	n := cr.subject
	n.CommonName = cr.commonName
	return n
}

func (s *store) setCAAttrs(c *configuration) {
	c.attrs["status"] = "configured"
	c.attrs["serial_number"] = colonHex(c.ca.cert.SerialNumber)
	c.attrs["expiration_date"] = fmtTime(c.ca.cert.NotAfter)
	c.updatedAt = s.now()
}

// signIntermediate issues the certificate of the intermediate CA inter,
// signed by the CA parent.
func (s *store) signIntermediate(parent, inter *configuration, cr certRequest) *apiError {
	if parent.ca == nil {
		return errBadRequest("the certificate authority %q has no certificate yet", parent.name)
	}
	if parent.revokedAt != 0 {
		return errBadRequest("the certificate authority %q is revoked", parent.name)
	}
	cert, pemStr, err := issue(cr, inter.key.Public(), parent.ca, nil, s.now())
	if err != nil {
		return errBadRequest("cannot sign the intermediate certificate: %v", err)
	}
	inter.ca = &caMaterial{key: inter.key, cert: cert, certPEM: pemStr,
		chain: append([]string{pemStr}, parent.ca.chain...)}
	inter.attrs["issuer"] = parent.name
	inter.revokedAt = 0
	s.setCAAttrs(inter)
	return nil
}

func (h *Handler) listConfigurations(w http.ResponseWriter, r *http.Request, _ []string) {
	lp, e := parseListParams(r.URL.Query(), 200, 1000, reConfigSort)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		var list []*configuration
		for _, c := range h.st.configs {
			if lp.search != "" && !containsFold(c.name, lp.search) && !containsFold(c.typ, lp.search) && !containsFold(c.secretType, lp.search) {
				continue
			}
			list = append(list, c)
		}
		key := func(c *configuration) string {
			switch lp.sort {
			case "config_type":
				return c.typ
			case "secret_type":
				return c.secretType
			case "name":
				return c.name
			}
			return ""
		}
		sort.SliceStable(list, func(i, j int) bool {
			ki, kj := key(list[i]), key(list[j])
			if ki == kj {
				return list[i].seq < list[j].seq
			}
			if lp.desc {
				return ki > kj
			}
			return ki < kj
		})
		start, end, out := page(r, len(list), lp)
		items := make([]any, 0, end-start)
		for _, c := range list[start:end] {
			items = append(items, c.render(false))
		}
		out["configurations"] = items
		return out, nil
	})
}

func (h *Handler) getConfiguration(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		c, e := h.st.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		return c.render(true), nil
	})
}

func (h *Handler) updateConfiguration(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		c, e := s.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		next := cloneAttrs(c.attrs)
		if e := applyFields(b, patchFields[c.typ], next); e != nil {
			return nil, e
		}
		for k := range b.m {
			if b.isNull(k) {
				return nil, errBadRequest("property %q cannot be removed", k)
			}
		}
		probe := &configuration{typ: c.typ, attrs: next}
		switch c.typ {
		case cfgLetsEncrypt, cfgDNSCIS:
			if e := s.initConfig(probe, b); e != nil {
				return nil, e
			}
		case cfgTemplate:
			if kt, ok := next["key_type"].(string); ok {
				kb, _ := next["key_bits"].(int64)
				if b.has("key_type") && !b.has("key_bits") {
					kb = 2048
					if kt == "ec" {
						kb = 256
					}
					next["key_bits"] = kb
				}
				if err := validKeyParams(kt, kb); err != nil {
					return nil, errBadRequest("%v", err)
				}
			}
		}
		c.attrs = next
		c.updatedAt = s.now()
		return c.render(true), nil
	})
}

func cloneAttrs(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (h *Handler) deleteConfiguration(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		s := h.st
		c, e := s.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		for _, o := range s.configs {
			if o == c {
				continue
			}
			if (c.typ == cfgRootCA || c.typ == cfgIntermediate) &&
				((o.typ == cfgTemplate && o.attrs["certificate_authority"] == c.name) ||
					(o.typ == cfgIntermediate && o.attrs["issuer"] == c.name)) {
				return nil, errConflict("the configuration %q is used by the configuration %q", c.name, o.name)
			}
		}
		out := s.configs[:0]
		for _, o := range s.configs {
			if o != c {
				out = append(out, o)
			}
		}
		s.configs = out
		return nil, nil
	})
}

func (h *Handler) createConfigurationAction(w http.ResponseWriter, r *http.Request, p []string) {
	b, action, e := readAction(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		c, e := s.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		isCA := c.typ == cfgRootCA || c.typ == cfgIntermediate
		resp := map[string]any{"action_type": action}
		switch action {
		case "private_cert_configuration_action_rotate_crl":
			if !isCA {
				return nil, errBadRequest("action %s is not supported for configuration type %s", action, c.typ)
			}
			resp["success"] = true
			return resp, nil
		case "private_cert_configuration_action_revoke_ca_certificate":
			if c.typ != cfgIntermediate || c.ca == nil {
				return nil, errBadRequest("only a signed intermediate certificate authority can be revoked")
			}
			if c.revokedAt == 0 {
				c.revokedAt = s.now().Unix()
			}
			c.attrs["status"] = "revoked"
			c.updatedAt = s.now()
			resp["revocation_time_seconds"] = c.revokedAt
			return resp, nil
		case "private_cert_configuration_action_set_signed":
			if c.typ != cfgIntermediate || c.attrs["signing_method"] != "external" {
				return nil, errBadRequest("action %s is supported only for externally signed intermediate certificate authorities", action)
			}
			if e := b.required("certificate"); e != nil {
				return nil, e
			}
			pemStr, _ := b.str("certificate")
			if b.err != nil {
				return nil, b.err
			}
			certs, err := parseCerts(pemStr)
			if err != nil {
				return nil, errBadRequest("property \"certificate\" is not a valid PEM certificate: %v", err)
			}
			if !publicKeysEqual(c.key.Public(), certs[0].PublicKey) {
				return nil, errBadRequest("the certificate does not match the key of the certificate authority")
			}
			chain := []string{encodeCert(certs[0].Raw)}
			for _, o := range s.configs {
				if o.ca != nil && o != c && certs[0].CheckSignatureFrom(o.ca.cert) == nil {
					chain = append(chain, o.ca.chain...)
					c.attrs["issuer"] = o.name
					break
				}
			}
			if len(chain) == 1 {
				for _, extra := range certs[1:] {
					chain = append(chain, encodeCert(extra.Raw))
				}
			}
			c.ca = &caMaterial{key: c.key, cert: certs[0], certPEM: chain[0], chain: chain}
			c.revokedAt = 0
			s.setCAAttrs(c)
			resp["certificate"] = pemStr
			return resp, nil
		case "private_cert_configuration_action_sign_intermediate", "private_cert_configuration_action_sign_csr":
			if !isCA {
				return nil, errBadRequest("action %s is not supported for configuration type %s", action, c.typ)
			}
			if c.ca == nil {
				return nil, errBadRequest("the certificate authority %q has no certificate yet", c.name)
			}
			for k := range b.m {
				resp[k] = json.RawMessage(b.m[k])
			}
			cn, _ := b.str("common_name")
			alt, _ := b.strs("alt_names")
			ip, _ := b.str("ip_sans")
			uri, _ := b.str("uri_sans")
			ttlStr, hasTTL := b.str("ttl")
			maxPath, hasMaxPath := b.integer("max_path_length")
			useCSR, _ := b.boolean("use_csr_values")
			excl, _ := b.boolean("exclude_cn_from_sans")
			if f, ok := b.str("format"); ok && f != "pem" && f != "pem_bundle" {
				return nil, errBadRequest("property \"format\" must be pem or pem_bundle")
			}
			if b.err != nil {
				return nil, b.err
			}
			cr := certRequest{commonName: cn, altNames: alt, ipSANs: ip, uriSANs: uri, isCA: true,
				maxPathLen: -1, subject: subjectFrom(b), excludeCNFromSANs: excl}
			if hasMaxPath {
				cr.maxPathLen = maxPath
			}
			if hasTTL {
				d, err := parseDurationString(ttlStr)
				if err != nil {
					return nil, errBadRequest("property \"ttl\" is not a valid duration")
				}
				cr.ttl = d
			}
			if action == "private_cert_configuration_action_sign_intermediate" {
				if e := b.required("intermediate_certificate_authority"); e != nil {
					return nil, e
				}
				name, _ := b.str("intermediate_certificate_authority")
				inter := s.findConfigs(name, cfgIntermediate)
				if len(inter) == 0 {
					return nil, errBadRequest("the intermediate certificate authority %q does not exist", name)
				}
				ic := inter[0]
				if ic == c {
					return nil, errBadRequest("a certificate authority cannot sign itself")
				}
				full := caRequest(ic, pkix.Name{})
				if cn == "" {
					cr.commonName = full.commonName
				}
				if alt == nil {
					cr.altNames = full.altNames
				}
				if !hasTTL {
					cr.ttl = full.ttl
				}
				if e := s.signIntermediate(c, ic, cr); e != nil {
					return nil, e
				}
				resp["common_name"] = cr.commonName
				return resp, nil
			}
			if e := b.required("csr"); e != nil {
				return nil, e
			}
			csrStr, _ := b.str("csr")
			csr, err := parseCSR(csrStr)
			if err != nil {
				return nil, errBadRequest("property \"csr\" is not a valid certificate request: %v", err)
			}
			if useCSR || cr.commonName == "" {
				cr.commonName = csr.Subject.CommonName
				cr.subject = csr.Subject
			}
			if useCSR {
				cr.altNames = append(cr.altNames, csr.DNSNames...)
			}
			if cr.commonName == "" {
				return nil, errBadRequest("required.common_name:property \"common_name\" is missing")
			}
			if cr.ttl == 0 {
				cr.ttl = time.Duration(c.attrs["max_ttl_seconds"].(int64)) * time.Second
			}
			cert, pemStr, err := issue(cr, csr.PublicKey, c.ca, nil, s.now())
			if err != nil {
				return nil, errBadRequest("cannot sign the CSR: %v", err)
			}
			resp["common_name"] = cr.commonName
			resp["data"] = map[string]any{
				"certificate": pemStr,
				"issuing_ca":  c.ca.certPEM,
				"ca_chain":    c.ca.chain,
				"expiration":  cert.NotAfter.Unix(),
			}
			return resp, nil
		}
		return nil, errBadRequest("property \"action_type\" has an unsupported value %q", action)
	})
}

// ---- private certificates ----

func (s *store) initPrivateCert(sec *secret, b *body) *apiError {
	if e := b.required("certificate_template"); e != nil {
		return e
	}
	tname, _ := b.str("certificate_template")
	cn, hasCN := b.str("common_name")
	csr, hasCSR := b.str("csr")
	if b.err != nil {
		return b.err
	}
	if !hasCN && !hasCSR {
		return errBadRequest("required.common_name:property \"common_name\" is missing")
	}
	if hasCN {
		if e := checkLen("common_name", cn, 1, 64); e != nil {
			return e
		}
	}
	if hasCSR {
		if _, err := parseCSR(csr); err != nil {
			return errBadRequest("property \"csr\" is not a valid certificate request: %v", err)
		}
	}
	t := s.findConfigs(tname, cfgTemplate)
	if len(t) == 0 {
		return errBadRequest("the certificate template %q does not exist", tname)
	}
	sec.attrs["certificate_template"] = tname
	sec.attrs["certificate_authority"] = t[0].attrs["certificate_authority"]
	rot, e := parseRotation(b, sec.typ)
	if e != nil {
		return e
	}
	s.setRotation(sec, rot)
	return nil
}

// issuePrivateCert issues a certificate for a private_cert secret from its
// creation request (and the csr of a version prototype, on rotation).
func (s *store) issuePrivateCert(sec *secret, vb *body) (map[string]any, map[string]any, *apiError) {
	pb := &body{m: sec.proto}
	if pb.m == nil {
		pb.m = vb.m
	}
	tname, _ := sec.attrs["certificate_template"].(string)
	ts := s.findConfigs(tname, cfgTemplate)
	if len(ts) == 0 {
		return nil, nil, errBadRequest("the certificate template %q does not exist", tname)
	}
	t := ts[0].attrs
	caName, _ := t["certificate_authority"].(string)
	ca := s.caConfig(caName)
	if ca == nil || ca.ca == nil {
		return nil, nil, errBadRequest("the certificate authority %q is not ready to issue certificates", caName)
	}
	if ca.revokedAt != 0 {
		return nil, nil, errBadRequest("the certificate authority %q is revoked", caName)
	}
	if ag, _ := t["allowed_secret_groups"].(string); ag != "" && !contains(splitComma(ag), sec.groupID) {
		return nil, nil, errBadRequest("the certificate template %q does not allow secret group %s", tname, sec.groupID)
	}
	cn, _ := pb.str("common_name")
	alt, _ := pb.strs("alt_names")
	ip, _ := pb.str("ip_sans")
	uri, _ := pb.str("uri_sans")
	excl, _ := pb.boolean("exclude_cn_from_sans")
	keyFormat, _ := pb.str("private_key_format")
	format, _ := pb.str("format")
	ttlStr, hasTTL := pb.str("ttl")
	csrStr, hasCSR := vb.str("csr")
	if !hasCSR {
		csrStr, hasCSR = pb.str("csr")
	}
	if pb.err != nil {
		return nil, nil, pb.err
	}
	if vb.err != nil {
		return nil, nil, vb.err
	}
	if keyFormat != "" && keyFormat != "der" && keyFormat != "pkcs8" {
		return nil, nil, errBadRequest("property \"private_key_format\" must be der or pkcs8")
	}
	if format != "" && format != "pem" && format != "pem_bundle" {
		return nil, nil, errBadRequest("property \"format\" must be pem or pem_bundle")
	}
	var pub crypto.PublicKey
	var key crypto.Signer
	if hasCSR {
		csr, err := parseCSR(csrStr)
		if err != nil {
			return nil, nil, errBadRequest("property \"csr\" is not a valid certificate request: %v", err)
		}
		pub = csr.PublicKey
		if cn == "" || t["use_csr_common_name"] == true {
			if csr.Subject.CommonName != "" {
				cn = csr.Subject.CommonName
			}
		}
		if t["use_csr_sans"] == true {
			alt = append(alt, csr.DNSNames...)
		}
	} else {
		var err error
		key, err = generateKey(t["key_type"].(string), t["key_bits"].(int64))
		if err != nil {
			return nil, nil, errBadRequest("%v", err)
		}
		pub = key.Public()
	}
	if cn == "" && t["require_cn"] == true {
		return nil, nil, errBadRequest("required.common_name:property \"common_name\" is missing")
	}
	if e := checkNames(t, append([]string{cn}, alt...)); e != nil {
		return nil, nil, e
	}
	if ip != "" && t["allow_ip_sans"] == false {
		return nil, nil, errBadRequest("the certificate template %q does not allow IP SANs", tname)
	}
	ttl := 30 * 24 * time.Hour
	if v, ok := t["ttl_seconds"].(int64); ok && v > 0 {
		ttl = time.Duration(v) * time.Second
	}
	if hasTTL {
		d, err := parseDurationString(ttlStr)
		if err != nil || d <= 0 {
			return nil, nil, errBadRequest("property \"ttl\" is not a valid duration")
		}
		ttl = d
	}
	if v, ok := t["max_ttl_seconds"].(int64); ok && v > 0 && ttl > time.Duration(v)*time.Second {
		return nil, nil, errBadRequest("the requested ttl exceeds the max_ttl of the certificate template")
	}
	nb := 30 * time.Second
	if v, ok := t["not_before_duration_seconds"].(int64); ok && v > 0 {
		nb = time.Duration(v) * time.Second
	}
	var subj pkix.Name
	subj.Country, _ = t["country"].([]string)
	subj.Organization, _ = t["organization"].([]string)
	subj.OrganizationalUnit, _ = t["ou"].([]string)
	subj.Locality, _ = t["locality"].([]string)
	subj.Province, _ = t["province"].([]string)
	cr := certRequest{commonName: cn, altNames: alt, ipSANs: ip, uriSANs: uri, excludeCNFromSANs: excl,
		ttl: ttl, subject: subj, notBefore: nb,
		serverFlag: t["server_flag"] != false, clientFlag: t["client_flag"] != false}
	cert, pemStr, err := issue(cr, pub, ca.ca, nil, s.now())
	if err != nil {
		return nil, nil, errBadRequest("cannot issue the certificate: %v", err)
	}
	data := map[string]any{
		"certificate": pemStr,
		"issuing_ca":  ca.ca.certPEM,
		"ca_chain":    ca.ca.chain,
	}
	if key != nil {
		k, err := encodePrivateKey(key, keyFormat)
		if err != nil {
			return nil, nil, errBadRequest("cannot encode the private key: %v", err)
		}
		data["private_key"] = strings.TrimSpace(k)
	}
	attrs := certAttrs(cert)
	if len(alt) > 0 {
		attrs["alt_names"] = alt
	} else {
		delete(attrs, "alt_names")
	}
	attrs["common_name"] = cn
	attrs["certificate_authority"] = caName
	return data, attrs, nil
}

// checkNames enforces the allowed domains of a certificate template.
func checkNames(t map[string]any, names []string) *apiError {
	if t["allow_any_name"] == true {
		return nil
	}
	domains, _ := t["allowed_domains"].([]string)
	if len(domains) == 0 {
		return nil
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		if n == "localhost" && t["allow_localhost"] != false {
			continue
		}
		ok := false
		for _, d := range domains {
			switch {
			case n == d && t["allow_bare_domains"] == true:
				ok = true
			case strings.HasSuffix(n, "."+d) && t["allow_subdomains"] == true:
				ok = true
			case t["allow_glob_domains"] == true:
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

// ---- public certificates ----

func (s *store) initPublicCert(sec *secret, b *body) *apiError {
	for _, k := range []string{"common_name", "ca", "dns"} {
		if e := b.required(k); e != nil {
			return e
		}
	}
	cn, _ := b.str("common_name")
	ca, _ := b.str("ca")
	dns, _ := b.str("dns")
	alt, _ := b.strs("alt_names")
	alg, hasAlg := b.str("key_algorithm")
	bundle, hasBundle := b.boolean("bundle_certs")
	if b.err != nil {
		return b.err
	}
	if e := checkLen("common_name", cn, 4, 64); e != nil {
		return e
	}
	if len(alt) > 99 {
		return errBadRequest("property \"alt_names\" can have at most 99 items")
	}
	if !hasAlg {
		alg = "RSA2048"
	}
	if _, _, err := parseKeyAlgorithm(alg); err != nil {
		return errBadRequest("%v", err)
	}
	if !hasBundle {
		bundle = true
	}
	rot, e := parseRotation(b, sec.typ)
	if e != nil {
		return e
	}
	if rot == nil {
		rot = map[string]any{"auto_rotate": false, "rotate_keys": false}
	}
	now := s.now()
	sec.attrs["common_name"] = cn
	if len(alt) > 0 {
		sec.attrs["alt_names"] = alt
	}
	sec.attrs["ca"] = ca
	sec.attrs["dns"] = dns
	sec.attrs["key_algorithm"] = alg
	sec.attrs["bundle_certs"] = bundle
	sec.attrs["rotation"] = rot
	sec.state, sec.stateDescription = 0, "pre_activation"
	sec.orderedAt = now
	sec.manualDNS = len(s.findConfigs(dns, cfgDNSCIS))+len(s.findConfigs(dns, cfgDNSClassic)) == 0
	info := map[string]any{
		"auto_rotated":      false,
		"ordered_on":        fmtTime(now),
		"state":             0,
		"state_description": "pre_activation",
	}
	if sec.manualDNS {
		var ch []any
		for _, d := range append([]string{cn}, alt...) {
			ch = append(ch, map[string]any{
				"domain":           d,
				"expiration":       fmtTime(now.Add(7 * 24 * time.Hour)),
				"status":           "pending",
				"txt_record_name":  "_acme-challenge." + strings.TrimPrefix(d, "*."),
				"txt_record_value": randomToken(43),
			})
		}
		info["challenges"] = ch
	}
	sec.attrs["issuance_info"] = info
	return nil
}

// refresh completes a pending public certificate order when it is due.
func (s *store) refresh(sec *secret) {
	if sec.typ != "public_cert" || sec.state != 0 {
		return
	}
	if sec.manualDNS && !sec.dnsVerified {
		return
	}
	now := s.now()
	if now.Before(sec.orderedAt.Add(s.cfg.publicCertWait)) {
		return
	}
	info, _ := sec.attrs["issuance_info"].(map[string]any)
	data, attrs, e := s.issuePublicCert(sec, false)
	if e != nil {
		if info != nil {
			info["state"], info["state_description"] = 3, "deactivated"
			info["error_code"], info["error_message"] = "issuance_failed", e.message
		}
		return
	}
	cur := sec.current()
	cur.data, cur.payloadAvailable = data, true
	cur.attrs["serial_number"] = attrs["serial_number"]
	cur.attrs["validity"] = attrs["validity"]
	cur.attrs["expiration_date"] = attrs["expiration_date"]
	for k, v := range attrs {
		sec.attrs[k] = v
	}
	sec.state, sec.stateDescription = 1, "active"
	if info != nil {
		info["state"], info["state_description"] = 1, "active"
		if sec.manualDNS {
			info["dns_challenge_validation_time"] = fmtTime(now)
			delete(info, "challenges")
		}
	}
}

func (s *store) publicIssuer() (*caMaterial, error) {
	if s.publicCA != nil {
		return s.publicCA, nil
	}
	key, err := generateKey("ec", 256)
	if err != nil {
		return nil, err
	}
	cr := certRequest{commonName: "Secrets Manager Test Public CA", isCA: true, maxPathLen: -1,
		ttl: 10 * 365 * 24 * time.Hour, subject: pkix.Name{Organization: []string{"secretsmanagertest"}}}
	cert, pemStr, err := issue(cr, key.Public(), nil, key, s.now())
	if err != nil {
		return nil, err
	}
	s.publicCA = &caMaterial{key: key, cert: cert, certPEM: pemStr, chain: []string{pemStr}}
	return s.publicCA, nil
}

// PublicCertificateCA returns the PEM certificate of the internal
// certificate authority that issues the public_cert secrets of this
// handler, so that tests can verify them.
func (h *Handler) PublicCertificateCA() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	ca, err := h.st.publicIssuer()
	if err != nil {
		return ""
	}
	return ca.certPEM
}

func (s *store) issuePublicCert(sec *secret, keepKey bool) (map[string]any, map[string]any, *apiError) {
	ca, err := s.publicIssuer()
	if err != nil {
		return nil, nil, newError(http.StatusInternalServerError, "Internal server error")
	}
	var key crypto.Signer
	if keepKey {
		if cur := sec.current(); cur.payloadAvailable {
			if pk, ok := cur.data["private_key"].(string); ok {
				key, _ = parsePrivateKey(pk)
			}
		}
	}
	if key == nil {
		kt, kb, err := parseKeyAlgorithm(sec.attrs["key_algorithm"].(string))
		if err != nil {
			return nil, nil, errBadRequest("%v", err)
		}
		if key, err = generateKey(kt, kb); err != nil {
			return nil, nil, errBadRequest("%v", err)
		}
	}
	cn, _ := sec.attrs["common_name"].(string)
	alt, _ := sec.attrs["alt_names"].([]string)
	cr := certRequest{commonName: cn, altNames: alt, ttl: 90 * 24 * time.Hour, serverFlag: true}
	cert, pemStr, err := issue(cr, key.Public(), ca, nil, s.now())
	if err != nil {
		return nil, nil, errBadRequest("cannot issue the certificate: %v", err)
	}
	k, err := encodePrivateKey(key, "")
	if err != nil {
		return nil, nil, errBadRequest("cannot encode the private key: %v", err)
	}
	data := map[string]any{"certificate": pemStr, "intermediate": ca.certPEM, "private_key": strings.TrimSpace(k)}
	attrs := certAttrs(cert)
	if len(alt) > 0 {
		attrs["alt_names"] = alt
	}
	return data, attrs, nil
}

// ---- Event Notifications ----

func (h *Handler) createNotificationsRegistration(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	for _, k := range []string{"event_notifications_instance_crn", "event_notifications_source_name"} {
		if e := b.required(k); e != nil {
			writeError(w, e)
			return
		}
	}
	crn, _ := b.str("event_notifications_instance_crn")
	name, _ := b.str("event_notifications_source_name")
	desc, _ := b.str("event_notifications_source_description")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	if e := checkLen("event_notifications_instance_crn", crn, 9, 512); e != nil {
		writeError(w, e)
		return
	}
	if !reCRN.MatchString(crn) {
		writeError(w, errBadRequest("property \"event_notifications_instance_crn\" is not a valid CRN"))
		return
	}
	if e := checkLen("event_notifications_source_name", name, 2, 256); e != nil {
		writeError(w, e)
		return
	}
	if e := checkLen("event_notifications_source_description", desc, 0, 1024); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		if h.st.notif != nil {
			return nil, errConflict("the instance is already registered with Event Notifications")
		}
		h.st.notif = map[string]any{"event_notifications_instance_crn": crn}
		return h.st.notif, nil
	})
}

func (h *Handler) getNotificationsRegistration(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		if h.st.notif == nil {
			return nil, errNotFound("notifications/registration")
		}
		return h.st.notif, nil
	})
}

func (h *Handler) deleteNotificationsRegistration(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		if h.st.notif == nil {
			return nil, errNotFound("notifications/registration")
		}
		h.st.notif = nil
		return nil, nil
	})
}

func (h *Handler) getNotificationsRegistrationTest(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		if h.st.notif == nil {
			return nil, errNotFound("notifications/registration")
		}
		return nil, nil
	})
}
