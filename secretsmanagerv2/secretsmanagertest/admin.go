package secretsmanagertest

// The admin API, under AdminPrefix with its own token (WithAdminToken):
//
//	POST   /admin/seed           a seed file (seedfile.go) -> what it created
//	POST   /admin/reset          an empty instance (faults and clock stay)
//	GET    /admin/faults         the faults in place, their hits, the seed
//	POST   /admin/faults         add faults: {"seed": n, "faults": [...]}
//	PUT    /admin/faults         replace them
//	DELETE /admin/faults         remove them all
//	GET    /admin/clock          {"now": ..., "offset": "..."}
//	POST   /admin/clock          {"advance": "36h"}
//	GET    /admin/dump           the store, secret values redacted
//	GET    /admin/dump?secrets=true   the store with its secret values

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// AdminPrefix is the path prefix of the admin API.
const AdminPrefix = "/admin/"

// WithAdminToken serves the admin API under AdminPrefix: seeding, reset,
// faults, clock and a dump of the store. Its requests must bring
// "Authorization: Bearer <token>" (the API's tokens and API keys do not
// give access to it); an empty token serves it without a token.
func WithAdminToken(token string) Option {
	return func(c *config) { c.adminToken = &token }
}

// serveAdmin serves a request of the admin API; it reports false for other
// paths, or when the admin API is not enabled.
func (h *Handler) serveAdmin(w http.ResponseWriter, r *http.Request) bool {
	if h.cfg.adminToken == nil || !strings.HasPrefix(r.URL.Path, AdminPrefix) {
		return false
	}
	if want := *h.cfg.adminToken; want != "" {
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if subtle.ConstantTimeCompare([]byte(tok), []byte(want)) != 1 {
			writeError(w, newError(http.StatusUnauthorized, "The admin API needs its token (Authorization: Bearer <admin token>)."))
			return true
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<20)
	switch p := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, AdminPrefix), "/"); {
	case p == "seed" && r.Method == http.MethodPost:
		h.adminSeed(w, r)
	case p == "reset" && r.Method == http.MethodPost:
		if err := h.Reset(); err != nil {
			writeError(w, errPersist(err))
			return true
		}
		w.WriteHeader(http.StatusNoContent)
	case p == "faults":
		h.adminFaults(w, r)
	case p == "clock" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]any{"now": fmtTime(h.Now()), "offset": h.clock.get().String()})
	case p == "clock" && r.Method == http.MethodPost:
		var req struct {
			Advance string `json:"advance"`
		}
		if err := decodeAdmin(r, &req); err != nil {
			writeError(w, err)
			return true
		}
		d, err := time.ParseDuration(req.Advance)
		if err != nil || d < 0 {
			writeError(w, errBadRequest("advance must be a non-negative duration such as \"36h\" or \"90m\""))
			return true
		}
		now, err := h.AdvanceClock(d)
		if err != nil {
			writeError(w, errPersist(err))
			return true
		}
		writeJSON(w, http.StatusOK, map[string]any{"now": fmtTime(now), "offset": h.clock.get().String()})
	case p == "dump" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, h.Dump(r.URL.Query().Get("secrets") == "true"))
	case p == "seed" || p == "reset" || p == "clock" || p == "dump":
		writeError(w, newError(http.StatusMethodNotAllowed, "The method "+r.Method+" is not allowed for this resource."))
	default:
		writeError(w, newError(http.StatusNotFound, "The requested resource was not found."))
	}
	return true
}

// decodeAdmin reads a JSON request body into v.
func decodeAdmin(r *http.Request, v any) *apiError {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return errBadRequest("could not read the request body")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errBadRequest("the request body is not valid: %v", err)
	}
	return nil
}

func (h *Handler) adminSeed(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, errBadRequest("could not read the request body"))
		return
	}
	f, err := ParseSeedFile(b)
	if err != nil {
		writeError(w, errBadRequest("%v", err))
		return
	}
	res, err := h.Seed(f)
	if err != nil {
		writeError(w, errBadRequest("%v", err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// Reset empties the instance (only the default secret group stays; Vault
// tokens and login configuration are gone); faults and the clock stay. With
// a data file the empty state is on disk before Reset returns.
func (h *Handler) Reset() error {
	h.mu.Lock()
	h.st = newStore(&h.cfg)
	h.vault = vaultState{}
	t, err := h.persistFull()
	h.mu.Unlock()
	if err == nil {
		err = h.persistWait(t)
	}
	return err
}

// Dump returns the content of the instance as JSON-ready values: secret
// groups, secrets (each with its versions and their locks), configurations
// and the notifications registration. Secret values (payloads, passwords,
// private keys, credentials) are left out unless withSecrets is true.
func (h *Handler) Dump(withSecrets bool) map[string]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.st
	groups := make([]map[string]any, 0, len(s.groups))
	gs := make([]*secretGroup, 0, len(s.groups))
	for _, g := range s.groups {
		gs = append(gs, g)
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].seq < gs[j].seq || gs[i].seq == gs[j].seq && gs[i].id < gs[j].id })
	for _, g := range gs {
		groups = append(groups, g.render())
	}
	secs := make([]*secret, 0, len(s.secrets))
	for _, sec := range s.secrets {
		secs = append(secs, sec)
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i].seq < secs[j].seq })
	secrets := make([]map[string]any, 0, len(secs))
	for _, sec := range secs {
		m := s.renderSecret(sec, withSecrets)
		vs := make([]map[string]any, 0, len(sec.versions))
		for _, v := range sec.versions {
			vm := s.renderVersion(sec, v, withSecrets)
			locks := make([]map[string]any, 0, len(v.locks))
			for _, l := range v.locks {
				locks = append(locks, s.renderLock(sec, v, l))
			}
			vm["locks"] = locks
			vs = append(vs, vm)
		}
		m["versions"] = vs
		secrets = append(secrets, m)
	}
	configs := make([]map[string]any, 0, len(s.configs))
	for _, c := range s.configs {
		configs = append(configs, c.render(withSecrets))
	}
	out := map[string]any{"now": fmtTime(h.Now()), "secret_groups": groups, "secrets": secrets,
		"configurations": configs, "secret_values": withSecrets}
	if s.notif != nil {
		out["notifications"] = s.notif
	}
	return out
}

// FaultJSON is a Fault in JSON, in a FaultsFile: durations as Go durations ("200ms"), Break by
// name; Hits is set in the answers of GET /admin/faults only.
type FaultJSON struct {
	Method      string  `json:"method,omitempty"`
	Path        string  `json:"path,omitempty"`
	Status      int     `json:"status,omitempty"`
	RetryAfter  string  `json:"retry_after,omitempty"`
	Delay       string  `json:"delay,omitempty"`
	Break       string  `json:"break,omitempty"`
	Times       int     `json:"times,omitempty"`
	Probability float64 `json:"probability,omitempty"`
	RateLimit   int     `json:"rate_limit,omitempty"`
	Hits        int     `json:"hits,omitempty"` // in answers only
}

var breakNames = map[string]Break{"": NoBreak, "none": NoBreak, "reset_before_headers": ResetBeforeHeaders,
	"reset_during_body": ResetDuringBody, "truncate_body": TruncateBody}

// FaultsFile is the JSON form of faults: {"seed": 42, "faults": [{"method":
// "GET", "path": "/api/v2/secrets/*", "status": 503, "retry_after": "1",
// "delay": "200ms", "break": "reset_before_headers", "times": 2,
// "probability": 0.5}, {"path": "/api/v2/secrets", "rate_limit": 20}]}.
// break is none, reset_before_headers, reset_during_body or truncate_body;
// the fields are those of Fault.
type FaultsFile struct {
	Seed   *uint64     `json:"seed,omitempty"`
	Faults []FaultJSON `json:"faults"`
}

// InjectFaultsJSON adds the faults of a FaultsFile document (and sets the
// seed of their probabilities when it gives one); replace removes the faults
// in place first. Nothing is changed when one of them is not valid.
func (h *Handler) InjectFaultsJSON(data []byte, replace bool) error {
	var f FaultsFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("faults: %w", err)
	}
	faults := make([]Fault, 0, len(f.Faults))
	for i, j := range f.Faults {
		flt := Fault{Method: strings.ToUpper(j.Method), Path: j.Path, Status: j.Status, RetryAfter: j.RetryAfter,
			Times: j.Times, Probability: j.Probability, RateLimit: j.RateLimit}
		if j.Delay != "" {
			d, err := time.ParseDuration(j.Delay)
			if err != nil {
				return fmt.Errorf("faults[%d]: delay: %w", i, err)
			}
			flt.Delay = d
		}
		b, ok := breakNames[j.Break]
		if !ok {
			return fmt.Errorf("faults[%d]: break %q is none of none, reset_before_headers, reset_during_body, truncate_body", i, j.Break)
		}
		flt.Break = b
		switch {
		case flt.Status != 0 && (flt.Status < 100 || flt.Status > 599):
			return fmt.Errorf("faults[%d]: status %d is not an HTTP status code", i, flt.Status)
		case flt.Delay < 0 || flt.Times < 0:
			return fmt.Errorf("faults[%d]: delay and times must not be negative", i)
		case !(flt.Probability >= 0 && flt.Probability <= 1):
			return fmt.Errorf("faults[%d]: probability must be between 0 and 1", i)
		case flt.RateLimit < 0:
			return fmt.Errorf("faults[%d]: rate_limit must not be negative", i)
		case flt.RateLimit > 0 && (flt.Status != 0 || flt.Delay != 0 || flt.Break != NoBreak || flt.Times != 0):
			return fmt.Errorf("faults[%d]: rate_limit excludes status, delay, break and times", i)
		}
		faults = append(faults, flt)
	}
	if replace {
		h.ClearFaults()
	}
	if f.Seed != nil {
		h.SetFaultSeed(*f.Seed)
	}
	for _, flt := range faults {
		h.InjectFault(flt)
	}
	return nil
}

func (h *Handler) adminFaults(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.faults.mu.Lock()
		list := make([]FaultJSON, 0, len(h.faults.list))
		for _, f := range h.faults.list {
			x := f.fault
			j := FaultJSON{Method: x.Method, Path: x.Path, Status: x.Status, RetryAfter: x.RetryAfter,
				Times: x.Times, Probability: x.Probability, RateLimit: x.RateLimit, Hits: f.Hits()}
			if x.Delay > 0 {
				j.Delay = x.Delay.String()
			}
			for n, b := range breakNames {
				if b == x.Break && b != NoBreak {
					j.Break = n
				}
			}
			list = append(list, j)
		}
		seed := h.faults.rng.seed
		h.faults.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"seed": seed, "faults": list})
	case http.MethodPost, http.MethodPut:
		b, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, errBadRequest("could not read the request body"))
			return
		}
		if err := h.InjectFaultsJSON(b, r.Method == http.MethodPut); err != nil {
			writeError(w, errBadRequest("%v", err))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case http.MethodDelete:
		h.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	default:
		writeError(w, newError(http.StatusMethodNotAllowed, "The method "+r.Method+" is not allowed for this resource."))
	}
}
