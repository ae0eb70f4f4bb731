package secretsmanagertest

import (
	"crypto"
	"crypto/x509/pkix"
	"net/http"
	"strings"
	"time"
)

// publicCertKind is secret_type "public_cert": a certificate ordered from
// an ACME CA. The order starts in pre_activation and is issued by the
// handler's internal CA on the first lookup after WithPublicCertIssuanceDelay,
// or, with manual DNS (dns names no DNS configuration), once the action
// public_cert_action_validate_dns_challenge was run.
type publicCertKind struct {
	kindBase
	commonName   string
	altNames     []string
	ca, dns      string
	keyAlgorithm string
	bundle       bool
	rot          rotation
	info         *certInfo // of the current certificate, once issued
	issuance     issuanceInfo
	orderedAt    time.Time
	manualDNS    bool
	dnsVerified  bool
}

// issuanceInfo is the issuance_info of a public certificate.
type issuanceInfo struct {
	orderedOn    time.Time
	state        int
	challenges   []map[string]any // manual DNS, until validated
	validatedAt  *time.Time       // dns_challenge_validation_time
	errorCode    string
	errorMessage string
}

func (ii *issuanceInfo) render() map[string]any {
	m := map[string]any{
		"auto_rotated":      false,
		"ordered_on":        fmtTime(ii.orderedOn),
		"state":             ii.state,
		"state_description": stateDescriptions[ii.state],
	}
	if ii.challenges != nil {
		m["challenges"] = ii.challenges
	}
	if ii.validatedAt != nil {
		m["dns_challenge_validation_time"] = fmtTime(*ii.validatedAt)
	}
	if ii.errorCode != "" {
		m["error_code"], m["error_message"] = ii.errorCode, ii.errorMessage
	}
	return m
}

func (k *publicCertKind) clone() secretKind { return shallow(k) }

func (k *publicCertKind) create(s *store, sec *secret, b *body) *apiError {
	for _, f := range []string{"ca", "dns"} {
		if e := b.required(f); e != nil {
			return e
		}
	}
	cn, hasCN := b.str("common_name")
	ca, _ := b.str("ca")
	dns, _ := b.str("dns")
	alt, _ := b.strs("alt_names")
	alg, hasAlg := b.str("key_algorithm")
	bundle, hasBundle := b.boolean("bundle_certs")
	if b.err != nil {
		return b.err
	}
	if len(alt) > 99 {
		return errBadRequest("property \"alt_names\" can have at most 99 items")
	}
	if hasCN {
		if e := checkLen("common_name", cn, 4, 64); e != nil {
			return e
		}
	} else {
		// Like Let's Encrypt: the first alt name of at most 64 characters, or no common name.
		if len(alt) == 0 {
			return errBadRequest("one of the properties \"common_name\" or \"alt_names\" is required")
		}
		for _, a := range alt {
			if len(a) <= 64 {
				cn = a
				break
			}
		}
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
	k.rot.rules = rotationRules{publicCert: true}
	rot, e := k.rot.parse(b)
	if e != nil {
		return e
	}
	if rot == nil {
		rot = &rotationPolicy{}
	}
	now := s.now()
	k.commonName, k.altNames, k.ca, k.dns, k.keyAlgorithm, k.bundle = cn, alt, ca, dns, alg, bundle
	k.rot.set(now, rot)
	sec.state = 0
	k.orderedAt = now
	k.manualDNS = len(s.findConfigs(dns, cfgDNSCIS))+len(s.findConfigs(dns, cfgDNSClassic)) == 0
	k.issuance = issuanceInfo{orderedOn: now, state: 0}
	if k.manualDNS {
		k.issuance.challenges = []map[string]any{}
		names := alt
		if cn != "" && !contains(alt, cn) {
			names = append([]string{cn}, alt...)
		}
		for _, d := range names {
			k.issuance.challenges = append(k.issuance.challenges, map[string]any{
				"domain":           d,
				"expiration":       fmtTime(now.Add(7 * 24 * time.Hour)),
				"status":           "pending",
				"txt_record_name":  "_acme-challenge." + strings.TrimPrefix(d, "*."),
				"txt_record_value": randomToken(43),
			})
		}
	}
	return nil
}

// newVersion: on creation the version is empty until the order completes
// (refresh); a rotation issues a new certificate at once.
func (k *publicCertKind) newVersion(s *store, sec *secret, v *version, b *body, rotation bool) (bool, *apiError) {
	v.data = &certVersion{}
	if !rotation {
		v.payloadAvailable = false
		return false, nil
	}
	if sec.state != 1 {
		return false, errBadRequest("the certificate order is still in progress")
	}
	keepKey := false
	if rot, ok := b.object("rotation"); ok {
		if rk, ok := rot["rotate_keys"].(bool); ok && !rk {
			keepKey = true
		}
	}
	if b.err != nil {
		return false, b.err
	}
	d, e := k.issue(s, sec, keepKey)
	if e != nil {
		return false, e
	}
	k.setIssued(sec, v, d)
	k.issuance.orderedOn = s.now()
	return false, nil
}

// setIssued records the issued certificate d in version v.
func (k *publicCertKind) setIssued(sec *secret, v *version, d *certVersion) {
	v.data, v.payloadAvailable = d, true
	v.expiration = d.info.expiration()
	info := *d.info
	if len(k.altNames) > 0 {
		info.altNames = k.altNames
	}
	k.info = &info
	sec.expiration = d.info.expiration()
}

// refresh completes a pending order when it is due.
func (k *publicCertKind) refresh(s *store, sec *secret) {
	if sec.state != 0 || (k.manualDNS && !k.dnsVerified) || s.listing {
		return // a list shows an order as it is: a read of the secret issues it
	}
	now := s.now()
	if now.Before(k.orderedAt.Add(s.cfg.publicCertWait)) {
		return
	}
	cur := sec.current()
	if cur == nil {
		return
	}
	s.touch(sec)
	d, e := k.issue(s, sec, false)
	if e == errKeyNeeded {
		return // issued when the request runs again (Handler.run)
	}
	if e != nil {
		k.issuance.state = 3
		k.issuance.errorCode, k.issuance.errorMessage = "issuance_failed", e.message
		return
	}
	k.setIssued(sec, cur, d)
	sec.state = 1
	k.issuance.state = 1
	if k.manualDNS {
		k.issuance.validatedAt = &now
		k.issuance.challenges = nil
	}
}

func (k *publicCertKind) issue(s *store, sec *secret, keepKey bool) (*certVersion, *apiError) {
	ca, err := s.publicIssuer()
	if err != nil {
		return nil, newError(http.StatusInternalServerError, "Internal server error")
	}
	var key crypto.Signer
	if keepKey {
		if cur := sec.current(); cur != nil && cur.payloadAvailable {
			if d, ok := cur.data.(*certVersion); ok && d.privateKey != "" {
				key, _ = parsePrivateKey(d.privateKey)
			}
		}
	}
	if key == nil {
		kt, kb, err := parseKeyAlgorithm(k.keyAlgorithm)
		if err != nil {
			return nil, errBadRequest("%v", err)
		}
		var e *apiError
		if key, e = s.newKey(kt, kb); e != nil {
			return nil, e
		}
	}
	cr := certRequest{commonName: k.commonName, altNames: k.altNames, ttl: 90 * 24 * time.Hour, serverFlag: true}
	cert, pemStr, err := issue(cr, key.Public(), ca, nil, s.now())
	if err != nil {
		return nil, errBadRequest("cannot issue the certificate: %v", err)
	}
	pk, err := encodePrivateKey(key, "")
	if err != nil {
		return nil, errBadRequest("cannot encode the private key: %v", err)
	}
	d := newCertVersion(cert, pemStr)
	d.intermediate, d.privateKey = ca.certPEM, strings.TrimSpace(pk)
	return d, nil
}

func (k *publicCertKind) render(m map[string]any, _ bool) {
	if k.info != nil {
		k.info.render(m)
	}
	delete(m, "common_name")
	if k.commonName != "" {
		m["common_name"] = k.commonName
	}
	if len(k.altNames) > 0 {
		m["alt_names"] = k.altNames
	}
	m["ca"] = k.ca
	m["dns"] = k.dns
	m["key_algorithm"] = k.keyAlgorithm
	m["bundle_certs"] = k.bundle
	m["issuance_info"] = k.issuance.render()
}

func (k *publicCertKind) rotation() *rotation { return &k.rot }

func (k *publicCertKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	return applyPatch(sec.typ, b, rotationPatch(s, &k.rot))
}

func (k *publicCertKind) action(s *store, sec *secret, v *version, action string, b *body) (map[string]any, *apiError) {
	if action != "public_cert_action_validate_dns_challenge" || v != nil {
		return k.kindBase.action(s, sec, v, action, b)
	}
	if sec.state != 0 {
		return nil, errBadRequest("the certificate has no pending DNS challenge")
	}
	k.dnsVerified = true
	k.refresh(s, sec)
	return map[string]any{"action_type": action}, nil
}

// publicIssuer returns the internal CA that issues public certificates.
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
