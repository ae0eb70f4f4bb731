package secretsmanagertest

import (
	"net/http"
	"sort"
)

// maxLocksPerSecret is the largest number of locks a secret can hold.
const maxLocksPerSecret = 1000

func (s *store) renderLocks(sec *secret) map[string]any {
	var versions []any
	for _, v := range []*version{sec.current(), sec.previous()} {
		if v == nil {
			continue
		}
		names := make([]string, 0, len(v.locks))
		for _, l := range v.locks {
			names = append(names, l.name)
		}
		versions = append(versions, map[string]any{
			"version_id":        v.id,
			"version_alias":     sec.alias(v),
			"locks":             names,
			"payload_available": v.payloadAvailable,
		})
	}
	return map[string]any{
		"secret_id":       sec.id,
		"secret_group_id": sec.groupID,
		"secret_name":     sec.name,
		"secret_type":     sec.typ,
		"versions":        versions,
	}
}

func (s *store) renderLock(sec *secret, v *version, l *secretLock) map[string]any {
	m := map[string]any{
		"name":              l.name,
		"created_at":        fmtTime(l.createdAt),
		"updated_at":        fmtTime(l.updatedAt),
		"created_by":        l.createdBy,
		"secret_group_id":   sec.groupID,
		"secret_id":         sec.id,
		"secret_version_id": v.id,
	}
	if a := sec.alias(v); a != "" {
		m["secret_version_alias"] = a
	}
	if l.description != "" {
		m["description"] = l.description
	}
	if l.attributes != nil {
		m["attributes"] = l.attributes
	}
	return m
}

type lockInput struct {
	Name        *string        `json:"name"`
	Description *string        `json:"description"`
	Attributes  map[string]any `json:"attributes"`
}

func parseLocks(r *http.Request) ([]lockInput, string, *apiError) {
	mode := r.URL.Query().Get("mode")
	if mode != "" && mode != "remove_previous" && mode != "remove_previous_and_delete" {
		return nil, "", errBadRequest("query parameter \"mode\" must be remove_previous or remove_previous_and_delete")
	}
	m, e := readBody(r)
	if e != nil {
		return nil, "", e
	}
	b := &body{m: m}
	if e := b.required("locks"); e != nil {
		return nil, "", e
	}
	var locks []lockInput
	b.decode("locks", &locks)
	if b.err != nil {
		return nil, "", b.err
	}
	if len(locks) > maxLocksPerSecret {
		return nil, "", errBadRequest("at most %d locks can be created at once", maxLocksPerSecret)
	}
	for _, l := range locks {
		if l.Name == nil {
			return nil, "", errBadRequest("required.locks.name:property \"name\" is missing")
		}
		if !reLockName.MatchString(*l.Name) {
			return nil, "", errBadRequest("lock name %q must match the pattern %s", *l.Name, reLockName)
		}
		if l.Description != nil {
			if e := checkLen("description", *l.Description, 0, 1024); e != nil {
				return nil, "", e
			}
		}
	}
	return locks, mode, nil
}

// addLocks attaches locks to v (replacing locks of the same name) and
// applies the lock mode to the previous version.
func (s *store) addLocks(sec *secret, v *version, locks []lockInput, mode string) *apiError {
	if e := sec.kind.lock(s, sec, mode); e != nil {
		return e
	}
	if (v == nil || !v.payloadAvailable) && len(locks) > 0 {
		return errBadRequest("a lock can be applied only on a secret version that contains secret data")
	}
	added := 0
	for _, in := range locks {
		found := false
		for _, l := range v.locks {
			if l.name == *in.Name {
				found = true
			}
		}
		if !found {
			added++
		}
	}
	if sec.locksTotal()+added > maxLocksPerSecret {
		return errBadRequest("a secret can have at most %d locks", maxLocksPerSecret)
	}
	now := s.now()
	for _, in := range locks {
		desc := ""
		if in.Description != nil {
			desc = *in.Description
		}
		replaced := false
		for _, l := range v.locks {
			if l.name == *in.Name {
				l.description, l.attributes, l.updatedAt = desc, in.Attributes, now
				replaced = true
			}
		}
		if !replaced {
			v.locks = append(v.locks, &secretLock{name: *in.Name, description: desc,
				attributes: in.Attributes, createdAt: now, updatedAt: now, createdBy: s.cfg.createdBy})
		}
	}
	if mode != "" {
		// The exclusive modes remove, from the previous version, the locks whose names match the
		// new ones; remove_previous_and_delete also deletes that version's data when no lock is left.
		if prev := sec.previous(); prev != nil && prev != v && v != nil {
			names := make([]string, 0, len(locks))
			for _, in := range locks {
				names = append(names, *in.Name)
			}
			if len(names) > 0 { // removeLocks removes every lock when given no name
				removeLocks(prev, names)
			}
			if mode == "remove_previous_and_delete" && len(prev.locks) == 0 {
				prev.eraseData()
			}
		}
	}
	return nil
}

func (h *Handler) createSecretLocksBulk(w http.ResponseWriter, r *http.Request, p []string) {
	locks, mode, e := parseLocks(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withSecret(w, http.StatusCreated, p[0], func(s *store, sec *secret) (any, *apiError) {
		if e := s.addLocks(sec, sec.current(), locks, mode); e != nil {
			return nil, e
		}
		return s.renderLocks(sec), nil
	})
}

func (h *Handler) createSecretVersionLocksBulk(w http.ResponseWriter, r *http.Request, p []string) {
	locks, mode, e := parseLocks(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withVersion(w, http.StatusCreated, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		if e := s.addLocks(sec, v, locks, mode); e != nil {
			return nil, e
		}
		return s.renderLocks(sec), nil
	})
}

func parseLockNames(r *http.Request) ([]string, *apiError) {
	names := listValues(r.URL.Query(), "name")
	if len(names) > 1000 {
		return nil, errBadRequest("at most 1000 lock names can be given")
	}
	for _, n := range names {
		if n != "*" && !reLockName.MatchString(n) {
			return nil, errBadRequest("lock name %q must match the pattern %s", n, reLockName)
		}
	}
	return names, nil
}

func removeLocks(v *version, names []string) {
	if len(names) == 0 || contains(names, "*") {
		v.locks = nil
		return
	}
	kept := v.locks[:0]
	for _, l := range v.locks {
		if !contains(names, l.name) {
			kept = append(kept, l)
		}
	}
	v.locks = kept
}

func (h *Handler) deleteSecretLocksBulk(w http.ResponseWriter, r *http.Request, p []string) {
	names, e := parseLockNames(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withSecret(w, http.StatusOK, p[0], func(s *store, sec *secret) (any, *apiError) {
		for _, v := range sec.versions {
			removeLocks(v, names)
		}
		return s.renderLocks(sec), nil
	})
}

func (h *Handler) deleteSecretVersionLocksBulk(w http.ResponseWriter, r *http.Request, p []string) {
	names, e := parseLockNames(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withVersion(w, http.StatusOK, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		removeLocks(v, names)
		return s.renderLocks(sec), nil
	})
}

type lockRef struct {
	v *version
	l *secretLock
}

func sortLocks(refs []lockRef, field string, desc bool) {
	sort.SliceStable(refs, func(i, j int) bool {
		a, b := refs[i].l, refs[j].l
		var less, greater bool
		switch field {
		case "name":
			less, greater = a.name < b.name, a.name > b.name
		case "updated_at":
			less, greater = a.updatedAt.Before(b.updatedAt), a.updatedAt.After(b.updatedAt)
		default:
			less, greater = a.createdAt.Before(b.createdAt), a.createdAt.After(b.createdAt)
		}
		if desc {
			return greater
		}
		return less
	})
}

func (h *Handler) listLocks(w http.ResponseWriter, r *http.Request, p []string, oneVersion bool) {
	lp, e := parseListParams(r.URL.Query(), 25, 100, reLockSort)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withSecret(w, http.StatusOK, p[0], func(s *store, sec *secret) (any, *apiError) {
		versions := sec.versions
		if oneVersion {
			v, e := s.versionByID(sec, p[1])
			if e != nil {
				return nil, e
			}
			versions = []*version{v}
		}
		var refs []lockRef
		for i := len(versions) - 1; i >= 0; i-- {
			for _, l := range versions[i].locks {
				if lp.search == "" || containsFold(l.name, lp.search) {
					refs = append(refs, lockRef{versions[i], l})
				}
			}
		}
		sortLocks(refs, lp.sort, lp.desc)
		start, end, out := page(r, len(refs), lp)
		items := make([]any, 0, end-start)
		for _, ref := range refs[start:end] {
			items = append(items, s.renderLock(sec, ref.v, ref.l))
		}
		out["locks"] = items
		return out, nil
	})
}

func (h *Handler) listSecretLocks(w http.ResponseWriter, r *http.Request, p []string) {
	h.listLocks(w, r, p, false)
}

func (h *Handler) listSecretVersionLocks(w http.ResponseWriter, r *http.Request, p []string) {
	h.listLocks(w, r, p, true)
}

func (h *Handler) listSecretsLocks(w http.ResponseWriter, r *http.Request, _ []string) {
	q := r.URL.Query()
	lp, e := parseListParams(q, 200, 1000, nil)
	if e != nil {
		writeError(w, e)
		return
	}
	groups := listValues(q, "groups")
	for _, g := range groups {
		if !reGroupID.MatchString(g) {
			writeError(w, errBadRequest("the secret group ID %q is not valid", g))
			return
		}
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		var list []*secret
		for _, sec := range s.secrets {
			if sec.locksTotal() == 0 || (len(groups) > 0 && !contains(groups, sec.groupID)) {
				continue
			}
			if lp.search != "" {
				match := false
				for _, v := range sec.versions {
					for _, l := range v.locks {
						match = match || containsFold(l.name, lp.search)
					}
				}
				if !match {
					continue
				}
			}
			list = append(list, sec)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
		start, end, out := page(r, len(list), lp)
		items := make([]any, 0, end-start)
		for _, sec := range list[start:end] {
			items = append(items, s.renderLocks(sec))
		}
		out["secrets_locks"] = items
		return out, nil
	})
}
