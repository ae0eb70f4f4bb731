package secretcache_test

import (
	"context"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
)

type dbConfig struct {
	Host string   `json:"host"`
	Port int      `json:"port"`
	Tags []string `json:"tags"`
}

func TestDecodeThroughTheCache(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.create(&sm.KVSecretPrototype{SecretType: sm.SecretTypeKV.Ptr(), Name: core.StringPtr("db-config"),
		Data: map[string]interface{}{"host": "db.internal", "port": 5432, "tags": []interface{}{"a", "b"}}})
	e.arbitrary("json-payload", `{"host":"json.internal","port":1}`)
	e.arbitrary("text-payload", "plain-secret-text")
	e.create(&sm.UsernamePasswordSecretPrototype{SecretType: sm.SecretTypeUsernamePassword.Ptr(), Name: core.StringPtr("db"),
		Username: core.StringPtr("app"), Password: core.StringPtr("decode-secret-password")})
	c := secretcache.New(e.client)
	defer c.Close()
	kvKey := secretcache.ByName(sm.SecretTypeKV, "db-config")

	var cfg dbConfig
	require.NoError(t, c.Decode(ctx, kvKey, &cfg))
	require.Equal(t, dbConfig{"db.internal", 5432, []string{"a", "b"}}, cfg)

	cfg.Tags[0] = "changed" // the caller's copy
	again, err := secretcache.Decode[dbConfig](ctx, c, kvKey)
	require.NoError(t, err)
	require.Equal(t, dbConfig{"db.internal", 5432, []string{"a", "b"}}, again, "generic Decode, from the cache's own value")
	require.EqualValues(t, 1, e.count.byName.Load(), "one read: the second Decode was served from memory")

	fromJSON, err := secretcache.Decode[dbConfig](ctx, c, secretcache.ByName(sm.SecretTypeArbitrary, "json-payload"))
	require.NoError(t, err)
	require.Equal(t, dbConfig{Host: "json.internal", Port: 1}, fromJSON)

	m, err := secretcache.Decode[map[string]interface{}](ctx, c, kvKey)
	require.NoError(t, err)
	require.Equal(t, "db.internal", m["host"])

	cases := []struct {
		name string
		err  error
		is   error
	}{
		{"not JSON", c.Decode(ctx, secretcache.ByName(sm.SecretTypeArbitrary, "text-payload"), &cfg), nil},
		{"username_password", c.Decode(ctx, secretcache.ByName(sm.SecretTypeUsernamePassword, "db"), &cfg), secretcache.ErrWrongType},
		{"not a pointer", c.Decode(ctx, kvKey, cfg), sm.ErrInvalidInput},
		{"missing", c.Decode(ctx, secretcache.ByName(sm.SecretTypeKV, "nope"), &cfg), sm.ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			if tc.is != nil {
				require.ErrorIs(t, tc.err, tc.is)
			}
			var ke *secretcache.KeyError
			require.ErrorAs(t, tc.err, &ke)
			requireNoSecret(t, tc.err, "plain-secret-text", "decode-secret-password")
		})
	}
}
