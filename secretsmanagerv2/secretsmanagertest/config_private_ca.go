package secretsmanagertest

import (
	"crypto"
	"crypto/x509/pkix"
	"encoding/json"
	"time"
)

// caConfig is config_type private_cert_configuration_root_ca (root true) or
// private_cert_configuration_intermediate_ca: a certificate authority with a
// real key and certificate (crypto/x509), which signs private certificates
// through templates, intermediate CAs and CSRs.
type caConfig struct {
	configBase
	root      bool
	key       crypto.Signer
	ca        *caMaterial // set once the CA certificate exists
	csr       string      // intermediate CSR
	revokedAt int64
	pinSecret string // crypto_key.provider.pin_iam_credentials_secret_id
}

var caCreateFields = map[string]fieldKind{
	"alt_names": kList, "common_name": kStr, "country": kList, "crl_disable": kBool,
	"crl_distribution_points_encoded": kBool, "crl_expiry": kDur, "exclude_cn_from_sans": kBool,
	"format": kStr, "ip_sans": kStr, "issuing_certificates_urls_encoded": kBool, "key_bits": kInt,
	"key_type": kStr, "locality": kList, "max_ttl": kDur, "organization": kList, "other_sans": kList,
	"ou": kList, "postal_code": kList, "private_key_format": kStr, "province": kList,
	"serial_number": kStr, "street_address": kList, "uri_sans": kStr, "crypto_key": kObject,
}

var caPatchFields = map[string]fieldKind{
	"crl_disable": kBool, "crl_distribution_points_encoded": kBool, "crl_expiry": kDur,
	"issuing_certificates_urls_encoded": kBool, "max_ttl": kDur,
}

var (
	rootCAFields = &configFields{
		create:   merge(caCreateFields, map[string]fieldKind{"ttl": kDur, "max_path_length": kInt, "permitted_dns_domains": kList}),
		patch:    caPatchFields,
		required: []string{"common_name"},
		metadata: []string{"common_name", "crl_distribution_points_encoded", "expiration_date", "key_bits", "key_type", "status", "crypto_key"},
	}
	intermediateCAFields = &configFields{
		create:   merge(caCreateFields, map[string]fieldKind{"issuer": kStr, "signing_method": kStr}),
		patch:    caPatchFields,
		required: []string{"common_name", "signing_method"},
		metadata: []string{"common_name", "crl_distribution_points_encoded", "expiration_date", "key_bits", "key_type", "status", "issuer", "signing_method", "crypto_key"},
	}
)

func (k *caConfig) clone() configKind { return shallow(k) }

func (k *caConfig) secretType() string { return "private_cert" }

func (k *caConfig) fields() *configFields {
	if k.root {
		return rootCAFields
	}
	return intermediateCAFields
}

// caByName returns the root or intermediate CA configuration named name.
func (s *store) caByName(name string) (*configuration, *caConfig) {
	for _, c := range s.configs {
		if ca, ok := c.kind.(*caConfig); ok && c.name == name {
			return c, ca
		}
	}
	return nil, nil
}

func (k *caConfig) init(s *store, c *configuration, b *body) *apiError {
	a := c.attrs
	for _, f := range []string{"alt_names", "country", "locality", "organization", "other_sans", "ou", "postal_code", "province", "street_address"} {
		setDefault(a, f, []string{})
	}
	setDefault(a, "key_type", "rsa")
	if a["key_type"] == "ec" {
		setDefault(a, "key_bits", int64(256))
	} else {
		setDefault(a, "key_bits", int64(2048))
	}
	if err := validKeyParams(attrStr(a, "key_type"), attrInt(a, "key_bits")); err != nil {
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
	if e := checkLen("common_name", attrStr(a, "common_name"), 1, 64); e != nil {
		return e
	}
	if !k.root {
		if sm := attrStr(a, "signing_method"); sm != "internal" && sm != "external" {
			return errBadRequest("property \"signing_method\" must be internal or external")
		}
	}
	if b.has("crypto_key") {
		pin, e := parseCryptoKey(b)
		if e != nil {
			return e
		}
		k.pinSecret = pin
	}
	key, e := s.newKey(attrStr(a, "key_type"), attrInt(a, "key_bits"))
	if e != nil {
		return e
	}
	k.key = key
	cr := caRequest(c, subjectFrom(b))
	if k.root {
		setDefault(a, "max_path_length", int64(-1))
		setDefault(a, "permitted_dns_domains", []string{})
		ttl := attrInt(a, "max_ttl_seconds")
		if t := attrInt(a, "ttl_seconds"); t > 0 {
			ttl = t
		} else {
			a["ttl_seconds"] = ttl
		}
		cr.ttl = time.Duration(ttl) * time.Second
		cr.maxPathLen = attrInt(a, "max_path_length")
		cert, pemStr, err := issue(cr, key.Public(), nil, key, s.now())
		if err != nil {
			return errBadRequest("cannot create the root certificate: %v", err)
		}
		k.ca = &caMaterial{key: key, cert: cert, certPEM: pemStr, chain: []string{pemStr}}
		k.configured(s, c)
		return nil
	}
	csr, err := makeCSR(key, cr.subjectWithCN())
	if err != nil {
		return errBadRequest("cannot create the CSR: %v", err)
	}
	k.csr = csr
	a["status"] = "signing_required"
	if attrStr(a, "signing_method") == "external" {
		a["status"] = "signed_certificate_required"
		return nil
	}
	issuer := attrStr(a, "issuer")
	if issuer == "" {
		return errBadRequest("required.issuer:property \"issuer\" is missing")
	}
	parent, pk := s.caByName(issuer)
	if parent == nil || pk.ca == nil {
		return errBadRequest("the issuer %q is not a configured certificate authority", issuer)
	}
	return pk.sign(s, parent, c, k, cr)
}

func (k *caConfig) render(_ *configuration, m map[string]any, full bool) {
	if !full {
		return
	}
	data := map[string]any{}
	if k.csr != "" {
		data["csr"] = k.csr
	}
	if k.ca != nil {
		data["certificate"] = k.ca.certPEM
		data["expiration"] = k.ca.cert.NotAfter.Unix()
		data["ca_chain"] = k.ca.chain
		if len(k.ca.chain) > 1 {
			data["issuing_ca"] = k.ca.chain[1]
		} else {
			data["issuing_ca"] = k.ca.certPEM
		}
	}
	m["data"] = data
}

func (k *caConfig) deletable(s *store, c *configuration) *apiError {
	for _, o := range s.configs {
		if o == c {
			continue
		}
		if (o.typ == cfgTemplate && o.attrs["certificate_authority"] == c.name) ||
			(o.typ == cfgIntermediate && o.attrs["issuer"] == c.name) {
			return errConflict("the configuration %q is used by the configuration %q", c.name, o.name)
		}
	}
	return nil
}

// parseCryptoKey validates the crypto_key of a CA prototype: the key would
// be held in a Hyper Protect Crypto Services HSM. The server keeps its key in
// memory and echoes crypto_key back. It returns the ID of the IAM
// credentials secret that unlocks the HSM.
func parseCryptoKey(b *body) (string, *apiError) {
	var in struct {
		ID               *string `json:"id"`
		Label            *string `json:"label"`
		AllowGenerateKey *bool   `json:"allow_generate_key"`
		Provider         *struct {
			Type                      string `json:"type"`
			InstanceCRN               string `json:"instance_crn"`
			PinIAMCredentialsSecretID string `json:"pin_iam_credentials_secret_id"`
			PrivateKeystoreID         string `json:"private_keystore_id"`
		} `json:"provider"`
	}
	if !b.decode("crypto_key", &in) {
		return "", b.err
	}
	p := in.Provider
	switch {
	case in.ID == nil && in.Label == nil:
		return "", errBadRequest("property \"crypto_key\" needs an id or a label")
	case p == nil:
		return "", errBadRequest("required.crypto_key.provider:property \"provider\" is missing")
	case p.Type != "hyper_protect_crypto_services":
		return "", errBadRequest("property \"crypto_key.provider.type\" must be hyper_protect_crypto_services")
	case !reCRN.MatchString(p.InstanceCRN):
		return "", errBadRequest("property \"crypto_key.provider.instance_crn\" is not a valid CRN")
	case !reUUID.MatchString(p.PinIAMCredentialsSecretID):
		return "", errBadRequest("property \"crypto_key.provider.pin_iam_credentials_secret_id\" must be a secret ID")
	case p.PrivateKeystoreID == "":
		return "", errBadRequest("required.crypto_key.provider.private_keystore_id:property \"private_keystore_id\" is missing")
	}
	return p.PinIAMCredentialsSecretID, nil
}

func (k *caConfig) references(*configuration) []string {
	if k.pinSecret == "" {
		return nil
	}
	return []string{k.pinSecret}
}

// caRequest describes the certificate of CA configuration c.
func caRequest(c *configuration, subj pkix.Name) certRequest {
	a := c.attrs
	return certRequest{commonName: attrStr(a, "common_name"), altNames: attrStrs(a, "alt_names"),
		ipSANs: attrStr(a, "ip_sans"), uriSANs: attrStr(a, "uri_sans"), isCA: true,
		maxPathLen: -1, subject: subj, ttl: time.Duration(attrInt(a, "max_ttl_seconds")) * time.Second}
}

func (cr certRequest) subjectWithCN() pkix.Name {
	n := cr.subject
	n.CommonName = cr.commonName
	return n
}

// configured records that the CA of c has its certificate.
func (k *caConfig) configured(s *store, c *configuration) {
	c.attrs["status"] = "configured"
	c.attrs["serial_number"] = colonHex(k.ca.cert.SerialNumber)
	c.attrs["expiration_date"] = fmtTime(k.ca.cert.NotAfter)
	c.updatedAt = s.now()
}

// sign issues the certificate of the intermediate CA inter (kind ik), signed
// by k, the CA of configuration parent.
func (k *caConfig) sign(s *store, parent, inter *configuration, ik *caConfig, cr certRequest) *apiError {
	if k.ca == nil {
		return errBadRequest("the certificate authority %q has no certificate yet", parent.name)
	}
	if k.revokedAt != 0 {
		return errBadRequest("the certificate authority %q is revoked", parent.name)
	}
	cert, pemStr, err := issue(cr, ik.key.Public(), k.ca, nil, s.now())
	if err != nil {
		return errBadRequest("cannot sign the intermediate certificate: %v", err)
	}
	ik.ca = &caMaterial{key: ik.key, cert: cert, certPEM: pemStr,
		chain: append([]string{pemStr}, k.ca.chain...)}
	inter.attrs["issuer"] = parent.name
	ik.revokedAt = 0
	ik.configured(s, inter)
	return nil
}

func (k *caConfig) action(s *store, c *configuration, action string, b *body) (map[string]any, *apiError) {
	resp := map[string]any{"action_type": action}
	switch action {
	case "private_cert_configuration_action_rotate_crl":
		resp["success"] = true
		return resp, nil
	case "private_cert_configuration_action_revoke_ca_certificate":
		if k.root || k.ca == nil {
			return nil, errBadRequest("only a signed intermediate certificate authority can be revoked")
		}
		if k.revokedAt == 0 {
			k.revokedAt = s.now().Unix()
		}
		c.attrs["status"] = "revoked"
		c.updatedAt = s.now()
		resp["revocation_time_seconds"] = k.revokedAt
		return resp, nil
	case "private_cert_configuration_action_set_signed":
		return k.setSigned(s, c, b, resp)
	case "private_cert_configuration_action_sign_intermediate", "private_cert_configuration_action_sign_csr":
		return k.signAction(s, c, action, b, resp)
	case "private_cert_configuration_action_rotate_intermediate":
		return k.rotate(s, c, resp)
	}
	return k.configBase.action(s, c, action, b)
}

// setSigned installs the certificate of an externally signed intermediate CA.
func (k *caConfig) setSigned(s *store, c *configuration, b *body, resp map[string]any) (map[string]any, *apiError) {
	if k.root || c.attrs["signing_method"] != "external" {
		return nil, errBadRequest("action private_cert_configuration_action_set_signed is supported only for externally signed intermediate certificate authorities")
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
	if !publicKeysEqual(k.key.Public(), certs[0].PublicKey) {
		return nil, errBadRequest("the certificate does not match the key of the certificate authority")
	}
	chain := []string{encodeCert(certs[0].Raw)}
	issuer := ""
	for _, o := range s.configs {
		if ok, isCA := o.kind.(*caConfig); isCA && ok != k && ok.ca != nil && certs[0].CheckSignatureFrom(ok.ca.cert) == nil {
			chain = append(chain, ok.ca.chain...)
			issuer = o.name
			break
		}
	}
	if len(chain) == 1 {
		for _, extra := range certs[1:] {
			chain = append(chain, encodeCert(extra.Raw))
		}
	}
	if issuer != "" {
		c.attrs["issuer"] = issuer
	}
	k.ca = &caMaterial{key: k.key, cert: certs[0], certPEM: chain[0], chain: chain}
	k.revokedAt = 0
	k.configured(s, c)
	resp["certificate"] = pemStr
	return resp, nil
}

// signAction signs an intermediate CA of the instance, or a CSR.
func (k *caConfig) signAction(s *store, c *configuration, action string, b *body, resp map[string]any) (map[string]any, *apiError) {
	if k.ca == nil {
		return nil, errBadRequest("the certificate authority %q has no certificate yet", c.name)
	}
	for f := range b.m {
		resp[f] = json.RawMessage(b.m[f])
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
		ik, ok := ic.kind.(*caConfig)
		if ic == c || !ok {
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
		if e := k.sign(s, c, ic, ik, cr); e != nil {
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
		cr.ttl = time.Duration(attrInt(c.attrs, "max_ttl_seconds")) * time.Second
	}
	cert, pemStr, err := issue(cr, csr.PublicKey, k.ca, nil, s.now())
	if err != nil {
		return nil, errBadRequest("cannot sign the CSR: %v", err)
	}
	resp["common_name"] = cr.commonName
	resp["data"] = map[string]any{
		"certificate": pemStr,
		"issuing_ca":  k.ca.certPEM,
		"ca_chain":    k.ca.chain,
		"expiration":  cert.NotAfter.Unix(),
	}
	return resp, nil
}

// rotate gives an internally signed, active intermediate CA that signs only
// leaf certificates a new key and certificate, signed by its issuer, with the
// same settings. Certificates issued before stay valid.
func (k *caConfig) rotate(s *store, c *configuration, resp map[string]any) (map[string]any, *apiError) {
	a := c.attrs
	if k.root {
		return nil, errBadRequest("a root certificate authority cannot be rotated: create a new one")
	}
	if attrStr(a, "signing_method") != "internal" {
		return nil, errBadRequest("only an internally signed intermediate certificate authority can be rotated")
	}
	if k.ca == nil || k.revokedAt != 0 {
		return nil, errBadRequest("the certificate authority %q is not active", c.name)
	}
	for _, o := range s.configs {
		if o.typ == cfgIntermediate && o.attrs["issuer"] == c.name {
			return nil, errBadRequest("the certificate authority %q signs the intermediate certificate authority %q: build a new chain instead", c.name, o.name)
		}
	}
	parent, pk := s.caByName(attrStr(a, "issuer"))
	if parent == nil || pk.ca == nil || pk.revokedAt != 0 {
		return nil, errBadRequest("the issuer %q of the certificate authority cannot sign", attrStr(a, "issuer"))
	}
	key, e := s.newKey(attrStr(a, "key_type"), attrInt(a, "key_bits"))
	if e != nil {
		return nil, e
	}
	subj := pkix.Name{Country: attrStrs(a, "country"), Organization: attrStrs(a, "organization"),
		OrganizationalUnit: attrStrs(a, "ou"), Locality: attrStrs(a, "locality"), Province: attrStrs(a, "province"),
		StreetAddress: attrStrs(a, "street_address"), PostalCode: attrStrs(a, "postal_code")}
	cr := caRequest(c, subj)
	csr, err := makeCSR(key, cr.subjectWithCN())
	if err != nil {
		return nil, errBadRequest("cannot create the CSR: %v", err)
	}
	cert, pemStr, err := issue(cr, key.Public(), pk.ca, nil, s.now())
	if err != nil {
		return nil, errBadRequest("cannot sign the intermediate certificate: %v", err)
	}
	k.key, k.csr = key, csr
	k.ca = &caMaterial{key: key, cert: cert, certPEM: pemStr, chain: append([]string{pemStr}, pk.ca.chain...)}
	k.configured(s, c)
	config := map[string]any{
		"common_name":          cr.commonName,
		"alt_names":            nonNil(cr.altNames),
		"ttl":                  int64(cr.ttl / time.Second),
		"format":               attrStr(a, "format"),
		"max_path_length":      cr.maxPathLen,
		"exclude_cn_from_sans": attrBool(a, "exclude_cn_from_sans", false),
		"other_sans":           nonNil(attrStrs(a, "other_sans")),
		"ou":                   nonNil(subj.OrganizationalUnit),
		"organization":         nonNil(subj.Organization),
		"country":              nonNil(subj.Country),
		"locality":             nonNil(subj.Locality),
		"province":             nonNil(subj.Province),
		"street_address":       nonNil(subj.StreetAddress),
		"postal_code":          nonNil(subj.PostalCode),
		"csr":                  csr,
		"data": map[string]any{
			"certificate": pemStr,
			"issuing_ca":  pk.ca.certPEM,
			"ca_chain":    k.ca.chain,
			"expiration":  cert.NotAfter.Unix(),
		},
	}
	if cr.ipSANs != "" {
		config["ip_sans"] = cr.ipSANs
	}
	if cr.uriSANs != "" {
		config["uri_sans"] = cr.uriSANs
	}
	resp["name"] = c.name
	resp["config"] = config
	return resp, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// The Vault API: the root and intermediate certificate authorities of private certificates;
// the certificate of a CA, with its serial number, is the config's data.
func (k *caConfig) vaultRoute() (string, []string) {
	if k.root {
		return "root_certificate_authorities", []string{"root_certificate_authority"}
	}
	return "intermediate_certificate_authorities", []string{"intermediate_certificate_authority"}
}
func (k *caConfig) vaultNames() map[string]string                  { return nil }
func (k *caConfig) vaultFields(string, map[string]json.RawMessage) {}
func (k *caConfig) vaultRender(m map[string]any) (string, map[string]any) {
	cfg := vaultPlainConfig(m)
	if data, ok := cfg["data"].(map[string]any); ok {
		if sn, ok := cfg["serial_number"]; ok && data["certificate"] != nil {
			data["serial_number"] = sn
			delete(cfg, "serial_number")
		}
	}
	_, types := k.vaultRoute()
	return types[0], cfg
}
