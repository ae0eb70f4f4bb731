package vault

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// TestHardenedTransport checks that the Vault client follows the v2 client's transport rules:
// redirects are refused (the Vault token must not go elsewhere), an answer over the size limit is
// reported as too large, and cancelling during a retry wait gives the context's error with the
// last answer still reachable.
func TestHardenedTransport(t *testing.T) {
	t.Run("redirect refused", func(t *testing.T) {
		var elsewhere atomic.Int64
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
		t.Cleanup(other.Close)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
		}))
		t.Cleanup(srv.Close)
		c, err := NewClient(&Options{URL: srv.URL, Token: "vault-token"})
		require.NoError(t, err)
		_, err = c.KV().Get(context.Background(), "s1")
		require.ErrorIs(t, err, sm.ErrRedirected)
		require.NotContains(t, err.Error(), "vault-token")
		require.Zero(t, elsewhere.Load(), "nothing may reach the redirect's target")
	})
	t.Run("answer too large", func(t *testing.T) {
		defer func(n int) { maxResponseBody = n }(maxResponseBody)
		maxResponseBody = 1 << 10
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"data":"` + strings.Repeat("x", maxResponseBody) + `"}`))
		}))
		t.Cleanup(srv.Close)
		c, err := NewClient(&Options{URL: srv.URL, Token: "vault-token"})
		require.NoError(t, err)
		_, err = c.KV().Get(context.Background(), "s1")
		require.ErrorIs(t, err, sm.ErrResponseTooLarge)
	})
	t.Run("cancelled during a retry wait", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"errors":["busy"]}`))
		}))
		t.Cleanup(srv.Close)
		c, err := NewClient(&Options{URL: srv.URL, Token: "vault-token"})
		require.NoError(t, err)
		c.EnableRetries(3, time.Minute)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err = c.KV().Get(ctx, "s1")
		require.ErrorIs(t, err, context.DeadlineExceeded)
		var apiErr *sm.APIError
		require.True(t, errors.As(err, &apiErr), "the last answer is still reachable")
		require.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	})
}
