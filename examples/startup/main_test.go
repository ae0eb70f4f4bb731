package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRunEmbedded(t *testing.T) {
	t.Setenv("SECRETS_MANAGER_URL", "")
	t.Setenv("APP_SECRET_GROUP", "")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out))
	got := out.String()
	t.Log("\n" + got)

	require.Contains(t, got, "using an embedded Secrets Manager")
	require.Contains(t, got, "loaded 4 secrets in")
	require.Contains(t, got, `database: user "app", password of 27 characters`)
	require.Contains(t, got, "api token: ******** (27 characters)")
	require.Contains(t, got, "config: keys endpoint, signing_key, timeout_seconds")
	require.Contains(t, got, "tls: certificate for app.example.com, chain of 2, valid until ")
	require.Contains(t, got, "tls: server certificate ready (same as loaded: true)")
	require.Contains(t, got, "ready\n")
	require.NotContains(t, got, "warning")

	for _, secret := range []string{demoDBPassword, demoAPIToken, demoConfigKey, "PRIVATE KEY", "BEGIN"} {
		require.NotContains(t, got, secret, "the output holds a secret value")
	}
}

func TestRunNeedsAnAPIKeyForARealInstance(t *testing.T) {
	t.Setenv("SECRETS_MANAGER_URL", "https://example.invalid")
	t.Setenv("SECRETS_MANAGER_APIKEY", "")
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "")
	var out bytes.Buffer
	err := run(context.Background(), &out)
	require.ErrorContains(t, err, "SECRETS_MANAGER_APIKEY")
}
