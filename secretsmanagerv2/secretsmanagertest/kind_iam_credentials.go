package secretsmanagertest

import "encoding/json"

// iamCredentialsKind is secret_type "iam_credentials": a stand-in IBM Cloud
// API key for a service ID (given, or one per version), valid for ttl. Without
// reuse_api_key every read returns a new single-use key, the secret cannot be
// rotated manually and it cannot be read while locked.
type iamCredentialsKind struct {
	kindBase
	ttl          string
	reuse        bool
	accessGroups []string // nil when not given
	serviceID    string   // the given service_id, then the current version's
	static       bool     // service_id was given
	apiKeyID     string
	accountID    string
	rot          rotation
}

// apiKeyVersion is the data of an iam_credentials secret version.
type apiKeyVersion struct{ apiKey, apiKeyID, serviceID string }

func (d *apiKeyVersion) renderMetadata(m map[string]any) {
	m["api_key_id"] = d.apiKeyID
	m["service_id"] = d.serviceID
}
func (d *apiKeyVersion) renderData(m map[string]any) { m["api_key"] = d.apiKey }
func (d *apiKeyVersion) clone() versionData          { return shallow(d) }
func (d *apiKeyVersion) erase()                      { d.apiKey = "" }

func (k *iamCredentialsKind) clone() secretKind { return shallow(k) }

func (k *iamCredentialsKind) create(s *store, _ *secret, b *body) *apiError {
	if e := b.required("ttl"); e != nil {
		return e
	}
	ttl, _ := b.str("ttl")
	groups, hasGroups := b.strs("access_groups")
	sid, hasSID := b.str("service_id")
	reuse, _ := b.boolean("reuse_api_key")
	account, hasAccount := b.str("account_id")
	if b.err != nil {
		return b.err
	}
	if hasAccount && (len(account) != 32 || !reAccountID.MatchString(account)) {
		return errBadRequest("property \"account_id\" must be 32 lowercase letters and digits")
	}
	if _, err := parseDurationString(ttl); err != nil {
		return errBadRequest("property \"ttl\" is not a valid duration")
	}
	if !hasGroups && !hasSID {
		return errBadRequest("one of the properties \"access_groups\" or \"service_id\" is required")
	}
	if hasGroups && (len(groups) < 1 || len(groups) > 10) {
		return errBadRequest("property \"access_groups\" must have between 1 and 10 items")
	}
	k.rot.rules = rotateDayTo3Months
	rot, e := k.rot.parse(b)
	if e != nil {
		return e
	}
	if e := checkRotationTTL(rot, ttl); e != nil {
		return e
	}
	k.ttl, k.reuse, k.static, k.accountID = ttl, reuse, hasSID, account
	if hasGroups {
		k.accessGroups = groups
	}
	if hasSID {
		k.serviceID = sid
	}
	k.rot.set(s.now(), rot)
	return nil
}

func (k *iamCredentialsKind) newVersion(s *store, sec *secret, v *version, b *body, rotation bool) (bool, *apiError) {
	if rotation && !k.reuse {
		// Each read already returns a new single-use key (manual rotation document).
		return false, errBadRequest("manual rotation is not supported for IAM credentials that do not reuse their API key (reuse_api_key is false)")
	}
	d := &apiKeyVersion{}
	if rotation && b.has("restore_from_version") {
		from, _ := b.str("restore_from_version")
		if b.err != nil {
			return false, b.err
		}
		old, e := s.versionByID(sec, from)
		if e != nil {
			return false, e
		}
		od, ok := old.data.(*apiKeyVersion)
		if !old.payloadAvailable || !ok {
			return false, errBadRequest("the version %s has no secret data to restore", from)
		}
		*d = *od
	} else {
		sid := k.serviceID
		if !k.static || sid == "" {
			sid = "ServiceId-" + newUUID()
		}
		d.apiKey, d.apiKeyID, d.serviceID = randomToken(44), "ApiKey-"+newUUID(), sid
	}
	v.data = d
	k.apiKeyID, k.serviceID = d.apiKeyID, d.serviceID
	sec.expiration = expiresAfter(s.now(), k.ttl)
	v.expiration = sec.expiration
	return false, nil
}

func (k *iamCredentialsKind) read(s *store, sec *secret) *apiError {
	cur := sec.current()
	if k.reuse || cur == nil || !cur.payloadAvailable {
		return nil
	}
	// Without reuse_api_key, every read creates a new single-use API key: a read modifies the
	// secret's data, so it is refused while the secret is locked (locking document).
	if sec.locksTotal() > 0 {
		return errLocked()
	}
	if d, ok := cur.data.(*apiKeyVersion); ok {
		d.apiKey, d.apiKeyID = randomToken(44), "ApiKey-"+newUUID()
		k.apiKeyID = d.apiKeyID
	}
	return nil
}

func (k *iamCredentialsKind) render(m map[string]any, _ bool) {
	m["ttl"] = k.ttl
	m["reuse_api_key"] = k.reuse
	m["service_id_is_static"] = k.static
	if k.accessGroups != nil {
		m["access_groups"] = k.accessGroups
	}
	if k.serviceID != "" {
		m["service_id"] = k.serviceID
	}
	if k.apiKeyID != "" {
		m["api_key_id"] = k.apiKeyID
	}
	if k.accountID != "" {
		m["account_id"] = k.accountID
	}
}

func (k *iamCredentialsKind) rotation() *rotation { return &k.rot }

func (k *iamCredentialsKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	return leasedPatch(s, sec, b, &k.rot, &k.ttl)
}

// The Vault API: the engine of IAM credentials (roles, creds, config/root); the ttl may be a
// number of seconds and is given as one; the API key is a property, not secret data.
func (k *iamCredentialsKind) vaultIAM() {}
func (k *iamCredentialsKind) vaultBody(m map[string]json.RawMessage, _ *body, _ bool) *apiError {
	durationString(m, "ttl")
	return nil
}
func (k *iamCredentialsKind) vaultRender(out, _, m map[string]any, _ *secret, data bool) {
	copyKeys(out, m, "access_groups", "reuse_api_key", "service_id")
	if ttl, ok := seconds(m["ttl"]); ok {
		out["ttl"] = ttl
	}
	if data {
		copyKeys(out, m, "api_key")
	}
}
