package secretcache_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func TestSingleFlightColdKey(t *testing.T) {
	e := newEnv(t)
	id := e.arbitrary("cold", "cold-payload-value")
	byName := secretcache.ByName(sm.SecretTypeArbitrary, "cold")
	c := secretcache.New(e.client)
	defer c.Close()

	for _, key := range []secretcache.Key{secretcache.ByID(id), byName} {
		e.count.reset()
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, 1000)
		for range 1000 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				p, err := c.Payload(context.Background(), key)
				if err == nil && p != "cold-payload-value" {
					err = fmt.Errorf("wrong payload")
				}
				if err != nil {
					errs <- err
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		require.EqualValues(t, 1, e.count.getSecret.Load()+e.count.byName.Load(), "key %s", key)
		require.Zero(t, e.count.metadata.Load())
	}
	require.EqualValues(t, 1, e.count.byName.Load(), "the name key is read by name")
}

func TestTypedHelpers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	arbID := e.arbitrary("arb", "arbitrary-secret-value")
	kvID := e.create(&sm.KVSecretPrototype{SecretType: core.StringPtr("kv"), Name: core.StringPtr("kv"),
		Data: map[string]interface{}{"token": "kv-secret-value", "nested": map[string]interface{}{"a": "b"}}}).Common().ID
	up := e.create(&sm.UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: core.StringPtr("db"),
		Username: core.StringPtr("app"), Password: core.StringPtr("up-secret-password")}).(*sm.UsernamePasswordSecret)
	iam := e.create(&sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"), Name: core.StringPtr("iam"),
		TTL: core.StringPtr("1h"), AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: core.BoolPtr(true)}).(*sm.IAMCredentialsSecret)
	svc := e.create(&sm.ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"), Name: core.StringPtr("svc"),
		SourceService: &sm.ServiceCredentialsSecretSourceService{Instance: &sm.ServiceCredentialsSourceServiceInstance{
			Crn: core.StringPtr("crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::")}}}).(*sm.ServiceCredentialsSecret)
	certPEM, keyPEM := selfSignedCert(t, "imported.example.com")
	icID := e.create(&sm.ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"), Name: core.StringPtr("ic"),
		Certificate: core.StringPtr(certPEM), PrivateKey: core.StringPtr(keyPEM)}).Common().ID
	icNoKeyID := e.create(&sm.ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"), Name: core.StringPtr("ic-nokey"),
		Certificate: core.StringPtr(certPEM)}).Common().ID
	pc := e.privateCert("pc", "www.example.com")

	c := secretcache.New(e.client)
	defer c.Close()

	p, err := c.Payload(ctx, secretcache.ByID(arbID))
	require.NoError(t, err)
	require.Equal(t, "arbitrary-secret-value", p)

	kv, err := c.KV(ctx, secretcache.ByName(sm.SecretTypeKV, "kv"))
	require.NoError(t, err)
	require.Equal(t, "kv-secret-value", kv["token"])
	kv["nested"].(map[string]interface{})["a"] = "changed" // a copy: the cache is not changed
	kv2, err := c.KV(ctx, secretcache.ByID(kvID))
	require.NoError(t, err)
	require.Equal(t, "b", kv2["nested"].(map[string]interface{})["a"])

	u, pw, err := c.UsernamePassword(ctx, secretcache.ByID(*up.ID))
	require.NoError(t, err)
	require.Equal(t, "app", u)
	require.Equal(t, "up-secret-password", pw)

	apiKey, err := c.IAMCredentials(ctx, secretcache.ByID(*iam.ID))
	require.NoError(t, err)
	require.Equal(t, *iam.ApiKey, apiKey)

	creds, err := c.ServiceCredentials(ctx, secretcache.ByID(*svc.ID))
	require.NoError(t, err)
	require.Equal(t, *svc.Credentials.Apikey, *creds.Apikey)

	ic, err := c.Certificate(ctx, secretcache.ByID(icID))
	require.NoError(t, err)
	require.Equal(t, "imported.example.com", ic.Leaf.Subject.CommonName)
	require.Len(t, ic.Certificate, 1, "a self-signed certificate has no chain to send")

	cert, err := c.Certificate(ctx, secretcache.ByID(*pc.ID))
	require.NoError(t, err)
	require.Equal(t, "www.example.com", cert.Leaf.Subject.CommonName)
	require.Len(t, cert.Certificate, 2, "leaf and intermediate, without the root")
	require.Equal(t, *pc.SerialNumber, serialHex(cert.Leaf.SerialNumber.Bytes()))

	// Helpers on the wrong type, and values that are missing.
	secrets := []string{"arbitrary-secret-value", "kv-secret-value", "up-secret-password", apiKey, *creds.Apikey, keyPEM, *pc.PrivateKey}
	wrong := []error{}
	_, err = c.Payload(ctx, secretcache.ByID(kvID))
	wrong = append(wrong, err)
	_, err = c.KV(ctx, secretcache.ByID(arbID))
	wrong = append(wrong, err)
	_, _, err = c.UsernamePassword(ctx, secretcache.ByID(*iam.ID))
	wrong = append(wrong, err)
	_, err = c.IAMCredentials(ctx, secretcache.ByID(*up.ID))
	wrong = append(wrong, err)
	_, err = c.ServiceCredentials(ctx, secretcache.ByID(arbID))
	wrong = append(wrong, err)
	_, err = c.Certificate(ctx, secretcache.ByID(*up.ID))
	wrong = append(wrong, err)
	for _, err := range wrong {
		require.ErrorIs(t, err, secretcache.ErrWrongType)
		var ke *secretcache.KeyError
		require.ErrorAs(t, err, &ke)
		require.Contains(t, err.Error(), "is of type")
		requireNoSecret(t, err, secrets...)
	}
	require.EqualError(t, wrong[0], "secretcache: id:"+kvID+": secretsmanagerv2: wrong secret type: secret is of type kv, not arbitrary")

	_, err = c.Certificate(ctx, secretcache.ByID(icNoKeyID))
	require.ErrorIs(t, err, secretcache.ErrNoValue)
	requireNoSecret(t, err, secrets...)

	_, err = c.Payload(ctx, secretcache.ByID("9b3c1e2a-0000-4000-8000-000000000000"))
	require.ErrorIs(t, err, sm.ErrNotFound)
	requireNoSecret(t, err, secrets...)

	_, err = c.Get(ctx, secretcache.Key{})
	require.Error(t, err)
}

func serialHex(b []byte) string {
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 3*len(b))
	for i, x := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, hex[x>>4], hex[x&15])
	}
	return string(out)
}

func TestRotationVisibleAfterTTL(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.arbitrary("rotating", "version-one")
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithTTL(5*time.Minute), secretcache.WithJitter(0.1), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByID(id)

	p, err := c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "version-one", p)
	e.count.reset()

	e.rotateArbitrary(id, "version-two")
	clock.Advance(4 * time.Minute) // within the first TTL less its jitter (4m30s at least)
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "version-one", p, "the rotation must not be seen before the TTL")
	require.Zero(t, e.count.getSecret.Load()+e.count.metadata.Load(), "a hit makes no request")

	clock.Advance(2 * time.Minute) // past the TTL (never longer)
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "version-two", p, "the rotation must be seen after the TTL")
	require.EqualValues(t, 1, e.count.metadata.Load())
	require.EqualValues(t, 1, e.count.getSecret.Load())

	// No change: only the metadata is read.
	e.count.reset()
	clock.Advance(6 * time.Minute)
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "version-two", p)
	require.EqualValues(t, 1, e.count.metadata.Load())
	require.Zero(t, e.count.getSecret.Load(), "an unchanged secret is not read again")

	// Refresh forces a read.
	e.rotateArbitrary(id, "version-three")
	require.NoError(t, c.Refresh(ctx, key))
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "version-three", p)
	require.EqualValues(t, 1, e.count.getSecret.Load())
}

func TestByNameUsesIDAfterFirstLoad(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.arbitrary("named", "named-one")
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithTTL(time.Minute), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByName(sm.SecretTypeArbitrary, "named")

	p, err := c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "named-one", p)
	e.rotateArbitrary(id, "named-two")
	clock.Advance(2 * time.Minute)
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "named-two", p)
	require.EqualValues(t, 1, e.count.byName.Load())
	require.EqualValues(t, 1, e.count.metadata.Load())
	require.EqualValues(t, 1, e.count.getSecret.Load())

	// The secret is deleted and made again under the same name: the name is looked up again.
	_, err = e.client.DeleteSecret(e.client.NewDeleteSecretOptions(id))
	require.NoError(t, err)
	e.arbitrary("named", "named-new")
	clock.Advance(2 * time.Minute)
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "named-new", p)
	require.EqualValues(t, 2, e.count.byName.Load())
}

func TestStaleWhileServerDown(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.arbitrary("stale", "stale-secret-value")
	clock := newFakeClock()
	var mu sync.Mutex
	var hooked []error
	c := secretcache.New(e.client,
		secretcache.WithTTL(5*time.Minute), secretcache.WithJitter(0), secretcache.WithStaleFor(10*time.Minute),
		secretcache.WithClock(clock),
		secretcache.WithErrorHook(func(k secretcache.Key, err error) {
			mu.Lock()
			defer mu.Unlock()
			require.Equal(t, secretcache.ByID(id), k)
			hooked = append(hooked, err)
		}))
	defer c.Close()
	key := secretcache.ByID(id)
	p, err := c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "stale-secret-value", p)

	e.srv.Close() // Secrets Manager is gone

	clock.Advance(6 * time.Minute) // expired, within the stale bound (15m)
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "stale-secret-value", p, "the last good value is served")
	mu.Lock()
	require.Len(t, hooked, 1, "the failed refresh is reported")
	mu.Unlock()

	p, err = c.Payload(ctx, key) // within the retry backoff: no new attempt
	require.NoError(t, err)
	require.Equal(t, "stale-secret-value", p)
	mu.Lock()
	require.Len(t, hooked, 1)
	mu.Unlock()

	clock.Advance(8*time.Minute + 59*time.Second) // 14m59s: still within the bound
	p, err = c.Payload(ctx, key)
	require.NoError(t, err)
	require.Equal(t, "stale-secret-value", p)

	clock.Advance(2 * time.Second) // 15m01s: past the bound
	_, err = c.Payload(ctx, key)
	require.Error(t, err)
	var ke *secretcache.KeyError
	require.ErrorAs(t, err, &ke)
	require.Equal(t, key, ke.Key)
	requireNoSecret(t, err, "stale-secret-value")
	mu.Lock()
	require.GreaterOrEqual(t, len(hooked), 3)
	for _, h := range hooked {
		requireNoSecret(t, h, "stale-secret-value")
	}
	mu.Unlock()

	_, err = c.Payload(ctx, key) // and again: never served past the bound
	require.Error(t, err)
}

func TestNoStaleWhenDisabled(t *testing.T) {
	e := newEnv(t)
	id := e.arbitrary("nostale", "x-value")
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithStaleFor(0), secretcache.WithClock(clock))
	defer c.Close()
	_, err := c.Get(context.Background(), secretcache.ByID(id))
	require.NoError(t, err)
	e.srv.Close()
	clock.Advance(secretcache.DefaultTTL * 2)
	_, err = c.Get(context.Background(), secretcache.ByID(id))
	require.Error(t, err)
}

func TestPrefetch500(t *testing.T) {
	e := newEnv(t)
	keys := make([]secretcache.Key, 0, 500)
	for i := range 500 {
		keys = append(keys, secretcache.ByID(e.arbitrary(fmt.Sprintf("s-%03d", i), fmt.Sprintf("value-%03d", i))))
	}
	e.count.reset()
	e.count.delay.Store(int64(2 * time.Millisecond))                                                 // so that loads overlap
	c := secretcache.New(e.client, secretcache.WithConcurrency(16), secretcache.WithRateLimit(0, 0)) // the budget is tested on fake time
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	require.NoError(t, c.Prefetch(ctx, append(keys, keys[:50]...)...))
	t.Logf("prefetch of 500 secrets: %v, %d GetSecret, at most %d at once", time.Since(start), e.count.getSecret.Load(), e.count.maxInFlight.Load())
	require.LessOrEqual(t, e.count.getSecret.Load(), int64(500))
	require.LessOrEqual(t, e.count.maxInFlight.Load(), int64(16))
	require.Equal(t, 500, c.Len())

	e.count.reset()
	for i, k := range keys {
		p, err := c.Payload(ctx, k)
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("value-%03d", i), p)
	}
	require.Zero(t, e.count.getSecret.Load(), "every prefetched secret is served from memory")
	require.NoError(t, c.Prefetch(ctx, keys...))
	require.Zero(t, e.count.getSecret.Load())
}

func TestPrefetchErrors(t *testing.T) {
	e := newEnv(t)
	ok := secretcache.ByID(e.arbitrary("present", "present-secret-value"))
	missingID := secretcache.ByID("0a9ad2c5-1111-4222-8333-444444444444")
	missingName := secretcache.ByName(sm.SecretTypeKV, "absent")
	c := secretcache.New(e.client)
	defer c.Close()
	err := c.Prefetch(context.Background(), ok, missingID, missingName)
	require.Error(t, err)
	var pe *secretcache.PrefetchError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, 3, pe.Total)
	require.Len(t, pe.Failures, 2)
	require.Equal(t, missingID, pe.Failures[0].Key)
	require.Equal(t, missingName, pe.Failures[1].Key)
	require.ErrorIs(t, err, sm.ErrNotFound)
	var apiErr *sm.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Contains(t, err.Error(), "2 of 3 secrets failed")
	require.Contains(t, err.Error(), missingID.String())
	require.Contains(t, err.Error(), missingName.String())
	require.NotContains(t, err.Error(), ok.String())
	requireNoSecret(t, err, "present-secret-value")

	p, err := c.Payload(context.Background(), ok)
	require.NoError(t, err)
	require.Equal(t, "present-secret-value", p)
}

func TestPrefetchDeadline(t *testing.T) {
	e := newEnv(t)
	keys := []secretcache.Key{}
	for i := range 40 {
		keys = append(keys, secretcache.ByID(e.arbitrary(fmt.Sprintf("slow-%d", i), "slow-value")))
	}
	e.count.delay.Store(int64(time.Second))
	c := secretcache.New(e.client, secretcache.WithConcurrency(4))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Prefetch(ctx, keys...)
	require.Less(t, time.Since(start), 900*time.Millisecond, "Prefetch respects the deadline")
	var pe *secretcache.PrefetchError
	require.ErrorAs(t, err, &pe)
	require.Len(t, pe.Failures, 40)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestWaiterLeavesLoadCancelled(t *testing.T) {
	e := newEnv(t)
	id := e.arbitrary("slow", "slow-value")
	e.count.delay.Store(int64(10 * time.Second))
	c := secretcache.New(e.client)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Get(ctx, secretcache.ByID(id))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	start := time.Now()
	c.Close()
	require.Less(t, time.Since(start), 2*time.Second, "Close does not wait for the abandoned request")
	_, err = c.Get(context.Background(), secretcache.ByID(id))
	require.ErrorIs(t, err, secretcache.ErrClosed)
}

func TestEviction(t *testing.T) {
	e := newEnv(t)
	ids := make([]string, 30)
	for i := range ids {
		ids[i] = e.arbitrary(fmt.Sprintf("ev-%d", i), "v")
	}
	c := secretcache.New(e.client, secretcache.WithMaxEntries(10), secretcache.WithRateLimit(0, 0))
	defer c.Close()
	ctx := context.Background()
	hot := secretcache.ByID(ids[0])
	for i := range ids {
		_, err := c.Get(ctx, secretcache.ByID(ids[i]))
		require.NoError(t, err)
		_, err = c.Get(ctx, hot) // keep one key in use
		require.NoError(t, err)
		require.LessOrEqual(t, c.Len(), 10)
	}
	e.count.reset()
	_, err := c.Get(ctx, hot)
	require.NoError(t, err)
	require.Zero(t, e.count.getSecret.Load(), "the key in use was kept")
	c.Invalidate(hot)
	require.Equal(t, 9, c.Len())
	_, err = c.Get(ctx, hot)
	require.NoError(t, err)
	require.EqualValues(t, 1, e.count.getSecret.Load())
}

func TestConcurrentUseAndClose(t *testing.T) {
	e := newEnv(t)
	keys := make([]secretcache.Key, 0, 40)
	for i := range 20 { // each secret under two keys, which share their refreshes
		keys = append(keys, secretcache.ByID(e.arbitrary(fmt.Sprintf("cc-%d", i), "v")),
			secretcache.ByName(sm.SecretTypeArbitrary, fmt.Sprintf("cc-%d", i)))
	}
	before := runtime.NumGoroutine()
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithTTL(time.Second), secretcache.WithMaxEntries(8), secretcache.WithClock(clock),
		secretcache.WithRateLimit(0, 0))
	var wg sync.WaitGroup
	var stop atomic.Bool
	var ops atomic.Int64
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				ops.Add(1)
				k := keys[(g+i)%len(keys)]
				if i%7 == 0 {
					_ = c.Refresh(context.Background(), k)
				} else if _, err := c.Get(context.Background(), k); err != nil && !errors.Is(err, secretcache.ErrClosed) {
					t.Error(err)
					return
				}
				if i%5 == 0 {
					clock.Advance(300 * time.Millisecond)
				}
			}
		}()
	}
	// Close while the goroutines are busy: after a few hundred calls, not after a wall-clock time.
	for ops.Load() < 400 {
		runtime.Gosched()
	}
	c.Close()
	stop.Store(true)
	wg.Wait()
	e.client.Service.Client.CloseIdleConnections()
	require.Eventually(t, func() bool { return runtime.NumGoroutine() <= before }, 5*time.Second, 10*time.Millisecond,
		"goroutines leaked: %d before, %d after", before, runtime.NumGoroutine())
}

func TestErrorHookMayReadTheCache(t *testing.T) {
	e := newEnv(t)
	id := e.arbitrary("hook", "hook-value")
	clock := newFakeClock()
	key := secretcache.ByID(id)
	var c *secretcache.Cache
	var inHook atomic.Int64
	c = secretcache.New(e.client, secretcache.WithClock(clock), secretcache.WithErrorHook(func(k secretcache.Key, err error) {
		inHook.Add(1)
		p, gerr := c.Payload(context.Background(), k) // served stale, no deadlock
		if gerr != nil || p != "hook-value" {
			t.Errorf("in the hook: %q, %v", p, gerr)
		}
	}))
	defer c.Close()
	_, err := c.Get(context.Background(), key)
	require.NoError(t, err)
	e.srv.Close()
	clock.Advance(2 * secretcache.DefaultTTL)
	done := make(chan struct{})
	var p string
	go func() {
		defer close(done)
		p, err = c.Payload(context.Background(), key)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("deadlock: the hook waits for its own load")
	}
	require.NoError(t, err)
	require.Equal(t, "hook-value", p)
	require.EqualValues(t, 1, inHook.Load())
}

// TestDynamicCredentialsNeverServedPastExpiry: with half a second of lease left when they are read,
// credentials are served for that half second, not for the cache's one-second minimum refresh
// interval (issue 10, item 6).
func TestDynamicCredentialsNeverServedPastExpiry(t *testing.T) {
	srv, client := faultServer(t)
	iam := createLeased(t, client, "short-lease")
	expiry := time.Time(*iam.ExpirationDate)
	clock := &fakeClock{t: expiry.Add(-500 * time.Millisecond)}
	c := secretcache.New(client, secretcache.WithTTL(time.Hour), secretcache.WithJitter(0),
		secretcache.WithStaleFor(time.Hour), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByID(*iam.ID)

	k, err := c.IAMCredentials(context.Background(), key)
	require.NoError(t, err)
	require.Equal(t, *iam.ApiKey, k)

	down := srv.InjectFault(secretsmanagertest.Fault{Status: 503}) // every refresh fails from now on
	clock.Advance(400 * time.Millisecond)
	k, err = c.IAMCredentials(context.Background(), key)
	require.NoError(t, err, "still within the lease")
	require.Equal(t, *iam.ApiKey, k)
	require.Zero(t, down.Hits(), "served from memory")

	clock.Advance(200 * time.Millisecond) // 100ms past the expiration date
	_, err = c.IAMCredentials(context.Background(), key)
	require.Error(t, err, "expired credentials are never served, fresh or stale")
	var apiErr *sm.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, 503, apiErr.StatusCode)
	requireNoSecret(t, err, *iam.ApiKey)
	require.Positive(t, down.Hits(), "the cache tried to read them again")
}

// TestCredentialsExpiredOnArrival: when the cache's clock is past the expiration date of the
// credentials it has just read, they are not served at all.
func TestCredentialsExpiredOnArrival(t *testing.T) {
	_, client := faultServer(t)
	iam := createLeased(t, client, "skewed")
	clock := &fakeClock{t: time.Time(*iam.ExpirationDate).Add(time.Minute)} // a clock a little ahead
	var hooked error
	c := secretcache.New(client, secretcache.WithClock(clock), secretcache.WithErrorHook(func(_ secretcache.Key, err error) { hooked = err }))
	defer c.Close()

	_, err := c.IAMCredentials(context.Background(), secretcache.ByID(*iam.ID))
	require.ErrorIs(t, err, secretcache.ErrExpired)
	require.ErrorContains(t, err, "check the clock")
	requireNoSecret(t, err, *iam.ApiKey)
	require.ErrorIs(t, hooked, secretcache.ErrExpired)
	_, err = c.Get(context.Background(), secretcache.ByID(*iam.ID))
	require.ErrorIs(t, err, secretcache.ErrExpired, "nor is anything cached")
}
