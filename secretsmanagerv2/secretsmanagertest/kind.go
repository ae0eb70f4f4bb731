package secretsmanagertest

import (
	"time"
)

// secretKinds registers the secret types: secret_type value -> constructor of
// the kind holding one secret's type-specific state. Adding a secret type is
// one kind_<type>.go file plus one line here.
var secretKinds = map[string]func() secretKind{
	"arbitrary":           func() secretKind { return &arbitraryKind{} },
	"custom_credentials":  func() secretKind { return &customCredentialsKind{} },
	"iam_credentials":     func() secretKind { return &iamCredentialsKind{} },
	"imported_cert":       func() secretKind { return &importedCertKind{} },
	"kv":                  func() secretKind { return &kvKind{} },
	"private_cert":        func() secretKind { return &privateCertKind{} },
	"public_cert":         func() secretKind { return &publicCertKind{} },
	"service_credentials": func() secretKind { return &serviceCredentialsKind{} },
	"username_password":   func() secretKind { return &usernamePasswordKind{} },
}

// isSecretType reports whether t is a registered secret type.
func isSecretType(t string) bool {
	_, ok := secretKinds[t]
	return ok
}

// secretKind is the type-specific part of one secret: its typed state and
// every step whose behaviour depends on the secret type. The store handles
// what all types share (names, groups, labels, custom metadata, the version
// list and its aliases, locks, paging) and calls the kind for the rest. All
// calls happen with the store locked, within a request that is undone if it
// panics or runs again after a key was made (store.newKey: ask for keys
// before changing anything); a method that returns an error must leave the
// secret unchanged.
//
// Embed kindBase to get the defaults of the optional steps; a kind must
// implement create, newVersion and clone.
type secretKind interface {
	// create reads the type-specific fields of a creation request (b) and
	// sets up the state; it may change sec's state (pre_activation...) and
	// expiration. The first version is then built by newVersion. A field
	// "expiration_date" that create does not read is refused.
	create(s *store, sec *secret, b *body) *apiError
	// newVersion fills v (ID, creation time and version_custom_metadata are
	// set) from b: the creation request, or a version prototype when
	// rotation is true. It returns pending=false when v is ready and becomes
	// the current version, pending=true when it is produced later (the kind
	// keeps it and calls store.addVersion once it is ready, or drops it).
	newVersion(s *store, sec *secret, v *version, b *body, rotation bool) (pending bool, e *apiError)
	// render adds the type-specific properties of the secret to m; full is
	// true for reads that return the secret data (the current version's
	// data is added by the store).
	render(m map[string]any, full bool)
	// refresh brings time-driven state up to date; it is called on every
	// lookup of the secret (pending orders, task time-outs) and calls
	// store.touch before it changes anything.
	refresh(s *store, sec *secret)
	// read is called before the secret data is returned by GetSecret or
	// GetSecretByNameType: it may refuse the read or renew the data.
	read(s *store, sec *secret) *apiError
	// patch validates the type-specific fields of a metadata update (b holds
	// only those) and returns the change, applied once every field is valid.
	patch(s *store, sec *secret, b *body) (apply func(), e *apiError)
	// rotation returns the rotation policy, nil for types without one.
	rotation() *rotation
	// action runs a secret action (v nil) or a secret version action.
	action(s *store, sec *secret, v *version, action string, b *body) (map[string]any, *apiError)
	// deleteVersionData deletes the data of version v (it holds no lock).
	deleteVersionData(s *store, sec *secret, v *version) *apiError
	// deleteSecret is called before the secret, which holds no lock, is
	// deleted; force is the force_delete query parameter.
	deleteSecret(s *store, sec *secret, force bool) *apiError
	// lock is called before locks are added to a version with the lock mode
	// mode ("", remove_previous or remove_previous_and_delete).
	lock(s *store, sec *secret, mode string) *apiError
	// tasks returns the secret's task queue, nil for types without tasks.
	tasks() *taskQueue
	// clone returns a copy of the state that later changes of the original
	// do not affect (to undo a request: journal.go). A shallow copy does
	// when the kind replaces its maps and slices instead of changing them.
	clone() secretKind
}

// kindBase provides the defaults of the optional secretKind steps.
type kindBase struct{}

func (kindBase) render(map[string]any, bool)    {}
func (kindBase) refresh(*store, *secret)        {}
func (kindBase) read(*store, *secret) *apiError { return nil }
func (kindBase) rotation() *rotation            { return nil }
func (kindBase) tasks() *taskQueue              { return nil }

func (kindBase) patch(_ *store, sec *secret, b *body) (func(), *apiError) {
	return applyPatch(sec.typ, b)
}

func (kindBase) action(_ *store, sec *secret, v *version, action string, _ *body) (map[string]any, *apiError) {
	return nil, errUnsupportedAction(action, sec.typ, v != nil)
}

func (kindBase) deleteVersionData(_ *store, _ *secret, v *version) *apiError {
	v.eraseData()
	return nil
}

func (kindBase) deleteSecret(*store, *secret, bool) *apiError { return nil }
func (kindBase) lock(*store, *secret, string) *apiError       { return nil }

// Known actions, for the error of an action sent to the wrong type.
var (
	secretActions  = []string{"private_cert_action_revoke_certificate", "public_cert_action_validate_dns_challenge"}
	versionActions = []string{"private_cert_action_revoke_certificate"}
)

func errUnsupportedAction(action, typ string, onVersion bool) *apiError {
	known := secretActions
	if onVersion {
		known = versionActions
	}
	if contains(known, action) {
		return errBadRequest("action %s is not supported for secret type %s", action, typ)
	}
	return errBadRequest("property \"action_type\" has an unsupported value %q", action)
}

// secret is one secret: the properties every type has, its versions and its
// kind, which holds the type-specific state.
type secret struct {
	id, name, typ, groupID string
	description            string
	hasDescription         bool
	labels                 []string
	customMetadata         map[string]any
	createdAt, updatedAt   time.Time
	createdBy              string
	expiration             *time.Time // expiration_date
	retrievedAt            time.Time  // last read of the data; zero (the epoch) until then
	versions               []*version // oldest first; empty until the first version is ready
	state                  int
	downloaded             bool
	seq                    int64
	kind                   secretKind
}

var stateDescriptions = map[int]string{0: "pre_activation", 1: "active", 2: "suspended", 3: "deactivated", 5: "destroyed"}

func (sec *secret) locksTotal() int {
	n := 0
	for _, v := range sec.versions {
		n += len(v.locks)
	}
	return n
}

// current returns the current version, nil before the first one is ready.
func (sec *secret) current() *version {
	if len(sec.versions) == 0 {
		return nil
	}
	return sec.versions[len(sec.versions)-1]
}

func (sec *secret) previous() *version {
	if len(sec.versions) < 2 {
		return nil
	}
	return sec.versions[len(sec.versions)-2]
}

func (sec *secret) alias(v *version) string {
	switch {
	case v == nil:
		return ""
	case v == sec.current():
		return "current"
	case v == sec.previous():
		return "previous"
	}
	return ""
}

// version is one version of a secret; data holds its type-specific part.
type version struct {
	id               string
	createdAt        time.Time
	createdBy        string
	customMetadata   map[string]any // version_custom_metadata
	data             versionData
	expiration       *time.Time // expiration_date
	payloadAvailable bool
	downloaded       bool
	autoRotated      bool
	locks            []*secretLock
}

// versionData is the type-specific part of a version.
type versionData interface {
	// renderMetadata adds the version's type-specific metadata to m.
	renderMetadata(m map[string]any)
	// renderData adds the secret data to m (only while the payload is available).
	renderData(m map[string]any)
	// erase forgets the secret data, keeping the metadata.
	erase()
	// clone returns a copy that later changes of the original do not affect.
	clone() versionData
}

// eraseData deletes the secret data of v.
func (v *version) eraseData() {
	if v.data != nil {
		v.data.erase()
	}
	v.payloadAvailable = false
}

// noData is the versionData of a version that has no data (yet).
type noData struct{}

func (noData) renderMetadata(map[string]any) {}
func (noData) renderData(map[string]any)     {}
func (noData) erase()                        {}
func (d noData) clone() versionData          { return d }

type secretLock struct {
	name, description    string
	attributes           map[string]any
	createdAt, updatedAt time.Time
	createdBy            string
}
