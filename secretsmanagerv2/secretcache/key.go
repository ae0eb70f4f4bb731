package secretcache

// Key names one secret of the cache: by ID (ByID) or by secret group, type and name (ByName).
// Keys are comparable values: two keys naming the same secret the same way are equal, and a Key
// can be used as a map key. A secret named both ways is cached twice, once per key.
//
// Build the keys a program uses once (at start-up) and reuse them: a Key carries a precomputed
// lookup string, which keeps cache hits free of allocations.
type Key struct {
	id    string
	group string
	typ   string
	name  string
	s     string // the lookup string, also the text of String
}

// ByID returns the Key of the secret with the given ID.
func ByID(id string) Key {
	return Key{id: id, s: "id:" + id}
}

// ByName returns the Key of the secret of type secretType (such as "arbitrary", "kv" or
// "private_cert") named name in the secret group named group ("default" for the default group).
// The cache resolves it to the secret's ID on its first load and reads metadata by ID afterwards.
func ByName(group, secretType, name string) Key {
	return Key{group: group, typ: secretType, name: name, s: "name:" + group + "/" + secretType + "/" + name}
}

// ID returns the secret ID of a key made by ByID, or "" for a key made by ByName.
func (k Key) ID() string { return k.id }

// Group returns the secret group name of a key made by ByName, or "".
func (k Key) Group() string { return k.group }

// SecretType returns the secret type of a key made by ByName, or "".
func (k Key) SecretType() string { return k.typ }

// Name returns the secret name of a key made by ByName, or "".
func (k Key) Name() string { return k.name }

// IsZero reports whether k is the zero Key, which names no secret.
func (k Key) IsZero() bool { return k.s == "" }

// String returns a readable form of the key, "id:<id>" or "name:<group>/<type>/<name>". It holds
// identifiers only, never a secret value, so it is safe to log.
func (k Key) String() string { return k.s }
