package secretsmanagertest

import (
	"encoding/json"
	"net/http"
	"sort"
	"time"
)

// Operations on secrets: create, read, list, update metadata, delete and
// actions. What depends on the secret type is asked of the secret's kind.

// renderSecret renders a secret's metadata, plus its current data when full.
func (s *store) renderSecret(sec *secret, full bool) map[string]any {
	m := map[string]any{}
	if cur := sec.current(); full && cur != nil && cur.payloadAvailable {
		cur.data.renderData(m)
	}
	sec.kind.render(m, full)
	if r := sec.kind.rotation(); r != nil {
		r.render(m)
	}
	labels := sec.labels
	if labels == nil {
		labels = []string{}
	}
	m["id"] = sec.id
	m["name"] = sec.name
	m["secret_type"] = sec.typ
	m["secret_group_id"] = sec.groupID
	m["labels"] = labels
	m["crn"] = s.crn("secret", sec.id)
	m["created_by"] = sec.createdBy
	m["created_at"] = fmtTime(sec.createdAt)
	m["updated_at"] = fmtTime(sec.updatedAt)
	m["state"] = sec.state
	m["state_description"] = stateDescriptions[sec.state]
	m["versions_total"] = len(sec.versions)
	m["locks_total"] = sec.locksTotal()
	m["downloaded"] = sec.downloaded
	if sec.retrievedAt.IsZero() {
		m["retrieved_at"] = fmtTime(time.Unix(0, 0))
	} else {
		m["retrieved_at"] = fmtTime(sec.retrievedAt)
	}
	m["referenced_by"] = s.referencedBy(sec.id)
	if sec.expiration != nil {
		m["expiration_date"] = fmtTime(*sec.expiration)
	}
	if sec.hasDescription {
		m["description"] = sec.description
	}
	if sec.customMetadata != nil {
		m["custom_metadata"] = sec.customMetadata
	} else {
		m["custom_metadata"] = map[string]any{}
	}
	return m
}

func (s *store) renderVersion(sec *secret, v *version, full bool) map[string]any {
	m := map[string]any{}
	v.data.renderMetadata(m)
	m["id"] = v.id
	m["secret_id"] = sec.id
	m["secret_name"] = sec.name
	m["secret_type"] = sec.typ
	m["secret_group_id"] = sec.groupID
	m["created_at"] = fmtTime(v.createdAt)
	m["created_by"] = v.createdBy
	m["payload_available"] = v.payloadAvailable
	m["downloaded"] = v.downloaded
	m["auto_rotated"] = v.autoRotated
	if v.expiration != nil {
		m["expiration_date"] = fmtTime(*v.expiration)
	}
	if a := sec.alias(v); a != "" {
		m["alias"] = a
	}
	if v.customMetadata != nil {
		m["version_custom_metadata"] = v.customMetadata
	} else {
		m["version_custom_metadata"] = map[string]any{}
	}
	if full && v.payloadAvailable {
		v.data.renderData(m)
	}
	return m
}

func (s *store) nameTaken(groupID, typ, name, except string) bool {
	for _, o := range s.secrets {
		if o.groupID == groupID && o.typ == typ && o.name == name && o.id != except {
			return true
		}
	}
	return false
}

func validateSecretName(name string) *apiError {
	if e := checkLen("name", name, 2, 256); e != nil {
		return e
	}
	if !reSecretName.MatchString(name) {
		return errBadRequest("property \"name\" must match the pattern %s", reSecretName)
	}
	return nil
}

func validateLabels(labels []string) *apiError {
	if len(labels) > 30 {
		return errBadRequest("a secret can have at most 30 labels")
	}
	for _, l := range labels {
		if e := checkLen("labels", l, 2, 64); e != nil {
			return e
		}
	}
	return nil
}

// commonFields holds the validated fields shared by every prototype.
type commonFields struct {
	name, groupID, description string
	hasDescription             bool
	labels                     []string
	customMetadata             map[string]any
	versionCustomMetadata      map[string]any
}

func parseCommon(b *body) (commonFields, *apiError) {
	var c commonFields
	if e := b.required("name"); e != nil {
		return c, e
	}
	c.name, _ = b.str("name")
	c.groupID, _ = b.str("secret_group_id")
	c.description, c.hasDescription = b.str("description")
	c.labels, _ = b.strs("labels")
	c.customMetadata, _ = b.object("custom_metadata")
	c.versionCustomMetadata, _ = b.object("version_custom_metadata")
	if b.err != nil {
		return c, b.err
	}
	if e := validateSecretName(c.name); e != nil {
		return c, e
	}
	if c.groupID == "" {
		c.groupID = "default"
	}
	if !reGroupID.MatchString(c.groupID) {
		return c, errBadRequest("property \"secret_group_id\" must be a UUID or \"default\": it takes the secret group's ID, not its name")
	}
	if e := checkLen("description", c.description, 0, 1024); e != nil {
		return c, e
	}
	if e := validateLabels(c.labels); e != nil {
		return c, e
	}
	return c, nil
}

func (h *Handler) createSecret(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m, vault: viaVault(r)}
	if e := b.required("secret_type"); e != nil {
		writeError(w, e)
		return
	}
	typ, _ := b.str("secret_type")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	if !isSecretType(typ) {
		writeError(w, errBadRequest("property \"secret_type\" has an unsupported value %q", typ))
		return
	}
	c, e := parseCommon(b)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		if _, ok := s.groups[c.groupID]; !ok {
			return nil, errNotFound(c.groupID)
		}
		if s.nameTaken(c.groupID, typ, c.name, "") {
			return nil, errConflict("a %s secret with name %q already exists in secret group %s", typ, c.name, c.groupID)
		}
		now := s.now()
		sec := &secret{
			id: newUUID(), name: c.name, typ: typ, groupID: c.groupID,
			description: c.description, hasDescription: c.hasDescription,
			labels: c.labels, customMetadata: c.customMetadata,
			createdAt: now, updatedAt: now, createdBy: s.cfg.createdBy,
			state: 1, seq: s.nextSeq(), kind: secretKinds[typ](),
		}
		b.read = map[string]bool{}
		if e := sec.kind.create(s, sec, b); e != nil {
			return nil, e
		}
		if b.has("expiration_date") && !b.read["expiration_date"] {
			return nil, errBadRequest("property \"expiration_date\" is not supported for secret type %s", typ)
		}
		v := s.blankVersion()
		v.customMetadata = c.versionCustomMetadata
		pending, e := sec.kind.newVersion(s, sec, v, b, false)
		if e != nil {
			return nil, e
		}
		if !pending {
			s.addVersion(sec, v)
		}
		s.insertSecret(sec)
		return s.renderSecret(sec, true), nil
	})
}

// ---- read / list / update / delete ----

func (h *Handler) getSecret(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		sec, e := h.st.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		return h.st.readSecret(sec)
	})
}

// readSecret returns the secret with its current data, and records the read.
func (s *store) readSecret(sec *secret) (map[string]any, *apiError) {
	if e := sec.kind.read(s, sec); e != nil {
		return nil, e
	}
	if cur := sec.current(); cur != nil && cur.payloadAvailable {
		s.retrieved(sec, cur)
	}
	return s.renderSecret(sec, true), nil
}

// retrieved records that the data of version v was read.
func (s *store) retrieved(sec *secret, v *version) {
	v.downloaded = true
	sec.downloaded = true
	sec.retrievedAt = s.now()
}

func (h *Handler) getSecretMetadata(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		sec, e := h.st.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		return h.st.renderSecret(sec, false), nil
	})
}

func (h *Handler) getSecretByNameType(w http.ResponseWriter, r *http.Request, p []string) {
	groupName, typ, name := p[0], p[1], p[2]
	if !isSecretType(typ) {
		writeError(w, errBadRequest("the secret type %q is not supported", typ))
		return
	}
	if e := checkLen("secret_group_name", groupName, 2, 64); e != nil {
		writeError(w, e)
		return
	}
	if e := validateSecretName(name); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		var g *secretGroup
		for _, gg := range s.groups {
			if gg.name == groupName {
				g = gg
			}
		}
		if g == nil {
			return nil, errNameNotFound("secret group", groupName, s.groupNameHint(groupName))
		}
		for _, sec := range s.secrets {
			if sec.groupID == g.id && sec.typ == typ && sec.name == name {
				s.use(sec)
				return s.readSecret(sec)
			}
		}
		return nil, errNameNotFound("secret", name, "(secret type "+typ+", secret group "+groupName+")")
	})
}

func (h *Handler) deleteSecret(w http.ResponseWriter, r *http.Request, p []string) {
	force := false
	if q := r.URL.Query(); q.Has("force_delete") {
		switch q.Get("force_delete") {
		case "true":
			force = true
		case "false":
		default:
			writeError(w, errBadRequest("query parameter \"force_delete\" must be true or false"))
			return
		}
	}
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		sec, e := h.st.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		if sec.locksTotal() > 0 {
			return nil, errLocked()
		}
		if e := sec.kind.deleteSecret(h.st, sec, force); e != nil {
			return nil, e
		}
		h.st.removeSecret(sec)
		return nil, nil
	})
}

func (h *Handler) listSecrets(w http.ResponseWriter, r *http.Request, _ []string) {
	q := r.URL.Query()
	lp, e := parseListParams(q, 200, 1000, reSecretSort)
	if e != nil {
		writeError(w, e)
		return
	}
	groups := listValues(q, "groups")
	if len(groups) > 201 {
		writeError(w, errBadRequest("at most 201 groups can be given"))
		return
	}
	for _, g := range groups {
		if !reGroupID.MatchString(g) {
			writeError(w, errBadRequest("the secret group ID %q is not valid", g))
			return
		}
	}
	types := listValues(q, "secret_types")
	for _, t := range types {
		if !isSecretType(t) {
			writeError(w, errBadRequest("the secret type %q is not supported", t))
			return
		}
	}
	labels := append(listValues(q, "match_all_labels"), listValues(q, "labels")...)
	if len(labels) > 30 {
		writeError(w, errBadRequest("at most 30 labels can be given"))
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		var list []*secret
		for _, sec := range s.secrets {
			if len(groups) > 0 && !contains(groups, sec.groupID) {
				continue
			}
			if len(types) > 0 && !contains(types, sec.typ) {
				continue
			}
			ok := true
			for _, l := range labels {
				if !contains(sec.labels, l) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if lp.search != "" && !sec.matches(lp.search) {
				continue
			}
			list = append(list, sec)
		}
		// A list costs what it returns: only the secrets of the page are brought up to date
		// (what the filters and sort keys read does not depend on it), and as a list, which
		// issues no pending public certificate.
		sortSecrets(list, lp.sort, lp.desc)
		start, end, out := page(r, len(list), lp)
		items := make([]any, 0, end-start)
		s.listing = true
		defer func() { s.listing = false }()
		for _, sec := range list[start:end] {
			sec.kind.refresh(s, sec)
			s.timeDriven(sec)
			items = append(items, s.renderSecret(sec, false))
		}
		out["secrets"] = items
		return out, nil
	})
}

func (sec *secret) matches(search string) bool {
	if containsFold(sec.id, search) || containsFold(sec.name, search) ||
		containsFold(sec.description, search) || containsFold(sec.typ, search) {
		return true
	}
	for _, l := range sec.labels {
		if containsFold(l, search) {
			return true
		}
	}
	return false
}

// sortSecrets sorts by a sort key of ListSecrets; ties keep creation order.
func sortSecrets(list []*secret, field string, desc bool) {
	timeKey := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
	}
	key := func(sec *secret) string {
		switch field {
		case "id":
			return sec.id
		case "updated_at":
			return timeKey(&sec.updatedAt)
		case "retrieved_at":
			return timeKey(&sec.retrievedAt)
		case "expiration_date":
			return timeKey(sec.expiration)
		case "secret_type":
			return sec.typ
		case "name":
			return sec.name
		}
		return ""
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if field == "" || field == "created_at" {
			if desc {
				return a.seq > b.seq
			}
			return a.seq < b.seq
		}
		ka, kb := key(a), key(b)
		if ka != kb {
			if desc {
				return ka > kb
			}
			return ka < kb
		}
		return a.seq < b.seq
	})
}

// commonPatchKeys are the metadata properties every secret type accepts.
var commonPatchKeys = []string{"name", "description", "labels", "custom_metadata"}

func (h *Handler) updateSecretMetadata(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	typed := &body{m: map[string]json.RawMessage{}, vault: viaVault(r)}
	for k, v := range m {
		if !contains(commonPatchKeys, k) {
			typed.m[k] = v
		}
	}
	h.withSecret(w, http.StatusOK, p[0], func(s *store, sec *secret) (any, *apiError) {
		typed.err = nil
		apply, e := sec.kind.patch(s, sec, typed)
		if e != nil {
			return nil, e
		}
		if typed.err != nil {
			return nil, typed.err
		}
		if b.isNull("name") {
			return nil, errBadRequest("property \"name\" cannot be removed")
		}
		name, hasName := b.str("name")
		desc, hasDesc := b.str("description")
		labels, hasLabels := b.strs("labels")
		cm, hasCM := b.object("custom_metadata")
		if b.err != nil {
			return nil, b.err
		}
		if hasName {
			if e := validateSecretName(name); e != nil {
				return nil, e
			}
			if s.nameTaken(sec.groupID, sec.typ, name, sec.id) {
				return nil, errConflict("a %s secret with name %q already exists in secret group %s", sec.typ, name, sec.groupID)
			}
		}
		if e := checkLen("description", desc, 0, 1024); e != nil {
			return nil, e
		}
		if e := validateLabels(labels); e != nil {
			return nil, e
		}
		// All validated: apply.
		if hasName {
			sec.name = name
		}
		if hasDesc {
			sec.description, sec.hasDescription = desc, true
		} else if b.isNull("description") {
			sec.description, sec.hasDescription = "", false
		}
		if hasLabels {
			sec.labels = labels
		} else if b.isNull("labels") {
			sec.labels = nil
		}
		if hasCM {
			sec.customMetadata = cm
		} else if b.isNull("custom_metadata") {
			sec.customMetadata = nil
		}
		apply()
		sec.updatedAt = s.now()
		return s.renderSecret(sec, false), nil
	})
}

// ---- secret actions ----

func (h *Handler) createSecretAction(w http.ResponseWriter, r *http.Request, p []string) {
	b, action, e := readAction(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withSecret(w, http.StatusCreated, p[0], func(s *store, sec *secret) (any, *apiError) {
		return sec.kind.action(s, sec, nil, action, b)
	})
}
