package exampleenv

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

func TestConnectEmbedded(t *testing.T) {
	t.Setenv("SECRETS_MANAGER_URL", "")
	var out bytes.Buffer
	env, err := Connect(&out)
	require.NoError(t, err)
	defer env.Close()

	require.True(t, env.Embedded)
	require.Equal(t, "SECRETS_MANAGER_URL is not set: using an embedded in-memory Secrets Manager.\n", out.String())
	require.Equal(t, "sdk-example", env.Name("sdk-example"), "names are stable on the embedded server")

	_, _, err = env.Client.ListSecretsWithContext(context.Background(), &sm.ListSecretsOptions{})
	require.NoError(t, err, "the client talks to the embedded server")
}

func TestConnectInstance(t *testing.T) {
	t.Setenv("SECRETS_MANAGER_URL", "https://0b5571f7-21e6-42b7-91c5-3f5ac9793a46.us-south.secrets-manager.appdomain.cloud")
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "")
	t.Setenv("SECRETS_MANAGER_APIKEY", "not-a-real-key") // no token is requested before a call
	var out bytes.Buffer
	env, err := Connect(&out)
	require.NoError(t, err)
	defer env.Close()

	require.False(t, env.Embedded)
	require.Equal(t, "Using the Secrets Manager instance at https://0b5571f7-21e6-42b7-91c5-3f5ac9793a46.us-south.secrets-manager.appdomain.cloud.\n", out.String())
	require.Regexp(t, regexp.MustCompile(`^sdk-example-[0-9a-f]{6}$`), env.Name("sdk-example"),
		"names get a random suffix on a real instance")
	require.Equal(t, env.Name("a"), env.Name("a"), "one suffix per run")
}

func TestConnectInstanceWithoutCredentials(t *testing.T) {
	t.Setenv("SECRETS_MANAGER_URL", "https://0b5571f7-21e6-42b7-91c5-3f5ac9793a46.us-south.secrets-manager.appdomain.cloud")
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "")
	t.Setenv("SECRETS_MANAGER_APIKEY", "")
	t.Setenv("IBM_CREDENTIALS_FILE", t.TempDir()+"/none.env")
	var out bytes.Buffer
	_, err := Connect(&out)
	require.ErrorContains(t, err, "SECRETS_MANAGER_APIKEY")
	require.Empty(t, out.String())
}

func TestSize(t *testing.T) {
	require.Equal(t, "<0 bytes>", Size(""))
	require.Equal(t, "<1 byte>", Size("x"))
	require.Equal(t, "<11 bytes>", Size("secret-data"))
}
