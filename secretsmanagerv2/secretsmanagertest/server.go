package secretsmanagertest

import (
	"crypto"
	"crypto/subtle"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Option configures a Server or a Handler.
type Option func(*config)

type config struct {
	tokens         map[string]bool // token -> read only
	createdBy      string
	region         string
	account        string
	instanceID     string
	publicCertWait time.Duration
	now            func() time.Time
	vault          vaultOptions             // the Vault-compatible API (vault.go)
	jobs           map[string]CodeEngineJob // by CodeEngineJob.key
	logf           func(format string, args ...any)
	keyGen         func(keyType string, bits int64) (crypto.Signer, error)
	iam            iamOptions // the IAM token endpoint (iam.go)
	adminToken     *string    // the admin API (admin.go); nil: not served
	faultSeed      *uint64    // the seed of the faults' probabilities (faults.go)
	recoverData    bool       // OpenHandler recovers a damaged data file (persist.go)
}

// WithToken makes the server require "Authorization: Bearer <token>" on
// every request; token grants read and write access. It may be combined
// with WithReadOnlyToken and given several times.
func WithToken(token string) Option {
	return func(c *config) { c.tokens[token] = false }
}

// WithReadOnlyToken makes the server require a bearer token (like
// WithToken); token grants read access only: requests other than GET
// made with it are answered 403.
func WithReadOnlyToken(token string) Option {
	return func(c *config) { c.tokens[token] = true }
}

// WithCreatedBy sets the identity reported in created_by fields
// (default "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21").
func WithCreatedBy(id string) Option {
	return func(c *config) { c.createdBy = id }
}

// WithPublicCertIssuanceDelay sets how long a public certificate order stays
// in the pre_activation state before it is issued (default 0: the order is
// issued on the first request that reads the secret after its creation).
func WithPublicCertIssuanceDelay(d time.Duration) Option {
	return func(c *config) { c.publicCertWait = d }
}

// WithCodeEngineJob registers a credentials provider job: a
// custom_credentials_configuration whose code_engine names it gets the
// schema its Env declares. It may be given several times.
func WithCodeEngineJob(job CodeEngineJob) Option {
	return func(c *config) { c.jobs[job.key()] = job }
}

// WithLogf sets how the server reports its own bugs: a request whose
// handling panics is answered 500 with the panic and the request's method
// and path in the error message, its changes are undone, and the same
// report, with the stack, goes to logf (default log.Printf; t.Logf fits).
func WithLogf(logf func(format string, args ...any)) Option {
	return func(c *config) { c.logf = logf }
}

// Handler is an http.Handler that serves the Secrets Manager v2 API from
// memory. Create it with NewHandler. It is safe for concurrent use.
type Handler struct {
	cfg    config
	mu     sync.Mutex
	st     *store
	faults faultSet // injected failures: see faults.go

	vault vaultState // the Vault-compatible API's own state, guarded by mu (vault.go)

	persist *persister  // the data file of OpenHandler, nil without (persist.go)
	clock   clockOffset // how far the server clock is ahead (clock.go)
}

// NewHandler returns a Handler with an empty instance (only the default
// secret group exists), configured by opts. Use it with
// httptest.NewServer or any http.Server; the API is served under /api/v2/.
func NewHandler(opts ...Option) *Handler {
	c := config{
		tokens:     map[string]bool{},
		jobs:       map[string]CodeEngineJob{},
		logf:       log.Printf,
		keyGen:     generateKey,
		createdBy:  "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
		region:     "us-south",
		account:    "a5ebf2570dcaedf18d7ed78e216c263a",
		instanceID: newUUID(),
		now:        time.Now,
	}
	for _, o := range opts {
		o(&c)
	}
	h := &Handler{cfg: c}
	h.cfg.now = h.clock.wrap(c.now)
	h.faults.seed(c.faultSeed)
	h.st = newStore(&h.cfg)
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.serveAdmin(w, r) || h.injectFault(w, r) {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			h.reportPanic(w, r, p)
		}
	}()
	if h.serveIAM(w, r) {
		return
	}
	if isVaultPath(r) {
		h.persistVault(w, func(w http.ResponseWriter) { h.serveVault(w, r) })
		return
	}
	if e := h.authorize(r); e != nil {
		writeError(w, e)
		return
	}
	if e := limitBody(w, r); e != nil {
		writeError(w, e)
		return
	}
	h.route(w, r)
}

// maxPanicValue bounds the panic value quoted in an error answer.
const maxPanicValue = 512

// reportPanic answers a request whose handling panicked (a bug of the
// server) and logs it.
func (h *Handler) reportPanic(w http.ResponseWriter, r *http.Request, p any) {
	value, stack := p, []byte(nil)
	if sp, ok := p.(*serverPanic); ok {
		value, stack = sp.value, sp.stack
	} else {
		stack = debug.Stack()
	}
	v := fmt.Sprint(value)
	if len(v) > maxPanicValue {
		v = v[:maxPanicValue] + "..."
	}
	msg := fmt.Sprintf("Internal server error: secretsmanagertest panicked serving %s %s: %s", r.Method, r.URL.Path, v)
	h.cfg.logf("%s (its changes were undone)\n%s", msg, stack)
	writeError(w, newError(http.StatusInternalServerError, msg))
}

func (h *Handler) authorize(r *http.Request) *apiError {
	if !h.authRequired() {
		return nil
	}
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		return newError(http.StatusUnauthorized, "You provided no credentials or invalid credentials.")
	}
	if known, ro := h.tokenAccess(tok); known {
		if ro && r.Method != http.MethodGet && r.Method != http.MethodHead {
			return newError(http.StatusForbidden, "You are not allowed to access this resource.")
		}
		return nil
	}
	return newError(http.StatusUnauthorized, "You provided no credentials or invalid credentials.")
}

// authRequired reports whether requests must bring a token: a token or an
// API key is configured.
func (h *Handler) authRequired() bool { return len(h.cfg.tokens) > 0 || len(h.cfg.iam.keys) > 0 }

// tokenAccess reports whether tok is a configured token or a valid access
// token of the IAM endpoint, and whether it is read-only.
func (h *Handler) tokenAccess(tok string) (known, readOnly bool) {
	for t, ro := range h.cfg.tokens {
		if subtle.ConstantTimeCompare([]byte(t), []byte(tok)) == 1 {
			known, readOnly = true, ro
		}
	}
	if !known {
		known, readOnly = h.iamTokenAccess(tok)
	}
	return known, readOnly
}

// Server is an in-memory Secrets Manager listening on a loopback address,
// like httptest.Server.
type Server struct {
	// URL is the service URL (http://127.0.0.1:port), to be used as is as
	// the SDK's service URL: requests arrive at URL + "/api/v2/...".
	URL string
	// Handler is the handler serving the API; it holds all state.
	Handler *Handler

	ts *httptest.Server
}

// NewServer starts and returns a new Server configured by opts. The caller
// should call Close when finished, to shut it down.
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	s.Start()
	return s
}

// NewUnstartedServer returns a new Server configured by opts, but doesn't
// start it. Call Start (or StartTLS) before use and Close when finished.
func NewUnstartedServer(opts ...Option) *Server {
	h := NewHandler(opts...)
	return &Server{Handler: h, ts: httptest.NewUnstartedServer(h)}
}

// Start starts a server from NewUnstartedServer.
func (s *Server) Start() {
	s.ts.Start()
	s.URL = s.ts.URL
}

// StartTLS starts TLS on a server from NewUnstartedServer; clients must
// trust the certificate returned by Certificate (or use Client).
func (s *Server) StartTLS() {
	s.ts.StartTLS()
	s.URL = s.ts.URL
}

// Client returns an HTTP client configured for making requests to the
// server (it trusts the server's TLS certificate, if any).
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Close shuts down the server and blocks until all outstanding requests on
// it have completed; a server of OpenServer then closes its data file
// (Handler.Close), reporting an error through WithLogf.
func (s *Server) Close() {
	s.ts.Close()
	if err := s.Handler.Close(); err != nil {
		s.Handler.cfg.logf("secretsmanagertest: closing the data file: %v", err)
	}
}

// route dispatches a request to the operation for its method and path.
func (h *Handler) route(w http.ResponseWriter, r *http.Request) {
	segs, ok := splitPath(r.URL.EscapedPath())
	if !ok || len(segs) < 3 || segs[0] != "api" || segs[1] != "v2" {
		writeError(w, newError(http.StatusNotFound, "The requested resource was not found."))
		return
	}
	segs = segs[2:]
	type op struct {
		method string
		fn     func(w http.ResponseWriter, r *http.Request, p []string)
	}
	var ops []op
	var params []string
	match := func(pattern string, handlers ...op) bool {
		ps := strings.Split(pattern, "/")
		if len(ps) != len(segs) {
			return false
		}
		var vals []string
		for i, p := range ps {
			if p == "*" {
				vals = append(vals, segs[i])
			} else if p != segs[i] {
				return false
			}
		}
		ops, params = handlers, vals
		return true
	}
	switch {
	case match("secret_groups",
		op{"POST", h.createSecretGroup}, op{"GET", h.listSecretGroups}):
	case match("secret_groups/*",
		op{"GET", h.getSecretGroup}, op{"PATCH", h.updateSecretGroup}, op{"DELETE", h.deleteSecretGroup}):
	case match("secret_groups/*/secret_types/*/secrets/*", op{"GET", h.getSecretByNameType}):
	case match("secrets",
		op{"POST", h.createSecret}, op{"GET", h.listSecrets}):
	case match("secrets/*",
		op{"GET", h.getSecret}, op{"DELETE", h.deleteSecret}):
	case match("secrets/*/metadata",
		op{"GET", h.getSecretMetadata}, op{"PATCH", h.updateSecretMetadata}):
	case match("secrets/*/actions", op{"POST", h.createSecretAction}):
	case match("secrets/*/versions",
		op{"POST", h.createSecretVersion}, op{"GET", h.listSecretVersions}):
	case match("secrets/*/versions/*", op{"GET", h.getSecretVersion}):
	case match("secrets/*/versions/*/secret_data", op{"DELETE", h.deleteSecretVersionData}):
	case match("secrets/*/versions/*/metadata",
		op{"GET", h.getSecretVersionMetadata}, op{"PATCH", h.updateSecretVersionMetadata}):
	case match("secrets/*/versions/*/actions", op{"POST", h.createSecretVersionAction}):
	case match("secrets/*/tasks", op{"GET", h.listSecretTasks}):
	case match("secrets/*/tasks/*",
		op{"GET", h.getSecretTask}, op{"PUT", h.replaceSecretTask}, op{"DELETE", h.deleteSecretTask}):
	case match("secrets_locks", op{"GET", h.listSecretsLocks}):
	case match("secrets/*/locks", op{"GET", h.listSecretLocks}):
	case match("secrets/*/locks_bulk",
		op{"POST", h.createSecretLocksBulk}, op{"DELETE", h.deleteSecretLocksBulk}):
	case match("secrets/*/versions/*/locks", op{"GET", h.listSecretVersionLocks}):
	case match("secrets/*/versions/*/locks_bulk",
		op{"POST", h.createSecretVersionLocksBulk}, op{"DELETE", h.deleteSecretVersionLocksBulk}):
	case match("configurations",
		op{"POST", h.createConfiguration}, op{"GET", h.listConfigurations}):
	case match("configurations/*",
		op{"GET", h.getConfiguration}, op{"PATCH", h.updateConfiguration}, op{"DELETE", h.deleteConfiguration}):
	case match("configurations/*/actions", op{"POST", h.createConfigurationAction}):
	case match("notifications/registration",
		op{"POST", h.createNotificationsRegistration}, op{"GET", h.getNotificationsRegistration},
		op{"DELETE", h.deleteNotificationsRegistration}):
	case match("notifications/registration/test", op{"GET", h.getNotificationsRegistrationTest}):
	default:
		writeError(w, newError(http.StatusNotFound, "The requested resource was not found."))
		return
	}
	for _, o := range ops {
		if o.method == r.Method {
			o.fn(w, r, params)
			return
		}
	}
	writeError(w, newError(http.StatusMethodNotAllowed, "The method "+r.Method+" is not allowed for this resource."))
}

func splitPath(escaped string) ([]string, bool) {
	raw := strings.Split(strings.Trim(escaped, "/"), "/")
	out := make([]string, 0, len(raw))
	for _, s := range raw {
		u, err := pathUnescape(s)
		if err != nil {
			return nil, false
		}
		out = append(out, u)
	}
	return out, true
}
