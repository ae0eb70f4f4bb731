package vault

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func TestRateLimiterOnTheVaultClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, rec, c := inProcess(t, "iam-token", "")
		require.Nil(t, c.GetRateLimiter(), "off unless set")
		c.SetRateLimit(2, 1)
		l := c.GetRateLimiter()
		require.NotNil(t, l)
		ctx := context.Background()
		start := time.Now()
		for range 3 {
			_, err := c.KV().List(ctx)
			require.NoError(t, err)
		}
		// The login and three lists: one at once, then one every 0.5 s.
		require.Equal(t, 1500*time.Millisecond, time.Since(start))
		require.Len(t, rec.take(), 4)
		require.EqualValues(t, 4, l.Stats().Requests, "the login counts")

		// A wait past the deadline fails at once and sends nothing.
		dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		start = time.Now()
		_, err := c.KV().List(dctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.ErrorIs(t, err, sm.ErrRateLimiterDeadline)
		require.Zero(t, time.Since(start))
		require.Empty(t, rec.take())

		c.SetRateLimit(0, 0)
		require.Nil(t, c.GetRateLimiter())
	})
}

func TestRateLimiterSharedWithTheV2Client(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _, c := inProcess(t, "iam-token", "", secretsmanagertest.WithVaultTokenTTL(time.Hour))
		v2, _ := secretsmanagertest.NewInProcessClient(t)
		v2.Service.Client.Transport = handlerTransport{h}
		v2.SetRateLimit(10, 1)
		c.SetRateLimiter(v2.GetRateLimiter())
		require.Same(t, v2.GetRateLimiter(), c.GetRateLimiter())
		ctx := context.Background()
		start := time.Now()
		for range 2 {
			_, err := c.KV().List(ctx)
			require.NoError(t, err)
			_, _, err = v2.ListSecretsWithContext(ctx, &sm.ListSecretsOptions{})
			require.NoError(t, err)
		}
		// Five requests (a login, two Vault lists, two v2 lists) at 10/s with a burst of 1.
		require.InDelta(t, 400*time.Millisecond, time.Since(start), float64(time.Millisecond))
		require.EqualValues(t, 5, v2.GetRateLimiter().Stats().Requests)
	})
}
