package secretsmanagertest

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Fault is a failure that a Handler injects in front of the API into the requests it matches, so
// that a test can check how its code (or the SDK's retries, or secretcache) copes with a service
// that is slow, overloaded or unreachable. Add one with Handler.InjectFault or Server.InjectFault:
//
//	srv.InjectFault(secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets/*",
//		Status: 503, RetryAfter: "1", Times: 2})
//
// A fault may combine its effects: the request waits Delay, then is answered with Status (or
// served as usual when Status is 0), and the answer is cut as Break says.
type Fault struct {
	// Method is the HTTP method of the requests the fault affects ("GET", "POST", ...); empty
	// matches every method.
	Method string

	// Path is the path of the requests the fault affects, as the client sends it, such as
	// "/api/v2/secrets/*": a "*" segment matches any one segment, so "/api/v2/secrets/*" matches
	// GetSecret and DeleteSecret but not GetSecretMetadata (".../metadata"). Empty matches every
	// path.
	Path string

	// Status, when not 0, answers the request with this status code and an error body in the
	// API's shape ({"errors":[...],"status_code":...,"trace":...}) without serving it: nothing is
	// created, changed or read.
	Status int

	// RetryAfter is the value of the Retry-After header sent with Status: a number of seconds
	// ("2", "0") or an HTTP date. Empty sends no Retry-After.
	RetryAfter string

	// Delay is latency added before the request is answered (before the other effects of the
	// fault). It ends early when the client gives up on the request.
	Delay time.Duration

	// Break cuts the connection as it says (NoBreak by default).
	Break Break

	// Times is how many matching requests the fault affects, after which it lets requests through;
	// 0 means every matching request.
	Times int

	// RateLimit, when not 0, makes the fault a rate limit, as the service applies one: of the
	// matching requests that arrive within one second of the server's clock (seconds counted from
	// the injection of the fault), the first RateLimit are let through and the others are answered
	// 429 Too Many Requests, with a Retry-After of the seconds left until the next second starts
	// (rounded up: "1"), or RetryAfter when it is set. A request let through goes on to the faults
	// injected after this one (a Delay fault after it makes a slow, rate-limited service), then
	// is served. InjectedFault.Seconds reports the requests that arrived in each second and Hits
	// the requests answered 429. A RateLimit above any load counts requests per second without
	// limiting them. It excludes Status, Delay, Break and Times.
	RateLimit int

	// Probability, when not 0, is the chance (0 to 1) that a matching request is affected; the
	// others go through (and do not count towards Times). The draws come from a generator seeded
	// by WithFaultSeed, so that a run can be repeated (faultrand.go).
	Probability float64
}

// Break is how a Fault cuts the connection of the requests it affects.
type Break int

const (
	// NoBreak answers in full.
	NoBreak Break = iota

	// ResetBeforeHeaders resets the connection (TCP RST) before any byte of the answer is sent.
	// The request is not served. A client sees a connection error without an answer (Go's
	// transport itself replays a GET, once, that fails so on a reused keep-alive connection).
	ResetBeforeHeaders

	// ResetDuringBody serves the request, sends the status line, the headers (with the body's
	// full Content-Length) and the first half of the body, then resets the connection (TCP RST).
	// A client sees the answer's status, then an error while reading its body.
	ResetDuringBody

	// TruncateBody serves the request, sends the status line, the headers (with the body's full
	// Content-Length) and the first half of the body, then closes the connection normally. A
	// client sees the answer's status, then an unexpected end of the body.
	TruncateBody
)

// String returns the name of the constant.
func (b Break) String() string {
	switch b {
	case NoBreak:
		return "NoBreak"
	case ResetBeforeHeaders:
		return "ResetBeforeHeaders"
	case ResetDuringBody:
		return "ResetDuringBody"
	case TruncateBody:
		return "TruncateBody"
	}
	return "Break(" + strconv.Itoa(int(b)) + ")"
}

// InjectedFault is a Fault in place on a Handler, as returned by InjectFault.
type InjectedFault struct {
	fault Fault
	path  []string // Fault.Path split into segments; nil matches every path
	set   *faultSet
	hits  atomic.Int64
	rate  *rateCounts // when fault.RateLimit > 0
}

// Fault returns the fault as it was injected.
func (f *InjectedFault) Fault() Fault { return f.fault }

// Hits returns how many requests the fault has affected so far.
func (f *InjectedFault) Hits() int { return int(f.hits.Load()) }

// Remove takes the fault away: the requests it matched are served as usual again.
func (f *InjectedFault) Remove() {
	s := f.set
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.list {
		if x == f {
			s.list = append(s.list[:i:i], s.list[i+1:]...)
			break
		}
	}
	s.n.Store(int32(len(s.list)))
}

// faultSet is the list of faults of a Handler. Its zero value holds none.
type faultSet struct {
	mu   sync.Mutex
	list []*InjectedFault
	n    atomic.Int32 // len(list): a Handler without faults checks no lock
	rng  faultRand    // the draws of Fault.Probability (faultrand.go)
}

// InjectFault adds a fault to the handler, after those already in place: a request is affected by
// the first fault that matches it and has not used up its Times. It panics on a fault that makes
// no sense (a Status out of 100-599, a negative Delay or Times, an unknown Break). The returned
// InjectedFault tells how many requests the fault affected and can remove it.
func (h *Handler) InjectFault(f Fault) *InjectedFault {
	switch {
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		panic(fmt.Sprintf("secretsmanagertest: Fault.Status %d is not an HTTP status code", f.Status))
	case f.Delay < 0 || f.Times < 0:
		panic("secretsmanagertest: Fault.Delay and Fault.Times must not be negative")
	case f.Break < NoBreak || f.Break > TruncateBody:
		panic(fmt.Sprintf("secretsmanagertest: unknown %v", f.Break))
	case !(f.Probability >= 0 && f.Probability <= 1):
		panic("secretsmanagertest: Fault.Probability must be between 0 and 1")
	case f.RateLimit < 0:
		panic("secretsmanagertest: Fault.RateLimit must not be negative")
	case f.RateLimit > 0 && (f.Status != 0 || f.Delay != 0 || f.Break != NoBreak || f.Times != 0):
		panic("secretsmanagertest: Fault.RateLimit excludes Status, Delay, Break and Times")
	}
	inj := &InjectedFault{fault: f, set: &h.faults}
	if f.RateLimit > 0 {
		inj.rate = &rateCounts{start: h.cfg.now()}
	}
	if f.Path != "" {
		inj.path = strings.Split(strings.Trim(f.Path, "/"), "/")
	}
	h.faults.mu.Lock()
	h.faults.list = append(h.faults.list, inj)
	h.faults.n.Store(int32(len(h.faults.list)))
	h.faults.mu.Unlock()
	return inj
}

// ClearFaults removes every fault injected into the handler.
func (h *Handler) ClearFaults() {
	h.faults.mu.Lock()
	h.faults.list = nil
	h.faults.n.Store(0)
	h.faults.mu.Unlock()
}

// InjectFault adds a fault to the server's handler: see Handler.InjectFault.
func (s *Server) InjectFault(f Fault) *InjectedFault { return s.Handler.InjectFault(f) }

// ClearFaults removes every fault injected into the server's handler.
func (s *Server) ClearFaults() { s.Handler.ClearFaults() }

// faultServing marks, in its context, a request that a fault serves to cut its answer: it is not
// matched against the faults again.
type faultServing struct{}

// match returns the fault that affects r, counting the hit, or nil. A rate limit that lets r
// through counts it and looks further; one that does not returns itself with limited true.
func (s *faultSet) match(r *http.Request, now time.Time) (inj *InjectedFault, limited bool) {
	var segs []string
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.list {
		if f.fault.Method != "" && f.fault.Method != r.Method {
			continue
		}
		if f.path != nil {
			if segs == nil {
				segs = strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
			}
			if !matchSegments(f.path, segs) {
				continue
			}
		}
		if f.rate != nil {
			if !f.rate.admit(now, f.fault.RateLimit) {
				f.hits.Add(1)
				return f, true
			}
			continue
		}
		if f.fault.Times > 0 && f.hits.Load() >= int64(f.fault.Times) {
			continue
		}
		if f.fault.Probability > 0 && !s.rng.draw(f.fault.Probability) {
			continue
		}
		f.hits.Add(1)
		return f, false
	}
	return nil, false
}

func matchSegments(pattern, segs []string) bool {
	if len(pattern) != len(segs) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != segs[i] {
			return false
		}
	}
	return true
}

// injectFault applies the fault that affects r, if any. It reports whether the request was dealt
// with; when it was not, the handler serves it as usual.
func (h *Handler) injectFault(w http.ResponseWriter, r *http.Request) bool {
	if h.faults.n.Load() == 0 || r.Context().Value(faultServing{}) != nil {
		return false
	}
	inj, limited := h.faults.match(r, h.cfg.now())
	if inj == nil {
		return false
	}
	f := inj.fault
	if limited {
		retryAfter := f.RetryAfter
		if retryAfter == "" {
			retryAfter = "1" // the next second starts within one second
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", retryAfter)
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write(faultBody(http.StatusTooManyRequests))
		return true
	}
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true // the client is gone
		}
	}
	if f.Break == ResetBeforeHeaders {
		resetConnection(w)
		return true
	}
	if f.Status == 0 && f.Break == NoBreak {
		return false // latency only
	}
	status, header, body := 0, http.Header{}, []byte(nil)
	if f.Status != 0 {
		status, body = f.Status, faultBody(f.Status)
		header.Set("Content-Type", "application/json")
		if f.RetryAfter != "" {
			header.Set("Retry-After", f.RetryAfter)
		}
	} else {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), faultServing{}, true)))
		status, header, body = rec.Code, rec.Header(), rec.Body.Bytes()
	}
	if f.Break == NoBreak {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return true
	}
	writeCut(w, status, header, body, f.Break)
	return true
}

// faultBody is the error body of an injected status, in the API's shape.
func faultBody(status int) []byte {
	var trace [16]byte
	_, _ = rand.Read(trace[:])
	text := http.StatusText(status)
	if text == "" {
		text = "Status " + strconv.Itoa(status)
	}
	b, _ := json.Marshal(map[string]interface{}{
		"errors": []map[string]string{{
			"code":      "injected_fault",
			"message":   "Injected fault: " + text,
			"more_info": "https://pkg.go.dev/github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest#Fault",
		}},
		"status_code": status,
		"trace":       hex.EncodeToString(trace[:]),
	})
	return b
}

// resetConnection drops the connection of w without an answer: a TCP reset when the connection can
// be taken over, else an aborted handler (the server closes the connection, or resets the stream).
func resetConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	abortiveClose(conn)
}

// writeCut writes the first half of an answer that announces its full length, then breaks the
// connection as brk says.
func writeCut(w http.ResponseWriter, status int, header http.Header, body []byte, brk Break) {
	header = header.Clone()
	header.Del("Transfer-Encoding")
	header.Set("Content-Length", strconv.Itoa(len(body)))
	sent := body[:len(body)/2]
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// No raw connection (HTTP/2, or a recorder): write what can be written, then abort.
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = w.Write(sent)
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}
	writeRaw(buf.Writer, status, header, sent)
	if brk == ResetDuringBody {
		abortiveClose(conn)
		return
	}
	_ = conn.Close()
}

func writeRaw(bw *bufio.Writer, status int, header http.Header, body []byte) {
	fmt.Fprintf(bw, "HTTP/1.1 %03d %s\r\n", status, http.StatusText(status))
	_ = header.Write(bw)
	_, _ = bw.WriteString("\r\n")
	_, _ = bw.Write(body)
	_ = bw.Flush()
}

// abortiveClose closes conn with a TCP reset (RST) rather than the usual FIN, when it is a TCP
// connection (under TLS too).
func abortiveClose(conn net.Conn) {
	c := conn
	if nc, ok := c.(interface{ NetConn() net.Conn }); ok {
		c = nc.NetConn()
	}
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
		_ = tc.Close()
		return
	}
	_ = conn.Close()
}

// Second is what a rate-limit fault (Fault.RateLimit) saw in one second of the server's clock.
type Second struct {
	// Start is when the second started.
	Start time.Time

	// Requests is how many matching requests arrived in it.
	Requests int

	// Limited is how many of them were answered 429.
	Limited int
}

// Seconds returns, for a rate-limit fault (Fault.RateLimit), what it saw in each second in which
// a matching request arrived, in order (seconds without requests are left out: the mean over a
// span is the sum of Requests over its length). It returns nil for other faults and before any
// request.
func (f *InjectedFault) Seconds() []Second {
	if f.rate == nil {
		return nil
	}
	f.rate.mu.Lock()
	defer f.rate.mu.Unlock()
	return slices.Clone(f.rate.counts)
}

// BusiestSecond returns, for a rate-limit fault (Fault.RateLimit), the second in which the most
// matching requests arrived (the first of them on a tie), or the zero Second.
func (f *InjectedFault) BusiestSecond() Second {
	var best Second
	for _, s := range f.Seconds() {
		if s.Requests > best.Requests {
			best = s
		}
	}
	return best
}

// rateCounts counts the requests of a rate-limit fault by second.
type rateCounts struct {
	mu     sync.Mutex
	start  time.Time // the first second starts here
	counts []Second  // by Start, only seconds with requests
}

// admit counts a request arriving at now and reports whether it is within limit for its second.
func (c *rateCounts) admit(now time.Time, limit int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	var start time.Time
	if d := now.Sub(c.start); d > 0 {
		start = c.start.Add(d.Truncate(time.Second))
	} else {
		start = c.start // the clock went back: counted in the first second
	}
	n := len(c.counts)
	i, found := n-1, n > 0 && c.counts[n-1].Start.Equal(start)
	if !found && (n == 0 || start.After(c.counts[n-1].Start)) {
		c.counts = append(c.counts, Second{Start: start})
		i = n
	} else if !found {
		var ok bool
		i, ok = slices.BinarySearchFunc(c.counts, start, func(s Second, t time.Time) int { return s.Start.Compare(t) })
		if !ok {
			c.counts = slices.Insert(c.counts, i, Second{Start: start})
		}
	}
	s := &c.counts[i]
	s.Requests++
	if s.Requests-s.Limited > limit {
		s.Limited++
		return false
	}
	return true
}
