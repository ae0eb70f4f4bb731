package secretsmanagertest

import (
	"crypto"
	"net/http"
	"net/url"
	"runtime/debug"
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

	journal    *journal // changes of the running request
	keyWanted  *keySpec // a key the running request needs, made outside the lock
	inlineKeys bool     // make every key under the lock (last attempt)
	spareKeys  map[keySpec][]crypto.Signer
	listing    bool // a list is rendering: refreshes issue no pending public certificate
}

// keySpec is the type and size of a private key.
type keySpec struct {
	typ  string
	bits int64
}

func newStore(c *config) *store {
	now := c.now()
	s := &store{
		cfg:       c,
		groups:    map[string]*secretGroup{},
		secrets:   map[string]*secret{},
		spareKeys: map[keySpec][]crypto.Signer{},
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
	res, e := h.run(fn)
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

// maxKeyAttempts bounds the runs of a request that needs keys made outside
// the lock; the last run makes them under the lock.
const maxKeyAttempts = 4

// run runs fn under the lock as one transaction: when fn panics, its changes
// are undone and the panic goes on, outside the lock, as a *serverPanic;
// when fn needs an RSA key (slow to make), its changes are undone, the key
// is made without the lock, so that other requests go on meanwhile, and fn
// runs again.
func (h *Handler) run(fn func() (any, *apiError)) (any, *apiError) {
	for attempt := 1; ; attempt++ {
		h.mu.Lock()
		s := h.st
		s.begin()
		s.keyWanted, s.inlineKeys = nil, attempt >= maxKeyAttempts
		res, e, p := call(fn)
		want := s.keyWanted
		s.keyWanted, s.inlineKeys = nil, false
		if p != nil || want != nil {
			s.rollback()
			h.mu.Unlock()
			if p != nil {
				panic(p)
			}
			h.makeKey(*want)
			continue
		}
		j := s.journal
		s.commit()
		t, err := h.persistCommit(j) // the data file (persist.go)
		h.mu.Unlock()
		if err == nil {
			err = h.persistWait(t)
		}
		if err != nil {
			return nil, errPersist(err)
		}
		return res, e
	}
}

// serverPanic is a panic recovered in a request: a bug of the server.
type serverPanic struct {
	value any
	stack []byte
}

// call runs fn and recovers its panic.
func call(fn func() (any, *apiError)) (res any, e *apiError, p *serverPanic) {
	defer func() {
		if v := recover(); v != nil {
			p = &serverPanic{value: v, stack: debug.Stack()}
		}
	}()
	res, e = fn()
	return res, e, nil
}

// makeKey makes a key of spec k, without the lock, for the next run.
func (h *Handler) makeKey(k keySpec) {
	key, err := h.cfg.keyGen(k.typ, k.bits)
	if err != nil {
		return // the next run meets the error
	}
	h.mu.Lock()
	if ks := h.st.spareKeys[k]; len(ks) < 2 {
		h.st.spareKeys[k] = append(ks, key)
	}
	h.mu.Unlock()
}

// errKeyNeeded is returned by newKey when the request must run again with
// a key made outside the lock (Handler.run); it never reaches a client.
var errKeyNeeded = newError(http.StatusInternalServerError, "Internal server error: a key is being made")

// newKey returns a new private key of the given type and size. RSA keys are
// made outside the lock: the first time, newKey returns errKeyNeeded and the
// request runs again once the key is ready; callers must ask for keys
// before changing anything they would not change again on that run.
func (s *store) newKey(keyType string, bits int64) (crypto.Signer, *apiError) {
	spec := keySpec{keyType, bits}
	if keyType == "rsa" && !s.inlineKeys && bits >= 2048 && bits <= 8192 {
		if ks := s.spareKeys[spec]; len(ks) > 0 {
			s.spareKeys[spec] = ks[1:]
			return ks[0], nil
		}
		s.keyWanted = &spec
		return nil, errKeyNeeded
	}
	k, err := s.cfg.keyGen(keyType, bits)
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
	s.use(sec)
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
