package secretsmanagertest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// The secret groups and the configurations of the Vault API, which are the
// v2 ones.

// vaultGroupType is the type of a secret group of the Vault API.
const vaultGroupType = "application/vnd.ibm.secrets-manager.secret.group+json"

// vaultGroup renders a v2 secret group under the Vault names.
func vaultGroup(m map[string]any) map[string]any {
	out := map[string]any{"creation_date": m["created_at"], "last_update_date": m["updated_at"], "type": vaultGroupType}
	copyKeys(out, m, "id", "name", "description")
	return out
}

func (h *Handler) vaultCreateGroup(vr *vaultRequest) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	out, e := h.v2(vr, http.MethodPost, "secret_groups", nil, b.m)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, vaultGroup(out), nil)
}

func (h *Handler) vaultUpdateGroup(vr *vaultRequest, id string) {
	b, e := readVaultBody(vr)
	if e == nil {
		e = b.required("name") // the Vault API document requires it, unlike the v2 PATCH
	}
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	out, e := h.v2(vr, http.MethodPatch, "secret_groups/"+url.PathEscape(id), nil, b.m)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, vaultGroup(out), nil)
}

func (h *Handler) vaultGetGroup(vr *vaultRequest, id string) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		g, e := s.group(id)
		if e != nil {
			return nil, e
		}
		return vaultGroup(g.render()), nil
	})
}

// vaultListGroups lists the secret groups the instance has made (the
// default group is not one).
func (h *Handler) vaultListGroups(vr *vaultRequest) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		gs := make([]*secretGroup, 0, len(s.groups))
		for _, g := range s.groups {
			if g.id != "default" {
				gs = append(gs, g)
			}
		}
		sort.Slice(gs, func(i, j int) bool { return gs[i].seq < gs[j].seq })
		out := make([]any, 0, len(gs))
		for _, g := range gs {
			out = append(out, vaultGroup(g.render()))
		}
		return map[string]any{"groups": out}, nil
	})
}

func (h *Handler) vaultDeleteGroup(vr *vaultRequest, id string) {
	if _, e := h.v2(vr, http.MethodDelete, "secret_groups/"+url.PathEscape(id), nil, nil); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, nil, nil)
}

// ---- configurations ----

// iamConfigName is the name of the IAM credentials configuration the Vault
// API makes when none exists.
const iamConfigName = "iam-configuration"

func (h *Handler) routeVaultConfig(vr *vaultRequest, typ string, segs []string) bool {
	switch {
	case len(segs) == 1 && segs[0] == "root" && vaultIsIAM(typ):
		if vr.allow(http.MethodGet, http.MethodPut) {
			if vr.method == http.MethodGet {
				h.vaultGetRootConfig(vr)
			} else {
				h.vaultSetRootConfig(vr)
			}
		}
	case len(segs) == 1 && vaultConfigsOf(typ)[segs[0]] != nil:
		if vr.allow(http.MethodPut) {
			h.vaultPutConfig(vr, vaultConfigsOf(typ)[segs[0]])
		}
	case len(segs) == 2 && vaultConfigsOf(typ)[segs[0]] != nil:
		if vr.allow(http.MethodDelete) {
			h.vaultDeleteConfig(vr, vaultConfigsOf(typ)[segs[0]], segs[1])
		}
	default:
		return false
	}
	return true
}

// iamConfig returns the IAM credentials configuration, if any.
func (s *store) iamConfig() *configuration {
	for _, c := range s.configs {
		if c.typ == cfgIAM {
			return c
		}
	}
	return nil
}

func (h *Handler) vaultGetRootConfig(vr *vaultRequest) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		c := s.iamConfig()
		if c == nil {
			return nil, errVaultNotFound("the iam_credentials secrets engine is not configured")
		}
		sum := sha256.Sum256([]byte(attrStr(c.attrs, "api_key")))
		return map[string]any{"api_key_hash": hex.EncodeToString(sum[:])}, nil
	})
}

func (h *Handler) vaultSetRootConfig(vr *vaultRequest) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if e := b.required("api_key"); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	key, _ := b.str("api_key")
	if b.err != nil {
		writeVaultError(vr.w, b.err)
		return
	}
	h.mu.Lock()
	name := ""
	if c := h.st.iamConfig(); c != nil {
		name = c.name
	}
	h.mu.Unlock()
	if name != "" {
		_, e = h.v2(vr, http.MethodPatch, "configurations/"+url.PathEscape(name), nil,
			map[string]any{"api_key": key}, "X-Sm-Accept-Configuration-Type", cfgIAM)
	} else {
		_, e = h.v2(vr, http.MethodPost, "configurations", nil,
			map[string]any{"config_type": cfgIAM, "name": iamConfigName, "api_key": key})
	}
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, nil, nil)
}

// vaultPutConfig creates a configuration, or updates the one of its name;
// types maps the types its body may have to v2 config_types.
func (h *Handler) vaultPutConfig(vr *vaultRequest, types map[string]string) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if e := b.required("name"); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	name, _ := b.str("name")
	vtype, hasType := b.str("type")
	var cfg map[string]json.RawMessage
	b.decode("config", &cfg)
	if b.err != nil {
		writeVaultError(vr.w, b.err)
		return
	}
	typ, ok := types[vtype]
	if !hasType {
		// Without a type, the path's type when it has one only.
		typ, ok = "", true
		for _, t := range types {
			if typ != "" && t != typ {
				ok = false
			}
			typ = t
		}
	}
	if !ok {
		known := make([]string, 0, len(types))
		for t := range types {
			known = append(known, t)
		}
		sort.Strings(known)
		writeVaultError(vr.w, errBadRequest("property \"type\" must be one of %s", strings.Join(known, ", ")))
		return
	}
	fields := vaultConfigFields(typ, cfg)
	vaultConfigTypeOf(typ).vaultFields(vtype, fields)
	h.mu.Lock()
	exists := len(h.st.findConfigs(name, typ)) > 0
	h.mu.Unlock()
	var out map[string]any
	if exists {
		out, e = h.v2(vr, http.MethodPatch, "configurations/"+url.PathEscape(name), nil, fields,
			"X-Sm-Accept-Configuration-Type", typ)
	} else {
		fields["config_type"], fields["name"] = jsonValue(typ), jsonValue(name)
		out, e = h.v2(vr, http.MethodPost, "configurations", nil, fields)
	}
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, vaultConfiguration(typ, out), nil)
}

// vaultConfigFields turns the "config" of a Vault configuration into the
// properties of a v2 configuration of type typ: renamed, with durations
// given in seconds as strings and alt_names given as a comma-separated list
// as a list.
func vaultConfigFields(typ string, cfg map[string]json.RawMessage) map[string]json.RawMessage {
	names := vaultConfigTypeOf(typ).vaultNames()
	kinds := configKinds[typ]().fields().create
	out := make(map[string]json.RawMessage, len(cfg))
	for k, v := range cfg {
		if n, ok := names[k]; ok {
			k = n
		}
		out[k] = v
		raw := bytes.TrimSpace(v)
		switch kinds[k] {
		case kDur:
			durationString(out, k)
		case kList:
			var s string
			if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
				out[k] = jsonValue(splitComma(s))
			}
		}
	}
	return out
}

// vaultConfiguration renders a v2 configuration (its full rendering) under
// the Vault names: {name, type, config}.
func vaultConfiguration(typ string, m map[string]any) map[string]any {
	vtype, cfg := vaultConfigTypeOf(typ).vaultRender(m)
	return map[string]any{"name": m["name"], "type": vtype, "config": cfg}
}

// vaultDeleteConfig deletes the configuration name of one of types.
func (h *Handler) vaultDeleteConfig(vr *vaultRequest, types map[string]string, name string) {
	candidates := make([]string, 0, len(types))
	for _, t := range types {
		candidates = append(candidates, t)
	}
	sort.Strings(candidates)
	typ := ""
	h.mu.Lock()
	for _, t := range candidates {
		if typ == "" && len(h.st.findConfigs(name, t)) > 0 {
			typ = t
		}
	}
	h.mu.Unlock()
	if typ == "" {
		writeVaultError(vr.w, errVaultNotFound("the configuration %q was not found", name))
		return
	}
	if _, e := h.v2(vr, http.MethodDelete, "configurations/"+url.PathEscape(name), nil, nil,
		"X-Sm-Accept-Configuration-Type", typ); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	vr.w.WriteHeader(http.StatusNoContent)
}
