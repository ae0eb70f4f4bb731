package secretsmanagertest

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
