package secretcache

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// DefaultGroup is the name of the default secret group, where ByName looks unless told otherwise
// with InGroup.
const DefaultGroup = "default"

// Key names one secret of the cache: by ID (ByID) or by type, name and secret group (ByName).
// Keys are comparable values: two keys naming the same secret the same way are equal, and a Key
// can be used as a map key. A secret named both ways is cached twice, once per key.
//
// Build the keys a program uses once (at start-up) and reuse them: a Key carries a precomputed
// lookup string, which keeps cache hits free of allocations. Keys are structured: two keys are the
// same entry only when their group, type and name (or ID) are equal, whatever characters
// (such as "/") these hold.
type Key struct {
	id    string
	group string
	typ   sm.SecretType
	name  string
	s     string // the text of String
	l     string // the lookup string: the parts, each but the last prefixed by its length
}

// ByID returns the Key of the secret with the given ID.
func ByID(id string) Key {
	return Key{id: id, s: "id:" + id, l: "i" + id}
}

// ByName returns the Key of the secret of type secretType named name in the default secret group;
// add InGroup for another group. Its parameters come in the order of the client's
// NewGetSecretByNameTypeOptions(secretType, name, group):
//
//	db := secretcache.ByName(sm.SecretTypeUsernamePassword, "app-db")
//	tlsCert := secretcache.ByName(sm.SecretTypePrivateCert, "app-tls").InGroup("web")
//
// The cache resolves the key to the secret's ID on its first load and reads metadata by ID
// afterwards. A key whose type is not one this release knows while its name is (the arguments
// swapped) fails on use with an error matching secretsmanagerv2.ErrInvalidInput.
func ByName(secretType sm.SecretType, name string) Key {
	return Key{group: DefaultGroup, typ: secretType, name: name}.withLookup()
}

// InGroup returns a copy of a key made by ByName that names the secret in the secret group named
// group instead (a group's name, or "default"). It returns a key made by ByID unchanged.
func (k Key) InGroup(group string) Key {
	if k.id != "" || k.IsZero() {
		return k
	}
	k.group = group
	return k.withLookup()
}

func (k Key) withLookup() Key {
	k.s = "name:" + keyPart(k.group) + "/" + keyPart(string(k.typ)) + "/" + keyPart(k.name)
	k.l = "n" + strconv.Itoa(len(k.group)) + ":" + k.group + strconv.Itoa(len(k.typ)) + ":" + string(k.typ) + k.name
	return k
}

// keyPart is a part of the text of a Key: as it is, or quoted when it holds a "/" or a quote, so
// that the text of two different keys differs.
func keyPart(s string) string {
	if strings.ContainsAny(s, "/\"") || s != strings.TrimSpace(s) {
		return strconv.Quote(s)
	}
	return s
}

// misuse returns why a key cannot name a secret, or nil.
func (k Key) misuse() error {
	if k.id != "" || k.typ.Known() {
		return nil
	}
	if sm.SecretType(k.name).Known() {
		return fmt.Errorf("%w: %q is not a secret type and %q is: ByName takes the type first, then the name",
			sm.ErrInvalidInput, k.typ, k.name)
	}
	return nil
}

// ID returns the secret ID of a key made by ByID, or "" for a key made by ByName.
func (k Key) ID() string { return k.id }

// Group returns the secret group name of a key made by ByName, or "".
func (k Key) Group() string { return k.group }

// SecretType returns the secret type of a key made by ByName, or "".
func (k Key) SecretType() sm.SecretType { return k.typ }

// Name returns the secret name of a key made by ByName, or "".
func (k Key) Name() string { return k.name }

// IsZero reports whether k is the zero Key, which names no secret.
func (k Key) IsZero() bool { return k.s == "" }

// String returns a readable form of the key, "id:<id>" or "name:<group>/<type>/<name>", where a
// group, type or name holding a "/" or a quote is quoted (name:"a/b"/kv/x). It holds identifiers
// only, never a secret value, so it is safe to log.
func (k Key) String() string { return k.s }

// misnamed adds to err, the failed read of key, what looks wrong with the key when the service
// found nothing or refused the request: a group ID given to InGroup, which takes a group's name, or
// a name given to ByID, which takes an ID. The cause still matches errors.Is and errors.As.
func misnamed(key Key, err error) error {
	if !errors.Is(err, sm.ErrNotFound) && !errors.Is(err, sm.ErrBadRequest) {
		return err
	}
	switch {
	case key.id != "" && !looksLikeID(key.id):
		return fmt.Errorf("%w (ByID takes a secret's ID, a UUID; %q looks like a name: use ByName for a name)", err, key.id)
	case key.id == "" && looksLikeID(key.group):
		return fmt.Errorf("%w (InGroup takes a secret group's name; %q looks like a group ID: give the group's name)", err, key.group)
	}
	return err
}

// looksLikeID reports whether s has the shape of the IDs of Secrets Manager, a UUID
// (8-4-4-4-12 hexadecimal digits).
func looksLikeID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
