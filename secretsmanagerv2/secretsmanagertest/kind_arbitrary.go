package secretsmanagertest

import "encoding/json"

// arbitraryKind is secret_type "arbitrary": a string payload chosen by the
// user, with an optional expiration date.
type arbitraryKind struct{ kindBase }

// payloadVersion is the data of an arbitrary secret version.
type payloadVersion struct{ payload string }

func (d *payloadVersion) renderMetadata(map[string]any) {}
func (d *payloadVersion) renderData(m map[string]any)   { m["payload"] = d.payload }
func (d *payloadVersion) clone() versionData            { return shallow(d) }
func (d *payloadVersion) erase()                        { d.payload = "" }

func (k *arbitraryKind) clone() secretKind { return shallow(k) }

func (k *arbitraryKind) create(_ *store, sec *secret, b *body) *apiError {
	if e := b.required("payload"); e != nil {
		return e
	}
	exp, e := parseExpiration(b)
	if e != nil {
		return e
	}
	sec.expiration = exp
	return nil
}

func (k *arbitraryKind) newVersion(_ *store, sec *secret, v *version, b *body, _ bool) (bool, *apiError) {
	if e := b.required("payload"); e != nil {
		return false, e
	}
	p, _ := b.str("payload")
	if b.err != nil {
		return false, b.err
	}
	if p == "" {
		return false, errBadRequest("property \"payload\" must not be empty")
	}
	v.data = &payloadVersion{payload: p}
	v.expiration = sec.expiration
	return false, nil
}

func (k *arbitraryKind) patch(_ *store, sec *secret, b *body) (func(), *apiError) {
	return applyPatch(sec.typ, b, expirationPatch(sec))
}

// The Vault API: the payload is the secret data.
func (k *arbitraryKind) vaultBody(map[string]json.RawMessage, *body, bool) *apiError { return nil }
func (k *arbitraryKind) vaultRender(_, sd, m map[string]any, _ *secret, _ bool) {
	copyKeys(sd, m, "payload")
}
