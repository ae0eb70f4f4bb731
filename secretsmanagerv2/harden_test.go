package secretsmanagerv2

// Tests of the client's runtime against broken, hostile or slow services (issue 10). Where a
// service is needed, it is secretsmanagertest's embedded server with injected faults.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// inProcess is an http.RoundTripper that serves each request with a handler in the calling
// goroutine, without a network: in a synctest bubble, time then passes only when every goroutine
// waits. A handler that aborts (a connection fault) gives a connection error.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	if req.Body == nil {
		req.Body = http.NoBody
	}
	defer func() {
		if p := recover(); p != nil {
			resp, err = nil, fmt.Errorf("connection reset: %v", p)
		}
	}()
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	if err := req.Context().Err(); err != nil {
		return nil, err // the client gave up: its answer is lost
	}
	resp = rec.Result()
	resp.Request = req
	return resp, nil
}

// inProcessClient returns a client of h through inProcess.
func inProcessClient(t *testing.T, h http.Handler) *SecretsManagerV2 {
	sm := testClient(t, "http://secrets-manager.test")
	sm.Service.Client.Transport = inProcess{h}
	return sm
}

// counted wraps h, counting the requests of each method.
func counted(h http.Handler) (http.Handler, map[string]*atomic.Int64) {
	n := map[string]*atomic.Int64{}
	for _, m := range []string{"GET", "POST", "PATCH", "PUT", "DELETE"} {
		n[m] = new(atomic.Int64)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n[r.Method].Add(1)
		h.ServeHTTP(w, r)
	}), n
}

func createArbitrary(t *testing.T, sm *SecretsManagerV2, name string) string {
	t.Helper()
	s, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(&ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr(name), Payload: core.StringPtr("payload-" + name)}))
	require.NoError(t, err)
	return *s.(*ArbitrarySecret).ID
}

// Item 1: redirects.

func TestRedirectsAreRefused(t *testing.T) {
	var reached atomic.Int64
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"secret_type":"arbitrary","id":"x","name":"n"}`)
	}))
	t.Cleanup(target.Close)
	redirector := func(status int) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "http://user:pw@"+strings.TrimPrefix(target.URL, "http://")+r.URL.Path+"?token=abc")
			w.WriteHeader(status)
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	clients := map[string]func(sm *SecretsManagerV2){
		"SDK client":  func(*SecretsManagerV2) {},
		"user client": func(sm *SecretsManagerV2) { sm.Service.SetHTTPClient(&http.Client{}) },
	}
	for _, status := range []int{301, 302, 303, 307, 308} {
		srv := redirector(status)
		for name, setClient := range clients {
			sm, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.BearerTokenAuthenticator{BearerToken: "bearer-token-value"}})
			require.NoError(t, err)
			setClient(sm)
			sm.SetDefaultHeaders(http.Header{"X-Default": {"d"}})
			require.False(t, sm.GetFollowRedirects())

			_, resp, err := sm.CreateSecret(sm.NewCreateSecretOptions(&ArbitrarySecretPrototype{
				SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("n"), Payload: core.StringPtr("payload-value")}))
			require.ErrorIs(t, err, ErrRedirected, "%d, %s", status, name)
			require.Equal(t, status, resp.StatusCode)
			msg := err.Error()
			require.Contains(t, msg, strconv.Itoa(status))
			require.Contains(t, msg, "create_secret")
			require.Contains(t, msg, target.URL+"/api/v2/secrets?...", "the error names the redirect")
			for _, secret := range []string{"payload-value", "bearer-token-value", "token=abc", "pw"} {
				require.NotContains(t, msg, secret)
			}
			_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
			require.ErrorIs(t, err, ErrRedirected)
			require.Zero(t, reached.Load(), "nothing reached the redirect's target (%d, %s)", status, name)
		}
	}

	// Opting in follows them.
	sm := testClient(t, redirector(307).URL)
	sm.SetFollowRedirects(true)
	require.True(t, sm.GetFollowRedirects())
	require.True(t, sm.Clone().GetFollowRedirects())
	s, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(&ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("n"), Payload: core.StringPtr("p")}))
	require.NoError(t, err)
	require.Equal(t, "x", s.Common().ID)
	require.EqualValues(t, 1, reached.Load())

	// A loop of redirects stops.
	var loop *httptest.Server
	loop = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, loop.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(loop.Close)
	sm = testClient(t, loop.URL)
	sm.SetFollowRedirects(true)
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.ErrorContains(t, err, "stopped after 10 redirects")
}

// Items 2 and 3: response size.

func TestBodyMemoryFollowsBytesReceived(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(maxResponseBody))
		_, _ = io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	sm := testClient(t, srv.URL)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 4; i++ {
		_, _, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, "a body shorter than announced is an error")
	}
	runtime.ReadMemStats(&after)
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "4 answers announcing 64 MiB and sending 2 bytes")

	// Direct: the buffer grows with what arrives, to what is announced.
	for _, c := range []struct {
		announced, sent int64
		wantErr         error
	}{
		{maxResponseBody, 2, io.ErrUnexpectedEOF},
		{1 << 20, 1 << 20, nil},
		{-1, 3 << 20, nil},
		{0, 0, nil},
		{10, 10, nil},
	} {
		body := bytes.Repeat([]byte("x"), int(c.sent))
		runtime.ReadMemStats(&before)
		data, err := readBody(&http.Response{ContentLength: c.announced, Body: io.NopCloser(bytes.NewReader(body))}, maxResponseBody)
		runtime.ReadMemStats(&after)
		require.ErrorIs(t, err, c.wantErr)
		require.Equal(t, body, data)
		require.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, uint64(4*c.sent+readChunk+4096), "%+v: at most 4 times what arrived", c)
	}
}

func TestResponseOverTheLimit(t *testing.T) {
	payload := strings.Repeat("x", 2000)
	body := `{"secret_type":"arbitrary","id":"s","payload":"` + payload + `"}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/chunked") {
			_, _ = io.WriteString(w, body[:1000])
			w.(http.Flusher).Flush() // no Content-Length: chunked
			_, _ = io.WriteString(w, body[1000:])
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	for _, id := range []string{"announced", "chunked"} {
		sm := testClient(t, srv.URL)
		sm.update(func(s *clientSettings) { s.maxBody = 1024 })
		_, _, err := sm.GetSecret(sm.NewGetSecretOptions(id))
		require.ErrorIs(t, err, ErrResponseTooLarge, id)
		require.ErrorContains(t, err, "limit of 1024 bytes")
		require.NotContains(t, err.Error(), "unexpected end of JSON input")
		require.NotContains(t, err.Error(), payload[:10])

		s, _, err := testClient(t, srv.URL).GetSecret(sm.NewGetSecretOptions(id))
		require.NoError(t, err, "within the default limit")
		require.Equal(t, payload, *s.(*ArbitrarySecret).Payload)
	}
}

// Item 4: cancelling the wait before a retry.

func TestCancelDuringRetryWait(t *testing.T) {
	for _, c := range []struct {
		name    string
		status  int
		call    func(sm *SecretsManagerV2) (context.Context, func())
		wantErr error
		waited  time.Duration
	}{
		{"cancel", 503, func(sm *SecretsManagerV2) (context.Context, func()) {
			sm.SetTimeout(0) // no limit but the context's
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(5*time.Second, cancel)
			return ctx, cancel
		}, context.Canceled, 5 * time.Second},
		{"deadline of the context", 429, func(sm *SecretsManagerV2) (context.Context, func()) {
			return context.WithTimeout(context.Background(), 10*time.Second)
		}, context.DeadlineExceeded, 0}, // a wait that would end past the deadline is not started
		{"timeout of the client", 503, func(sm *SecretsManagerV2) (context.Context, func()) {
			sm.SetTimeout(10 * time.Second)
			return context.Background(), func() {}
		}, context.DeadlineExceeded, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := secretsmanagertest.NewHandler()
				h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: c.status, RetryAfter: "3600"})
				sm := inProcessClient(t, h)
				sm.EnableRetries(3, 2*time.Hour)
				ctx, cancel := c.call(sm)
				defer cancel()
				start := time.Now()
				_, resp, err := sm.GetSecretGroupWithContext(ctx, sm.NewGetSecretGroupOptions("default"))
				require.Equal(t, c.waited, time.Since(start))
				require.ErrorIs(t, err, c.wantErr)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr, "the last answer is still there")
				require.Equal(t, c.status, apiErr.StatusCode)
				require.Equal(t, time.Hour, apiErr.RetryAfter)
				require.Equal(t, c.status, resp.StatusCode)
				if c.status == 429 {
					require.ErrorIs(t, err, ErrRateLimited)
				}
			})
		})
	}
}

// TestRetryAfterInFakeTime checks, in a synctest bubble, that the waits are what Retry-After says.
func TestRetryAfterInFakeTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := secretsmanagertest.NewHandler()
		f := h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 503, RetryAfter: "2", Times: 2})
		sm := inProcessClient(t, h)
		sm.EnableRetries(3, time.Minute)
		start := time.Now()
		_, _, err := sm.GetSecretGroup(sm.NewGetSecretGroupOptions("default"))
		require.NoError(t, err)
		require.Equal(t, 4*time.Second, time.Since(start))
		require.Equal(t, 2, f.Hits())

		// Added latency counts against the call's timeout.
		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Delay: time.Minute})
		sm.SetTimeout(30 * time.Second)
		start = time.Now()
		_, _, err = sm.GetSecretGroup(sm.NewGetSecretGroupOptions("default"))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, 30*time.Second, time.Since(start))
	})
}

// Item 5, and the figures of the README: what the server sees of each fault, for each method, with
// retries enabled (3 retries).

func TestFaultsAgainstRetries(t *testing.T) {
	type call struct {
		method, path string
		do           func(sm *SecretsManagerV2, id string) error
	}
	calls := []call{
		{"GET", "/api/v2/secrets/*", func(sm *SecretsManagerV2, id string) error {
			_, _, err := sm.GetSecret(sm.NewGetSecretOptions(id))
			return err
		}},
		{"DELETE", "/api/v2/secrets/*", func(sm *SecretsManagerV2, id string) error {
			_, err := sm.DeleteSecret(sm.NewDeleteSecretOptions(id))
			return err
		}},
		{"POST", "/api/v2/secrets", func(sm *SecretsManagerV2, id string) error {
			_, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(&ArbitrarySecretPrototype{
				SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("new"), Payload: core.StringPtr("p")}))
			return err
		}},
		{"PATCH", "/api/v2/secrets/*/metadata", func(sm *SecretsManagerV2, id string) error {
			_, _, err := sm.UpdateSecretMetadata(sm.NewUpdateSecretMetadataOptions(id, map[string]interface{}{"description": "d"}))
			return err
		}},
	}
	faults := []struct {
		name  string
		fault secretsmanagertest.Fault
		// want is the number of requests the server sees per method, negative when the call fails.
		want map[string]int
	}{
		{"503 x2", secretsmanagertest.Fault{Status: 503, Times: 2}, map[string]int{"GET": 3, "DELETE": 3, "POST": -1, "PATCH": -1}},
		{"429 x2, Retry-After 0", secretsmanagertest.Fault{Status: 429, RetryAfter: "0", Times: 2}, map[string]int{"GET": 3, "DELETE": 3, "POST": 3, "PATCH": 3}},
		{"reset before headers x1", secretsmanagertest.Fault{Break: secretsmanagertest.ResetBeforeHeaders, Times: 1}, map[string]int{"GET": 2, "DELETE": 2, "POST": -1, "PATCH": -1}},
		{"reset during body x1", secretsmanagertest.Fault{Break: secretsmanagertest.ResetDuringBody, Times: 1}, map[string]int{"GET": 2, "DELETE": 1, "POST": -1, "PATCH": -1}},
		{"truncated body x1", secretsmanagertest.Fault{Break: secretsmanagertest.TruncateBody, Times: 1}, map[string]int{"GET": 2, "DELETE": 1, "POST": -1, "PATCH": -1}},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| fault | GET | DELETE | POST | PATCH |\n| --- | --- | --- | --- | --- |\n")
	for _, f := range faults {
		fmt.Fprintf(&table, "| %s |", f.name)
		for _, c := range calls {
			h := secretsmanagertest.NewHandler()
			handler, seen := counted(h)
			srv := httptest.NewServer(handler)
			sm := testClient(t, srv.URL)
			sm.EnableRetries(3, time.Millisecond)
			id := createArbitrary(t, sm, "secret")
			seen["POST"].Store(0)
			fault := f.fault
			fault.Method, fault.Path = c.method, c.path
			inj := h.InjectFault(fault)
			err := c.do(sm, id)
			n := int(seen[c.method].Load())
			want := f.want[c.method]
			if want < 0 {
				require.Error(t, err, "%s %s", f.name, c.method)
				require.Equal(t, -want, n, "%s %s: sent once", f.name, c.method)
				fmt.Fprintf(&table, " %d, fails |", n)
			} else {
				require.NoError(t, err, "%s %s", f.name, c.method)
				require.Equal(t, want, n, "%s %s", f.name, c.method)
				fmt.Fprintf(&table, " %d, succeeds |", n)
			}
			require.Equal(t, max(1, min(fault.Times, n)), inj.Hits())
			srv.Close()
		}
		table.WriteString("\n")
	}
	t.Logf("requests the server saw per call, with EnableRetries(3, 1ms):\n%s", table.String())
}

// Item 7: service URLs with a query or a fragment.

func TestServiceURLWithQueryOrFragmentIsRefused(t *testing.T) {
	srv := otNewServer(t, 204, "")
	for _, bad := range []string{srv.URL + "/#frag", srv.URL + "/api?x=1", srv.URL + "?", srv.URL + "/#", srv.URL + "/api/#/x"} {
		_, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: bad, Authenticator: &core.NoAuthAuthenticator{}})
		require.ErrorContains(t, err, "query", bad)
		sm := testClient(t, srv.URL)
		require.Error(t, sm.SetServiceURL(bad), bad)
		require.Equal(t, srv.URL, sm.GetServiceURL(), "the URL in place is kept")

		// Set on the core.BaseService, past the check: refused at the call, and nothing is sent.
		require.NoError(t, sm.Service.SetServiceURL(bad))
		_, err = sm.DeleteSecret(sm.NewDeleteSecretOptions("s"))
		require.ErrorContains(t, err, "no query", bad)
		require.Empty(t, srv.requests())

		t.Setenv("SECRETS_MANAGER_URL", bad)
		t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "noauth")
		_, err = NewSecretsManagerV2UsingExternalConfig(nil)
		require.ErrorContains(t, err, "query", bad)
	}
}

// Item 9: a header given for a call beats a default header of the same name.

func TestCallHeaderBeatsDefaultHeader(t *testing.T) {
	srv := otNewServer(t, 200, `{"id":"g1","name":"n"}`)
	sm := otClient(t, srv.URL)
	sm.SetDefaultHeaders(http.Header{"X-Trace": {"default"}, "X-Only-Default": {"d"}, "User-Agent": {"my-agent"}})
	_, _, err := sm.CreateSecretGroup(sm.NewCreateSecretGroupOptions("n").SetHeaders(map[string]string{"x-trace": "call"}))
	require.NoError(t, err)
	req := srv.last(t)
	require.Equal(t, []string{"call"}, req.Header.Values("X-Trace"), "the call's value wins, alone")
	require.Equal(t, []string{"d"}, req.Header.Values("X-Only-Default"))
	require.Equal(t, []string{"my-agent"}, req.Header.Values("User-Agent"), "a default header replaces the SDK's")

	_, _, err = sm.GetSecretGroup(sm.NewGetSecretGroupOptions("g1"))
	require.NoError(t, err)
	require.Equal(t, []string{"default"}, srv.last(t).Header.Values("X-Trace"), "the default is back for the next call")
}
