package secretsmanagertest

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// maxBodyBytes is the largest request body accepted; larger bodies get 413.
const maxBodyBytes = 1 << 20

const moreInfo = "https://cloud.ibm.com/apidocs/secrets-manager"

// apiError is an error that maps to an HTTP status and an error code.
type apiError struct {
	status  int
	code    string
	message string
}

// Error returns the message of the error answer.
func (e *apiError) Error() string { return e.message }

func errBadRequest(format string, a ...any) *apiError {
	return &apiError{http.StatusBadRequest, "bad_request", fmt.Sprintf(format, a...)}
}

func errNotFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "not_found", fmt.Sprintf("A resource with id: %s was not found.", id)}
}

// errNameNotFound is the not-found answer of a lookup by name: it speaks of the name, with hint
// (when not empty) appended.
func errNameNotFound(what, name, hint string) *apiError {
	msg := fmt.Sprintf("A %s with name: %s was not found.", what, name)
	if hint != "" {
		msg += " " + hint
	}
	return &apiError{http.StatusNotFound, "not_found", msg}
}

func errConflict(format string, a ...any) *apiError {
	msg := "The request conflicts with the current state of the target resource"
	if format != "" {
		msg += ": " + fmt.Sprintf(format, a...)
	}
	return &apiError{http.StatusConflict, "conflict", msg}
}

func errLocked() *apiError {
	return &apiError{http.StatusPreconditionFailed, "precondition_failed",
		"The requested action can't be completed because the secret version is locked."}
}

var codeByStatus = map[int]string{
	http.StatusMultipleChoices:       "multiple_choices",
	http.StatusBadRequest:            "bad_request",
	http.StatusUnauthorized:          "unauthorized",
	http.StatusForbidden:             "access_forbidden",
	http.StatusNotFound:              "not_found",
	http.StatusMethodNotAllowed:      "method_not_allowed",
	http.StatusConflict:              "conflict",
	http.StatusPreconditionFailed:    "precondition_failed",
	http.StatusRequestEntityTooLarge: "request_entity_too_large",
	http.StatusUnprocessableEntity:   "unprocessable_entity",
	http.StatusInternalServerError:   "internal_server_error",
}

func newError(status int, message string) *apiError {
	code, ok := codeByStatus[status]
	if !ok {
		code = strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
	}
	return &apiError{status, code, message}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeError(w, newError(http.StatusInternalServerError, "Internal server error"))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{
		"errors": []map[string]any{{
			"code":      e.code,
			"message":   e.message,
			"more_info": moreInfo,
		}},
		"status_code": e.status,
		"trace":       newUUID(),
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

// readBody reads and decodes a JSON object body into a raw field map.
func readBody(r *http.Request) (map[string]json.RawMessage, *apiError) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, newError(http.StatusRequestEntityTooLarge, "The request body exceeds the maximum size of 1 MiB.")
		}
		return nil, errBadRequest("could not read the request body")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errBadRequest("the request body is missing")
	}
	var m map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&m); err != nil {
		return nil, errBadRequest("the request body is not a valid JSON object: %v", err)
	}
	if dec.More() {
		return nil, errBadRequest("the request body contains trailing data")
	}
	if m == nil {
		return nil, errBadRequest("the request body must be a JSON object")
	}
	return m, nil
}

// body wraps the raw fields of a JSON object with typed accessors that
// record the first decoding error.
type body struct {
	m    map[string]json.RawMessage
	err  *apiError
	read map[string]bool // keys decoded so far, when not nil
}

func (b *body) has(key string) bool {
	_, ok := b.m[key]
	return ok
}

// isNull reports whether key is present with the JSON value null.
func (b *body) isNull(key string) bool {
	raw, ok := b.m[key]
	return ok && string(bytes.TrimSpace(raw)) == "null"
}

func (b *body) decode(key string, dst any) bool {
	if b.read != nil {
		b.read[key] = true
	}
	raw, ok := b.m[key]
	if !ok || string(bytes.TrimSpace(raw)) == "null" {
		return false
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		if b.err == nil {
			b.err = errBadRequest("invalid value for property %q: %v", key, err)
		}
		return false
	}
	return true
}

func (b *body) str(key string) (string, bool) {
	var s string
	ok := b.decode(key, &s)
	return s, ok
}

func (b *body) strs(key string) ([]string, bool) {
	var s []string
	ok := b.decode(key, &s)
	return s, ok
}

func (b *body) boolean(key string) (bool, bool) {
	var v bool
	ok := b.decode(key, &v)
	return v, ok
}

func (b *body) integer(key string) (int64, bool) {
	var v int64
	ok := b.decode(key, &v)
	return v, ok
}

func (b *body) object(key string) (map[string]any, bool) {
	var v map[string]any
	ok := b.decode(key, &v)
	if ok && v == nil {
		return map[string]any{}, true
	}
	return v, ok
}

func (b *body) required(key string) *apiError {
	if !b.has(key) || b.isNull(key) {
		return errBadRequest("required.%s:property %q is missing", key, key)
	}
	return nil
}

// readAction reads an action request body and its required action_type.
func readAction(r *http.Request) (*body, string, *apiError) {
	m, e := readBody(r)
	if e != nil {
		return nil, "", e
	}
	b := &body{m: m}
	if e := b.required("action_type"); e != nil {
		return nil, "", e
	}
	action, _ := b.str("action_type")
	if b.err != nil {
		return nil, "", b.err
	}
	return b, action, nil
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

func fmtTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}

// parseDurationString accepts Vault-style durations: a number of seconds,
// a Go duration ("72h", "30m") or a number of days ("30d").
func parseDurationString(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty duration")
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return 0, errors.New("negative duration")
		}
		return time.Duration(n) * time.Second, nil
	}
	if strings.HasSuffix(s, "d") {
		n, err := strconv.ParseInt(strings.TrimSuffix(s, "d"), 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("invalid duration %q", s)
	}
	return d, nil
}

func colonHex(n *big.Int) string {
	b := n.Bytes()
	if len(b) == 0 {
		b = []byte{0}
	}
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02x", c)
	}
	return strings.Join(parts, ":")
}

var (
	reUUID       = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	reGroupID    = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|default)$`)
	reVersionID  = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|current|previous)$`)
	reGroupName  = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_]*(?:_*-*\.*[A-Za-z0-9]*)*[A-Za-z0-9]+$`)
	reSecretName = regexp.MustCompile(`^\w(([\w\-.]+)?\w)?$`)
	reLockName   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-_.]{1,63}$`)
	reConfigName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9]$`)
	reCRN        = regexp.MustCompile(`^crn:v[0-9](:([A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-Z]{2})*){8}$`)
	reSecretSort = regexp.MustCompile(`^-?(id|created_at|updated_at|retrieved_at|expiration_date|secret_type|name)$`)
	reAccountID  = regexp.MustCompile(`^[a-z0-9]*$`)
	reLockSort   = regexp.MustCompile(`^-?(created_at|updated_at|name)$`)
	reConfigSort = regexp.MustCompile(`^-?(config_type|secret_type|name)$`)
)

func checkLen(field, v string, min, max int) *apiError {
	n := len([]rune(v))
	if n < min || n > max {
		return errBadRequest("property %q must be between %d and %d characters long", field, min, max)
	}
	return nil
}

// listParams are the parsed offset/limit/sort/search query parameters.
type listParams struct {
	offset, limit int
	sort          string
	desc          bool
	search        string
}

func parseListParams(q url.Values, defLimit, maxLimit int, sortRe *regexp.Regexp) (listParams, *apiError) {
	p := listParams{limit: defLimit}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, errBadRequest("offset must be an integer greater than or equal to 0")
		}
		p.offset = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return p, errBadRequest("limit must be an integer between 1 and %d", maxLimit)
		}
		p.limit = n
	}
	if q.Has("sort") {
		v := q.Get("sort")
		if sortRe == nil || !sortRe.MatchString(v) {
			return p, errBadRequest("sort field %q is not supported", v)
		}
		p.desc = strings.HasPrefix(v, "-")
		p.sort = strings.TrimPrefix(v, "-")
	}
	if q.Has("search") {
		v := q.Get("search")
		if e := checkLen("search", v, 2, 128); e != nil {
			return p, e
		}
		p.search = strings.ToLower(v)
	}
	return p, nil
}

// listValues returns the values of a query parameter given either repeated
// or as a comma-separated list.
func listValues(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// page applies offset/limit to n items and returns the slice bounds plus the
// paging links.
func page(r *http.Request, n int, p listParams) (int, int, map[string]any) {
	start := p.offset
	if start > n {
		start = n
	}
	end := start + p.limit
	if end > n {
		end = n
	}
	base := requestBase(r) + r.URL.Path
	q := r.URL.Query()
	q.Del("offset")
	q.Del("limit")
	href := func(off int) map[string]any {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		if off > 0 {
			qq.Set("offset", strconv.Itoa(off))
		}
		qq.Set("limit", strconv.Itoa(p.limit))
		return map[string]any{"href": base + "?" + qq.Encode()}
	}
	last := 0
	if n > 0 {
		last = ((n - 1) / p.limit) * p.limit
	}
	out := map[string]any{
		"total_count": n,
		"offset":      p.offset,
		"limit":       p.limit,
		"first":       href(0),
		"last":        href(last),
	}
	if p.offset+p.limit < n {
		out["next"] = href(p.offset + p.limit)
	}
	if p.offset > 0 {
		prev := p.offset - p.limit
		if prev < 0 {
			prev = 0
		}
		out["previous"] = href(prev)
	}
	return start, end, out
}

func requestBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func cloneMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

func containsFold(hay, needle string) bool {
	return strings.Contains(strings.ToLower(hay), needle)
}
