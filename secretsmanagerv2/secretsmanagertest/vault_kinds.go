package secretsmanagertest

import "encoding/json"

// vaultKind is the part of a secret kind that the Vault API needs. A secret type has an engine
// of the Vault API (/v1/ibmcloud/<type>/) when its kind implements vaultKind, in its kind_<type>.go
// file: the Vault API then needs no other change for it. The methods are called on a new kind
// (what they do depends on the type, not on a secret's state).
type vaultKind interface {
	// vaultBody turns the body b of a Vault request that creates (creating) or rotates a
	// secret of the type into the v2 one: m, a copy of b.m, is changed in place.
	vaultBody(m map[string]json.RawMessage, b *body, creating bool) *apiError
	// vaultRender adds the type's properties to out and its secret data to sd, both under the
	// Vault names, from m, the v2 rendering of sec (nil when the secret no longer exists);
	// data is true when the answer holds the secret's value.
	vaultRender(out, sd, m map[string]any, sec *secret, data bool)
}

// vaultConfigKind is a vaultKind whose engine has configurations (/v1/ibmcloud/<type>/config/...).
type vaultConfigKind interface {
	vaultKind
	// vaultConfigs returns the configuration types of the engine: the path segment -> the type
	// of the body -> the v2 config_type.
	vaultConfigs() map[string]map[string]string
}

// vaultIAMKind is a vaultKind whose engine is that of IAM credentials: roles/{name} creates a
// secret, creds/{name} reads it (the creation answer has no secret data), and config/root holds
// the IAM credentials configuration.
type vaultIAMKind interface {
	vaultKind
	vaultIAM()
}

// vaultKindOf returns the vaultKind of the secret type typ, or nil when the Vault API has no
// engine for it.
func vaultKindOf(typ string) vaultKind {
	mk, ok := secretKinds[typ]
	if !ok {
		return nil
	}
	vk, _ := mk().(vaultKind)
	return vk
}

// vaultConfigsOf returns the configuration types of the engine of typ (vaultConfigKind), nil
// when it has none.
func vaultConfigsOf(typ string) map[string]map[string]string {
	if ck, ok := vaultKindOf(typ).(vaultConfigKind); ok {
		return ck.vaultConfigs()
	}
	return nil
}

// vaultIsIAM reports whether the engine of typ is that of IAM credentials (vaultIAMKind).
func vaultIsIAM(typ string) bool {
	_, ok := vaultKindOf(typ).(vaultIAMKind)
	return ok
}
