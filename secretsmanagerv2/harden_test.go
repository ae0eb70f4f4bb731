package secretsmanagerv2

// Tests of the client's runtime against broken, hostile or slow services (issue 10). The tests
// that need secretsmanagertest's embedded server with injected faults are in harden_faults_test.go
// (package secretsmanagerv2_test: secretsmanagertest imports this package).

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

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
		data, err := transport.ReadBody(&http.Response{ContentLength: c.announced, Body: io.NopCloser(bytes.NewReader(body))}, maxResponseBody)
		runtime.ReadMemStats(&after)
		require.ErrorIs(t, err, c.wantErr)
		require.Equal(t, body, data)
		require.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, uint64(4*c.sent+64<<10+4096), "%+v: at most 4 times what arrived", c)
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

// Item 7: service URLs with a query or a fragment.

func TestServiceURLWithQueryOrFragmentIsRefused(t *testing.T) {
	srv := NewFake(t, FixedAnswer(204, ""))
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
		require.Empty(t, srv.Requests())

		t.Setenv("SECRETS_MANAGER_URL", bad)
		t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "noauth")
		_, err = NewSecretsManagerV2UsingExternalConfig(nil)
		require.ErrorContains(t, err, "query", bad)
	}
}

// Item 9: a header given for a call beats a default header of the same name.

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
