package secretsmanagertest

import (
	"crypto"
	"crypto/x509/pkix"
	"encoding/json"
	"strings"
	"time"
)

// privateCertKind is secret_type "private_cert": a certificate issued by a
// private CA of the instance (configurations), following a certificate
// template; rotation issues a new certificate with the same request.
type privateCertKind struct {
	kindBase
	template  string // certificate_template
	ca        string // certificate_authority
	req       privateCertRequest
	info      *certInfo // of the current certificate
	revokedAt int64     // revocation_time_seconds, once revoked
	rot       rotation
}

// privateCertRequest is the certificate request of a private_cert secret,
// kept to issue its next versions.
type privateCertRequest struct {
	commonName        string
	altNames          []string
	ipSANs, uriSANs   string
	excludeCNFromSANs bool
	keyFormat, format string
	ttl               string
	hasTTL            bool
	csr               string
}

func (k *privateCertKind) clone() secretKind { return shallow(k) }

func (k *privateCertKind) create(s *store, _ *secret, b *body) *apiError {
	if e := b.required("certificate_template"); e != nil {
		return e
	}
	tname, _ := b.str("certificate_template")
	cn, hasCN := b.str("common_name")
	csr, hasCSR := b.str("csr")
	var req privateCertRequest
	req.altNames, _ = b.strs("alt_names")
	req.ipSANs, _ = b.str("ip_sans")
	req.uriSANs, _ = b.str("uri_sans")
	otherSANs, _ := b.strs("other_sans")
	req.excludeCNFromSANs, _ = b.boolean("exclude_cn_from_sans")
	req.keyFormat, _ = b.str("private_key_format")
	req.format, _ = b.str("format")
	req.ttl, req.hasTTL = b.str("ttl")
	if b.err != nil {
		return b.err
	}
	for _, o := range otherSANs {
		if !validOtherSAN(o) {
			return errBadRequest("property \"other_sans\": %q is not of the form <oid>;UTF8:<value>", o)
		}
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
	t := s.templateByName(tname)
	if t == nil {
		return errBadRequest("the certificate template %q does not exist", tname)
	}
	k.rot.rules = rotateDayTo3Years
	rot, e := k.rot.parse(b)
	if e != nil {
		return e
	}
	req.commonName, req.csr = cn, csr
	k.req, k.template, k.ca = req, tname, t.ca
	k.rot.set(s.now(), rot)
	return nil
}

// newVersion issues a certificate from the creation request; a version
// prototype may give a new csr.
func (k *privateCertKind) newVersion(s *store, sec *secret, v *version, b *body, _ bool) (bool, *apiError) {
	csr := k.req.csr
	if c, ok := b.str("csr"); ok {
		csr = c
	}
	if b.err != nil {
		return false, b.err
	}
	d, e := k.issue(s, sec, csr)
	if e != nil {
		return false, e
	}
	v.data = d
	v.expiration = d.info.expiration()
	sec.expiration = d.info.expiration()
	return false, nil
}

// issue issues a certificate for the request of k, for csrPEM when given.
func (k *privateCertKind) issue(s *store, sec *secret, csrPEM string) (*certVersion, *apiError) {
	t := s.templateByName(k.template)
	if t == nil {
		return nil, errBadRequest("the certificate template %q does not exist", k.template)
	}
	_, ca := s.caByName(t.ca)
	if ca == nil || ca.ca == nil {
		return nil, errBadRequest("the certificate authority %q is not ready to issue certificates", t.ca)
	}
	if ca.revokedAt != 0 {
		return nil, errBadRequest("the certificate authority %q is revoked", t.ca)
	}
	if len(t.allowedSecretGroups) > 0 && !contains(t.allowedSecretGroups, sec.groupID) {
		return nil, errBadRequest("the certificate template %q does not allow secret group %s", t.name, sec.groupID)
	}
	r := k.req
	if r.keyFormat != "" && r.keyFormat != "der" && r.keyFormat != "pkcs8" {
		return nil, errBadRequest("property \"private_key_format\" must be der or pkcs8")
	}
	if r.format != "" && r.format != "pem" && r.format != "pem_bundle" {
		return nil, errBadRequest("property \"format\" must be pem or pem_bundle")
	}
	cn := r.commonName
	alt := append([]string(nil), r.altNames...)
	var pub crypto.PublicKey
	var key crypto.Signer
	if csrPEM != "" {
		csr, err := parseCSR(csrPEM)
		if err != nil {
			return nil, errBadRequest("property \"csr\" is not a valid certificate request: %v", err)
		}
		pub = csr.PublicKey
		if (cn == "" || t.useCSRCommonName) && csr.Subject.CommonName != "" {
			cn = csr.Subject.CommonName
		}
		if t.useCSRSANs {
			alt = append(alt, csr.DNSNames...)
		}
	}
	if cn == "" && t.requireCN {
		return nil, errBadRequest("required.common_name:property \"common_name\" is missing")
	}
	if e := t.checkNames(append([]string{cn}, alt...)); e != nil {
		return nil, e
	}
	if r.ipSANs != "" && !t.allowIPSANs {
		return nil, errBadRequest("the certificate template %q does not allow IP SANs", t.name)
	}
	ttl := 30 * 24 * time.Hour
	if t.ttl > 0 {
		ttl = t.ttl
	}
	if r.hasTTL {
		d, err := parseDurationString(r.ttl)
		if err != nil || d <= 0 {
			return nil, errBadRequest("property \"ttl\" is not a valid duration")
		}
		ttl = d
	}
	if t.maxTTL > 0 && ttl > t.maxTTL {
		return nil, errBadRequest("the requested ttl exceeds the max_ttl of the certificate template")
	}
	nb := 30 * time.Second
	if t.notBefore > 0 {
		nb = t.notBefore
	}
	if pub == nil {
		var e *apiError
		if key, e = s.newKey(t.keyType, t.keyBits); e != nil {
			return nil, e
		}
		pub = key.Public()
	}
	subj := pkix.Name{Country: t.subject.country, Organization: t.subject.organization,
		OrganizationalUnit: t.subject.ou, Locality: t.subject.locality, Province: t.subject.province}
	cr := certRequest{commonName: cn, altNames: alt, ipSANs: r.ipSANs, uriSANs: r.uriSANs,
		excludeCNFromSANs: r.excludeCNFromSANs, ttl: ttl, subject: subj, notBefore: nb,
		serverFlag: t.serverFlag, clientFlag: t.clientFlag}
	cert, pemStr, err := issue(cr, pub, ca.ca, nil, s.now())
	if err != nil {
		return nil, errBadRequest("cannot issue the certificate: %v", err)
	}
	d := newCertVersion(cert, pemStr)
	d.issuingCA, d.caChain = ca.ca.certPEM, ca.ca.chain
	if key != nil {
		pk, err := encodePrivateKey(key, r.keyFormat)
		if err != nil {
			return nil, errBadRequest("cannot encode the private key: %v", err)
		}
		d.privateKey = strings.TrimSpace(pk)
	}
	info := *d.info
	info.altNames = alt
	info.commonName = cn
	k.info, k.ca = &info, t.ca
	return d, nil
}

func (k *privateCertKind) render(m map[string]any, _ bool) {
	if k.info != nil {
		k.info.render(m)
	}
	m["certificate_template"] = k.template
	m["certificate_authority"] = k.ca
	if k.revokedAt != 0 {
		m["revocation_time_seconds"] = k.revokedAt
	}
}

func (k *privateCertKind) rotation() *rotation { return &k.rot }

func (k *privateCertKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	return applyPatch(sec.typ, b, rotationPatch(s, &k.rot))
}

// action revokes the certificate of the secret (v nil) or of one version.
func (k *privateCertKind) action(s *store, sec *secret, v *version, action string, b *body) (map[string]any, *apiError) {
	if action != "private_cert_action_revoke_certificate" {
		return k.kindBase.action(s, sec, v, action, b)
	}
	t := &k.revokedAt
	if v != nil {
		d, ok := v.data.(*certVersion)
		if !ok {
			return nil, errBadRequest("the version %s has no certificate", v.id)
		}
		t = &d.revokedAt
	}
	if *t == 0 {
		*t = s.now().Unix()
		if v == nil {
			sec.updatedAt = s.now()
		}
	}
	return map[string]any{"action_type": action, "revocation_time_seconds": *t}, nil
}

// validOtherSAN reports whether o is an other SAN of the form <oid>;UTF8:<value>, such as
// "1.2.3.5.4.3.201.10.4.3;utf8:test@example.com".
func validOtherSAN(o string) bool {
	oid, rest, ok := strings.Cut(o, ";")
	if !ok || !reOID.MatchString(oid) {
		return false
	}
	typ, _, ok := strings.Cut(rest, ":")
	return ok && (strings.EqualFold(typ, "utf8") || strings.EqualFold(typ, "utf-8"))
}

// The Vault API: a certificate (vaultCertificate) of a template; the ttl may be a number of
// seconds.
func (k *privateCertKind) vaultBody(m map[string]json.RawMessage, _ *body, _ bool) *apiError {
	durationString(m, "ttl")
	return nil
}
func (k *privateCertKind) vaultRender(out, sd, m map[string]any, sec *secret, _ bool) {
	copyKeys(out, m, "certificate_template", "certificate_authority", "rotation")
	vaultCertificate(out, sd, m, sec, m["signing_algorithm"])
}
