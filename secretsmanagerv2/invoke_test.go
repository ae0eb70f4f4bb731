package secretsmanagerv2

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
	"github.com/stretchr/testify/require"
)

// Tests of invoke.go: the request loop (retries and their waits, redirects, the body read within
// its limit, timeouts, connection errors, headers, the request URL and path escaping), against the
// scripted FakeServer. The tests of the loop against the embedded server's injected faults are in
// invoke_embedded_test.go.

// arbitraryBody is the answer of statusScript once the statuses are used up.
const arbitraryBody = `{"secret_type":"arbitrary","id":"s","payload":"x","secret_group_id":"default","name":"n"}`

// statusScript answers the requests with statuses in turn, with header, then with 200; each
// answer has the body of an arbitrary secret.
func statusScript(header http.Header, statuses ...int) FakeScript {
	answers := make([]FakeAnswer, 0, len(statuses)+1)
	for _, status := range statuses {
		answers = append(answers, FakeAnswer{Status: status, Header: header, Body: arbitraryBody})
	}
	return Answers(append(answers, FakeAnswer{Body: arbitraryBody})...)
}

// TestRetry429HonoursRetryAfter waits exactly as Retry-After says, on fake time (testing/synctest,
// the fake served in-process).
func TestRetry429HonoursRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := NewInProcessFake(t, statusScript(http.Header{"Retry-After": {"7"}}, 429))
		sm := srv.Client(t)
		sm.EnableRetries(3, 30*time.Second)
		start := time.Now()
		result, response, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
		require.NoError(t, err)
		require.Equal(t, 200, response.StatusCode)
		require.IsType(t, &ArbitrarySecret{}, result)
		require.EqualValues(t, 2, srv.Count())
		require.Equal(t, 7*time.Second, time.Since(start), "waited as Retry-After said")
	})
}

func TestRetry429ForPOST(t *testing.T) {
	srv := NewFake(t, statusScript(http.Header{"Retry-After": {"0"}}, 429, 429))
	sm := testClient(t, srv.URL)
	sm.EnableRetries(3, time.Second)
	proto := &ArbitrarySecretPrototype{Name: core.StringPtr("n"), SecretType: core.StringPtr("arbitrary"), Payload: core.StringPtr("p")}
	_, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(proto))
	require.NoError(t, err)
	require.EqualValues(t, 3, srv.Count(), "a 429 was not processed: POST may be sent again")
}

func TestRetryNeverRepeatsAPOSTThatMayHaveBeenProcessed(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		srv := NewFake(t, statusScript(nil, status, status, status))
		sm := testClient(t, srv.URL)
		sm.EnableRetries(3, 10*time.Millisecond)
		_, _, err := sm.CreateSecretVersion(sm.NewCreateSecretVersionOptions("s", &ArbitrarySecretVersionPrototype{Payload: core.StringPtr("p")}))
		require.Error(t, err)
		require.EqualValues(t, 1, srv.Count(), "POST answered %d is sent once", status)

		srv = NewFake(t, statusScript(nil, status))
		sm = testClient(t, srv.URL)
		sm.EnableRetries(3, 10*time.Millisecond)
		_, _, err = sm.UpdateSecretMetadata(sm.NewUpdateSecretMetadataOptions("s", map[string]interface{}{"name": "x"}))
		require.Error(t, err)
		require.EqualValues(t, 1, srv.Count(), "PATCH answered %d is sent once", status)
	}
}

func TestRetryIdempotentOn5xx(t *testing.T) {
	srv := NewFake(t, statusScript(nil, 503, 500, 502))
	sm := testClient(t, srv.URL)
	sm.EnableRetries(5, 20*time.Millisecond)
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.NoError(t, err)
	require.EqualValues(t, 4, srv.Count())

	srv = NewFake(t, statusScript(nil, 503, 503, 503, 503))
	sm = testClient(t, srv.URL)
	sm.EnableRetries(2, 10*time.Millisecond)
	resp, err := sm.DeleteSecret(sm.NewDeleteSecretOptions("s"))
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, 503, resp.StatusCode)
	require.EqualValues(t, 3, srv.Count(), "1 try + 2 retries")
}

func TestNoRetriesUnlessEnabled(t *testing.T) {
	srv := NewFake(t, statusScript(http.Header{"Retry-After": {"0"}}, 429, 429))
	sm := testClient(t, srv.URL)
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.ErrorIs(t, err, ErrRateLimited)
	require.EqualValues(t, 1, srv.Count())

	sm.EnableRetries(2, time.Second)
	sm.DisableRetries()
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.ErrorIs(t, err, ErrRateLimited)
	require.EqualValues(t, 2, srv.Count())
}

// TestRetryWaitIsBoundedByMaxIntervalAndContext runs on fake time (testing/synctest, the fake
// served in-process).
func TestRetryWaitIsBoundedByMaxIntervalAndContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := NewInProcessFake(t, statusScript(http.Header{"Retry-After": {"3600"}}, 429))
		sm := srv.Client(t)
		sm.EnableRetries(1, 50*time.Millisecond)
		bounded, cancelBounded := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancelBounded()
		start := time.Now()
		_, _, err := sm.GetSecretWithContext(bounded, sm.NewGetSecretOptions("s"))
		require.NoError(t, err, "the wait of an hour was cut to maxInterval, well within the 10s deadline")
		require.Less(t, time.Since(start), 5*time.Second, "never waits past maxInterval")
		require.EqualValues(t, 2, srv.Count())

		srv = NewInProcessFake(t, statusScript(http.Header{"Retry-After": {"3600"}}, 429, 429))
		sm = srv.Client(t)
		sm.EnableRetries(3, time.Hour)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start = time.Now()
		_, _, err = sm.GetSecretWithContext(ctx, sm.NewGetSecretOptions("s"))
		require.Error(t, err)
		require.ErrorIs(t, err, ErrRateLimited)
		require.Less(t, time.Since(start), 5*time.Second, "cancelling stops the wait")
	})
}

func TestRetryConnectionRefusedEvenForPOST(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	sm := testClient(t, "http://"+addr)
	sm.EnableRetries(2, 10*time.Millisecond)
	var attempts atomic.Int64
	sm.Service.Client.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	_, _, err = sm.CreateSecretGroup(sm.NewCreateSecretGroupOptions("g"))
	require.Error(t, err)
	require.EqualValues(t, 3, attempts.Load(), "a request that could not connect was never sent: retried")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"5", 5 * time.Second, true},
		{"-1", 0, false},
		{"abc", 0, false},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second, true},
		{now.Add(-10 * time.Second).Format(http.TimeFormat), 0, true},
	}
	for _, c := range cases {
		got, ok := transport.After(c.in, now)
		require.Equal(t, c.ok, ok, c.in)
		require.Equal(t, c.want, got, c.in)
	}
}

func TestBackoffIsJitteredAndBounded(t *testing.T) {
	p := transport.Policy{MaxRetries: 10, MaxInterval: 2 * time.Second}
	seen := map[time.Duration]bool{}
	for attempt := 0; attempt < 12; attempt++ {
		d := p.Backoff(attempt)
		require.Greater(t, d, time.Duration(0))
		require.LessOrEqual(t, d, 2*time.Second)
		seen[d] = true
	}
	require.Greater(t, len(seen), 1)
}

func TestSDKHeadersAndUserAgent(t *testing.T) {
	srv := NewFake(t, FixedAnswer(http.StatusNoContent, ""))
	sm := srv.Client(t)
	sm.SetDefaultHeaders(http.Header{"X-Team": {"payments"}})
	_, err := sm.GetNotificationsRegistrationTest(sm.NewGetNotificationsRegistrationTestOptions())
	require.NoError(t, err)
	got := srv.Last(t).Header
	require.True(t, strings.HasPrefix(got.Get("User-Agent"), "secrets-manager-go-sdk/"), got.Get("User-Agent"))
	require.Contains(t, got.Get("User-Agent"), "(lang=go; arch=")
	require.Equal(t, "service_name=secrets_manager;service_version=V2;operation_id=get_notifications_registration_test", got.Get("X-IBMCloud-SDK-Analytics"))
	require.Equal(t, "payments", got.Get("X-Team"))
}

func TestRequestURL(t *testing.T) {
	cases := map[string]string{
		"https://h":           "https://h/api/v2/secrets",
		"https://h/":          "https://h/api/v2/secrets",
		"https://h/api":       "https://h/api/v2/secrets",
		"https://h/api/":      "https://h/api/v2/secrets",
		"https://h/proxy":     "https://h/proxy/api/v2/secrets",
		"https://h/proxy/api": "https://h/proxy/api/v2/secrets",
	}
	for base, want := range cases {
		require.Equal(t, want, requestURL(base, "/api/v2/secrets"), base)
	}
}

func TestRedirectsAreRefused(t *testing.T) {
	target := NewFake(t, FixedAnswer(http.StatusCreated, `{"secret_type":"arbitrary","id":"x","name":"n"}`))
	redirector := func(status int) *FakeServer {
		return NewFake(t, func(r FakeRequest) FakeAnswer {
			location := "http://user:pw@" + strings.TrimPrefix(target.URL, "http://") + r.EscapedPath + "?token=abc"
			return FakeAnswer{Status: status, Header: http.Header{"Location": {location}}}
		})
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
			require.Zero(t, target.Count(), "nothing reached the redirect's target (%d, %s)", status, name)
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
	require.EqualValues(t, 1, target.Count())

	// A loop of redirects stops.
	var loop *FakeServer
	loop = NewFake(t, func(r FakeRequest) FakeAnswer {
		return FakeAnswer{Status: http.StatusTemporaryRedirect, Header: http.Header{"Location": {loop.URL + r.EscapedPath}}}
	})
	sm = testClient(t, loop.URL)
	sm.SetFollowRedirects(true)
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.ErrorContains(t, err, "stopped after 10 redirects")
}

func TestBodyMemoryFollowsBytesReceived(t *testing.T) {
	srv := NewFake(t, Answers(FakeAnswer{Header: http.Header{"Content-Length": {strconv.Itoa(maxResponseBody)}}, Body: "{}"}))
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
		// TotalAlloc counts the whole process (the race detector, the fake's connections): the
		// least of a few reads is the read's own.
		least := uint64(math.MaxUint64)
		for range 5 {
			runtime.ReadMemStats(&before)
			data, err := transport.ReadBody(&http.Response{ContentLength: c.announced, Body: io.NopCloser(bytes.NewReader(body))}, maxResponseBody)
			runtime.ReadMemStats(&after)
			require.ErrorIs(t, err, c.wantErr)
			require.Equal(t, body, data)
			least = min(least, after.TotalAlloc-before.TotalAlloc)
		}
		require.LessOrEqual(t, least, uint64(4*c.sent+64<<10+4096), "%+v: at most 4 times what arrived", c)
	}
}

func TestResponseOverTheLimit(t *testing.T) {
	payload := strings.Repeat("x", 2000)
	body := `{"secret_type":"arbitrary","id":"s","payload":"` + payload + `"}`
	srv := NewFake(t, func(r FakeRequest) FakeAnswer {
		if strings.HasSuffix(r.EscapedPath, "/chunked") {
			return FakeAnswer{Chunks: []string{body[:1000], body[1000:]}} // no Content-Length: chunked
		}
		return FakeAnswer{Header: http.Header{"Content-Length": {strconv.Itoa(len(body))}}, Body: body}
	})
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

func TestCallHeaderBeatsDefaultHeader(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, `{"id":"g1","name":"n"}`))
	sm := srv.Client(t)
	sm.SetDefaultHeaders(http.Header{"X-Trace": {"default"}, "X-Only-Default": {"d"}, "User-Agent": {"my-agent"}})
	_, _, err := sm.CreateSecretGroup(sm.NewCreateSecretGroupOptions("n").SetHeaders(map[string]string{"x-trace": "call"}))
	require.NoError(t, err)
	req := srv.Last(t)
	require.Equal(t, []string{"call"}, req.Header.Values("X-Trace"), "the call's value wins, alone")
	require.Equal(t, []string{"d"}, req.Header.Values("X-Only-Default"))
	require.Equal(t, []string{"my-agent"}, req.Header.Values("User-Agent"), "a default header replaces the SDK's")

	_, _, err = sm.GetSecretGroup(sm.NewGetSecretGroupOptions("g1"))
	require.NoError(t, err)
	require.Equal(t, []string{"default"}, srv.Last(t).Header.Values("X-Trace"), "the default is back for the next call")
}

func TestNoAuthenticatorAndConnectionErrors(t *testing.T) {
	sm := &SecretsManagerV2{}
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
	require.Error(t, err)

	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	client := testClient(t, "http://"+addr)
	_, _, err = client.GetSecret(client.NewGetSecretOptions("x"))
	require.Error(t, err)
	var sdkProblem *core.SDKProblem
	require.True(t, errors.As(err, &sdkProblem))
}

// TestDefaultTimeout runs on fake time (testing/synctest, the fake served in-process).
func TestDefaultTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := NewInProcessFake(t, Answers(FakeAnswer{Hang: true}))
		sm := srv.Client(t)
		require.Equal(t, DefaultTimeout, sm.GetTimeout())
		sm.SetTimeout(50 * time.Millisecond)
		_, _, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
		require.ErrorIs(t, err, context.DeadlineExceeded)

		// The caller's own deadline wins over the default.
		sm.SetTimeout(time.Hour)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		_, _, err = sm.GetSecretWithContext(ctx, sm.NewGetSecretOptions("x"))
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

func TestPathEscaping(t *testing.T) {
	ids := []struct{ id, esc string }{
		{"a/b", "a%2Fb"},
		{"..", "%2E%2E"},
		{".", "%2E"},
		{"a?b", "a%3Fb"},
		{"?limit=1", "%3Flimit=1"},
		{"a#b", "a%23b"},
		{"#", "%23"},
		{"100%", "100%25"},
		{"%2F", "%252F"},
		{"a b", "a%20b"},
		{" ", "%20"},
		{"../../secret_groups", "..%2F..%2Fsecret_groups"},
		{"...", "..."},
		{"a.b", "a.b"},
		{"é", "%C3%A9"},
	}
	type route struct {
		name   string
		method string
		path   func(esc string) string
		params []int // indexes of the segments (split on "/") that hold the ID
		call   func(s *SecretsManagerV2, id string) error
	}
	routes := []route{
		{
			"GetSecret", "GET", func(e string) string { return "/api/v2/secrets/" + e }, []int{4},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.GetSecret(s.NewGetSecretOptions(id))
				return err
			},
		},
		{
			"DeleteSecret", "DELETE", func(e string) string { return "/api/v2/secrets/" + e }, []int{4},
			func(s *SecretsManagerV2, id string) error {
				_, err := s.DeleteSecret(s.NewDeleteSecretOptions(id))
				return err
			},
		},
		{
			"GetSecretMetadata", "GET", func(e string) string { return "/api/v2/secrets/" + e + "/metadata" }, []int{4},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.GetSecretMetadata(s.NewGetSecretMetadataOptions(id))
				return err
			},
		},
		{
			"UpdateSecretGroup", "PATCH", func(e string) string { return "/api/v2/secret_groups/" + e }, []int{4},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.UpdateSecretGroup(s.NewUpdateSecretGroupOptions(id, map[string]interface{}{"name": "n"}))
				return err
			},
		},
		{
			"GetSecretVersion", "GET", func(e string) string { return "/api/v2/secrets/" + e + "/versions/" + e }, []int{4, 6},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.GetSecretVersion(s.NewGetSecretVersionOptions(id, id))
				return err
			},
		},
		{
			"DeleteSecretVersionLocksBulk", "DELETE", func(e string) string { return "/api/v2/secrets/" + e + "/versions/" + e + "/locks_bulk" }, []int{4, 6},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.DeleteSecretVersionLocksBulk(s.NewDeleteSecretVersionLocksBulkOptions(id, id))
				return err
			},
		},
		{
			"GetSecretByNameType", "GET",
			func(e string) string { return "/api/v2/secret_groups/" + e + "/secret_types/kv/secrets/" + e }, []int{4, 8},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.GetSecretByNameType(s.NewGetSecretByNameTypeOptions("kv", id, id))
				return err
			},
		},
		{
			"GetSecretTask", "GET", func(e string) string { return "/api/v2/secrets/" + e + "/tasks/" + e }, []int{4, 6},
			func(s *SecretsManagerV2, id string) error {
				_, _, err := s.GetSecretTask(s.NewGetSecretTaskOptions(id, id))
				return err
			},
		},
		{
			"CreateConfigurationAction", "POST", func(e string) string { return "/api/v2/configurations/" + e + "/actions" }, []int{4},
			func(s *SecretsManagerV2, id string) error {
				p := otMust(s.NewPrivateCertificateConfigurationActionRotateCRLPrototype("private_cert_configuration_action_rotate_crl"))
				_, _, err := s.CreateConfigurationAction(s.NewCreateConfigurationActionOptions(id, p))
				return err
			},
		},
	}

	srv := NewFake(t, FixedAnswer(200, `{"secret_type":"kv","id":"x","config_type":"iam_credentials_configuration","action_type":"private_cert_configuration_action_rotate_crl"}`))
	s := srv.Client(t)
	for _, r := range routes {
		for _, id := range ids {
			t.Run(r.name+"/"+id.esc, func(t *testing.T) {
				require.NoError(t, r.call(s, id.id))
				req := srv.Last(t)
				want := r.path(id.esc)
				require.Equal(t, r.method, req.Method)
				require.Equal(t, want, req.EscapedPath)
				require.Equal(t, want, req.RequestURI, "the request line carries the path as escaped, with no query")
				require.Empty(t, req.RawQuery)
				// The route keeps its segments, and each ID segment decodes back to the ID.
				segs := strings.Split(req.EscapedPath, "/")
				require.Len(t, segs, len(strings.Split(r.path("x"), "/")))
				for _, i := range r.params {
					got, err := url.PathUnescape(segs[i])
					require.NoError(t, err)
					require.Equal(t, id.id, got)
				}
			})
		}
	}
}

func TestDefaultHeadersAndGzip(t *testing.T) {
	t.Run("default-headers", func(t *testing.T) {
		srv := NewFake(t, FixedAnswer(200, `{"id":"g1"}`))
		s := srv.Client(t)
		s.SetDefaultHeaders(http.Header{"X-Default-One": {"d1"}, "X-Default-Two": {"d2"}})

		calls := map[string]func() error{
			"GET": func() error { _, _, err := s.GetSecretGroup(s.NewGetSecretGroupOptions("g1")); return err },
			"POST": func() error {
				_, _, err := s.CreateSecretGroup(s.NewCreateSecretGroupOptions("n").SetHeaders(map[string]string{"X-Call": "c"}))
				return err
			},
			"PATCH": func() error {
				_, _, err := s.UpdateSecretGroup(s.NewUpdateSecretGroupOptions("g1", map[string]interface{}{"name": "m"}))
				return err
			},
			"DELETE": func() error { _, err := s.DeleteSecretGroup(s.NewDeleteSecretGroupOptions("g1")); return err },
		}
		for method, call := range calls {
			require.NoError(t, call(), method)
			req := srv.Last(t)
			require.Equal(t, method, req.Method)
			require.Equal(t, []string{"d1"}, req.Header.Values("X-Default-One"), method)
			require.Equal(t, []string{"d2"}, req.Header.Values("X-Default-Two"), method)
			if method == "POST" {
				require.Equal(t, "c", req.Header.Get("X-Call"), "Options.Headers still arrive beside the default headers")
			}
			// The SDK's own headers are still there.
			require.Contains(t, req.Header.Get("User-Agent"), "lang=go")
			require.NotEmpty(t, req.Header.Get("X-IBMCloud-SDK-Analytics"))
		}
	})

	t.Run("gzip", func(t *testing.T) {
		srv := NewFake(t, FixedAnswer(201, `{"secret_type":"arbitrary","id":"x"}`))
		s := srv.Client(t)
		require.False(t, s.GetEnableGzipCompression())

		gunzip := func(t *testing.T, data []byte) string {
			t.Helper()
			zr, err := gzip.NewReader(bytes.NewReader(data))
			require.NoError(t, err, "the body must be gzip data")
			out, err := io.ReadAll(zr)
			require.NoError(t, err)
			return string(out)
		}

		// Without compression, the body is plain JSON.
		p := otMust(s.NewArbitrarySecretPrototype("s1", "arbitrary", "value"))
		_, _, err := s.CreateSecret(s.NewCreateSecretOptions(p))
		require.NoError(t, err)
		req := srv.Last(t)
		require.Empty(t, req.Header.Values("Content-Encoding"))
		require.JSONEq(t, `{"name":"s1","secret_type":"arbitrary","payload":"value"}`, string(req.Body))

		s.SetEnableGzipCompression(true)
		require.True(t, s.GetEnableGzipCompression())

		// POST: compressed, still application/json.
		result, resp, err := s.CreateSecret(s.NewCreateSecretOptions(p))
		require.NoError(t, err)
		require.Equal(t, 201, resp.StatusCode)
		require.IsType(t, (*ArbitrarySecret)(nil), result)
		req = srv.Last(t)
		require.Equal(t, []string{"gzip"}, req.Header.Values("Content-Encoding"))
		require.Equal(t, []string{"application/json"}, req.Header.Values("Content-Type"))
		require.JSONEq(t, `{"name":"s1","secret_type":"arbitrary","payload":"value"}`, gunzip(t, req.Body))

		// PATCH: compressed, still application/merge-patch+json.
		_, _, err = s.UpdateSecretMetadata(s.NewUpdateSecretMetadataOptions("x", map[string]interface{}{"description": nil, "labels": []string{"l"}}))
		require.NoError(t, err)
		req = srv.Last(t)
		require.Equal(t, []string{"gzip"}, req.Header.Values("Content-Encoding"))
		require.Equal(t, []string{"application/merge-patch+json"}, req.Header.Values("Content-Type"))
		require.JSONEq(t, `{"description":null,"labels":["l"]}`, gunzip(t, req.Body))

		// A request without a body is not marked as compressed.
		_, _, err = s.GetSecret(s.NewGetSecretOptions("x"))
		require.NoError(t, err)
		req = srv.Last(t)
		require.Empty(t, req.Header.Values("Content-Encoding"))
		require.Empty(t, req.Body)
	})
}

func TestSharedClientUnderConcurrency(t *testing.T) {
	srv := NewFake(t, func(r FakeRequest) FakeAnswer {
		return FakeAnswer{Body: fmt.Sprintf(`{"secret_type":"arbitrary","id":%q,"payload":"x"}`, strings.TrimPrefix(r.EscapedPath, "/api/v2/secrets/"))}
	})
	sm := srv.Client(t)
	sm.EnableRetries(2, 10*time.Millisecond)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				id := fmt.Sprintf("g%d-%d", g, i)
				s, _, err := sm.GetSecretWithContext(context.Background(), sm.NewGetSecretOptions(id))
				if err != nil {
					errs <- err
					return
				}
				if s.Common().ID != id {
					errs <- fmt.Errorf("got %s want %s", s.Common().ID, id)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
