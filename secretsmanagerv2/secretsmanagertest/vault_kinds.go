package secretsmanagertest

import (
	"encoding/json"
	"strings"
)

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

// vaultConfigType is the part of a configuration kind that the Vault API needs. A configuration
// type has routes in the Vault API (/v1/ibmcloud/<its secret type>/config/<segment>) when its kind
// implements vaultConfigType, in its config_<type>.go file. The methods are called on a new kind.
type vaultConfigType interface {
	// vaultRoute returns the path segment of the type's configurations and the names of the
	// type that the "type" of a Vault body may give.
	vaultRoute() (segment string, types []string)
	// vaultNames maps the Vault names of the properties named otherwise in the v2 API to
	// their v2 names (nil: none).
	vaultNames() map[string]string
	// vaultFields completes fields, the v2 properties of a Vault request that creates or
	// updates a configuration of "type" vtype ("" when the body gives none).
	vaultFields(vtype string, fields map[string]json.RawMessage)
	// vaultRender renders m, the full v2 rendering of a configuration, as the Vault "type"
	// and "config".
	vaultRender(m map[string]any) (vtype string, cfg map[string]any)
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

// vaultConfigsOf returns the configuration routes of the engine of typ: the path segment ->
// the type of the body -> the v2 config_type, from the configuration kinds of typ that implement
// vaultConfigType; nil when it has none.
func vaultConfigsOf(typ string) map[string]map[string]string {
	var out map[string]map[string]string
	for cfgType, mk := range configKinds {
		k := mk()
		vc, ok := k.(vaultConfigType)
		if !ok || k.secretType() != typ {
			continue
		}
		seg, types := vc.vaultRoute()
		if out == nil {
			out = map[string]map[string]string{}
		}
		if out[seg] == nil {
			out[seg] = map[string]string{}
		}
		for _, vt := range types {
			out[seg][vt] = cfgType
		}
	}
	return out
}

// vaultConfigTypeOf returns the vaultConfigType of the configuration type typ, nil without.
func vaultConfigTypeOf(typ string) vaultConfigType {
	mk, ok := configKinds[typ]
	if !ok {
		return nil
	}
	vc, _ := mk().(vaultConfigType)
	return vc
}

// vaultPlainConfig is the Vault "config" of a configuration whose properties have their v2
// names: every property of m but the common ones, durations without the "_seconds" of their
// name, alt_names as a comma-separated list.
func vaultPlainConfig(m map[string]any) map[string]any {
	cfg := map[string]any{}
	for k, v := range m {
		switch k {
		case "name", "config_type", "secret_type", "created_at", "updated_at", "created_by":
			continue
		}
		if d, ok := strings.CutSuffix(k, "_seconds"); ok {
			k = d
		}
		cfg[k] = v
	}
	if alt, ok := cfg["alt_names"].([]any); ok {
		names := make([]string, 0, len(alt))
		for _, a := range alt {
			if s, ok := a.(string); ok {
				names = append(names, s)
			}
		}
		cfg["alt_names"] = strings.Join(names, ",")
	}
	return cfg
}

// vaultRenamedConfig is the Vault "config" of a configuration with the properties of names
// (Vault name -> v2 name) only.
func vaultRenamedConfig(m map[string]any, names map[string]string) map[string]any {
	cfg := map[string]any{}
	for vname, name := range names {
		if v, ok := m[name]; ok {
			cfg[vname] = v
		}
	}
	return cfg
}

// vaultIsIAM reports whether the engine of typ is that of IAM credentials (vaultIAMKind).
func vaultIsIAM(typ string) bool {
	_, ok := vaultKindOf(typ).(vaultIAMKind)
	return ok
}
