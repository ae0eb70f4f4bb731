// Package secretcache keeps the secrets of a service in memory, read from IBM Cloud Secrets
// Manager at start-up and kept current while they rotate.
//
//	cache := secretcache.New(client, secretcache.WithTTL(5*time.Minute))
//	defer cache.Close()
//	db := secretcache.ByName(sm.SecretTypeUsernamePassword, "app-db") // in the default group
//	token := secretcache.ByName(sm.SecretTypeArbitrary, "api-token").InGroup("payments")
//	if err := cache.Prefetch(ctx, db); err != nil { ... } // fail fast at start-up
//	user, password, err := cache.UsernamePassword(ctx, db)
//	cfg, err := secretcache.Decode[Config](ctx, cache, secretcache.ByName(sm.SecretTypeKV, "app-config"))
//
// How it works:
//
//   - A secret is loaded on first use (or by Prefetch) and served from memory for at most its TTL
//     (WithTTL, DefaultTTL). Its first refresh comes at a time spread over that first TTL, and
//     each later one a TTL after the previous (WithJitter, DefaultJitter): a
//     fleet of caches started together spreads its refreshes instead of sending them in lockstep.
//     A cache hit takes no lock other than a read lock, makes no request and allocates nothing.
//   - The cache's requests keep within a budget: the client's rate limiter when it has one
//     (secretsmanagerv2's SetRateLimit), or else the cache's own, 19 requests per second
//     (WithRateLimit, DefaultRateLimit), below the 20 per second the API reference asks for. It
//     slows down on a 429 Too Many Requests and waits for the Retry-After the service gives.
//   - The keys of one secret (ByID and ByName keys of it) share its value and its refreshes: one
//     request for them all.
//   - When the TTL is over, the next read checks the secret's metadata (GetSecretMetadata, which
//     carries no secret value) and reads the value again (GetSecret) only when versions_total or
//     updated_at changed, that is when the secret was rotated or edited. Refresh forces a read.
//   - However many goroutines ask for the same key at once, one request is made (single-flight).
//     A load goes on while at least one caller waits for it; when every caller has given up
//     (its context ended), it is cancelled.
//   - When a refresh fails because of an outage (no answer, a 5xx, a 429), the last good value
//     keeps being served for a bounded time (WithStaleFor, DefaultStaleFor) and the failure is
//     reported to the hook of WithErrorHook; past the bound, the error is returned. After a failure
//     the cache waits a little (the Retry-After of a 429, or else a tenth of the TTL, between 1s
//     and 30s) before trying again, serving the stale value meanwhile. A first load answered 429
//     (nothing to serve yet) is tried again after the Retry-After, up to DefaultRetries429 times,
//     while a caller waits for it.
//   - When a refresh is answered that the secret is gone (404) or that access to it was revoked
//     (403, or any other 4xx but 429), the value stops being served at once: that read and the
//     following ones get the error (errors.Is(err, secretsmanagerv2.ErrNotFound) or ErrForbidden),
//     until the secret can be read again. (GetCertificateFunc, which never waits for a refresh,
//     serves the old certificate to the handshake that started the refresh.)
//   - Dynamic secrets (iam_credentials, service_credentials and custom_credentials with a lease: an expiration_date
//     or a ttl) are read again at two thirds of their remaining lifetime, when that comes before
//     the TTL, by a background goroutine (checking every second) as well as on read, and are never
//     served past their expiration, as the cache's clock tells it: not from memory, not stale, and
//     not when they arrive already expired (an error that matches ErrExpired, which says to check
//     the clock).
//   - The number of entries is bounded (WithMaxEntries, DefaultMaxEntries); the least recently
//     used entries are dropped first (CLOCK approximation of LRU).
//   - GetCertificateFunc serves a TLS certificate from the cache to a tls.Config and switches to
//     the new one after a rotation, without a restart: a handshake never waits for a refresh,
//     it is served the current certificate while the new one loads in the background.
//
// A Cache is safe for concurrent use. Close stops every load it started and its lease renewer, and
// waits for them. No
// error the cache returns or reports, and nothing it logs (it logs nothing), holds a secret value.
//
// The values the cache returns (the SecretIntf of Get, the *tls.Certificate of Certificate) are
// shared with other callers: do not modify them. KV and ServiceCredentials return copies.
//
// New takes any Client: the SDK's client, a client of the embedded server of secretsmanagertest,
// or a fake of your own for a unit test.
package secretcache

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/go-openapi/strfmt"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// Cache is an in-memory cache of secrets read from Secrets Manager. Create it with New and release
// it with Close. It is safe for concurrent use by many goroutines.
type Cache struct {
	client Client
	cfg    config
	clock  Clock
	sys    bool      // clock is the system clock: read the monotonic clock alone
	epoch  time.Time // instant 0

	entries sync.Map   // Key.l -> *entry; read without locks, written under mu
	mu      sync.Mutex // guards ring, hand and the writes to entries
	ring    []*entry   // the CLOCK ring: every entry
	hand    int

	closed     atomic.Bool
	closeMu    sync.Mutex // orders the start of loads (wg.Add) and Close (wg.Wait)
	isClosed   bool       // guarded by closeMu
	ctx        context.Context
	cancel     context.CancelFunc
	wg         sync.WaitGroup
	minRefresh time.Duration

	limiter *sm.RateLimiter // the cache's own budget, used when the client has no limiter; nil: none
	turn    chan struct{}   // one wait for limiter at a time

	phase  atomic.Uint64 // entries given a first refresh time so far
	phase0 float64       // the random phase of the first entry

	aliasMu sync.Mutex
	aliases map[string][]*entry // secret ID -> the entries serving it, under aliasMu
	flights map[string]*flight  // secret ID -> the refresh in flight, under aliasMu
}

// flight is one refresh of a secret, shared by every key of the secret that needs it at once.
type flight struct {
	done chan struct{}
	v    *value
	err  error
}

// entry is the cache slot of one key.
type entry struct {
	key Key
	val atomic.Pointer[value]
	ref atomic.Bool // CLOCK reference bit, set on use

	aliasID string // the secret ID it is listed under in Cache.aliases, under Cache.aliasMu

	mu   sync.Mutex
	call *call // the load in flight, if any
}

// call is one load in flight: its callers wait on done.
type call struct {
	done      chan struct{}
	val       *value
	err       error
	cancel    context.CancelFunc
	waiters   int  // callers waiting; guarded by entry.mu
	detached  bool // started in the background: not cancelled when callers leave
	abandoned bool // cancelled because every caller left; guarded by entry.mu
	force     bool // reads the value, whatever the metadata says
}

// payload is one loaded secret with what is derived from it. It is shared by the values that
// renew it without reading it again.
type payload struct {
	secret        sm.SecretIntf
	id            string
	secretType    string
	versionsTotal int64
	updatedAt     time.Time
	leaseEnd      time.Time // expiration of a dynamic secret; zero if none

	certOnce sync.Once
	cert     *tls.Certificate
	certErr  error
}

// value is what an entry serves: a payload and when to check it again. Values are immutable once
// published.
type value struct {
	p          *payload
	expiresAt  instant // served as is until then
	staleUntil instant // never served after this
	retryAt    instant // after a failed refresh, no new attempt before this
	leaseDue   bool    // expiresAt was set by the lease: read the value, not the metadata
}

// Client is what a Cache reads secrets with: the three calls it makes. A *secretsmanagerv2.SecretsManagerV2
// is one; a test can give New a fake instead (or a client of the embedded server of
// secretsmanagertest).
type Client interface {
	// GetSecretWithContext reads a secret with its value, by ID.
	GetSecretWithContext(ctx context.Context, options *sm.GetSecretOptions) (sm.SecretIntf, *core.DetailedResponse, error)
	// GetSecretMetadataWithContext reads a secret's metadata, by ID: how the cache sees that a
	// secret changed without reading its value.
	GetSecretMetadataWithContext(ctx context.Context, options *sm.GetSecretMetadataOptions) (sm.SecretMetadataIntf, *core.DetailedResponse, error)
	// GetSecretByNameTypeWithContext reads a secret with its value, by type, name and group.
	GetSecretByNameTypeWithContext(ctx context.Context, options *sm.GetSecretByNameTypeOptions) (sm.SecretIntf, *core.DetailedResponse, error)
}

var _ Client = (*sm.SecretsManagerV2)(nil)

// New returns a Cache that reads secrets with client (a *secretsmanagerv2.SecretsManagerV2, or any
// other Client), configured by opts. Call Close when done.
func New(client Client, opts ...Option) *Cache {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, sys := cfg.clock.(systemClock)
	c := &Cache{
		sys:        sys,
		client:     client,
		cfg:        cfg,
		clock:      cfg.clock,
		epoch:      cfg.clock.Now(),
		ctx:        ctx,
		cancel:     cancel,
		minRefresh: time.Second,
		aliases:    map[string][]*entry{},
		flights:    map[string]*flight{},
	}
	if cfg.rate > 0 {
		c.limiter = sm.NewRateLimiter(cfg.rate, cfg.burst)
		c.turn = make(chan struct{}, 1)
	}
	c.phase0 = rand.Float64()
	c.wg.Add(1)
	go c.renewLeases(cfg.leaseCheck)
	return c
}

// renewLeases runs until Close: it reloads, in the background, each dynamic secret whose lease is
// two thirds over, so that its credentials are renewed before they expire even when nobody reads
// them in between.
func (c *Cache) renewLeases(every time.Duration) {
	defer c.wg.Done()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	var due []*entry
	for {
		select {
		case <-c.ctx.Done():
			return
		case <-ticker.C:
		}
		now := c.now()
		due = due[:0]
		c.mu.Lock()
		for _, e := range c.ring {
			if v := e.val.Load(); v != nil && v.leaseDue && now >= v.expiresAt && now >= v.retryAt {
				due = append(due, e)
			}
		}
		c.mu.Unlock()
		for _, e := range due {
			c.startBackground(e, e.val.Load())
		}
	}
}

// Close stops the loads in flight, waits for them to end and makes every later call return
// ErrClosed. It is safe to call more than once.
func (c *Cache) Close() {
	c.closeMu.Lock()
	if c.isClosed {
		c.closeMu.Unlock()
		return
	}
	c.isClosed = true
	c.closed.Store(true)
	c.closeMu.Unlock()
	c.cancel()
	c.wg.Wait()
}

// Len returns the number of keys in the cache.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ring)
}

// Get returns the secret of key, with its value, typed as the SDK types it
// (*secretsmanagerv2.ArbitrarySecret, *secretsmanagerv2.KVSecret, ...). It is served from memory
// while fresh; otherwise it is loaded or refreshed first, as the package documentation describes.
// An error is a *KeyError that wraps the cause (errors.Is(err, secretsmanagerv2.ErrNotFound) works).
// The secret returned is shared: do not modify it.
func (c *Cache) Get(ctx context.Context, key Key) (sm.SecretIntf, error) {
	v, err := c.get(ctx, key, false)
	if err != nil {
		return nil, err
	}
	return v.p.secret, nil
}

// Refresh reads the secret of key again (GetSecret, whatever its metadata says) and caches it; it
// returns the error of the read. A value being served stays in place when the read fails by an
// outage, and is dropped when the secret is gone or access to it was revoked (see the package
// documentation).
func (c *Cache) Refresh(ctx context.Context, key Key) error {
	if err := c.check(key); err != nil {
		return err
	}
	e := c.lookup(key)
	if e == nil {
		e = c.insert(key)
	}
	_, err := c.load(ctx, e, nil, true)
	return err
}

// Invalidate drops key from the cache: the next read loads it again.
func (c *Cache) Invalidate(key Key) {
	c.mu.Lock()
	defer c.mu.Unlock()
	x, ok := c.entries.Load(key.l)
	if !ok {
		return
	}
	e := x.(*entry)
	c.entries.Delete(key.l)
	c.unlist(e)
	for i, r := range c.ring {
		if r == e {
			last := len(c.ring) - 1
			c.ring[i] = c.ring[last]
			c.ring[last] = nil
			c.ring = c.ring[:last]
			if c.hand >= len(c.ring) {
				c.hand = 0
			}
			break
		}
	}
}

func (c *Cache) check(key Key) error {
	if c.closed.Load() {
		return &KeyError{Key: key, Err: ErrClosed}
	}
	if key.IsZero() {
		return &KeyError{Key: key, Err: errors.New("zero Key: use ByID or ByName")}
	}
	if err := key.misuse(); err != nil {
		return &KeyError{Key: key, Err: err}
	}
	return nil
}

// get returns the value to serve for key. With async, an expired value that may still be served
// is returned at once and refreshed in the background.
func (c *Cache) get(ctx context.Context, key Key, async bool) (*value, error) {
	if c.closed.Load() {
		return nil, &KeyError{Key: key, Err: ErrClosed}
	}
	if x, ok := c.entries.Load(key.l); ok {
		e := x.(*entry)
		if v := e.val.Load(); v != nil {
			if c.now() < v.expiresAt {
				if !e.ref.Load() {
					e.ref.Store(true)
				}
				return v, nil
			}
			return c.expired(ctx, e, v, async)
		}
		return c.load(ctx, e, nil, false)
	}
	if err := c.check(key); err != nil {
		return nil, err
	}
	return c.load(ctx, c.insert(key), nil, false)
}

// expired handles a read of a value past its TTL.
func (c *Cache) expired(ctx context.Context, e *entry, v *value, async bool) (*value, error) {
	e.ref.Store(true)
	now := c.now()
	servable := now < v.staleUntil
	if servable && now < v.retryAt {
		return v, nil // backing off after a failed refresh
	}
	if async && servable {
		c.startBackground(e, v)
		return v, nil
	}
	nv, err := c.load(ctx, e, v, false)
	if err == nil {
		return nv, nil
	}
	if !revoked(err) && c.now() < v.staleUntil {
		return v, nil // an outage: the failure went to the error hook
	}
	return nil, err
}

// revoked reports whether a failed refresh says that the secret may no longer be served: the
// service answered that it is gone (404), that access to it was revoked (403) or another client
// error (4xx but 429). An outage (no answer, a 5xx, a 429) is not: the last value stays servable
// within the stale bound.
func revoked(err error) bool {
	if errors.Is(err, sm.ErrNotFound) || errors.Is(err, sm.ErrForbidden) {
		return true
	}
	var ae *sm.APIError
	if errors.As(err, &ae) {
		return ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != http.StatusTooManyRequests
	}
	return false
}

func (c *Cache) lookup(key Key) *entry {
	if x, ok := c.entries.Load(key.l); ok {
		return x.(*entry)
	}
	return nil
}

// insert returns the entry of key, adding it (and evicting another if full) when missing.
func (c *Cache) insert(key Key) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if x, ok := c.entries.Load(key.l); ok {
		return x.(*entry)
	}
	e := &entry{key: key}
	e.ref.Store(true)
	if len(c.ring) < c.cfg.maxEntries {
		c.ring = append(c.ring, e)
	} else {
		// CLOCK: clear reference bits until an entry not used since the last pass is found.
		for i := 0; ; i++ {
			victim := c.ring[c.hand]
			if victim.ref.Load() && i < 2*len(c.ring) {
				victim.ref.Store(false)
				c.hand = (c.hand + 1) % len(c.ring)
				continue
			}
			c.entries.Delete(victim.key.l)
			c.unlist(victim)
			c.ring[c.hand] = e
			c.hand = (c.hand + 1) % len(c.ring)
			break
		}
	}
	c.entries.Store(key.l, e)
	return e
}

// load starts a load of e, or joins the one in flight, and waits for it; seen is the value the
// caller found (nil if none), so that a load that ended meanwhile is not made again. With force, a
// load in flight that may stop at the metadata is waited for and a forced one started after it.
func (c *Cache) load(ctx context.Context, e *entry, seen *value, force bool) (*value, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	for attempt := 0; ; attempt++ {
		cl, joined, ready, err := c.start(e, seen, force, false)
		if err != nil || ready != nil {
			return ready, err
		}
		v, err := c.wait(ctx, e, cl)
		if force && joined && !cl.force && attempt < 3 && ctx.Err() == nil {
			continue
		}
		return v, err
	}
}

// startBackground starts a load of e that nobody waits for, unless one is in flight.
func (c *Cache) startBackground(e *entry, seen *value) {
	_, _, _, _ = c.start(e, seen, false, true)
}

// start joins the load of e in flight or starts one. When, unless forced, the entry holds a value
// that may be served and that the caller had not seen (a load ended since the caller looked),
// it returns that value as ready instead.
func (c *Cache) start(e *entry, seen *value, force, detached bool) (cl *call, joined bool, ready *value, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if cl := e.call; cl != nil && !cl.abandoned {
		if !detached {
			cl.waiters++
		}
		return cl, true, nil, nil
	}
	if cur := e.val.Load(); !force && cur != nil && cur != seen {
		now := c.now()
		if now < cur.expiresAt || (now < cur.retryAt && now < cur.staleUntil) {
			return nil, false, cur, nil
		}
	}
	c.closeMu.Lock()
	if c.isClosed {
		c.closeMu.Unlock()
		return nil, false, nil, &KeyError{Key: e.key, Err: ErrClosed}
	}
	c.wg.Add(1)
	c.closeMu.Unlock()
	ctx, cancel := context.WithCancel(c.ctx)
	cl = &call{done: make(chan struct{}), cancel: cancel, detached: detached, force: force}
	if !detached {
		cl.waiters = 1
	}
	e.call = cl
	go c.run(ctx, e, cl, e.val.Load(), force)
	return cl, false, nil, nil
}

// wait waits for cl to end, or for ctx to end; the last waiter to leave cancels the load.
func (c *Cache) wait(ctx context.Context, e *entry, cl *call) (*value, error) {
	select {
	case <-cl.done:
		return cl.val, cl.err
	case <-ctx.Done():
	}
	e.mu.Lock()
	cl.waiters--
	if cl.waiters <= 0 && !cl.detached {
		cl.abandoned = true // a later caller starts a new load
		cl.cancel()
	}
	e.mu.Unlock()
	select {
	case <-cl.done:
		return cl.val, cl.err
	default:
		return nil, &KeyError{Key: e.key, Err: ctx.Err()}
	}
}

// run performs one load and publishes its result.
func (c *Cache) run(ctx context.Context, e *entry, cl *call, old *value, force bool) {
	defer c.wg.Done()
	v, err := c.fetch(ctx, e.key, old, force)
	cancelled := ctx.Err() != nil
	cl.cancel()
	report := false
	if err != nil {
		if cancelled && c.closed.Load() {
			err = ErrClosed
		}
		err = &KeyError{Key: e.key, Err: err}
		// A load cancelled (by Close, or because every caller left) is no failure to report.
		report = !cancelled
		if report && old != nil {
			if revoked(err) {
				c.swap(e, old, nil) // gone or forbidden: never served again
			} else if now := c.now(); now < old.staleUntil {
				nv := *old
				nv.retryAt = now + instant(c.retryWait(err))
				c.swap(e, old, &nv)
			}
		}
	} else {
		e.val.Store(v)
		c.share(e, v)
	}
	e.mu.Lock()
	cl.val, cl.err = v, err
	if e.call == cl {
		e.call = nil
	}
	e.mu.Unlock()
	// The hook runs before the callers are released (so that they see it called), but after the
	// load left the entry, so that a hook reading the cache does not wait for itself.
	if report && c.cfg.errorHook != nil {
		c.cfg.errorHook(e.key, err)
	}
	close(cl.done)
}

// fetch reads the secret of key. A refresh (old is the value served) is shared with every other key
// of the same secret that needs one at the same time: one request for them all. A first load
// answered 429 Too Many Requests is tried again after the wait the service asked for.
func (c *Cache) fetch(ctx context.Context, key Key, old *value, force bool) (*value, error) {
	if old == nil {
		return c.fetchRetrying(ctx, key)
	}
	if force || c.cfg.noAliases {
		return c.fetchOnce(ctx, key, old, force)
	}
	id := old.p.id
	c.aliasMu.Lock()
	if f, ok := c.flights[id]; ok {
		c.aliasMu.Unlock()
		select {
		case <-f.done:
			if f.err == nil || !errors.Is(f.err, context.Canceled) || ctx.Err() != nil {
				return f.v, f.err
			}
			// The refresh joined was given up by its own callers: make one for this key.
			return c.fetchOnce(ctx, key, old, false)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	c.flights[id] = f
	c.aliasMu.Unlock()
	f.v, f.err = c.fetchOnce(ctx, key, old, false)
	c.aliasMu.Lock()
	delete(c.flights, id)
	c.aliasMu.Unlock()
	close(f.done)
	return f.v, f.err
}

// fetchRetrying makes the first load of key, trying again (at most retries429 times) after a 429
// answer, once the wait the service asked for (Retry-After, or a second) has passed. A wait that
// would end after the deadline of ctx is not started.
func (c *Cache) fetchRetrying(ctx context.Context, key Key) (*value, error) {
	for attempt := 0; ; attempt++ {
		v, err := c.fetchOnce(ctx, key, nil, false)
		var ae *sm.APIError
		if err == nil || attempt >= c.cfg.retries429 || !errors.As(err, &ae) || ae.StatusCode != http.StatusTooManyRequests {
			return v, err
		}
		wait := ae.RetryAfter
		if wait <= 0 {
			wait = time.Second
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return nil, err
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, err
		}
	}
}

// budget returns the limiter the cache's requests wait for themselves: the cache's own, unless the
// client has a rate limiter, which its requests already go through.
func (c *Cache) budget() *sm.RateLimiter {
	if l, ok := c.client.(interface{ GetRateLimiter() *sm.RateLimiter }); ok && l.GetRateLimiter() != nil {
		return nil
	}
	return c.limiter
}

// request makes one request of the cache within its budget, and tells the budget how it was
// answered.
func (c *Cache) request(ctx context.Context, do func() error) error {
	l := c.budget()
	if l != nil {
		// One wait at a time: the slots are taken one after the other, each at the rate in force
		// when its turn comes, so that a 429 slows down the requests that follow at once.
		select {
		case c.turn <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		err := l.Wait(ctx)
		<-c.turn
		if err != nil {
			return err
		}
	}
	err := do()
	if l != nil {
		var ae *sm.APIError
		switch {
		case err == nil:
			l.Observe(http.StatusOK, 0)
		case errors.As(err, &ae):
			l.Observe(ae.StatusCode, ae.RetryAfter)
		}
	}
	return err
}

// retryWait is how long a stale value is served after a refresh failed with err before the next
// attempt: the wait a 429 asked for, or the back-off.
func (c *Cache) retryWait(err error) time.Duration {
	var ae *sm.APIError
	if errors.As(err, &ae) && ae.StatusCode == http.StatusTooManyRequests && ae.RetryAfter > 0 {
		return ae.RetryAfter
	}
	return c.backoff()
}

// share lists e under the secret v serves and gives v to the other keys of that secret, so that
// they refresh together, with one request.
func (c *Cache) share(e *entry, v *value) {
	if c.cfg.noAliases {
		return
	}
	id := v.p.id
	if id == "" {
		return
	}
	c.aliasMu.Lock()
	defer c.aliasMu.Unlock()
	if e.aliasID != id {
		c.unlistLocked(e)
		e.aliasID = id
		c.aliases[id] = append(c.aliases[id], e)
	}
	for _, a := range c.aliases[id] {
		if a == e {
			continue
		}
		if cur := a.val.Load(); cur != nil && cur != v && cur.p.id == id {
			a.val.CompareAndSwap(cur, v)
		}
	}
}

// swap replaces old by nv (nil: nothing to serve) in e and in the other keys of the same secret
// that serve old.
func (c *Cache) swap(e *entry, old, nv *value) {
	e.val.CompareAndSwap(old, nv)
	c.aliasMu.Lock()
	defer c.aliasMu.Unlock()
	for _, a := range c.aliases[old.p.id] {
		if a != e {
			a.val.CompareAndSwap(old, nv)
		}
	}
}

// unlistLocked removes e from the aliases of its secret. c.aliasMu is held.
func (c *Cache) unlistLocked(e *entry) {
	if e.aliasID == "" {
		return
	}
	list := c.aliases[e.aliasID]
	for i, a := range list {
		if a == e {
			list[i] = list[len(list)-1]
			list[len(list)-1] = nil
			list = list[:len(list)-1]
			break
		}
	}
	if len(list) == 0 {
		delete(c.aliases, e.aliasID)
	} else {
		c.aliases[e.aliasID] = list
	}
	e.aliasID = ""
}

// unlist removes e from the aliases of its secret.
func (c *Cache) unlist(e *entry) {
	c.aliasMu.Lock()
	c.unlistLocked(e)
	c.aliasMu.Unlock()
}

// fetchOnce reads the secret of key: when a value is cached and not forced, its metadata first, and
// the value only when it changed.
func (c *Cache) fetchOnce(ctx context.Context, key Key, old *value, force bool) (*value, error) {
	id := key.id
	if id == "" && old != nil {
		id = old.p.id
	}
	if old != nil && !force && !old.leaseDue && id != "" {
		var md sm.SecretMetadataIntf
		err := c.request(ctx, func() (err error) {
			md, _, err = c.client.GetSecretMetadataWithContext(ctx, &sm.GetSecretMetadataOptions{ID: &id})
			return err
		})
		switch {
		case err == nil:
			mc := md.Common()
			if mc.VersionsTotal == old.p.versionsTotal && timeEqual(mc.UpdatedAt, old.p.updatedAt) && !old.p.leaseOver(c.clock.Now()) {
				return c.newValue(old.p, false), nil
			}
		case key.id == "" && errors.Is(err, sm.ErrNotFound):
			id = "" // the secret of that name is gone: look the name up again
		default:
			return nil, err
		}
	}
	var s sm.SecretIntf
	var err error
	if id != "" {
		err = c.request(ctx, func() (err error) {
			s, _, err = c.client.GetSecretWithContext(ctx, &sm.GetSecretOptions{ID: &id})
			return err
		})
		if err != nil && key.id == "" && errors.Is(err, sm.ErrNotFound) {
			id = ""
		}
	}
	if id == "" {
		err = c.request(ctx, func() (err error) {
			s, _, err = c.client.GetSecretByNameTypeWithContext(ctx, &sm.GetSecretByNameTypeOptions{
				SecretGroupName: &key.group, SecretType: key.typ.Ptr(), Name: &key.name})
			return err
		})
	}
	if err != nil {
		return nil, misnamed(key, err)
	}
	if s == nil {
		return nil, errors.New("empty answer")
	}
	now := c.clock.Now()
	p := newPayload(s, now)
	if p.leaseOver(now) {
		// Never served past its expiration, not even once: the clock of this process is ahead of
		// the service's, or the service gave credentials at the end of their lease.
		return nil, fmt.Errorf("%w: the credentials read expire at %s, not after the cache's clock (%s); check the clock",
			ErrExpired, p.leaseEnd.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return c.newValue(p, old == nil), nil
}

// leaseOver reports whether p holds dynamic credentials whose lease has ended at now.
func (p *payload) leaseOver(now time.Time) bool {
	return !p.leaseEnd.IsZero() && !p.leaseEnd.After(now)
}

// newPayload wraps a secret read at now.
func newPayload(s sm.SecretIntf, now time.Time) *payload {
	sc := s.Common()
	p := &payload{secret: s, id: sc.ID, secretType: sc.SecretType, versionsTotal: sc.VersionsTotal}
	if sc.UpdatedAt != nil {
		p.updatedAt = time.Time(*sc.UpdatedAt)
	}
	p.leaseEnd = leaseEnd(s, sc, now)
	return p
}

// newValue returns a value serving p from now on: fresh for the TTL, or until two thirds of the
// remaining lease of a dynamic secret when that comes first. The first value of an entry (first)
// is fresh for a part of the TTL, as WithJitter says, so that caches started together spread their
// refreshes; later ones keep that phase, a TTL apart.
func (c *Cache) newValue(p *payload, first bool) *value {
	nowT := c.clock.Now()
	now := c.at(nowT)
	ttl := c.cfg.ttl
	if j := c.cfg.jitter; j > 0 && c.cfg.symmetricJitter {
		ttl = time.Duration(float64(ttl) * (1 + j*(2*rand.Float64()-1)))
	} else if j > 0 && first {
		ttl = max(time.Duration(float64(ttl)*(1-j*c.nextPhase())), min(c.minRefresh, ttl))
	}
	v := &value{p: p, expiresAt: now + instant(ttl)}
	v.staleUntil = v.expiresAt + instant(c.cfg.staleFor)
	if !p.leaseEnd.IsZero() {
		remaining := max(p.leaseEnd.Sub(nowT), 0)
		// Read again at two thirds of the lease (not more often than minRefresh), and never serve
		// past its end: when little of it remains, the end comes before minRefresh.
		refresh := min(max(remaining*2/3, c.minRefresh), remaining)
		if at := now + instant(refresh); at < v.expiresAt {
			v.expiresAt = at
			v.leaseDue = true
		}
		// Never served past the lease, even stale.
		v.staleUntil = min(v.expiresAt+instant(c.cfg.staleFor), now+instant(remaining))
	}
	return v
}

// nextPhase returns where, as a fraction of the jitter in [0, 1), the next entry's first refresh
// falls: the phases of a cache's entries follow the golden-ratio sequence from a random start, so
// that they spread evenly over the TTL however many there are, and the caches of a fleet, each
// from its own start, do not line up.
func (c *Cache) nextPhase() float64 {
	const goldenRatio = 0.6180339887498949
	_, f := math.Modf(c.phase0 + float64(c.phase.Add(1))*goldenRatio)
	return f
}

// instant is a point in time of a Cache: nanoseconds since the cache was made.
type instant int64

// now returns the current instant. With the system clock it reads the monotonic clock alone
// (time.Since), which costs half of time.Now.
func (c *Cache) now() instant {
	if c.sys {
		return instant(time.Since(c.epoch))
	}
	return instant(c.clock.Now().Sub(c.epoch))
}

// at returns the instant of t, a time read from the cache's clock.
func (c *Cache) at(t time.Time) instant { return instant(t.Sub(c.epoch)) }

// backoff is how long a stale value is served after a failed refresh before the next attempt.
func (c *Cache) backoff() time.Duration {
	return min(max(c.cfg.ttl/10, time.Second), 30*time.Second)
}

func timeEqual(a *strfmt.DateTime, b time.Time) bool {
	if a == nil {
		return b.IsZero()
	}
	return time.Time(*a).Equal(b)
}
