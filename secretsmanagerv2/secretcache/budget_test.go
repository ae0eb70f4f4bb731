package secretcache_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// seeded returns an in-process client of an embedded server holding n arbitrary secrets, their
// keys by name, and a fault counting the GET requests from now on (it limits none).
func seeded(t *testing.T, n int) (*sm.SecretsManagerV2, *secretsmanagertest.Handler, []secretcache.Key, *secretsmanagertest.InjectedFault) {
	client, h := secretsmanagertest.NewInProcessClient(t)
	seeder := secretsmanagertest.NewSeeder(t, client)
	keys := make([]secretcache.Key, n)
	for i := range keys {
		name := fmt.Sprintf("b-%03d", i)
		seeder.Arbitrary(name, "value-"+name)
		keys[i] = secretcache.ByName(sm.SecretTypeArbitrary, name)
	}
	return client, h, keys, h.InjectFault(secretsmanagertest.Fault{Method: "GET", RateLimit: 1 << 30})
}

func requests(f *secretsmanagertest.InjectedFault) int {
	n := 0
	for _, s := range f.Seconds() {
		n += s.Requests
	}
	return n
}

// TestCacheBudget: the cache's requests keep to its budget when the client has no rate limiter,
// to the client's limiter when it has one, and to none when the budget is turned off.
func TestCacheBudget(t *testing.T) {
	cases := []struct {
		name    string
		limit   float64 // the client's rate limit; 0: none
		opts    []secretcache.Option
		n       int
		elapsed time.Duration
	}{
		{"default budget", 0, nil, 39, 2 * time.Second}, // 1 at once, then 38 at 19/s
		{"own budget", 0, []secretcache.Option{secretcache.WithRateLimit(5, 2)}, 12, 2 * time.Second},
		{"the client's limiter, not the budget", 4, []secretcache.Option{secretcache.WithRateLimit(1, 1)}, 9, 2 * time.Second},
		{"budget off", 0, []secretcache.Option{secretcache.WithRateLimit(0, 0)}, 50, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				client, _, keys, count := seeded(t, tc.n)
				if tc.limit > 0 {
					client.SetRateLimit(tc.limit, 1)
				}
				c := secretcache.New(client, tc.opts...)
				defer c.Close()
				start := time.Now()
				require.NoError(t, c.Prefetch(context.Background(), keys...))
				require.Equal(t, tc.elapsed, time.Since(start).Round(100*time.Millisecond))
				require.Equal(t, tc.n, requests(count))
				for _, s := range count.Seconds() {
					if tc.elapsed > 0 {
						require.LessOrEqual(t, s.Requests, 20, "no second above 20 requests")
					}
				}
			})
		})
	}
}

// recording is a secretcache.Client that records when each secret's metadata is read.
type recording struct {
	secretcache.Client
	mu    sync.Mutex
	start time.Time
	at    map[string][]time.Duration
}

func (r *recording) GetSecretMetadataWithContext(ctx context.Context, o *sm.GetSecretMetadataOptions) (sm.SecretMetadataIntf, *core.DetailedResponse, error) {
	r.mu.Lock()
	r.at[*o.ID] = append(r.at[*o.ID], time.Since(r.start))
	r.mu.Unlock()
	return r.Client.GetSecretMetadataWithContext(ctx, o)
}

// TestJitterSpreadsRefreshes loads 200 keys at once and reads them every second: each key's first
// refresh comes within its first TTL, not before a second, spread over the whole TTL; the next
// ones a TTL after the previous one.
func TestJitterSpreadsRefreshes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n, ttl = 200, 100 * time.Second
		client, _, keys, _ := seeded(t, n)
		rec := &recording{Client: client, start: time.Now(), at: map[string][]time.Duration{}}
		c := secretcache.New(rec, secretcache.WithTTL(ttl), secretcache.WithRateLimit(0, 0))
		defer c.Close()
		ctx := context.Background()
		require.NoError(t, c.Prefetch(ctx, keys...))
		for range 350 {
			time.Sleep(time.Second)
			for _, k := range keys {
				_, err := c.Get(ctx, k)
				require.NoError(t, err)
			}
		}
		require.Len(t, rec.at, n, "every key was refreshed")
		firstHalf := 0
		for id, at := range rec.at {
			require.GreaterOrEqual(t, at[0], time.Second, id)
			require.LessOrEqual(t, at[0], ttl+time.Second, "the first refresh within the first TTL (read every second)")
			if at[0] <= ttl/2 {
				firstHalf++
			}
			for i := 1; i < len(at); i++ {
				gap := at[i] - at[i-1]
				require.GreaterOrEqual(t, gap, ttl, "later refreshes a TTL apart")
				require.LessOrEqual(t, gap, ttl+time.Second)
			}
		}
		require.InDelta(t, n/2, firstHalf, n/4, "first refreshes spread over the whole TTL: %d of %d in its first half", firstHalf, n)
	})
}

// TestJitterOff: WithJitter(0) refreshes every key exactly a TTL after it was loaded.
func TestJitterOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const ttl = 10 * time.Second
		client, _, keys, _ := seeded(t, 5)
		rec := &recording{Client: client, start: time.Now(), at: map[string][]time.Duration{}}
		c := secretcache.New(rec, secretcache.WithTTL(ttl), secretcache.WithJitter(0), secretcache.WithRateLimit(0, 0))
		defer c.Close()
		ctx := context.Background()
		require.NoError(t, c.Prefetch(ctx, keys...))
		time.Sleep(ttl)
		for _, k := range keys {
			_, err := c.Get(ctx, k)
			require.NoError(t, err)
		}
		for _, at := range rec.at {
			require.Equal(t, []time.Duration{ttl}, at)
		}
	})
}

// TestKeysOfOneSecretRefreshTogether: a secret cached under its ID and under its name is refreshed
// with one request, and both keys see the rotation.
func TestKeysOfOneSecretRefreshTogether(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, _ := secretsmanagertest.NewInProcessClient(t)
		s := secretsmanagertest.NewSeeder(t, client).Arbitrary("shared", "v1")
		byID, byName := secretcache.ByID(*s.ID), secretcache.ByName(sm.SecretTypeArbitrary, "shared")
		rec := &recording{Client: client, start: time.Now(), at: map[string][]time.Duration{}}
		c := secretcache.New(rec, secretcache.WithTTL(time.Minute))
		defer c.Close()
		ctx := context.Background()
		require.NoError(t, c.Prefetch(ctx, byID, byName))
		_, _, err := client.CreateSecretVersion(client.NewCreateSecretVersionOptions(*s.ID, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v2")}))
		require.NoError(t, err)
		time.Sleep(time.Minute)
		var wg sync.WaitGroup
		for _, k := range []secretcache.Key{byID, byName, byID, byName} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := c.Payload(ctx, k)
				require.NoError(t, err)
				require.Equal(t, "v2", p)
			}()
		}
		wg.Wait()
		require.Len(t, rec.at[*s.ID], 1, "one metadata request for both keys")
	})
}

// TestRefreshAnswered429: a refresh answered 429 serves the last value and is tried again after
// the Retry-After, not before.
func TestRefreshAnswered429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, h := secretsmanagertest.NewInProcessClient(t)
		s := secretsmanagertest.NewSeeder(t, client).Arbitrary("busy", "busy-value")
		var hooked []error
		var mu sync.Mutex
		c := secretcache.New(client, secretcache.WithTTL(time.Minute), secretcache.WithJitter(0),
			secretcache.WithErrorHook(func(_ secretcache.Key, err error) { mu.Lock(); hooked = append(hooked, err); mu.Unlock() }))
		defer c.Close()
		ctx := context.Background()
		key := secretcache.ByID(*s.ID)
		_, err := c.Payload(ctx, key)
		require.NoError(t, err)
		limited := h.InjectFault(secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets/*/metadata", Status: 429, RetryAfter: "20", Times: 1})
		time.Sleep(time.Minute)
		for _, wait := range []time.Duration{0, 10 * time.Second, 9 * time.Second} { // up to 19s: within the Retry-After
			time.Sleep(wait)
			p, err := c.Payload(ctx, key)
			require.NoError(t, err)
			require.Equal(t, "busy-value", p, "served within the stale bound")
		}
		require.Equal(t, 1, limited.Hits(), "no new attempt before the Retry-After")
		mu.Lock()
		require.Len(t, hooked, 1)
		require.ErrorIs(t, hooked[0], sm.ErrRateLimited)
		mu.Unlock()
		time.Sleep(2 * time.Second) // 21s: past it
		_, err = c.Payload(ctx, key)
		require.NoError(t, err)
		require.Equal(t, 1, limited.Hits())
		mu.Lock()
		require.Len(t, hooked, 1, "the refresh after the Retry-After succeeded")
		mu.Unlock()
	})
}

// TestFirstLoadAnswered429 is tried again after the Retry-After; a caller whose deadline comes
// first stops waiting at its deadline, and the load, which nobody waits for any more, ends.
func TestFirstLoadAnswered429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, h := secretsmanagertest.NewInProcessClient(t)
		secretsmanagertest.NewSeeder(t, client).Arbitrary("first", "first-value")
		key := secretcache.ByName(sm.SecretTypeArbitrary, "first")
		limited := h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 429, RetryAfter: "3", Times: 2})
		c := secretcache.New(client)
		defer c.Close()
		start := time.Now()
		p, err := c.Payload(context.Background(), key)
		require.NoError(t, err)
		require.Equal(t, "first-value", p)
		require.Equal(t, 6*time.Second, time.Since(start), "two waits of the Retry-After")
		require.Equal(t, 2, limited.Hits())

		c2 := secretcache.New(client)
		defer c2.Close()
		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 429, RetryAfter: "30", Times: 1})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start = time.Now()
		_, err = c2.Payload(ctx, key)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, 10*time.Second, time.Since(start))
		synctest.Wait()
		c2.Close() // returns: the abandoned load ended
	})
}
