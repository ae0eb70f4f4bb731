package secretcache

import "time"

// Defaults of the options of New.
const (
	// DefaultTTL is how long a loaded secret is served before the cache checks it again (WithTTL).
	DefaultTTL = 5 * time.Minute
	// DefaultJitter is the fraction by which each entry's TTL is varied at random, up or down, so
	// that a fleet of processes does not refresh in lockstep (WithJitter): ±10%.
	DefaultJitter = 0.1
	// DefaultMaxEntries bounds the number of cached secrets (WithMaxEntries).
	DefaultMaxEntries = 1000
	// DefaultStaleFor is how long past its refresh time a secret keeps being served while it cannot
	// be refreshed (WithStaleFor).
	DefaultStaleFor = 30 * time.Minute
	// DefaultConcurrency bounds the loads Prefetch runs at once (WithConcurrency).
	DefaultConcurrency = 16
)

// Clock tells the time to a Cache. The default is the system clock.
//
// To test code that uses a Cache without waiting, run it in a testing/synctest bubble with a client
// from secretsmanagertest.NewInProcessClient: time is fake there, for the cache's entries and for its
// background renewal of leases alike, and no Clock is needed. A fake Clock (WithClock) remains for
// tests that cannot run in a bubble, such as those using a real network connection: entries
// expire as it says, and the background renewal, which wakes on real time, acts on its time at its
// next check.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
}

type systemClock struct{}

// Now returns the system time.
func (systemClock) Now() time.Time { return time.Now() }

// Option configures a Cache; pass options to New.
type Option func(*config)

type config struct {
	ttl         time.Duration
	jitter      float64
	maxEntries  int
	staleFor    time.Duration
	concurrency int
	errorHook   func(Key, error)
	clock       Clock
	leaseCheck  time.Duration // how often dynamic secrets are checked for renewal
}

func defaultConfig() config {
	return config{
		ttl:         DefaultTTL,
		jitter:      DefaultJitter,
		maxEntries:  DefaultMaxEntries,
		staleFor:    DefaultStaleFor,
		concurrency: DefaultConcurrency,
		clock:       systemClock{},
		leaseCheck:  time.Second,
	}
}

// WithTTL sets how long a loaded secret is served from memory before the cache checks whether it
// changed (default DefaultTTL). The check reads the secret's metadata, and its value only when a
// new version exists. A TTL of 0 or less keeps the default.
func WithTTL(ttl time.Duration) Option {
	return func(c *config) {
		if ttl > 0 {
			c.ttl = ttl
		}
	}
}

// WithJitter sets the fraction by which each entry's TTL is varied at random, up or down (default
// DefaultJitter, ±10%). 0 disables jitter; values are clamped to [0, 0.5].
func WithJitter(fraction float64) Option {
	return func(c *config) {
		c.jitter = min(max(fraction, 0), 0.5)
	}
}

// WithMaxEntries bounds the number of cached secrets (default DefaultMaxEntries). When a new key
// would exceed it, the least recently used entry (approximately: the cache uses the CLOCK
// algorithm) is dropped. Values less than 1 keep the default.
func WithMaxEntries(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxEntries = n
		}
	}
}

// WithStaleFor sets how long past its refresh time a secret keeps being served when it cannot be
// refreshed, for example while Secrets Manager is unreachable (default DefaultStaleFor): only an
// outage (no answer, a 5xx, a 429) serves a stale value; a secret answered as gone (404) or
// forbidden (403, another 4xx) stops being served at once. Every failed refresh is reported to the
// hook of WithErrorHook. Past the bound, the error is returned instead. A dynamic secret (iam_credentials with an expiration date) is never served past its
// expiration, whatever the bound. 0 disables serving stale values; negative values keep the default.
func WithStaleFor(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.staleFor = d
		}
	}
}

// WithConcurrency bounds how many secrets Prefetch loads at once (default DefaultConcurrency).
// Values less than 1 keep the default.
func WithConcurrency(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.concurrency = n
		}
	}
}

// WithErrorHook sets a function called with the key and the error of every failed load or
// refresh, including those hidden from callers because a stale value was served. The error never
// holds a secret value. The hook is called from the goroutine that ran the load and should return
// quickly.
func WithErrorHook(hook func(key Key, err error)) Option {
	return func(c *config) { c.errorHook = hook }
}

// WithClock sets the clock the cache reads the time from (default: the system clock). Tests that
// cannot use testing/synctest use it to expire entries without waiting (see Clock).
func WithClock(clock Clock) Option {
	return func(c *config) {
		if clock != nil {
			c.clock = clock
		}
	}
}
