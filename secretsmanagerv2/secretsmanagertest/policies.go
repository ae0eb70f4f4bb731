package secretsmanagertest

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"
)

// Building blocks shared by the secret kinds: rotation policies, password
// policies, expiration dates, TTLs, and metadata patches.

// ---- metadata patches ----

// patchField is one type-specific property of a metadata update: parse
// validates its value in b and returns the change to apply (nil for none).
type patchField struct {
	key   string
	parse func(b *body) (func(), *apiError)
}

// applyPatch validates the type-specific fields of a metadata update: every
// key of b must be one of fields. It returns the combined change.
func applyPatch(typ string, b *body, fields ...patchField) (func(), *apiError) {
	known := map[string]bool{}
	for _, f := range fields {
		known[f.key] = true
	}
	for k := range b.m {
		if !known[k] {
			return nil, errBadRequest("property %q cannot be updated for secret type %s", k, typ)
		}
	}
	var changes []func()
	for _, f := range fields {
		if !b.has(f.key) {
			continue
		}
		apply, e := f.parse(b)
		if e != nil {
			return nil, e
		}
		if b.err != nil {
			return nil, b.err
		}
		if apply != nil {
			changes = append(changes, apply)
		}
	}
	return func() {
		for _, c := range changes {
			c()
		}
	}, nil
}

// ---- expiration dates ----

// parseExpiration reads the optional expiration_date of a creation request.
func parseExpiration(b *body) (*time.Time, *apiError) {
	exp, ok := b.str("expiration_date")
	if b.err != nil {
		return nil, b.err
	}
	if !ok {
		return nil, nil
	}
	t, err := parseTime(exp)
	if err != nil {
		return nil, errBadRequest("property \"expiration_date\" must be an RFC 3339 date-time")
	}
	t = t.UTC().Truncate(time.Second)
	return &t, nil
}

// expirationPatch updates (or, with null, removes) the secret's expiration_date.
func expirationPatch(sec *secret) patchField {
	return patchField{"expiration_date", func(b *body) (func(), *apiError) {
		if b.isNull("expiration_date") {
			return func() { sec.expiration = nil }, nil
		}
		t, e := parseExpiration(b)
		if e != nil || t == nil {
			return nil, e
		}
		return func() { sec.expiration = t }, nil
	}}
}

// ---- TTLs ----

// ttlPatch updates a ttl property (a duration string) stored in dst.
func ttlPatch(dst *string) patchField {
	return patchField{"ttl", func(b *body) (func(), *apiError) {
		ttl, ok := b.str("ttl")
		if !ok {
			return nil, nil
		}
		if _, err := parseDurationString(ttl); err != nil {
			return nil, errBadRequest("property \"ttl\" is not a valid duration")
		}
		return func() { *dst = ttl }, nil
	}}
}

// expiresAfter returns now + ttl, or nil when ttl is not a valid duration.
func expiresAfter(now time.Time, ttl string) *time.Time {
	d, err := parseDurationString(ttl)
	if err != nil {
		return nil
	}
	t := now.Add(d)
	return &t
}

// ---- rotation policies ----

// rotationRules say which rotation policies a secret type accepts.
type rotationRules struct {
	// publicCert selects the public certificate policy: auto_rotate and
	// rotate_keys, no interval.
	publicCert bool
	// min and max bound the rotation interval (no bound when max is 0).
	min, max time.Duration
	// vaultMax, when not 0, is max for a request of the Vault API, whose document says otherwise.
	vaultMax time.Duration
}

// month is the length of a month in rotation interval limits.
const month = 730 * time.Hour

// Rotation interval limits of the secret types.
var (
	rotateDayTo3Months  = rotationRules{min: 24 * time.Hour, max: 3 * month}
	rotateDayTo24Months = rotationRules{min: 24 * time.Hour, max: 24 * month}
	// The private certificates of the Vault API document: 1 day to 3 years (1095 days).
	rotateDayTo3Years = rotationRules{min: 24 * time.Hour, max: 24 * month, vaultMax: 1095 * 24 * time.Hour}
)

var rotationUnits = map[string]time.Duration{"hour": time.Hour, "day": 24 * time.Hour, "month": month}

// span returns the rotation interval of p.
func (p *rotationPolicy) span() time.Duration {
	return time.Duration(p.interval) * rotationUnits[p.unit]
}

func fmtSpan(d time.Duration) string {
	switch {
	case d%month == 0:
		return fmt.Sprintf("%d months", d/month)
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return fmt.Sprintf("%d hours", d/time.Hour)
}

// rotationPolicy is a parsed rotation property.
type rotationPolicy struct {
	autoRotate  bool
	rotateKeys  bool // public certificates
	interval    int64
	unit        string // day, month; "" when not given
	hasInterval bool
}

// rotation is the rotation policy of a secret and its next rotation date.
type rotation struct {
	rules  rotationRules
	policy *rotationPolicy // nil: no policy
	next   *time.Time
}

// parse reads the rotation property of b; it returns nil when it is absent
// or null.
func (r *rotation) parse(b *body) (*rotationPolicy, *apiError) {
	if !b.has("rotation") || b.isNull("rotation") {
		return nil, nil
	}
	var in struct {
		AutoRotate *bool   `json:"auto_rotate"`
		Interval   *int64  `json:"interval"`
		Unit       *string `json:"unit"`
		RotateKeys *bool   `json:"rotate_keys"`
	}
	if !b.decode("rotation", &in) {
		return nil, b.err
	}
	p := &rotationPolicy{autoRotate: in.AutoRotate != nil && *in.AutoRotate}
	if r.rules.publicCert {
		p.rotateKeys = in.RotateKeys != nil && *in.RotateKeys
		return p, nil
	}
	if in.Unit != nil {
		if _, ok := rotationUnits[*in.Unit]; !ok {
			return nil, errBadRequest("property \"rotation.unit\" must be hour, day or month")
		}
		p.unit = *in.Unit
	}
	rr, maxInterval := r.rules, int64(1000)
	if b.vault && rr.vaultMax > 0 {
		rr.max, maxInterval = rr.vaultMax, max(maxInterval, int64(rr.vaultMax/(24*time.Hour)))
	}
	if in.Interval != nil {
		if *in.Interval < 1 || *in.Interval > maxInterval {
			return nil, errBadRequest("property \"rotation.interval\" must be between 1 and %d", maxInterval)
		}
		p.interval, p.hasInterval = *in.Interval, true
	}
	if p.autoRotate && (in.Interval == nil || in.Unit == nil) {
		return nil, errBadRequest("properties \"rotation.interval\" and \"rotation.unit\" are required when auto_rotate is true")
	}
	if rr.max > 0 && p.hasInterval && p.unit != "" && (p.span() < rr.min || p.span() > rr.max) {
		return nil, errBadRequest("the rotation interval must be between %s and %s", fmtSpan(rr.min), fmtSpan(rr.max))
	}
	return p, nil
}

// set installs policy p (nil: no change) and schedules the next rotation.
func (r *rotation) set(now time.Time, p *rotationPolicy) {
	if p == nil {
		return
	}
	r.policy = p
	r.reschedule(now)
}

// reschedule computes the next rotation date from now.
func (r *rotation) reschedule(now time.Time) {
	r.next = nil
	p := r.policy
	if p == nil || !p.autoRotate || r.rules.publicCert {
		return
	}
	next := now
	switch p.unit {
	case "month":
		next = next.AddDate(0, int(p.interval), 0)
	case "hour":
		next = next.Add(time.Duration(p.interval) * time.Hour)
	default:
		next = next.AddDate(0, 0, int(p.interval))
	}
	r.next = &next
}

func (r *rotation) render(m map[string]any) {
	p := r.policy
	if p == nil {
		return
	}
	out := map[string]any{"auto_rotate": p.autoRotate}
	if r.rules.publicCert {
		out["rotate_keys"] = p.rotateKeys
	} else {
		if p.unit != "" {
			out["unit"] = p.unit
		}
		if p.hasInterval {
			out["interval"] = p.interval
		}
	}
	m["rotation"] = out
	if r.next != nil {
		m["next_rotation_date"] = fmtTime(*r.next)
	}
}

// rotationPatch updates the rotation policy r; checks validate the new
// policy further.
func rotationPatch(s *store, r *rotation, checks ...func(*rotationPolicy) *apiError) patchField {
	return patchField{"rotation", func(b *body) (func(), *apiError) {
		p, e := r.parse(b)
		if e != nil || p == nil {
			return nil, e
		}
		for _, check := range checks {
			if e := check(p); e != nil {
				return nil, e
			}
		}
		return func() { r.set(s.now(), p) }, nil
	}}
}

// checkRotationTTL refuses an automatic rotation interval longer than ttl.
func checkRotationTTL(p *rotationPolicy, ttl string) *apiError {
	if p == nil || !p.autoRotate || ttl == "" {
		return nil
	}
	if d, err := parseDurationString(ttl); err == nil && p.span() > d {
		return errBadRequest("the rotation interval (%s) must not exceed the ttl (%s)", fmtSpan(p.span()), ttl)
	}
	return nil
}

// checkRotationExpiry refuses (error code Error02009) a new automatic
// rotation interval whose next rotation would come after the expiration of
// the current version cur.
func checkRotationExpiry(now time.Time, p *rotationPolicy, cur *version) *apiError {
	if p == nil || !p.autoRotate || cur == nil || cur.expiration == nil {
		return nil
	}
	if now.Add(p.span()).After(*cur.expiration) {
		return &apiError{http.StatusBadRequest, "Error02009", "The next rotation date set by the new rotation interval falls after the expiration date of the current secret version."}
	}
	return nil
}

// ---- password generation ----

// passwordPolicy is the password_generation_policy of username_password secrets.
type passwordPolicy struct {
	length                     int64
	digits, symbols, uppercase bool
}

var defaultPasswordPolicy = passwordPolicy{length: 32, digits: true, symbols: true, uppercase: true}

func (p passwordPolicy) render() map[string]any {
	return map[string]any{"length": p.length, "include_digits": p.digits,
		"include_symbols": p.symbols, "include_uppercase": p.uppercase}
}

// parsePasswordPolicy reads the policy at key, starting from base.
func parsePasswordPolicy(b *body, key string, base passwordPolicy) (passwordPolicy, *apiError) {
	pol := base
	if !b.has(key) || b.isNull(key) {
		return pol, nil
	}
	var in struct {
		Length           *int64 `json:"length"`
		IncludeDigits    *bool  `json:"include_digits"`
		IncludeSymbols   *bool  `json:"include_symbols"`
		IncludeUppercase *bool  `json:"include_uppercase"`
	}
	if !b.decode(key, &in) {
		return pol, b.err
	}
	if in.Length != nil {
		if *in.Length < 12 || *in.Length > 256 {
			return pol, errBadRequest("property \"password_generation_policy.length\" must be between 12 and 256")
		}
		pol.length = *in.Length
	}
	if in.IncludeDigits != nil {
		pol.digits = *in.IncludeDigits
	}
	if in.IncludeSymbols != nil {
		pol.symbols = *in.IncludeSymbols
	}
	if in.IncludeUppercase != nil {
		pol.uppercase = *in.IncludeUppercase
	}
	return pol, nil
}

// passwordPolicyPatch updates a password policy, merging the given fields.
func passwordPolicyPatch(dst *passwordPolicy) patchField {
	return patchField{"password_generation_policy", func(b *body) (func(), *apiError) {
		pol, e := parsePasswordPolicy(b, "password_generation_policy", *dst)
		if e != nil {
			return nil, e
		}
		return func() { *dst = pol }, nil
	}}
}

const (
	lowerChars  = "abcdefghijklmnopqrstuvwxyz"
	upperChars  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digitChars  = "0123456789"
	symbolChars = "!@#$%^&*()-_=+[]{}<>?"
)

func randIndex(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0
	}
	return int(v.Int64())
}

// generatePassword returns a random password honouring the policy: every
// enabled character class appears at least once.
func generatePassword(pol passwordPolicy) string {
	classes := []string{lowerChars}
	if pol.uppercase {
		classes = append(classes, upperChars)
	}
	if pol.digits {
		classes = append(classes, digitChars)
	}
	if pol.symbols {
		classes = append(classes, symbolChars)
	}
	all := strings.Join(classes, "")
	out := make([]byte, pol.length)
	for i := range out {
		if i < len(classes) {
			c := classes[i]
			out[i] = c[randIndex(len(c))]
		} else {
			out[i] = all[randIndex(len(all))]
		}
	}
	for i := len(out) - 1; i > 0; i-- {
		j := randIndex(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// leasedPatch applies a metadata patch of a secret with a lease (iam_credentials,
// service_credentials): its rotation policy, checked against the TTL the secret will have after the
// same update, and its TTL.
func leasedPatch(s *store, sec *secret, b *body, rot *rotation, ttl *string) (func(), *apiError) {
	newTTL := *ttl
	if v, ok := b.str("ttl"); ok {
		newTTL = v // the ttl of the same update
	}
	return applyPatch(sec.typ, b, rotationPatch(s, rot,
		func(p *rotationPolicy) *apiError { return checkRotationTTL(p, newTTL) },
		func(p *rotationPolicy) *apiError { return checkRotationExpiry(s.now(), p, sec.current()) }),
		ttlPatch(ttl))
}
