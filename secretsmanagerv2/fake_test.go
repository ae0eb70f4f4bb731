package secretsmanagerv2

// FakeServer, the one scripted fake of this package's tests.
//
// Tests that need a Secrets Manager use the embedded server (secretsmanagertest) and its fault
// injection; they are in the external test package (secretsmanagertest imports this package).
// FakeServer is for the answers the embedded server does not give: a status, headers and body
// chosen byte for byte (an error body of another shape, a body that is not JSON, a length
// announced and not sent, a redirect), and the fixed answers of the API reference's examples. It
// answers each request with its script and records every request as it arrived. Its names are
// exported so that the external test package can use it; test files are not part of the API.

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/inprocess"
)

// FakeRequest is one request as a FakeServer received it.
type FakeRequest struct {
	N           int // the index of the request among those the server received, from 0
	Method      string
	EscapedPath string
	RequestURI  string
	RawQuery    string
	Header      http.Header
	Body        []byte
}

// FakeAnswer is what a FakeServer answers to one request.
type FakeAnswer struct {
	// Status is the status code; 0 means 200.
	Status int
	// Header is sent as given. A Content-Length here announces a length that the body need not have.
	Header http.Header
	// Body is the body, sent with Content-Type application/json unless Header names another type.
	Body string
	// RawBody, when not nil, is sent instead of Body, written whole (for large bodies: a string
	// is copied on its way to the connection, in pieces of the buffer's size).
	RawBody []byte
	// Chunks, when set, is sent instead of Body, one chunk after the other with a flush between
	// them: without a Content-Length, the answer is chunked.
	Chunks []string
	// Hang sends no answer: the request waits until the client gives up on it.
	Hang bool
}

// FakeScript chooses the answer to a request.
type FakeScript func(r FakeRequest) FakeAnswer

// Answers is the script that answers the requests it is given with answers in turn, and every
// request after them with the last one. Each Answers script counts its own requests: a new one
// given to SetScript starts from its first answer.
func Answers(answers ...FakeAnswer) FakeScript {
	var n atomic.Int64
	return func(FakeRequest) FakeAnswer {
		i := int(n.Add(1)) - 1
		if len(answers) == 0 {
			return FakeAnswer{}
		}
		return answers[min(i, len(answers)-1)]
	}
}

// FixedAnswer is the script that answers every request with status and body.
func FixedAnswer(status int, body string) FakeScript {
	return Answers(FakeAnswer{Status: status, Body: body})
}

// FakeServer serves a FakeScript over loopback (NewFake, StartFake) or in the calling goroutine
// (NewInProcessFake), and records the requests.
type FakeServer struct {
	// URL is the service URL of the fake.
	URL string

	inProcess bool
	script    atomic.Pointer[FakeScript]
	record    atomic.Bool
	n         atomic.Int64
	mu        sync.Mutex
	reqs      []FakeRequest
}

// StartFake starts a FakeServer on loopback that is never closed (for Example functions, which
// have no testing.TB).
func StartFake(script FakeScript) *FakeServer {
	f := newFake(script)
	f.URL = httptest.NewServer(f).URL
	return f
}

// NewFake starts a FakeServer on loopback, closed when the test ends.
func NewFake(tb testing.TB, script FakeScript) *FakeServer {
	tb.Helper()
	f := newFake(script)
	srv := httptest.NewServer(f)
	tb.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// NewInProcessFake returns a FakeServer without a network: the clients of Client and Transport
// are served in the goroutine that sends the request, so that in a synctest bubble time passes
// only when every goroutine waits.
func NewInProcessFake(tb testing.TB, script FakeScript) *FakeServer {
	tb.Helper()
	f := newFake(script)
	f.URL = "http://fake.test"
	f.inProcess = true
	return f
}

func newFake(script FakeScript) *FakeServer {
	f := &FakeServer{}
	f.script.Store(&script)
	f.record.Store(true)
	return f
}

// SetScript replaces the script for the requests that follow.
func (f *FakeServer) SetScript(script FakeScript) { f.script.Store(&script) }

// WithoutRecording stops keeping the requests (for benchmarks and examples: the script still
// sees each one) and returns f.
func (f *FakeServer) WithoutRecording() *FakeServer {
	f.record.Store(false)
	return f
}

// Requests returns the requests received so far.
func (f *FakeServer) Requests() []FakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FakeRequest(nil), f.reqs...)
}

// Count returns how many requests the server received.
func (f *FakeServer) Count() int { return int(f.n.Load()) }

// Last returns the only request received since the previous call of Last, and fails the test
// unless there is exactly one.
func (f *FakeServer) Last(tb testing.TB) FakeRequest {
	tb.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) != 1 {
		tb.Fatalf("exactly one request must reach the server, got %d", len(f.reqs))
	}
	r := f.reqs[0]
	f.reqs = nil
	return r
}

// Client returns a client of the fake, without authentication.
func (f *FakeServer) Client(tb testing.TB) *SecretsManagerV2 {
	tb.Helper()
	s, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: f.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err != nil {
		tb.Fatal(err)
	}
	if f.inProcess {
		s.Service.Client.Transport = f.Transport()
	}
	return s
}

// Transport returns an http.RoundTripper that serves each request with the fake in the calling
// goroutine (inprocess.Transport).
func (f *FakeServer) Transport() http.RoundTripper { return inprocess.Transport(f) }

// ServeHTTP records r and answers it as the script says.
func (f *FakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := FakeRequest{N: int(f.n.Add(1)) - 1, Method: r.Method, EscapedPath: r.URL.EscapedPath(),
		RequestURI: r.RequestURI, RawQuery: r.URL.RawQuery, Header: r.Header}
	if r.Body != nil && r.Body != http.NoBody {
		req.Body, _ = io.ReadAll(r.Body)
	}
	if f.record.Load() {
		req.Header = r.Header.Clone()
		f.mu.Lock()
		f.reqs = append(f.reqs, req)
		f.mu.Unlock()
	}
	a := (*f.script.Load())(req)
	if a.Hang {
		<-r.Context().Done()
		return
	}
	h := w.Header()
	for k, v := range a.Header {
		h[k] = v
	}
	if (a.Body != "" || len(a.RawBody) > 0 || len(a.Chunks) > 0) && h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	if a.Status == 0 {
		a.Status = http.StatusOK
	}
	w.WriteHeader(a.Status)
	switch {
	case a.RawBody != nil:
		_, _ = w.Write(a.RawBody)
		return
	case a.Chunks == nil:
		_, _ = io.WriteString(w, a.Body)
		return
	}
	for _, c := range a.Chunks {
		_, _ = io.WriteString(w, c)
		_ = http.NewResponseController(w).Flush()
	}
}
