package secretsmanagertest

import (
	"net/http"
	"net/url"
	"time"
)

// The locks and rotation policies of the Vault API.

// vaultLock renders a v2 lock under the Vault names.
func vaultLock(l map[string]any) map[string]any {
	out := map[string]any{"creation_date": l["created_at"], "last_update_date": l["updated_at"]}
	copyKeys(out, l, "name", "description", "attributes", "created_by", "secret_group_id", "secret_id",
		"secret_version_alias", "secret_version_id")
	return out
}

// vaultLockResult renders the v2 answer of a lock operation (renderLocks)
// under the Vault names: the secret's versions and the names of their locks.
func vaultLockResult(m map[string]any) map[string]any {
	versions := []any{}
	list, _ := m["versions"].([]any)
	for _, item := range list {
		v, ok := item.(map[string]any)
		if !ok {
			continue
		}
		locks := v["locks"]
		if locks == nil {
			locks = []string{}
		}
		versions = append(versions, map[string]any{"alias": v["version_alias"], "id": v["version_id"],
			"locks": locks, "payload_available": v["payload_available"]})
	}
	return map[string]any{"secret_group_id": m["secret_group_id"], "secret_id": m["secret_id"], "versions": versions}
}

// versionPath is the v2 path of a version of secret id.
func versionPath(id, version string) string {
	return "secrets/" + url.PathEscape(id) + "/versions/" + url.PathEscape(version)
}

func (h *Handler) vaultListLocks(vr *vaultRequest, ref secretRef, version string) {
	id, e := h.vaultResolve(ref)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	q := url.Values{}
	for _, k := range []string{"limit", "offset", "search"} {
		if v, ok := vr.r.URL.Query()[k]; ok {
			q[k] = v
		}
	}
	path := "secrets/" + url.PathEscape(id) + "/locks"
	if version != "" {
		path = versionPath(id, version) + "/locks"
	}
	out, e := h.v2(vr, http.MethodGet, path, q, nil)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	locks := []any{}
	list, _ := out["locks"].([]any)
	for _, l := range list {
		if lm, ok := l.(map[string]any); ok {
			locks = append(locks, vaultLock(lm))
		}
	}
	writeVault(vr.w, map[string]any{"locks": locks, "locks_total": out["total_count"]}, nil)
}

// vaultLock adds locks to a version of a secret with a v2 lock mode.
func (h *Handler) vaultLock(vr *vaultRequest, ref secretRef, version, mode string) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if e := b.required("locks"); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	id, e := h.vaultResolve(ref)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	var q url.Values
	if mode != "" {
		q = url.Values{"mode": {mode}}
	}
	out, e := h.v2(vr, http.MethodPost, versionPath(id, version)+"/locks_bulk", q, map[string]any{"locks": b.m["locks"]})
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, vaultLockResult(out), nil)
}

// vaultUnlock deletes locks of a version of a secret: the names given, or
// all of them with "*".
func (h *Handler) vaultUnlock(vr *vaultRequest, ref secretRef, version string) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if e := b.required("locks"); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	names, _ := b.strs("locks")
	if b.err != nil {
		writeVaultError(vr.w, b.err)
		return
	}
	for _, n := range names {
		// Checked here: the v2 operation reads a comma-separated list, in which an empty or
		// comma-separated name would delete other locks than those named.
		if n != "*" && !reLockName.MatchString(n) {
			writeVaultError(vr.w, errBadRequest("lock name %q must match the pattern %s", n, reLockName))
			return
		}
	}
	id, e := h.vaultResolve(ref)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if len(names) == 0 {
		// No name: nothing to delete (the v2 operation would delete every lock).
		h.vaultDo(vr, false, func(s *store) (any, *apiError) {
			sec, e := s.vaultLookup(secretRef{typ: ref.typ, id: id})
			if e != nil {
				return nil, e
			}
			if _, e := s.versionByID(sec, version); e != nil {
				return nil, e
			}
			return vaultLockResult(cloneMap(s.renderLocks(sec))), nil // cloned: as the v2 API sends it
		})
		return
	}
	out, e := h.v2(vr, http.MethodDelete, versionPath(id, version)+"/locks_bulk", url.Values{"name": names}, nil)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	writeVault(vr.w, vaultLockResult(out), nil)
}

// ---- rotation policies ----

// vaultPolicyType is the type of a rotation policy of the Vault API.
const vaultPolicyType = "application/vnd.ibm.secrets-manager.secret.policy+json"

// vaultPolicy is a rotation policy set through the Vault API: its dates, and
// its interval for the secret types that have no v2 rotation policy.
type vaultPolicy struct {
	interval             int64
	unit                 string
	createdAt, updatedAt time.Time
	createdBy            string
}

// v2Rotation returns the v2 rotation policy that the Vault policy of sec is,
// or nil for the types that have none (public certificates have no interval).
func v2Rotation(sec *secret) *rotation {
	r := sec.kind.rotation()
	if r == nil || r.rules.publicCert {
		return nil
	}
	return r
}

// vaultPolicies renders the rotation policies of sec: none or one.
func (h *Handler) vaultPolicies(sec *secret) []any {
	rec := h.vault.policies[sec.id]
	var interval int64
	var unit string
	if r := v2Rotation(sec); r != nil {
		p := r.policy
		if p == nil || !p.autoRotate || !p.hasInterval {
			return []any{}
		}
		interval, unit = p.interval, p.unit
	} else {
		if rec == nil {
			return []any{}
		}
		interval, unit = rec.interval, rec.unit
	}
	created, updated, by := sec.createdAt, sec.updatedAt, sec.createdBy
	if rec != nil {
		created, updated, by = rec.createdAt, rec.updatedAt, rec.createdBy
	}
	return []any{map[string]any{
		"id": sec.id, "crn": h.st.crn("policy", sec.id), "type": vaultPolicyType,
		"rotation":   map[string]any{"interval": interval, "unit": unit},
		"created_by": by, "creation_date": fmtTime(created),
		"updated_by": by, "last_update_date": fmtTime(updated),
	}}
}

func (h *Handler) vaultGetPolicies(vr *vaultRequest, ref secretRef) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		sec, e := s.vaultLookup(ref)
		if e != nil {
			return nil, e
		}
		return map[string]any{"policies": h.vaultPolicies(sec)}, nil
	})
}

func (h *Handler) vaultSetPolicies(vr *vaultRequest, ref secretRef) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if e := b.required("policies"); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	var in []struct {
		Type     *string `json:"type"`
		Rotation *struct {
			Interval *int64  `json:"interval"`
			Unit     *string `json:"unit"`
		} `json:"rotation"`
	}
	b.decode("policies", &in)
	if b.err != nil {
		writeVaultError(vr.w, b.err)
		return
	}
	var set *vaultPolicy
	switch {
	case len(in) > 1:
		writeVaultError(vr.w, errBadRequest("a secret has at most one rotation policy"))
		return
	case len(in) == 1:
		p := in[0]
		if p.Type != nil && *p.Type != vaultPolicyType {
			writeVaultError(vr.w, errBadRequest("policies.type must be %q", vaultPolicyType))
			return
		}
		if p.Rotation == nil || p.Rotation.Interval == nil || p.Rotation.Unit == nil {
			writeVaultError(vr.w, errBadRequest("required.policies.rotation:properties \"interval\" and \"unit\" are missing"))
			return
		}
		if *p.Rotation.Interval < 1 || *p.Rotation.Interval > 1095 {
			writeVaultError(vr.w, errBadRequest("policies.rotation.interval must be between 1 and 1095"))
			return
		}
		if *p.Rotation.Unit != "day" && *p.Rotation.Unit != "month" {
			writeVaultError(vr.w, errBadRequest("policies.rotation.unit must be day or month"))
			return
		}
		set = &vaultPolicy{interval: *p.Rotation.Interval, unit: *p.Rotation.Unit}
	}
	h.mu.Lock()
	sec, e := h.st.vaultLookup(ref)
	var mapped bool
	if e == nil {
		mapped = v2Rotation(sec) != nil
	}
	h.mu.Unlock()
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	id := sec.id
	if mapped {
		rot := map[string]any{"auto_rotate": false}
		if set != nil {
			rot = map[string]any{"auto_rotate": true, "interval": set.interval, "unit": set.unit}
		}
		if _, e := h.v2(vr, http.MethodPatch, "secrets/"+url.PathEscape(id)+"/metadata", nil, map[string]any{"rotation": rot}); e != nil {
			writeVaultError(vr.w, e)
			return
		}
	}
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		sec, ok := s.secrets[id]
		if !ok {
			return nil, errVaultNotFound("the secret %q was not found", id)
		}
		if set == nil {
			delete(h.vault.policies, id)
		} else {
			now := s.now()
			set.createdAt, set.updatedAt, set.createdBy = now, now, s.cfg.createdBy
			if old := h.vault.policies[id]; old != nil {
				set.createdAt = old.createdAt
			}
			if h.vault.policies == nil {
				h.vault.policies = map[string]*vaultPolicy{}
			}
			h.vault.policies[id] = set
		}
		return map[string]any{"policies": h.vaultPolicies(sec)}, nil
	})
}
