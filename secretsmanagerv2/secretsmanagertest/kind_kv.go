package secretsmanagertest

import "encoding/json"

// kvKind is secret_type "kv": a JSON object chosen by the user.
type kvKind struct{ kindBase }

// kvVersion is the data of a kv secret version.
type kvVersion struct{ data map[string]any }

func (d *kvVersion) renderMetadata(map[string]any) {}
func (d *kvVersion) renderData(m map[string]any)   { m["data"] = d.data }
func (d *kvVersion) clone() versionData            { return shallow(d) }
func (d *kvVersion) erase()                        { d.data = nil }

func (k *kvKind) clone() secretKind { return shallow(k) }

func (k *kvKind) create(_ *store, _ *secret, b *body) *apiError {
	return b.required("data")
}

func (k *kvKind) newVersion(_ *store, _ *secret, v *version, b *body, _ bool) (bool, *apiError) {
	if e := b.required("data"); e != nil {
		return false, e
	}
	d, _ := b.object("data")
	if b.err != nil {
		return false, b.err
	}
	v.data = &kvVersion{data: d}
	return false, nil
}

// maxVaultKVPayload is the largest payload of a kv secret (its JSON text) in the Vault API, as
// its document says: 512 KB.
const maxVaultKVPayload = 512 << 10

// vaultBody: the Vault payload is the v2 data, required on creation, at most 512 KB.
func (k *kvKind) vaultBody(m map[string]json.RawMessage, b *body, creating bool) *apiError {
	if creating && (!b.has("payload") || b.isNull("payload")) {
		return errBadRequest("required.payload:property \"payload\" is missing")
	}
	if p, ok := m["payload"]; ok {
		if len(p) > maxVaultKVPayload {
			return errBadRequest("payload: the secret data is %d bytes, more than the maximum of 512 KB", len(p))
		}
		m["data"] = p
		delete(m, "payload")
	}
	return nil
}

func (k *kvKind) vaultRender(_, sd, m map[string]any, _ *secret, _ bool) {
	if v, ok := m["data"]; ok {
		sd["payload"] = v
	}
}
