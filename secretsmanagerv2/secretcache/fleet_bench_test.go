package secretcache

// The fleet benchmarks of the cache's request budget, jitter and shared refreshes: each runs on
// fake time (a testing/synctest bubble, with the embedded server's in-process client), so its
// figures are exact, and beside the same run without the new behaviour ("before": no budget, no
// retry of a first load answered 429, and no jitter or the ±10% jitter of before). Run them with
//
//	go test ./secretsmanagerv2/secretcache -run '^$' -bench Fleet -benchtime 1x
//
// The figures are reported as metrics: 429s answered, reads failed, fake seconds to the last secret
// loaded, 429s answered after the first second, the requests of the busiest second, the mean per
// second and their ratio.
//
// Measured (fake time, the embedded server limited to 20 requests per second):
//
//	                                          before                          now
//	one cache, Prefetch of 300 secrets        280 of 300 reads failed (429),  0 failed, 0 429s, 15.7 s
//	  (ideal 15 s)                            280 429s
//	20 caches started at once, 15 secrets     280 failed, 280 429s,           0 failed, 15.8-16.1 s, 229-243 429s
//	  each (ideal 15 s)                       busiest second 300              (208-223 after the first second),
//	                                                                          busiest second 42-48 (runs vary
//	                                                                          with goroutine order)
//	the same 20 caches, one hour, 5-minute    300 / 1.0 (no jitter),          4 / 1.0
//	  TTL: busiest second / mean              12 / 0.95 (±10% jitter)

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// fleetFigures are what one run measured.
type fleetFigures struct {
	tooMany, tooManyAfter1s, failed int
	toLast                          time.Duration
	busiest                         int
	mean                            float64
}

func (f fleetFigures) report(b *testing.B, steady bool) {
	if steady {
		b.ReportMetric(float64(f.busiest), "busiest-second")
		b.ReportMetric(f.mean, "mean/s")
		b.ReportMetric(float64(f.busiest)/f.mean, "busiest/mean")
		return
	}
	b.ReportMetric(float64(f.tooMany), "429s")
	b.ReportMetric(float64(f.tooManyAfter1s), "429s-after-1s")
	b.ReportMetric(float64(f.failed), "failed-reads")
	b.ReportMetric(f.toLast.Seconds(), "s-to-last")
	b.ReportMetric(float64(f.busiest), "busiest-second")
}

// before makes a cache behave as before this work: no budget, no retry of a 429 on a first load,
// each key refreshing on its own, and the jitter of before (±jitter of the TTL, symmetric) when
// jitter > 0.
func before(jitter float64) Option {
	return func(c *config) {
		c.rate, c.retries429, c.noAliases = 0, 0, true
		c.jitter, c.symmetricJitter = jitter, jitter > 0
	}
}

// inBubble runs f in a synctest bubble, from a benchmark: synctest.Test needs a *testing.T.
func inBubble(b *testing.B, f func(t *testing.T)) {
	b.Helper()
	ok := testing.RunTests(func(_, _ string) (bool, error) { return true, nil },
		[]testing.InternalTest{{Name: b.Name(), F: func(t *testing.T) { synctest.Test(t, f) }}})
	if !ok {
		b.Fatal("the run in the bubble failed")
	}
}

// fleetStart starts caches caches at the same instant, each prefetching perCache secrets of its own,
// against one embedded server that answers 429 above 20 requests per second.
func fleetStart(t *testing.T, caches, perCache int, opts ...Option) fleetFigures {
	client, h := secretsmanagertest.NewInProcessClient(t)
	seeder := secretsmanagertest.NewSeeder(t, client)
	keys := make([][]Key, caches)
	for c := range caches {
		for i := range perCache {
			name := fmt.Sprintf("fleet-%02d-%03d", c, i)
			seeder.Arbitrary(name, "value-"+name)
			keys[c] = append(keys[c], ByName(sm.SecretTypeArbitrary, name))
		}
	}
	limit := h.InjectFault(secretsmanagertest.Fault{RateLimit: 20})
	start := time.Now()
	var mu sync.Mutex
	var fig fleetFigures
	var wg sync.WaitGroup
	for c := range caches {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cache := New(client.Clone(), opts...)
			defer cache.Close()
			err := cache.Prefetch(context.Background(), keys[c]...)
			mu.Lock()
			defer mu.Unlock()
			fig.toLast = max(fig.toLast, time.Since(start))
			var pe *PrefetchError
			if errors.As(err, &pe) {
				fig.failed += len(pe.Failures)
			} else if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	fig.tooMany = limit.Hits()
	for _, s := range limit.Seconds() {
		if s.Start.Sub(start) >= time.Second {
			fig.tooManyAfter1s += s.Limited
		}
	}
	fig.busiest = limit.BusiestSecond().Requests
	return fig
}

// fleetSteady starts 20 caches of 15 secrets each with a 5-minute TTL, reads every secret of each
// every second, and counts the requests the server sees in the hour that starts once every cache
// is loaded.
func fleetSteady(t *testing.T, opts ...Option) fleetFigures {
	const caches, perCache, hour = 20, 15, time.Hour
	client, h := secretsmanagertest.NewInProcessClient(t)
	seeder := secretsmanagertest.NewSeeder(t, client)
	keys := make([][]Key, caches)
	for c := range caches {
		for i := range perCache {
			name := fmt.Sprintf("steady-%02d-%03d", c, i)
			seeder.Arbitrary(name, "value-"+name)
			keys[c] = append(keys[c], ByName(sm.SecretTypeArbitrary, name))
		}
	}
	count := h.InjectFault(secretsmanagertest.Fault{RateLimit: 1 << 30}) // counts, never limits
	opts = append([]Option{WithTTL(5 * time.Minute)}, opts...)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var loaded sync.WaitGroup
	for c := range caches {
		wg.Add(1)
		loaded.Add(1)
		go func() {
			defer wg.Done()
			cache := New(client.Clone(), opts...)
			defer cache.Close()
			if err := cache.Prefetch(ctx, keys[c]...); err != nil {
				t.Error(err)
			}
			loaded.Done()
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
				for _, k := range keys[c] {
					if _, err := cache.Get(ctx, k); err != nil && ctx.Err() == nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	loaded.Wait()
	time.Sleep(time.Second) // the hour starts in the second after the last load
	from := time.Now()
	time.Sleep(hour)
	cancel()
	wg.Wait()
	var fig fleetFigures
	total := 0
	for _, s := range count.Seconds() {
		if at := s.Start.Sub(from); at >= 0 && at < hour {
			total += s.Requests
			fig.busiest = max(fig.busiest, s.Requests)
		}
	}
	fig.mean = float64(total) / hour.Seconds()
	return fig
}

// fleetRun is one variant of a fleet benchmark: the cache options it runs with.
type fleetRun struct {
	name string
	opts []Option
}

// benchFleet runs scenario once per iteration for each variant, in a synctest bubble, and reports
// the figures of the last iteration (steady: the busiest second against the mean).
func benchFleet(b *testing.B, runs []fleetRun, steady bool, scenario func(t *testing.T, opts ...Option) fleetFigures) {
	for _, run := range runs {
		b.Run(run.name, func(b *testing.B) {
			var fig fleetFigures
			for b.Loop() {
				inBubble(b, func(t *testing.T) { fig = scenario(t, run.opts...) })
			}
			fig.report(b, steady)
		})
	}
}

// startRuns compares the cache's request budget with the cache before it (10% jitter, no budget).
var startRuns = []fleetRun{{"budget", nil}, {"before", []Option{before(0.1)}}}

// BenchmarkFleetPrefetch300: one cache prefetching 300 secrets from a server limited to 20
// requests per second (ideal: 15 s).
func BenchmarkFleetPrefetch300(b *testing.B) {
	benchFleet(b, startRuns, false, func(t *testing.T, opts ...Option) fleetFigures { return fleetStart(t, 1, 300, opts...) })
}

// BenchmarkFleetStart20x15: 20 caches started at the same instant, 15 secrets each, one server
// limited to 20 requests per second (ideal: 15 s for the fleet).
func BenchmarkFleetStart20x15(b *testing.B) {
	benchFleet(b, startRuns, false, func(t *testing.T, opts ...Option) fleetFigures { return fleetStart(t, 20, 15, opts...) })
}

// BenchmarkFleetSteadyHour: the same 20 caches over one hour with a 5-minute TTL: the busiest
// second against the mean.
func BenchmarkFleetSteadyHour(b *testing.B) {
	benchFleet(b, []fleetRun{{"jitter", nil}, {"before-lockstep", []Option{before(0)}}, {"before-10pct", []Option{before(0.1)}}}, true, fleetSteady)
}
