package secretcache_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
)

// TestCustomCredentials reads the credentials of a custom_credentials secret as a copy, refuses a
// secret whose provider has not created credentials yet, and refuses other types.
func TestCustomCredentials(t *testing.T) {
	secrets := map[string]string{
		"/api/v2/secrets/active": `{"secret_type":"custom_credentials","id":"active","name":"pd","secret_group_id":"default",
			"state":1,"ttl":"1d","credentials_content":{"api_key":"pd-key","scope":"read"}}`,
		"/api/v2/secrets/waiting": `{"secret_type":"custom_credentials","id":"waiting","name":"pd2","secret_group_id":"default",
			"state":0,"state_description":"pre_activation"}`,
		"/api/v2/secrets/kv": `{"secret_type":"kv","id":"kv","name":"k","secret_group_id":"default","data":{"a":"b"}}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := secrets[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	c := secretcache.New(client)
	t.Cleanup(c.Close)
	ctx := context.Background()

	creds, err := c.CustomCredentials(ctx, secretcache.ByID("active"))
	require.NoError(t, err)
	require.Equal(t, map[string]interface{}{"api_key": "pd-key", "scope": "read"}, creds)
	creds["api_key"] = "changed"
	again, err := c.CustomCredentials(ctx, secretcache.ByID("active"))
	require.NoError(t, err)
	require.Equal(t, "pd-key", again["api_key"], "the cache hands out copies")

	_, err = c.CustomCredentials(ctx, secretcache.ByID("waiting"))
	require.ErrorIs(t, err, secretcache.ErrNoValue)
	_, err = c.CustomCredentials(ctx, secretcache.ByID("kv"))
	require.ErrorIs(t, err, secretcache.ErrWrongType)
}
