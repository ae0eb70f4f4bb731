package secretsmanagertest_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// rawGet sends a GET to the handler in-process and returns the answer's status and Retry-After.
func rawGet(h http.Handler, path string) (int, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Header().Get("Retry-After")
}

// TestFaultRateLimit checks the rate-limit fault on fake time: per second of the server's clock,
// the first RateLimit matching requests are served and the others answered 429 with Retry-After;
// requests that do not match are neither limited nor counted; the counts per second are reported.
func TestFaultRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, h := secretsmanagertest.NewInProcessClient(t)
		start := time.Now()
		f := h.InjectFault(secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets", RateLimit: 20})

		statuses := map[int]int{}
		for range 25 {
			code, ra := rawGet(h, "/api/v2/secrets")
			statuses[code]++
			if code == http.StatusTooManyRequests {
				require.Equal(t, "1", ra)
			}
		}
		require.Equal(t, map[int]int{200: 20, 429: 5}, statuses)
		for range 30 { // another path: not limited, not counted
			code, _ := rawGet(h, "/api/v2/secret_groups")
			require.Equal(t, http.StatusOK, code)
		}

		time.Sleep(999 * time.Millisecond)
		code, _ := rawGet(h, "/api/v2/secrets")
		require.Equal(t, http.StatusTooManyRequests, code, "still the first second")

		time.Sleep(time.Millisecond) // the second second
		for range 20 {
			code, _ := rawGet(h, "/api/v2/secrets")
			require.Equal(t, http.StatusOK, code)
		}
		time.Sleep(3 * time.Second) // two quiet seconds, then the fifth
		code, _ = rawGet(h, "/api/v2/secrets")
		require.Equal(t, http.StatusOK, code)

		require.Equal(t, []secretsmanagertest.Second{
			{Start: start, Requests: 26, Limited: 6},
			{Start: start.Add(time.Second), Requests: 20},
			{Start: start.Add(4 * time.Second), Requests: 1},
		}, f.Seconds())
		require.Equal(t, secretsmanagertest.Second{Start: start, Requests: 26, Limited: 6}, f.BusiestSecond())
		require.Equal(t, 6, f.Hits())

		f.Remove()
		for range 50 {
			code, _ := rawGet(h, "/api/v2/secrets")
			require.Equal(t, http.StatusOK, code)
		}
	})
}

// TestFaultRateLimitRetryAfterAndNextFault checks that RetryAfter overrides the computed wait and that
// a request the limit lets through goes on to the faults injected after it.
func TestFaultRateLimitRetryAfterAndNextFault(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, h := secretsmanagertest.NewInProcessClient(t)
		limit := h.InjectFault(secretsmanagertest.Fault{RateLimit: 2, RetryAfter: "5"})
		next := h.InjectFault(secretsmanagertest.Fault{Status: 503, Times: 1})
		code, _ := rawGet(h, "/api/v2/secrets")
		require.Equal(t, http.StatusServiceUnavailable, code)
		code, _ = rawGet(h, "/api/v2/secrets")
		require.Equal(t, http.StatusOK, code)
		code, ra := rawGet(h, "/api/v2/secrets")
		require.Equal(t, http.StatusTooManyRequests, code)
		require.Equal(t, "5", ra)
		require.Equal(t, 1, limit.Hits())
		require.Equal(t, 1, next.Hits())
	})
}

// TestFaultRateLimitSDK checks that the SDK's retries get through a rate-limited server on fake time,
// waiting the Retry-After the server sends, and that concurrent clients see the limit together.
func TestFaultRateLimitSDK(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, h := secretsmanagertest.NewInProcessClient(t)
		created, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
			Name: core.StringPtr("limited"), Payload: core.StringPtr("v")}))
		require.NoError(t, err)
		f := h.InjectFault(secretsmanagertest.Fault{Method: "GET", RateLimit: 20})
		client.EnableRetries(10, 10*time.Second)
		start := time.Now()
		var wg sync.WaitGroup
		errs := make([]error, 60)
		for i := range errs {
			wg.Go(func() {
				_, _, errs[i] = client.GetSecret(client.NewGetSecretOptions(*created.(*sm.ArbitrarySecret).ID))
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		// 60 reads at 20 per second: the last ones are served in the third second.
		require.Equal(t, 2*time.Second, time.Since(start).Truncate(time.Second))
		// Each second serves 20; the reads refused come back after Retry-After: 1.
		require.Equal(t, []secretsmanagertest.Second{
			{Start: start, Requests: 60, Limited: 40},
			{Start: start.Add(time.Second), Requests: 40, Limited: 20},
			{Start: start.Add(2 * time.Second), Requests: 20},
		}, f.Seconds())
		require.Equal(t, 60, f.Hits())
		require.Equal(t, 60, f.BusiestSecond().Requests)
	})
}

// TestFaultRateLimitRefused checks that a rate limit combined with what it excludes is refused.
func TestFaultRateLimitRefused(t *testing.T) {
	for _, f := range []secretsmanagertest.Fault{
		{RateLimit: -1},
		{RateLimit: 5, Status: 503},
		{RateLimit: 5, Delay: time.Second},
		{RateLimit: 5, Break: secretsmanagertest.TruncateBody},
		{RateLimit: 5, Times: 3},
	} {
		require.Panics(t, func() { secretsmanagertest.NewHandler().InjectFault(f) }, "%+v", f)
	}
}
