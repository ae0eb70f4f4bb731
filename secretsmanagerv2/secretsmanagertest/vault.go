package secretsmanagertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Defaults of the login token configuration, as the IBM Cloud auth plug-in has them.
const (
	defaultVaultTokenTTL    = time.Hour
	defaultVaultTokenMaxTTL = 24 * time.Hour
)

// vaultOptions are the options of the Vault API.
type vaultOptions struct {
	tokenTTL time.Duration // 0: defaultVaultTokenTTL
}

// WithVaultTokenTTL sets the lease of the Vault tokens a login gives: the
// initial token_ttl of the login configuration (default 1h), which
// PUT /v1/auth/ibmcloud/manage/login changes, rounded up to whole seconds. A
// lease longer than the default token_max_ttl (24h) raises token_max_ttl to it.
func WithVaultTokenTTL(ttl time.Duration) Option {
	return func(c *config) { c.vault.tokenTTL = ttl }
}

// vaultState is the state only the Vault API has: its tokens, its login
// configuration and the rotation policies of secret types without a v2 one.
// Its zero value is ready; it is guarded by Handler.mu.
type vaultState struct {
	tokens     map[string]*vaultToken
	configured bool // ttl and maxTTL are set
	ttl        time.Duration
	maxTTL     time.Duration
	policies   map[string]*vaultPolicy // by secret ID
}

// vaultToken is a Vault token given by a login.
type vaultToken struct {
	readOnly bool
	expires  time.Time
}

// loginConfig returns the login token configuration, set up on first use.
func (h *Handler) loginConfig() (ttl, maxTTL time.Duration) {
	v := &h.vault
	if !v.configured {
		v.configured = true
		v.ttl, v.maxTTL = defaultVaultTokenTTL, defaultVaultTokenMaxTTL
		if d := h.cfg.vault.tokenTTL; d > 0 {
			d = (d + time.Second - 1).Truncate(time.Second) // a lease is whole seconds, never 0
			v.ttl = d
			v.maxTTL = max(v.maxTTL, d)
		}
	}
	return v.ttl, v.maxTTL
}

// RevokeVaultTokens revokes every Vault token the handler gave: requests
// made with them answer 403 until their client logs in again. It returns how
// many tokens it revoked. Tests use it to check that a client logs in again.
func (h *Handler) RevokeVaultTokens() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := len(h.vault.tokens)
	h.vault.tokens = nil
	return n
}

// isVaultPath reports whether r is a request of the Vault API.
func isVaultPath(r *http.Request) bool {
	p := r.URL.Path
	return p == "/v1" || strings.HasPrefix(p, "/v1/")
}

// vaultRequest is a Vault request being served.
type vaultRequest struct {
	w      http.ResponseWriter
	r      *http.Request
	method string // GET, PUT (for POST too) or DELETE
}

// errPermissionDenied is Vault's answer to a missing or invalid token and to a path it does not serve.
func errPermissionDenied() *apiError {
	return &apiError{http.StatusForbidden, "permission_denied", "permission denied"}
}

func errVaultNotFound(format string, a ...any) *apiError {
	return &apiError{http.StatusNotFound, "not_found", fmt.Sprintf(format, a...)}
}

// serveVault serves a request of the Vault API: login, token check, route.
func (h *Handler) serveVault(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			writeVaultError(w, newError(http.StatusInternalServerError, "internal error"))
		}
	}()
	if e := limitBody(w, r); e != nil {
		writeVaultError(w, e)
		return
	}
	vr := &vaultRequest{w: w, r: r, method: r.Method}
	switch r.Method {
	case http.MethodPost:
		vr.method = http.MethodPut
	case "LIST":
		vr.method = http.MethodGet
	}
	segs, ok := splitPath(r.URL.EscapedPath())
	if !ok || len(segs) < 2 {
		writeVaultError(w, errPermissionDenied())
		return
	}
	segs = segs[1:]
	if len(segs) == 3 && segs[0] == "auth" && segs[1] == "ibmcloud" && segs[2] == "login" {
		if !vr.allow(http.MethodPut) {
			return
		}
		h.vaultLogin(vr)
		return
	}
	readOnly, e := h.checkVaultToken(r.Header.Get("X-Vault-Token"))
	if e != nil {
		writeVaultError(w, e)
		return
	}
	if readOnly && vr.method != http.MethodGet {
		writeVaultError(w, errPermissionDenied())
		return
	}
	if !h.routeVault(vr, segs) {
		writeVaultError(w, errPermissionDenied())
	}
}

// allow answers 405 when the request's method is none of methods.
func (vr *vaultRequest) allow(methods ...string) bool {
	if contains(methods, vr.method) {
		return true
	}
	writeVaultError(vr.w, newError(http.StatusMethodNotAllowed, "unsupported operation"))
	return false
}

// routeVault dispatches a request to its operation; it reports false for a
// path that is not a route of the API.
func (h *Handler) routeVault(vr *vaultRequest, segs []string) bool {
	switch {
	case len(segs) >= 3 && segs[0] == "auth" && segs[1] == "ibmcloud" && segs[2] == "manage":
		return h.routeVaultManage(vr, segs[3:])
	case len(segs) >= 3 && segs[0] == "ibmcloud" && vaultKindOf(segs[1]) != nil:
		return h.routeVaultEngine(vr, segs[1], segs[2], segs[3:])
	}
	return false
}

func (h *Handler) routeVaultManage(vr *vaultRequest, segs []string) bool {
	switch {
	case len(segs) == 1 && segs[0] == "login":
		if vr.allow(http.MethodGet, http.MethodPut) {
			if vr.method == http.MethodGet {
				h.vaultGetLoginConfig(vr)
			} else {
				h.vaultConfigureLogin(vr)
			}
		}
	case len(segs) == 1 && segs[0] == "groups":
		if vr.allow(http.MethodGet, http.MethodPut) {
			if vr.method == http.MethodGet {
				h.vaultListGroups(vr)
			} else {
				h.vaultCreateGroup(vr)
			}
		}
	case len(segs) == 2 && segs[0] == "groups":
		if vr.allow(http.MethodGet, http.MethodPut, http.MethodDelete) {
			switch vr.method {
			case http.MethodGet:
				h.vaultGetGroup(vr, segs[1])
			case http.MethodPut:
				h.vaultUpdateGroup(vr, segs[1])
			default:
				h.vaultDeleteGroup(vr, segs[1])
			}
		}
	default:
		return false
	}
	return true
}

// cutGroup reads the optional groups/{gid} prefix of a path: it returns the
// group ID ("" for the route of the default group) and the rest.
func cutGroup(segs []string) (string, []string) {
	if len(segs) >= 2 && segs[0] == "groups" {
		return segs[1], segs[2:]
	}
	return "", segs
}

// vaultLockOps are the lock operations of a lock route, with their v2 lock mode.
var vaultLockOps = map[string]string{"lock": "", "lock_exclusive": "remove_previous",
	"lock_exclusive_delete": "remove_previous_and_delete", "unlock": ""}

func (h *Handler) routeVaultEngine(vr *vaultRequest, typ, area string, segs []string) bool {
	ref := secretRef{typ: typ}
	switch area {
	case "secrets":
		ref.group, segs = cutGroup(segs)
		switch {
		case len(segs) == 0:
			if vr.allow(http.MethodGet, http.MethodPut) {
				if vr.method == http.MethodGet {
					h.vaultListSecrets(vr, ref)
				} else {
					h.vaultCreateSecret(vr, ref, "")
				}
			}
		case len(segs) == 1:
			ref.id = segs[0]
			if vr.allow(http.MethodGet, http.MethodDelete) {
				if vr.method == http.MethodGet {
					h.vaultGetSecret(vr, ref)
				} else {
					h.vaultDeleteSecret(vr, ref)
				}
			}
		case len(segs) == 2 && segs[1] == "metadata":
			ref.id = segs[0]
			if vr.allow(http.MethodGet, http.MethodPut) {
				if vr.method == http.MethodGet {
					h.vaultGetMetadata(vr, ref)
				} else {
					h.vaultUpdateMetadata(vr, ref)
				}
			}
		case len(segs) == 2 && segs[1] == "rotate":
			ref.id = segs[0]
			if vr.allow(http.MethodPut) {
				h.vaultRotate(vr, ref)
			}
		case len(segs) == 2 && segs[1] == "policies":
			ref.id = segs[0]
			if vr.allow(http.MethodGet, http.MethodPut) {
				if vr.method == http.MethodGet {
					h.vaultGetPolicies(vr, ref)
				} else {
					h.vaultSetPolicies(vr, ref)
				}
			}
		default:
			return false
		}
	case "roles", "creds":
		if !vaultIsIAM(typ) {
			return false
		}
		ref.group, segs = cutGroup(segs)
		if len(segs) != 1 {
			return false
		}
		if area == "roles" {
			if vr.allow(http.MethodPut) {
				h.vaultCreateSecret(vr, ref, segs[0])
			}
		} else if vr.allow(http.MethodGet) {
			ref.id = segs[0]
			h.vaultGetSecret(vr, ref)
		}
	case "locks":
		ref.group, segs = cutGroup(segs)
		if len(segs) == 0 {
			return false
		}
		ref.id = segs[0]
		version, op := "", ""
		switch {
		case len(segs) == 1:
		case len(segs) == 2:
			op = segs[1]
		case len(segs) == 3 && segs[1] == "versions":
			version = segs[2]
		case len(segs) == 4 && segs[1] == "versions":
			version, op = segs[2], segs[3]
		default:
			return false
		}
		if op == "" {
			if vr.allow(http.MethodGet) {
				h.vaultListLocks(vr, ref, version)
			}
			return true
		}
		mode, ok := vaultLockOps[op]
		if !ok {
			return false
		}
		if vr.allow(http.MethodPut) {
			if version == "" {
				version = "current" // the lock routes of a secret work on its current version
			}
			if op == "unlock" {
				h.vaultUnlock(vr, ref, version)
			} else {
				h.vaultLock(vr, ref, version, mode)
			}
		}
	case "config":
		return h.routeVaultConfig(vr, typ, segs)
	default:
		return false
	}
	return true
}

// ---- envelope and errors ----

// writeVault writes the Vault envelope of an answer; data nil is null.
func writeVault(w http.ResponseWriter, data any, auth any) {
	writeJSON(w, http.StatusOK, map[string]any{
		"request_id": newUUID(), "lease_id": "", "renewable": false, "lease_duration": 0,
		"data": data, "wrap_info": nil, "warnings": nil, "auth": auth,
	})
}

// writeVaultError writes Vault's error body, {"errors":["message"]}.
func writeVaultError(w http.ResponseWriter, e *apiError) {
	b, _ := json.Marshal(map[string]any{"errors": []string{e.message}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

// vaultDo runs fn with the state locked and writes its result in the Vault
// envelope (or, when noContent, 204).
func (h *Handler) vaultDo(vr *vaultRequest, noContent bool, fn func(s *store) (any, *apiError)) {
	h.mu.Lock()
	res, e := func() (res any, e *apiError) {
		defer func() {
			if p := recover(); p != nil {
				res, e = nil, newError(http.StatusInternalServerError, "internal error")
			}
		}()
		return fn(h.st)
	}()
	h.mu.Unlock()
	switch {
	case e != nil:
		writeVaultError(vr.w, e)
	case noContent:
		vr.w.WriteHeader(http.StatusNoContent)
	default:
		writeVault(vr.w, res, nil)
	}
}

// v2 runs a request of the v2 API in-process, so that the Vault API changes
// the store exactly as the v2 API does (its checks, locks and errors
// included). The Vault token of the request was checked already. It returns
// the decoded answer (nil for 204) or its error.
func (h *Handler) v2(vr *vaultRequest, method, path string, query url.Values, body any, header ...string) (map[string]any, *apiError) {
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, errBadRequest("invalid request body")
		}
		rd = bytes.NewReader(b)
	}
	target := "/api/v2/" + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(context.WithValue(vr.r.Context(), vaultOrigin{}, true), method, target, rd)
	if err != nil {
		return nil, errBadRequest("invalid request")
	}
	req.Host = vr.r.Host
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.route(rec, req)
	var out map[string]any
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			return nil, newError(http.StatusInternalServerError, "internal error")
		}
	}
	if rec.Code < 300 {
		return out, nil
	}
	msg := http.StatusText(rec.Code)
	if errs, ok := out["errors"].([]any); ok && len(errs) > 0 {
		if m, ok := errs[0].(map[string]any); ok {
			if s, ok := m["message"].(string); ok {
				msg = s
			}
		}
	}
	return nil, newError(rec.Code, msg)
}

// readVaultBody reads the JSON object body of a Vault request; an empty body
// is an empty object.
func readVaultBody(vr *vaultRequest) (*body, *apiError) {
	raw, err := io.ReadAll(vr.r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, newError(http.StatusRequestEntityTooLarge, "the request body exceeds the maximum size of 1 MiB")
		}
		if errors.Is(err, errBadGzip) {
			return nil, errBadRequest("%v", err)
		}
		return nil, errBadRequest("could not read the request body")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return &body{m: map[string]json.RawMessage{}}, nil
	}
	m, e := readBody(&http.Request{Body: io.NopCloser(bytes.NewReader(raw))})
	if e != nil {
		return nil, e
	}
	return &body{m: m}, nil
}

// ---- login ----

func (h *Handler) vaultLogin(vr *vaultRequest) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	iam, _ := b.str("token")
	if b.err != nil {
		writeVaultError(vr.w, b.err)
		return
	}
	iam = strings.TrimSpace(iam)
	if iam == "" {
		writeVaultError(vr.w, errBadRequest("missing token"))
		return
	}
	readOnly := false
	if h.authRequired() {
		var known bool
		known, readOnly = h.tokenAccess(iam)
		if !known {
			writeVaultError(vr.w, errPermissionDenied())
			return
		}
	}
	h.mu.Lock()
	ttl, maxTTL := h.loginConfig()
	lease := min(ttl, maxTTL)
	now := h.st.now()
	if h.vault.tokens == nil {
		h.vault.tokens = map[string]*vaultToken{}
	}
	for t, vt := range h.vault.tokens {
		if !now.Before(vt.expires) {
			delete(h.vault.tokens, t)
		}
	}
	token := "s." + randomAlnum(24)
	h.vault.tokens[token] = &vaultToken{readOnly: readOnly, expires: now.Add(lease)}
	h.mu.Unlock()

	policies := []string{"default", "instance-manager"}
	if readOnly {
		policies = []string{"default", "instance-reader"}
	}
	c := h.cfg
	writeVault(vr.w, nil, map[string]any{
		"client_token":   token,
		"accessor":       randomAlnum(24),
		"policies":       policies,
		"token_policies": policies,
		"metadata": map[string]any{
			"bss_acc":    c.account,
			"grant_type": "urn:ibm:params:oauth:grant-type:apikey",
			"name":       "secretsmanagertest",
			"resource":   "crn:v1:bluemix:public:secrets-manager:" + c.region + ":a/" + c.account + ":" + c.instanceID + "::",
			"user":       c.createdBy,
		},
		"lease_duration": int64(lease / time.Second),
		"renewable":      true,
		"entity_id":      newUUID(),
		"token_type":     "service",
		"orphan":         true,
	})
}

// checkVaultToken checks the X-Vault-Token of a request: it returns whether
// the token is read-only, or 403 for a missing, unknown or expired token.
func (h *Handler) checkVaultToken(token string) (readOnly bool, e *apiError) {
	if token == "" {
		return false, errPermissionDenied()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	vt, ok := h.vault.tokens[token]
	if !ok {
		return false, errPermissionDenied()
	}
	if !h.st.now().Before(vt.expires) {
		delete(h.vault.tokens, token)
		return false, errPermissionDenied()
	}
	return vt.readOnly, nil
}

// randomAlnum returns n random letters and digits, as in Vault tokens.
func randomAlnum(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, n)
	for i := range out {
		out[i] = chars[randIndex(len(chars))]
	}
	return string(out)
}

func (h *Handler) vaultGetLoginConfig(vr *vaultRequest) {
	h.vaultDo(vr, false, func(*store) (any, *apiError) {
		ttl, maxTTL := h.loginConfig()
		return map[string]any{"login": map[string]any{
			"token_ttl": ttl.String(), "token_max_ttl": maxTTL.String()}}, nil
	})
}

func (h *Handler) vaultConfigureLogin(vr *vaultRequest) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	ttl, hasTTL, e := vaultDuration(b, "token_ttl")
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	maxTTL, hasMax, e := vaultDuration(b, "token_max_ttl")
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	h.vaultDo(vr, true, func(*store) (any, *apiError) {
		curTTL, curMax := h.loginConfig()
		if !hasTTL || ttl == 0 {
			ttl = curTTL
		}
		if !hasMax || maxTTL == 0 {
			maxTTL = curMax
		}
		if ttl > maxTTL {
			return nil, errBadRequest("token_ttl %s exceeds token_max_ttl %s", ttl, maxTTL)
		}
		h.vault.ttl, h.vault.maxTTL = ttl, maxTTL
		return nil, nil
	})
}

// vaultOrigin marks, in its context, a v2 request that Handler.v2 makes for a request of the
// Vault API: the Vault API document's limits apply where they differ (body.vault).
type vaultOrigin struct{}

// viaVault reports whether r is a v2 request made for a request of the Vault API.
func viaVault(r *http.Request) bool { return r.Context().Value(vaultOrigin{}) != nil }

// vaultDuration reads a duration of the login configuration: a JSON integer
// of seconds, or a duration string in the units the Vault API document
// allows, s, m and h, such as "300s" or "2h45m" (not "1d", "500ms", "1.5h"
// nor "1800").
func vaultDuration(b *body, key string) (time.Duration, bool, *apiError) {
	if !b.has(key) || b.isNull(key) {
		return 0, false, nil
	}
	raw := bytes.TrimSpace(b.m[key])
	s := string(raw)
	if len(raw) > 0 && raw[0] == '"' {
		s, _ = b.str(key)
		if b.err != nil {
			return 0, false, b.err
		}
		if !reVaultDuration.MatchString(s) {
			return 0, false, errBadRequest("%s: invalid duration %q: use a duration string such as 300s or 2h45m (units s, m and h)", key, s)
		}
	} else if !reDigits.MatchString(s) {
		return 0, false, errBadRequest("%s: invalid duration %s: a number is whole seconds", key, s)
	}
	d, err := parseDurationString(s)
	if err != nil {
		return 0, false, errBadRequest("%s: invalid duration %q", key, s)
	}
	return d, true, nil
}

var (
	reVaultDuration = regexp.MustCompile(`^([0-9]+h)?([0-9]+m)?([0-9]+s)?$`)
	reDigits        = regexp.MustCompile(`^[0-9]+$`)
)

// refreshDirect brings the time-driven state of sec up to date for a Vault
// request that reads the store under the lock without Handler.run: a key the
// refresh needs (a public certificate issued now) is made at once, under the
// lock, since such a request cannot run again.
func (s *store) refreshDirect(sec *secret) {
	if s.journal != nil {
		sec.kind.refresh(s, sec)
		s.timeDriven(sec)
		return
	}
	s.inlineKeys = true
	defer func() { s.inlineKeys = false }()
	sec.kind.refresh(s, sec)
	s.timeDriven(sec)
}
