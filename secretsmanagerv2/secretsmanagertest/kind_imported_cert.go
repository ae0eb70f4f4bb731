package secretsmanagertest

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// importedCertKind is secret_type "imported_cert": a certificate issued
// elsewhere, with its optional intermediate and private key. With
// managed_csr the server holds the private key and a CSR instead: the secret
// is created without certificate (pre_activation) and each version brings
// the certificate signed for that CSR.
type importedCertKind struct {
	kindBase
	info                 *certInfo // of the current certificate
	intermediateIncluded bool
	privateKeyIncluded   bool
	managed              *managedCSR    // nil without managed_csr
	firstVersionMetadata map[string]any // version_custom_metadata of the creation, for the first certificate
}

func (k *importedCertKind) clone() secretKind { return shallow(k) }

func (k *importedCertKind) create(s *store, sec *secret, b *body) *apiError {
	if !b.has("managed_csr") || b.isNull("managed_csr") {
		return b.required("certificate")
	}
	if b.has("certificate") {
		return errBadRequest("a secret with \"managed_csr\" is created without \"certificate\": the certificate comes with a new version")
	}
	mc, e := defaultManagedCSR().merge(s, b)
	if e != nil {
		return e
	}
	k.managed = mc
	sec.state = 0
	return nil
}

func (k *importedCertKind) newVersion(_ *store, sec *secret, v *version, b *body, rotation bool) (bool, *apiError) {
	if k.managed != nil && !rotation {
		k.firstVersionMetadata = v.customMetadata
		return true, nil // no certificate yet
	}
	if e := b.required("certificate"); e != nil {
		return false, e
	}
	certPEM, _ := b.str("certificate")
	inter, _ := b.str("intermediate")
	key, _ := b.str("private_key")
	if b.err != nil {
		return false, b.err
	}
	if k.managed != nil && b.has("private_key") {
		return false, errBadRequest("property \"private_key\" cannot be given: the secret manages its private key (managed_csr)")
	}
	certs, err := parseCerts(certPEM)
	if err != nil {
		return false, errBadRequest("property \"certificate\" is not a valid PEM certificate: %v", err)
	}
	if inter != "" {
		if _, err := parseCerts(inter); err != nil {
			return false, errBadRequest("property \"intermediate\" is not a valid PEM certificate: %v", err)
		}
	}
	if key != "" {
		k, err := parsePrivateKey(key)
		if err != nil {
			return false, errBadRequest("property \"private_key\" is not valid: %v", err)
		}
		if !publicKeysEqual(k.Public(), certs[0].PublicKey) {
			return false, errBadRequest("the private key does not match the certificate")
		}
	}
	if k.managed != nil {
		if !publicKeysEqual(k.managed.key.Public(), certs[0].PublicKey) {
			return false, errBadRequest("the certificate is not issued for the key of the managed CSR")
		}
		key = k.managed.keyPEM
	}
	d := newCertVersion(certs[0], certPEM)
	d.intermediate = strings.TrimSpace(inter)
	d.privateKey = strings.TrimSpace(key)
	if k.managed != nil {
		d.csr = k.managed.csr
		if len(sec.versions) == 0 && v.customMetadata == nil {
			v.customMetadata = k.firstVersionMetadata
		}
		sec.state = 1
	}
	v.data = d
	v.expiration = d.info.expiration()
	k.info = d.info
	k.intermediateIncluded, k.privateKeyIncluded = inter != "", key != ""
	sec.expiration = d.info.expiration()
	return false, nil
}

func (k *importedCertKind) render(m map[string]any, full bool) {
	if k.info != nil {
		k.info.render(m)
	}
	m["intermediate_included"] = k.intermediateIncluded
	m["private_key_included"] = k.privateKeyIncluded
	if k.managed != nil {
		m["managed_csr"] = k.managed.render(full)
		if full {
			m["csr"] = k.managed.csr
		}
	}
}

func (k *importedCertKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	return applyPatch(sec.typ, b, patchField{"managed_csr", func(b *body) (func(), *apiError) {
		if k.managed == nil {
			return nil, errBadRequest("property \"managed_csr\" can be updated only on a secret created with one")
		}
		if b.isNull("managed_csr") {
			return nil, errBadRequest("property \"managed_csr\" cannot be removed")
		}
		mc, e := k.managed.merge(s, b)
		if e != nil {
			return nil, e
		}
		return func() { k.managed = mc }, nil
	}})
}

// ---- managed CSR ----

// managedCSR is the managed_csr of an imported certificate: the settings of
// the CSR, the private key and the CSR made from them. key_usage,
// ext_key_usage, policy_identifiers, ext_key_usage_oids and other_sans are
// kept and echoed; they are not encoded in the CSR.
type managedCSR struct {
	ou, organization, country, locality  []string
	province, streetAddress, postalCode  []string
	requireCN                            bool
	commonName                           string
	altNames, ipSANs, uriSANs, otherSANs string
	userIDs                              string
	excludeCNFromSANs                    bool
	serverFlag, clientFlag               bool
	codeSigningFlag, emailProtectionFlag bool
	keyType                              string
	keyBits                              int64
	keyUsage, extKeyUsage                string
	policyIdentifiers, extKeyUsageOIDs   string
	rotateKeys                           bool
	key                                  crypto.Signer
	keyPEM, csr                          string
}

func defaultManagedCSR() *managedCSR {
	return &managedCSR{requireCN: true, serverFlag: true, keyType: "rsa", keyBits: 2048}
}

// managedCSRInput is a managed_csr request: only the given fields change.
type managedCSRInput struct {
	OU                  *[]string `json:"ou"`
	Organization        *[]string `json:"organization"`
	Country             *[]string `json:"country"`
	Locality            *[]string `json:"locality"`
	Province            *[]string `json:"province"`
	StreetAddress       *[]string `json:"street_address"`
	PostalCode          *[]string `json:"postal_code"`
	RequireCN           *bool     `json:"require_cn"`
	CommonName          *string   `json:"common_name"`
	AltNames            *string   `json:"alt_names"`
	IPSANs              *string   `json:"ip_sans"`
	URISANs             *string   `json:"uri_sans"`
	OtherSANs           *string   `json:"other_sans"`
	UserIDs             *string   `json:"user_ids"`
	ExcludeCNFromSANs   *bool     `json:"exclude_cn_from_sans"`
	ServerFlag          *bool     `json:"server_flag"`
	ClientFlag          *bool     `json:"client_flag"`
	CodeSigningFlag     *bool     `json:"code_signing_flag"`
	EmailProtectionFlag *bool     `json:"email_protection_flag"`
	KeyType             *string   `json:"key_type"`
	KeyBits             *int64    `json:"key_bits"`
	KeyUsage            *string   `json:"key_usage"`
	ExtKeyUsage         *string   `json:"ext_key_usage"`
	PolicyIdentifiers   *string   `json:"policy_identifiers"`
	ExtKeyUsageOIDs     *string   `json:"ext_key_usage_oids"`
	RotateKeys          *bool     `json:"rotate_keys"`
}

// merge returns the settings of mc changed by the managed_csr of b, with a
// new CSR (and a new key when the key settings change or rotate_keys is true).
func (mc *managedCSR) merge(s *store, b *body) (*managedCSR, *apiError) {
	var in managedCSRInput
	if !b.decode("managed_csr", &in) {
		return nil, b.err
	}
	n := *mc
	setS := func(dst *[]string, v *[]string) {
		if v != nil {
			*dst = *v
		}
	}
	setStr := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setB := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	setS(&n.ou, in.OU)
	setS(&n.organization, in.Organization)
	setS(&n.country, in.Country)
	setS(&n.locality, in.Locality)
	setS(&n.province, in.Province)
	setS(&n.streetAddress, in.StreetAddress)
	setS(&n.postalCode, in.PostalCode)
	setB(&n.requireCN, in.RequireCN)
	setStr(&n.commonName, in.CommonName)
	setStr(&n.altNames, in.AltNames)
	setStr(&n.ipSANs, in.IPSANs)
	setStr(&n.uriSANs, in.URISANs)
	setStr(&n.otherSANs, in.OtherSANs)
	setStr(&n.userIDs, in.UserIDs)
	setB(&n.excludeCNFromSANs, in.ExcludeCNFromSANs)
	setB(&n.serverFlag, in.ServerFlag)
	setB(&n.clientFlag, in.ClientFlag)
	setB(&n.codeSigningFlag, in.CodeSigningFlag)
	setB(&n.emailProtectionFlag, in.EmailProtectionFlag)
	setStr(&n.keyUsage, in.KeyUsage)
	setStr(&n.extKeyUsage, in.ExtKeyUsage)
	setStr(&n.policyIdentifiers, in.PolicyIdentifiers)
	setStr(&n.extKeyUsageOIDs, in.ExtKeyUsageOIDs)
	setB(&n.rotateKeys, in.RotateKeys)
	if in.KeyType != nil {
		n.keyType = *in.KeyType
		if in.KeyBits == nil {
			n.keyBits = map[string]int64{"rsa": 2048, "ec": 256}[n.keyType]
		}
	}
	if in.KeyBits != nil {
		n.keyBits = *in.KeyBits
	}
	switch n.keyType {
	case "rsa":
		if !contains([]string{"2048", "3072", "4096", "8192"}, strconv.FormatInt(n.keyBits, 10)) {
			return nil, errBadRequest("property \"managed_csr.key_bits\" must be 2048, 3072, 4096 or 8192 for key_type rsa")
		}
	case "ec":
		if !contains([]string{"224", "256", "384", "521"}, strconv.FormatInt(n.keyBits, 10)) {
			return nil, errBadRequest("property \"managed_csr.key_bits\" must be 224, 256, 384 or 521 for key_type ec")
		}
	case "ed25519":
		n.keyBits = 0
	default:
		return nil, errBadRequest("property \"managed_csr.key_type\" must be rsa, ec or ed25519")
	}
	if n.requireCN && n.commonName == "" {
		return nil, errBadRequest("required.managed_csr.common_name:property \"common_name\" is missing")
	}
	if e := checkLen("managed_csr.common_name", n.commonName, 0, 64); e != nil {
		return nil, e
	}
	if mc.csr != "" && !sharesName(mc.names(), n.names()) {
		return nil, errBadRequest("changing the common name and the alt names: keep at least one name unchanged")
	}
	tmpl, e := n.request()
	if e != nil {
		return nil, e
	}
	if n.key == nil || n.rotateKeys || n.keyType != mc.keyType || n.keyBits != mc.keyBits {
		key, e := s.newKey(n.keyType, n.keyBits)
		if e != nil {
			return nil, e
		}
		pk, err := encodePrivateKey(key, "")
		if err != nil {
			return nil, errBadRequest("cannot encode the private key: %v", err)
		}
		n.key, n.keyPEM = key, strings.TrimSpace(pk)
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, tmpl, n.key)
	if err != nil {
		return nil, errBadRequest("cannot create the CSR: %v", err)
	}
	n.csr = strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})))
	return &n, nil
}

// names returns the common name and the DNS alt names.
func (mc *managedCSR) names() []string {
	var out []string
	if mc.commonName != "" {
		out = append(out, mc.commonName)
	}
	return append(out, splitComma(mc.altNames)...)
}

func sharesName(a, b []string) bool {
	if len(a) == 0 {
		return true
	}
	for _, n := range a {
		if contains(b, n) {
			return true
		}
	}
	return false
}

var oidUserID = asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 1}

// request returns the certificate request of the settings.
func (mc *managedCSR) request() (*x509.CertificateRequest, *apiError) {
	subj := pkix.Name{CommonName: mc.commonName, OrganizationalUnit: mc.ou, Organization: mc.organization,
		Country: mc.country, Locality: mc.locality, Province: mc.province, StreetAddress: mc.streetAddress,
		PostalCode: mc.postalCode}
	for _, uid := range splitComma(mc.userIDs) {
		subj.ExtraNames = append(subj.ExtraNames, pkix.AttributeTypeAndValue{Type: oidUserID, Value: uid})
	}
	t := &x509.CertificateRequest{Subject: subj}
	if mc.commonName != "" && !mc.excludeCNFromSANs && net.ParseIP(mc.commonName) == nil && !strings.Contains(mc.commonName, " ") {
		t.DNSNames = append(t.DNSNames, mc.commonName)
	}
	for _, n := range splitComma(mc.altNames) {
		if !contains(t.DNSNames, n) {
			t.DNSNames = append(t.DNSNames, n)
		}
	}
	for _, v := range splitComma(mc.ipSANs) {
		ip := net.ParseIP(v)
		if ip == nil {
			return nil, errBadRequest("property \"managed_csr.ip_sans\": %q is not an IP address", v)
		}
		t.IPAddresses = append(t.IPAddresses, ip)
	}
	for _, v := range splitComma(mc.uriSANs) {
		u, err := url.Parse(v)
		if err != nil || u.Scheme == "" {
			return nil, errBadRequest("property \"managed_csr.uri_sans\": %q is not a URI", v)
		}
		t.URIs = append(t.URIs, u)
	}
	return t, nil
}

// render returns the managed_csr response; the private key only with full.
func (mc *managedCSR) render(full bool) map[string]any {
	m := map[string]any{
		"ou": nonNil(mc.ou), "organization": nonNil(mc.organization), "country": nonNil(mc.country),
		"locality": nonNil(mc.locality), "province": nonNil(mc.province),
		"street_address": nonNil(mc.streetAddress), "postal_code": nonNil(mc.postalCode),
		"require_cn": mc.requireCN, "exclude_cn_from_sans": mc.excludeCNFromSANs,
		"server_flag": mc.serverFlag, "client_flag": mc.clientFlag,
		"code_signing_flag": mc.codeSigningFlag, "email_protection_flag": mc.emailProtectionFlag,
		"key_type": mc.keyType, "key_bits": mc.keyBits, "rotate_keys": mc.rotateKeys, "csr": mc.csr,
	}
	for k, v := range map[string]string{"common_name": mc.commonName, "alt_names": mc.altNames,
		"ip_sans": mc.ipSANs, "uri_sans": mc.uriSANs, "other_sans": mc.otherSANs, "user_ids": mc.userIDs,
		"key_usage": mc.keyUsage, "ext_key_usage": mc.extKeyUsage,
		"policy_identifiers": mc.policyIdentifiers, "ext_key_usage_oids": mc.extKeyUsageOIDs} {
		if v != "" {
			m[k] = v
		}
	}
	if full {
		m["private_key"] = mc.keyPEM
	}
	return m
}

// The Vault API: a certificate (vaultCertificate).
func (k *importedCertKind) vaultBody(map[string]json.RawMessage, *body, bool) *apiError { return nil }
func (k *importedCertKind) vaultRender(out, sd, m map[string]any, sec *secret, _ bool) {
	vaultCertificate(out, sd, m, sec, m["signing_algorithm"])
}
