package secretsmanagertest

import (
	"crypto"
	"net/http"
	"net/url"
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

// newKey returns a new private key of the given type and size.
func (s *store) newKey(keyType string, bits int64) (crypto.Signer, *apiError) {
	k, err := generateKey(keyType, bits)
	if err != nil {
		return nil, errBadRequest("%v", err)
	}
	return k, nil
}

func (s *store) crn(kind, id string) string {
	return "crn:v1:bluemix:public:secrets-manager:" + s.cfg.region + ":a/" + s.cfg.account + ":" +
		s.cfg.instanceID + ":" + kind + ":" + id
}

// secretByID looks a secret up and brings its time-driven state up to date.
func (s *store) secretByID(id string) (*secret, *apiError) {
	if !reUUID.MatchString(id) {
		return nil, errBadRequest("the secret ID %q is not a valid UUID", id)
	}
	sec, ok := s.secrets[id]
	if !ok {
		return nil, errNotFound(id)
	}
	sec.kind.refresh(s, sec)
	return sec, nil
}

func (s *store) versionByID(sec *secret, id string) (*version, *apiError) {
	if !reVersionID.MatchString(id) {
		return nil, errBadRequest("the version ID %q is not valid", id)
	}
	switch id {
	case "current":
		if c := sec.current(); c != nil {
			return c, nil
		}
		return nil, errNotFound(id)
	case "previous":
		if p := sec.previous(); p != nil {
			return p, nil
		}
		return nil, errNotFound(id)
	}
	for _, v := range sec.versions {
		if v.id == id {
			return v, nil
		}
	}
	return nil, errNotFound(id)
}

// blankVersion returns a new version with its common fields set.
func (s *store) blankVersion() *version {
	return &version{id: newUUID(), createdAt: s.now(), createdBy: s.cfg.createdBy,
		data: noData{}, payloadAvailable: true}
}

// addVersion makes v the current version of sec.
func (s *store) addVersion(sec *secret, v *version) {
	sec.versions = append(sec.versions, v)
}
