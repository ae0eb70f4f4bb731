package secretsmanagerv2_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// countingTransport counts the requests that reach the server.
type countingTransport struct {
	base http.RoundTripper
	n    atomic.Int64
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.base.RoundTrip(r)
}

// limitedClient returns an in-process client with one arbitrary secret, its ID, the handler and
// a counter of the requests sent.
func limitedClient(t *testing.T) (*sm.SecretsManagerV2, string, *secretsmanagertest.Handler, *countingTransport) {
	client, h := secretsmanagertest.NewInProcessClient(t)
	id := *secretsmanagertest.NewSeeder(t, client).Arbitrary("limited", "s3cr3t-payload").ID
	ct := &countingTransport{base: client.Service.Client.Transport}
	client.Service.Client.Transport = ct
	return client, id, h, ct
}

func getSecret(ctx context.Context, c *sm.SecretsManagerV2, id string) error {
	_, _, err := c.GetSecretWithContext(ctx, &sm.GetSecretOptions{ID: &id})
	return err
}

func TestRateLimiterRateAndBurst(t *testing.T) {
	cases := []struct {
		name    string
		rate    float64
		burst   int
		calls   int
		elapsed time.Duration
	}{
		{"burst only", 10, 5, 5, 0},
		{"burst then the rate", 10, 5, 25, 2 * time.Second},
		{"burst of one", 4, 1, 9, 2 * time.Second},
		{"fractional rate", 0.5, 1, 3, 4 * time.Second},
		{"burst below one is one", 2, 0, 3, time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				client, id, _, ct := limitedClient(t)
				client.SetRateLimit(c.rate, c.burst)
				start := time.Now()
				for range c.calls {
					require.NoError(t, getSecret(context.Background(), client, id))
				}
				require.InDelta(t, c.elapsed, time.Since(start), float64(time.Millisecond))
				require.EqualValues(t, c.calls, ct.n.Load())
				st := client.GetRateLimiter().Stats()
				require.EqualValues(t, c.calls, st.Requests)
				require.Equal(t, c.rate, st.Rate)
				require.Equal(t, c.rate, st.CurrentRate)
				require.Equal(t, max(c.burst, 1), st.Burst)
				require.InDelta(t, c.elapsed, st.TotalWait, float64(time.Millisecond), "one after the other, each call waits its turn")
				require.EqualValues(t, c.calls-max(c.burst, 1), st.Waits)
			})
		})
	}
}

func TestRateLimiterOffByDefault(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, id, _, _ := limitedClient(t)
		require.Nil(t, client.GetRateLimiter())
		start := time.Now()
		for range 100 {
			require.NoError(t, getSecret(context.Background(), client, id))
		}
		require.Zero(t, time.Since(start))

		client.SetRateLimit(1, 1)
		require.NotNil(t, client.GetRateLimiter())
		client.SetRateLimit(0, 1)
		require.Nil(t, client.GetRateLimiter(), "a rate of 0 turns it off")
		client.SetRateLimiter(sm.NewRateLimiter(1, 1))
		client.SetRateLimiter(nil)
		require.Nil(t, client.GetRateLimiter())
	})
}

func TestRateLimiterContextRules(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, id, _, ct := limitedClient(t)
		client.SetRateLimit(1, 1)
		require.NoError(t, getSecret(context.Background(), client, id))

		// The next slot is 1 s away: a deadline 0.5 s away fails at once, and nothing is sent.
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		start := time.Now()
		err := getSecret(ctx, client, id)
		cancel()
		require.Error(t, err)
		require.Zero(t, time.Since(start), "no wait that would end after the deadline")
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.ErrorIs(t, err, sm.ErrRateLimiterDeadline)
		require.Contains(t, err.Error(), "get_secret")
		require.Contains(t, err.Error(), "rate limiter")
		require.Contains(t, err.Error(), "deadline")
		require.EqualValues(t, 1, ct.n.Load())

		// A cancellation ends the wait when it comes, and gives the slot back.
		ctx, cancel = context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start = time.Now()
		err = getSecret(ctx, client, id)
		require.ErrorIs(t, err, context.Canceled)
		require.Equal(t, 300*time.Millisecond, time.Since(start))
		require.EqualValues(t, 1, ct.n.Load())

		// A deadline after the slot: the call waits for it.
		ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start = time.Now()
		require.NoError(t, getSecret(ctx, client, id))
		require.InDelta(t, 700*time.Millisecond, time.Since(start), float64(time.Millisecond))
		require.EqualValues(t, 2, ct.n.Load())

		// An already cancelled context sends nothing.
		ctx, cancel = context.WithCancel(context.Background())
		cancel()
		require.ErrorIs(t, getSecret(ctx, client, id), context.Canceled)
		require.EqualValues(t, 2, ct.n.Load())
	})
}

func TestRateLimiterAdaptsTo429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, id, h, ct := limitedClient(t)
		client.SetRateLimit(10, 1)
		client.EnableRetries(3, time.Minute)
		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 429, RetryAfter: "2", Times: 1})

		// The 429 halves the rate and holds requests back for the Retry-After: the retry goes
		// after 2 s, the Retry-After, not after the limiter's own 0.2 s.
		start := time.Now()
		require.NoError(t, getSecret(context.Background(), client, id))
		require.Equal(t, 2*time.Second, time.Since(start))
		st := client.GetRateLimiter().Stats()
		require.EqualValues(t, 1, st.TooManyRequests)
		require.EqualValues(t, 2, st.Requests, "the retry counts")
		require.InDelta(t, 5.5, st.CurrentRate, 1e-9, "halved by the 429, then raised by one good answer")
		require.EqualValues(t, 2, ct.n.Load())

		// Good answers bring it back up to the configured rate, never above.
		for range 20 {
			require.NoError(t, getSecret(context.Background(), client, id))
		}
		require.Equal(t, 10.0, client.GetRateLimiter().Stats().CurrentRate)

		// 429 after 429: never below the floor, a tenth of the rate.
		client.DisableRetries()
		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 429, RetryAfter: "0", Times: 10})
		for range 10 {
			require.ErrorIs(t, getSecret(context.Background(), client, id), sm.ErrRateLimited)
		}
		st = client.GetRateLimiter().Stats()
		require.Equal(t, 1.0, st.CurrentRate)
		require.Equal(t, 1.0, st.MinRate)
		require.EqualValues(t, 11, st.TooManyRequests)

		// At the floor, the next request comes after 1 s; its good answer raises the rate to 1.5/s,
		// so the one after it comes 2/3 s later.
		start = time.Now()
		require.NoError(t, getSecret(context.Background(), client, id))
		require.InDelta(t, time.Second, time.Since(start), float64(time.Millisecond))
		require.NoError(t, getSecret(context.Background(), client, id))
		require.InDelta(t, time.Second+2*time.Second/3, time.Since(start), float64(time.Millisecond))
	})
}

func TestRateLimiterSharedByClonesAndGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, id, _, ct := limitedClient(t)
		client.SetRateLimit(100, 10)
		clone := client.Clone()
		require.Same(t, client.GetRateLimiter(), clone.GetRateLimiter())

		const goroutines, calls = 64, 5
		var wg sync.WaitGroup
		var failed atomic.Int64
		start := time.Now()
		for g := range goroutines {
			c := client
			if g%2 == 1 {
				c = clone
			}
			wg.Go(func() {
				for range calls {
					if getSecret(context.Background(), c, id) != nil {
						failed.Add(1)
					}
				}
			})
		}
		wg.Wait()
		require.Zero(t, failed.Load())
		require.EqualValues(t, goroutines*calls, ct.n.Load())
		st := client.GetRateLimiter().Stats()
		require.EqualValues(t, goroutines*calls, st.Requests)
		// 10 at once, then 310 at 100/s.
		require.InDelta(t, 3100*time.Millisecond, time.Since(start), float64(10*time.Millisecond))
	})
}

func TestRateLimiterStatsReachSlog(t *testing.T) {
	l := sm.NewRateLimiter(20, 4)
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("budget", "rate_limiter", l.Stats())
	require.Contains(t, b.String(), "rate_limiter.rate=20")
	require.Contains(t, b.String(), "rate_limiter.current_rate=20")
	require.Contains(t, b.String(), "rate_limiter.too_many_requests=0")
	require.Contains(t, l.Stats().String(), "burst 4")

	// The client logs each change of the rate at debug level.
	synctest.Test(t, func(t *testing.T) {
		client, id, h, _ := limitedClient(t)
		client.SetRateLimiter(l)
		var logged strings.Builder
		prev := core.GetLogger()
		core.SetLogger(sm.NewSlogLogger(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})), core.LevelDebug))
		defer core.SetLogger(prev)
		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 429, Times: 1})
		require.True(t, errors.Is(getSecret(context.Background(), client, id), sm.ErrRateLimited))
		require.Contains(t, logged.String(), "rate limiter: answer 429: rate 10/s (configured 20/s, burst 4)")
	})
}
