package secretcache

import "time"

// Defaults of the options of New.
const (
	// DefaultTTL is how long a loaded secret is served before the cache checks it again (WithTTL).
	DefaultTTL = 5 * time.Minute
	// DefaultJitter spreads the refreshes of caches started together (WithJitter): the first
	// refresh of an entry comes at a time spread over its first TTL (not before a second), and each
	// later one a TTL after the previous.
	DefaultJitter = 1.0
	// DefaultMaxEntries bounds the number of cached secrets (WithMaxEntries).
	DefaultMaxEntries = 1000
	// DefaultStaleFor is how long past its refresh time a secret keeps being served while it cannot
	// be refreshed (WithStaleFor).
	DefaultStaleFor = 30 * time.Minute
	// DefaultConcurrency bounds the loads Prefetch runs at once (WithConcurrency).
	DefaultConcurrency = 16
	// DefaultRateLimit is the budget, in requests per second, of the cache's own requests when its
	// client has no rate limiter (WithRateLimit): below the 20 requests per second per instance
	// that the API reference asks clients to keep under.
	DefaultRateLimit = 19
	// DefaultRateBurst is how many requests of the cache may go at once, within DefaultRateLimit,
	// after a quiet time (WithRateLimit).
	DefaultRateBurst = 1
	// DefaultRetries429 is how many times a first load answered 429 Too Many Requests is tried
	// again, after the wait the service asked for (Retry-After), within the caller's context.
	DefaultRetries429 = 8
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
	rate        float64       // the cache's own budget, requests per second; 0: none
	burst       int
	retries429  int  // retries of a first load answered 429
	noAliases   bool // every key refreshes on its own (the behaviour before; for benchmarks)
	// symmetricJitter varies every TTL by ±jitter, as before (for benchmarks).
	symmetricJitter bool
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
		rate:        DefaultRateLimit,
		burst:       DefaultRateBurst,
		retries429:  DefaultRetries429,
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

// WithJitter sets how the refreshes of the entries are spread in time, so that caches started
// together (a fleet restarted at once) do not refresh in lockstep: the first refresh of an entry
// comes between (1-fraction)·TTL and TTL after it was loaded (not before a second), and each later
// one a TTL after the previous, so that the entries keep their spread. The entries of one cache are
// spread evenly over that span (a golden-ratio sequence), from a random start of the cache's own. An
// entry is never served longer than the TTL before it is checked. The default, DefaultJitter (1),
// spreads first refreshes over the whole TTL; 0 disables jitter; values are clamped to [0, 1].
func WithJitter(fraction float64) Option {
	return func(c *config) {
		c.jitter = min(max(fraction, 0), 1)
	}
}

// WithRateLimit sets the budget of the cache's own requests (loads, Prefetch, refreshes) when its
// client has no rate limiter: at most requestsPerSecond, with bursts of burst requests after a
// quiet time (default DefaultRateLimit, 19 per second, and DefaultRateBurst). When the client has
// one (secretsmanagerv2's SetRateLimiter or SetRateLimit), the cache's requests go through the
// client's limiter instead, and this budget is not used. The budget adapts as the client's does: a
// 429 Too Many Requests answer halves it and holds the cache's requests back for the Retry-After
// the service gave; good answers bring it back. A requestsPerSecond of 0 or less turns the budget
// off.
func WithRateLimit(requestsPerSecond float64, burst int) Option {
	return func(c *config) {
		c.rate, c.burst = max(requestsPerSecond, 0), burst
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
