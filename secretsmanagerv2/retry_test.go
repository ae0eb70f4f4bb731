package secretsmanagerv2

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// scriptedHandler answers each request with the next of statuses (then 200), counting requests.
func scriptedHandler(header http.Header, statuses ...int) (http.Handler, *atomic.Int64) {
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		status := http.StatusOK
		if i < len(statuses) {
			status = statuses[i]
		}
		if status != http.StatusOK {
			for k, v := range header {
				w.Header()[k] = v
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"secret_type":"arbitrary","id":"s","payload":"x","secret_group_id":"default","name":"n"}`))
	}), &n
}

// scriptedServer serves a scriptedHandler over loopback.
func scriptedServer(t *testing.T, header http.Header, statuses ...int) (*httptest.Server, *atomic.Int64) {
	h, n := scriptedHandler(header, statuses...)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, n
}

// TestRetry429HonoursRetryAfter waits exactly as Retry-After says, on fake time (testing/synctest,
// the answers served in-process).
func TestRetry429HonoursRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, n := scriptedHandler(http.Header{"Retry-After": {"7"}}, 429)
		sm := testClient(t, "http://sm.test")
		sm.Service.SetHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			return rec.Result(), nil
		})})
		sm.EnableRetries(3, 30*time.Second)
		start := time.Now()
		result, response, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
		require.NoError(t, err)
		require.Equal(t, 200, response.StatusCode)
		require.IsType(t, &ArbitrarySecret{}, result)
		require.EqualValues(t, 2, n.Load())
		require.Equal(t, 7*time.Second, time.Since(start), "waited as Retry-After said")
	})
}

func TestRetry429ForPOST(t *testing.T) {
	srv, n := scriptedServer(t, http.Header{"Retry-After": {"0"}}, 429, 429)
	sm := testClient(t, srv.URL)
	sm.EnableRetries(3, time.Second)
	proto := &ArbitrarySecretPrototype{Name: core.StringPtr("n"), SecretType: core.StringPtr("arbitrary"), Payload: core.StringPtr("p")}
	_, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(proto))
	require.NoError(t, err)
	require.EqualValues(t, 3, n.Load(), "a 429 was not processed: POST may be sent again")
}

func TestRetryNeverRepeatsAPOSTThatMayHaveBeenProcessed(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		srv, n := scriptedServer(t, nil, status, status, status)
		sm := testClient(t, srv.URL)
		sm.EnableRetries(3, 10*time.Millisecond)
		_, _, err := sm.CreateSecretVersion(sm.NewCreateSecretVersionOptions("s", &ArbitrarySecretVersionPrototype{Payload: core.StringPtr("p")}))
		require.Error(t, err)
		require.EqualValues(t, 1, n.Load(), "POST answered %d is sent once", status)

		srv, n = scriptedServer(t, nil, status)
		sm = testClient(t, srv.URL)
		sm.EnableRetries(3, 10*time.Millisecond)
		_, _, err = sm.UpdateSecretMetadata(sm.NewUpdateSecretMetadataOptions("s", map[string]interface{}{"name": "x"}))
		require.Error(t, err)
		require.EqualValues(t, 1, n.Load(), "PATCH answered %d is sent once", status)
	}
}

func TestRetryIdempotentOn5xx(t *testing.T) {
	srv, n := scriptedServer(t, nil, 503, 500, 502)
	sm := testClient(t, srv.URL)
	sm.EnableRetries(5, 20*time.Millisecond)
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.NoError(t, err)
	require.EqualValues(t, 4, n.Load())

	srv, n = scriptedServer(t, nil, 503, 503, 503, 503)
	sm = testClient(t, srv.URL)
	sm.EnableRetries(2, 10*time.Millisecond)
	resp, err := sm.DeleteSecret(sm.NewDeleteSecretOptions("s"))
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, 503, resp.StatusCode)
	require.EqualValues(t, 3, n.Load(), "1 try + 2 retries")
}

func TestNoRetriesUnlessEnabled(t *testing.T) {
	srv, n := scriptedServer(t, http.Header{"Retry-After": {"0"}}, 429, 429)
	sm := testClient(t, srv.URL)
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.ErrorIs(t, err, ErrRateLimited)
	require.EqualValues(t, 1, n.Load())

	sm.EnableRetries(2, time.Second)
	sm.DisableRetries()
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.ErrorIs(t, err, ErrRateLimited)
	require.EqualValues(t, 2, n.Load())
}

func TestRetryWaitIsBoundedByMaxIntervalAndContext(t *testing.T) {
	srv, n := scriptedServer(t, http.Header{"Retry-After": {"3600"}}, 429)
	sm := testClient(t, srv.URL)
	sm.EnableRetries(1, 50*time.Millisecond)
	bounded, cancelBounded := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelBounded()
	start := time.Now()
	_, _, err := sm.GetSecretWithContext(bounded, sm.NewGetSecretOptions("s"))
	require.NoError(t, err, "the wait of an hour was cut to maxInterval, well within the 10s deadline")
	require.Less(t, time.Since(start), 5*time.Second, "never waits past maxInterval")
	require.EqualValues(t, 2, n.Load())

	srv, _ = scriptedServer(t, http.Header{"Retry-After": {"3600"}}, 429, 429)
	sm = testClient(t, srv.URL)
	sm.EnableRetries(3, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start = time.Now()
	_, _, err = sm.GetSecretWithContext(ctx, sm.NewGetSecretOptions("s"))
	require.Error(t, err)
	require.ErrorIs(t, err, ErrRateLimited)
	require.Less(t, time.Since(start), 5*time.Second, "cancelling stops the wait")
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
