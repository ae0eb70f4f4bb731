package transport

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLimiterQueuedAttemptsFollowA429 checks that attempts already waiting for a slot when a 429
// lowers the rate go out at the new rate, after the Retry-After, instead of at the times they were
// promised under the old rate.
func TestLimiterQueuedAttemptsFollowA429(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter time.Duration
		// want is when each of the four queued attempts goes, measured from the 429.
		want []time.Duration
	}{
		// 10/s halved to 5/s: one slot every 200 ms from the 429 on.
		{name: "no Retry-After", want: []time.Duration{200 * time.Millisecond, 400 * time.Millisecond, 600 * time.Millisecond, 800 * time.Millisecond}},
		// Held back 2 s, then one every 200 ms.
		{name: "Retry-After 2s", retryAfter: 2 * time.Second, want: []time.Duration{2 * time.Second, 2200 * time.Millisecond, 2400 * time.Millisecond, 2600 * time.Millisecond}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				l := NewLimiter(10, 1)
				ctx := context.Background()
				require.NoError(t, l.Wait(ctx)) // the burst: the bucket is empty now
				var mu sync.Mutex
				var went []time.Duration
				var start time.Time
				var wg sync.WaitGroup
				for i := range 4 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						require.NoError(t, l.Wait(ctx))
						mu.Lock()
						went = append(went, time.Since(start))
						mu.Unlock()
					}()
					synctest.Wait() // queued in order: promised 100, 200, 300, 400 ms
					_ = i
				}
				start = time.Now()
				require.True(t, l.Observe(429, tc.retryAfter))
				wg.Wait()
				require.Equal(t, tc.want, went)
				st := l.Stats()
				require.Equal(t, int64(5), st.Requests, "an attempt that waits again is still one request")
				require.Equal(t, 5.0, st.CurrentRate)
			})
		})
	}
}

// TestLimiterCancelledAfterA429 checks that an attempt cancelled while queued across a 429 gives
// back no slot it no longer holds: the next attempt still waits its turn at the new rate.
func TestLimiterCancelledAfterA429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLimiter(10, 1)
		require.NoError(t, l.Wait(context.Background()))
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- l.Wait(ctx) }()
		synctest.Wait()
		require.True(t, l.Observe(429, 0))
		cancel()
		require.ErrorIs(t, <-done, context.Canceled)
		start := time.Now()
		require.NoError(t, l.Wait(context.Background()))
		require.Equal(t, 200*time.Millisecond, time.Since(start), "one slot at 5/s")
	})
}
