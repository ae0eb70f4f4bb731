package secretcache_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// TestRefreshRevocation refreshes a cached secret against the embedded server answering each way:
// a secret that is gone (404) or whose access was revoked (403, or another client error) stops
// being served at once and its reads get the typed error; an outage (no answer, 5xx, 429) keeps
// serving the last value within the stale bound.
func TestRefreshRevocation(t *testing.T) {
	cases := []struct {
		name    string
		fault   *secretsmanagertest.Fault // on every read of the secret after the first
		delete  bool                      // delete the secret instead
		byName  bool
		served  bool
		matches error
	}{
		{name: "deleted, by ID", delete: true, matches: sm.ErrNotFound},
		{name: "deleted, by name", delete: true, byName: true, matches: sm.ErrNotFound},
		{name: "404", fault: &secretsmanagertest.Fault{Status: 404}, matches: sm.ErrNotFound},
		{name: "404, by name", fault: &secretsmanagertest.Fault{Status: 404}, byName: true, matches: sm.ErrNotFound},
		{name: "403", fault: &secretsmanagertest.Fault{Status: 403}, matches: sm.ErrForbidden},
		{name: "403, by name", fault: &secretsmanagertest.Fault{Status: 403}, byName: true, matches: sm.ErrForbidden},
		{name: "401", fault: &secretsmanagertest.Fault{Status: 401}, matches: sm.ErrUnauthorized},
		{name: "500", fault: &secretsmanagertest.Fault{Status: 500}, served: true},
		{name: "503", fault: &secretsmanagertest.Fault{Status: 503, RetryAfter: "1"}, served: true},
		{name: "429", fault: &secretsmanagertest.Fault{Status: 429, RetryAfter: "1"}, served: true},
		{name: "connection reset", fault: &secretsmanagertest.Fault{Break: secretsmanagertest.ResetBeforeHeaders}, served: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			id := e.arbitrary("revoked", "revoked-secret-value")
			clock := newFakeClock()
			var mu sync.Mutex
			var hooked []error
			c := secretcache.New(e.client, secretcache.WithTTL(5*time.Minute), secretcache.WithJitter(0),
				secretcache.WithStaleFor(30*time.Minute), secretcache.WithClock(clock),
				secretcache.WithErrorHook(func(_ secretcache.Key, err error) {
					mu.Lock()
					defer mu.Unlock()
					hooked = append(hooked, err)
				}))
			defer c.Close()
			key := secretcache.ByID(id)
			if tc.byName {
				key = secretcache.ByName(sm.SecretTypeArbitrary, "revoked")
			}
			p, err := c.Payload(ctx, key)
			require.NoError(t, err)
			require.Equal(t, "revoked-secret-value", p)

			if tc.delete {
				_, err := e.client.DeleteSecret(e.client.NewDeleteSecretOptions(id))
				require.NoError(t, err)
			} else {
				f := *tc.fault
				f.Method = "GET"
				e.h.InjectFault(f)
			}
			clock.Advance(6 * time.Minute) // past the TTL, well within the stale bound
			for range 2 {                  // the second read, within the retry back-off, too
				p, err = c.Payload(ctx, key)
				if tc.served {
					require.NoError(t, err, "an outage serves the last value within the bound")
					require.Equal(t, "revoked-secret-value", p)
					continue
				}
				require.ErrorIs(t, err, tc.matches, "the typed error, at once")
				var ke *secretcache.KeyError
				require.ErrorAs(t, err, &ke)
				require.Equal(t, key, ke.Key)
				requireNoSecret(t, err, "revoked-secret-value")
				require.Empty(t, p)
			}
			_, err = c.Get(ctx, key)
			require.Equal(t, tc.served, err == nil, "Get says the same: %v", err)
			mu.Lock()
			require.NotEmpty(t, hooked, "the failed refresh is reported")
			mu.Unlock()
		})
	}
}

// TestForcedRefreshRevocation: Refresh answered 404 drops the value being served.
func TestForcedRefreshRevocation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.arbitrary("gone", "gone-value")
	c := secretcache.New(e.client)
	defer c.Close()
	key := secretcache.ByID(id)
	_, err := c.Payload(ctx, key)
	require.NoError(t, err)
	_, err = e.client.DeleteSecret(e.client.NewDeleteSecretOptions(id))
	require.NoError(t, err)
	require.ErrorIs(t, c.Refresh(ctx, key), sm.ErrNotFound)
	_, err = c.Payload(ctx, key)
	require.ErrorIs(t, err, sm.ErrNotFound, "the value is no longer served, although fresh")
}
