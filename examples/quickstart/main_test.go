package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// uuid matches the IDs, the only part of the output that changes from run to run.
var uuid = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func runExample(t *testing.T) string {
	t.Helper()
	t.Setenv("SECRETS_MANAGER_URL", "") // the embedded server
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	return out.String()
}

func TestRun(t *testing.T) {
	got := runExample(t)

	require.Contains(t, got, "SECRETS_MANAGER_URL is not set: using an embedded in-memory Secrets Manager.\n")
	require.Regexp(t, `\nCreated arbitrary secret "sdk-example-quickstart-arbitrary" \(id `+uuid.String()+`\)\.\n`, got)
	require.Regexp(t, `\nCreated kv secret "sdk-example-quickstart-kv" \(id `+uuid.String()+`\)\.\n`, got)
	require.Contains(t, got, "\nRead \"sdk-example-quickstart-arbitrary\" back: state active, payload: <11 bytes>.\n")
	require.Regexp(t, `\nRotated "sdk-example-quickstart-arbitrary": version `+uuid.String()+` is current, 2 versions, payload: <13 bytes>\.\n`, got)
	require.Contains(t, got, "\nSecrets:\n"+
		"  sdk-example-quickstart-arbitrary   arbitrary\n"+
		"  sdk-example-quickstart-kv          kv\n")
	require.Contains(t, got, "\nDeleted \"sdk-example-quickstart-arbitrary\".\n"+
		"Deleted \"sdk-example-quickstart-kv\".\n")
}

func TestRunPrintsNoSecretValue(t *testing.T) {
	got := runExample(t)
	for _, value := range []string{"secret-data", "secret-data-2", "s3cr3t-pa55w0rd"} {
		require.NotContains(t, got, value)
	}
}

func TestRunIsDeterministic(t *testing.T) {
	first := uuid.ReplaceAllString(runExample(t), "<id>")
	second := uuid.ReplaceAllString(runExample(t), "<id>")
	require.Equal(t, first, second)
}

// TestRunAgainstAConfiguredInstance runs the example the way it runs against a real instance:
// configured from the environment (here an in-memory server that needs no API key).
func TestRunAgainstAConfiguredInstance(t *testing.T) {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	t.Setenv("SECRETS_MANAGER_URL", srv.URL)
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "noauth")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	require.Contains(t, out.String(), "Using the Secrets Manager instance at "+srv.URL+".\n")
	require.Contains(t, out.String(), "Deleted \"sdk-example-quickstart-kv\".\n")
}
