package secretsmanagertest

import "encoding/json"

// usernamePasswordKind is secret_type "username_password": a fixed username
// and a password, given or generated from the password policy, with an
// optional expiration date and rotation policy.
type usernamePasswordKind struct {
	kindBase
	username string
	policy   passwordPolicy
	rot      rotation
}

// userPasswordVersion is the data of a username_password secret version.
type userPasswordVersion struct{ username, password string }

func (d *userPasswordVersion) renderMetadata(map[string]any) {}
func (d *userPasswordVersion) renderData(m map[string]any) {
	m["username"] = d.username
	m["password"] = d.password
}
func (d *userPasswordVersion) clone() versionData { return shallow(d) }
func (d *userPasswordVersion) erase()             { d.username, d.password = "", "" }

func (k *usernamePasswordKind) clone() secretKind { return shallow(k) }

func (k *usernamePasswordKind) create(s *store, sec *secret, b *body) *apiError {
	if e := b.required("username"); e != nil {
		return e
	}
	exp, e := parseExpiration(b)
	if e != nil {
		return e
	}
	pol, e := parsePasswordPolicy(b, "password_generation_policy", defaultPasswordPolicy)
	if e != nil {
		return e
	}
	k.rot.rules = rotateDayTo24Months
	rot, e := k.rot.parse(b)
	if e != nil {
		return e
	}
	sec.expiration = exp
	k.policy = pol
	k.rot.set(s.now(), rot)
	return nil
}

func (k *usernamePasswordKind) newVersion(_ *store, sec *secret, v *version, b *body, rotation bool) (bool, *apiError) {
	username := k.username
	if !rotation {
		username, _ = b.str("username")
		if e := checkLen("username", username, 1, 64); e != nil {
			return false, e
		}
	}
	pw, _ := b.str("password")
	if b.err != nil {
		return false, b.err
	}
	if pw == "" {
		pw = generatePassword(k.policy)
	} else if e := checkLen("password", pw, 1, 256); e != nil {
		return false, e
	}
	k.username = username
	v.data = &userPasswordVersion{username: username, password: pw}
	v.expiration = sec.expiration
	return false, nil
}

func (k *usernamePasswordKind) render(m map[string]any, _ bool) {
	m["password_generation_policy"] = k.policy.render()
}

func (k *usernamePasswordKind) rotation() *rotation { return &k.rot }

func (k *usernamePasswordKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	return applyPatch(sec.typ, b, expirationPatch(sec), rotationPatch(s, &k.rot), passwordPolicyPatch(&k.policy))
}

// The Vault API: the username and password are the secret data.
func (k *usernamePasswordKind) vaultBody(map[string]json.RawMessage, *body, bool) *apiError {
	return nil
}
func (k *usernamePasswordKind) vaultRender(_, sd, m map[string]any, _ *secret, _ bool) {
	copyKeys(sd, m, "username", "password")
}
