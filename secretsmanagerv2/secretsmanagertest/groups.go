package secretsmanagertest

import (
	"fmt"
	"net/http"
	"sort"
	"time"
)

type secretGroup struct {
	id, name, description string
	createdAt, updatedAt  time.Time
	createdBy             string
	seq                   int64
}

func (g *secretGroup) render() map[string]any {
	m := map[string]any{
		"id":         g.id,
		"name":       g.name,
		"created_at": fmtTime(g.createdAt),
		"updated_at": fmtTime(g.updatedAt),
		"created_by": g.createdBy,
	}
	if g.description != "" {
		m["description"] = g.description
	}
	return m
}

func (s *store) groupNameTaken(name, except string) bool {
	for _, g := range s.groups {
		if g.name == name && g.id != except {
			return true
		}
	}
	return false
}

func validateGroupName(name string) *apiError {
	if e := checkLen("name", name, 2, 64); e != nil {
		return e
	}
	if !reGroupName.MatchString(name) {
		return errBadRequest("property \"name\" must match the pattern %s", reGroupName)
	}
	return nil
}

func (h *Handler) createSecretGroup(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	if e := b.required("name"); e != nil {
		writeError(w, e)
		return
	}
	name, _ := b.str("name")
	desc, _ := b.str("description")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	if e := validateGroupName(name); e != nil {
		writeError(w, e)
		return
	}
	if e := checkLen("description", desc, 0, 1024); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		if s.groupNameTaken(name, "") {
			return nil, errConflict("a secret group with name %q already exists", name)
		}
		now := s.now()
		g := &secretGroup{id: newUUID(), name: name, description: desc,
			createdAt: now, updatedAt: now, createdBy: s.cfg.createdBy, seq: s.nextSeq()}
		s.groups[g.id] = g
		return g.render(), nil
	})
}

func (h *Handler) listSecretGroups(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		gs := make([]*secretGroup, 0, len(h.st.groups))
		for _, g := range h.st.groups {
			gs = append(gs, g)
		}
		sort.Slice(gs, func(i, j int) bool { return gs[i].seq < gs[j].seq })
		out := make([]any, len(gs))
		for i, g := range gs {
			out[i] = g.render()
		}
		return map[string]any{"secret_groups": out, "total_count": len(out)}, nil
	})
}

func (s *store) group(id string) (*secretGroup, *apiError) {
	if !reGroupID.MatchString(id) {
		return nil, errBadRequest("the secret group ID %q is not valid", id)
	}
	g, ok := s.groups[id]
	if !ok {
		return nil, errNotFound(id)
	}
	return g, nil
}

func (h *Handler) getSecretGroup(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		g, e := h.st.group(p[0])
		if e != nil {
			return nil, e
		}
		return g.render(), nil
	})
}

func (h *Handler) updateSecretGroup(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	name, hasName := b.str("name")
	desc, hasDesc := b.str("description")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	if b.isNull("name") {
		writeError(w, errBadRequest("property \"name\" cannot be removed"))
		return
	}
	if hasName {
		if e := validateGroupName(name); e != nil {
			writeError(w, e)
			return
		}
	}
	if e := checkLen("description", desc, 0, 1024); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		g, e := s.group(p[0])
		if e != nil {
			return nil, e
		}
		if g.id == "default" && (hasName || hasDesc || b.isNull("description")) {
			return nil, errBadRequest("the default secret group cannot be modified")
		}
		if hasName && s.groupNameTaken(name, g.id) {
			return nil, errConflict("a secret group with name %q already exists", name)
		}
		if hasName {
			g.name = name
		}
		if hasDesc {
			g.description = desc
		} else if b.isNull("description") {
			g.description = ""
		}
		g.updatedAt = s.now()
		return g.render(), nil
	})
}

func (h *Handler) deleteSecretGroup(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		s := h.st
		g, e := s.group(p[0])
		if e != nil {
			return nil, e
		}
		if g.id == "default" {
			return nil, errBadRequest("the default secret group cannot be deleted")
		}
		for _, sec := range s.secrets {
			if sec.groupID == g.id {
				return nil, errConflict("the secret group %s is not empty: delete its secrets first", g.id)
			}
		}
		delete(s.groups, g.id)
		return nil, nil
	})
}

// groupNameHint says, for a secret group name that names no group, when it is a group's ID: the
// path of a lookup by name takes the group's name.
func (s *store) groupNameHint(name string) string {
	if g, ok := s.groups[name]; ok {
		return fmt.Sprintf("This path takes a secret group's name; %s is the ID of the secret group named %q.", name, g.name)
	}
	if reUUID.MatchString(name) {
		return fmt.Sprintf("This path takes a secret group's name; %s looks like an ID.", name)
	}
	return ""
}
