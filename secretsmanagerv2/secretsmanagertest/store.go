package secretsmanagertest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"time"
)

var pathUnescape = url.PathUnescape

// store is the in-memory state of one Secrets Manager instance. All access
// happens with Handler.mu held.
type store struct {
	cfg      *config
	seq      int64
	groups   map[string]*secretGroup
	secrets  map[string]*secret
	configs  []*configuration
	notif    map[string]any
	publicCA *caMaterial
}

type secretGroup struct {
	id, name, description string
	createdAt, updatedAt  time.Time
	createdBy             string
	seq                   int64
}

type secret struct {
	id, name, typ, groupID string
	description            string
	hasDescription         bool
	labels                 []string
	customMetadata         map[string]any
	createdAt, updatedAt   time.Time
	createdBy              string
	expiration             *time.Time
	attrs                  map[string]any // type-specific metadata
	versions               []*version     // oldest first
	state                  int
	stateDescription       string
	downloaded             bool
	seq                    int64
	username               string
	proto                  map[string]json.RawMessage // creation request, for re-issuing
	// public_cert order state
	orderedAt   time.Time
	manualDNS   bool
	dnsVerified bool
	pendingKey  string // key algorithm of a pending order
}

type version struct {
	id               string
	createdAt        time.Time
	createdBy        string
	customMetadata   map[string]any // version_custom_metadata
	data             map[string]any // secret data; nil once deleted
	attrs            map[string]any // serial_number, validity, expiration_date...
	payloadAvailable bool
	downloaded       bool
	autoRotated      bool
	revokedAt        int64
	locks            []*secretLock
}

type secretLock struct {
	name, description    string
	attributes           map[string]any
	createdAt, updatedAt time.Time
	createdBy            string
}

func newStore(c *config) *store {
	now := c.now()
	s := &store{
		cfg:     c,
		groups:  map[string]*secretGroup{},
		secrets: map[string]*secret{},
	}
	s.groups["default"] = &secretGroup{
		id: "default", name: "default", description: "Default Secret Group",
		createdAt: now, updatedAt: now, createdBy: c.createdBy,
	}
	return s
}

func (s *store) now() time.Time { return s.cfg.now().UTC() }

func (s *store) nextSeq() int64 {
	s.seq++
	return s.seq
}

// do runs fn with the state locked and writes its result: a JSON body with
// status, or nothing when status is 204.
func (h *Handler) do(w http.ResponseWriter, status int, fn func() (any, *apiError)) {
	h.mu.Lock()
	res, e := func() (res any, e *apiError) {
		defer func() {
			if p := recover(); p != nil {
				res, e = nil, newError(http.StatusInternalServerError, "Internal server error")
			}
		}()
		return fn()
	}()
	h.mu.Unlock()
	if e != nil {
		writeError(w, e)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, res)
}

// ---- secret groups ----

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
