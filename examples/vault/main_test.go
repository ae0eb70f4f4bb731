package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func runExample(t *testing.T) string {
	t.Helper()
	t.Setenv("SECRETS_MANAGER_URL", "") // the in-memory Vault API
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	return out.String()
}

func TestRun(t *testing.T) {
	require.Equal(t, "SECRETS_MANAGER_URL is not set: using an in-memory Vault API.\n"+
		"Logged in with IAM: policies [default instance-writer], token valid for 3600s.\n"+
		"Created arbitrary secret \"sdk-example-vault\".\n"+
		"Read \"sdk-example-vault\": state 1 (Active), payload <11 bytes>.\n"+
		"Deleted \"sdk-example-vault\".\n", runExample(t))
}

func TestRunPrintsNoSecretValue(t *testing.T) {
	got := runExample(t)
	require.NotContains(t, got, "secret-data")
	require.NotRegexp(t, `s\.[0-9a-f]{24}`, got, "no Vault token")
}

// TestRunAgainstAConfiguredInstance runs the example the way it runs against a real instance:
// configured from the environment (here the in-memory server, with a bearer token for IAM).
func TestRunAgainstAConfiguredInstance(t *testing.T) {
	srv := newFakeVaultAPI()
	defer srv.Close()
	t.Setenv("SECRETS_MANAGER_URL", srv.URL)
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "bearerToken")
	t.Setenv("SECRETS_MANAGER_BEARER_TOKEN", "iam-access-token")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	require.Contains(t, out.String(), "Using the Vault API of the Secrets Manager instance at "+srv.URL+".\n")
	require.Regexp(t, `Deleted "sdk-example-vault-[0-9a-f]{6}"\.\n$`, out.String())
}

func TestRunWithoutCredentials(t *testing.T) {
	t.Setenv("SECRETS_MANAGER_URL", "https://0b5571f7-21e6-42b7-91c5-3f5ac9793a46.us-south.secrets-manager.appdomain.cloud")
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "")
	t.Setenv("SECRETS_MANAGER_APIKEY", "")
	t.Setenv("IBM_CREDENTIALS_FILE", t.TempDir()+"/none.env")
	var out bytes.Buffer
	require.ErrorContains(t, run(context.Background(), &out), "SECRETS_MANAGER_APIKEY")
}
