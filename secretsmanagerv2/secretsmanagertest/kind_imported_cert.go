package secretsmanagertest

import "strings"

// importedCertKind is secret_type "imported_cert": a certificate issued
// elsewhere, with its optional intermediate and private key.
type importedCertKind struct {
	kindBase
	info                 *certInfo // of the current certificate
	intermediateIncluded bool
	privateKeyIncluded   bool
}

func (k *importedCertKind) create(_ *store, _ *secret, b *body) *apiError {
	return b.required("certificate")
}

func (k *importedCertKind) newVersion(_ *store, sec *secret, v *version, b *body, _ bool) (bool, *apiError) {
	if e := b.required("certificate"); e != nil {
		return false, e
	}
	certPEM, _ := b.str("certificate")
	inter, _ := b.str("intermediate")
	key, _ := b.str("private_key")
	if b.err != nil {
		return false, b.err
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
	d := newCertVersion(certs[0], certPEM)
	d.intermediate = strings.TrimSpace(inter)
	d.privateKey = strings.TrimSpace(key)
	v.data = d
	v.expiration = d.info.expiration()
	k.info = d.info
	k.intermediateIncluded, k.privateKeyIncluded = inter != "", key != ""
	sec.expiration = d.info.expiration()
	return false, nil
}

func (k *importedCertKind) render(m map[string]any, _ bool) {
	if k.info != nil {
		k.info.render(m)
	}
	m["intermediate_included"] = k.intermediateIncluded
	m["private_key_included"] = k.privateKeyIncluded
}
