package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func runExample(t *testing.T) string {
	t.Helper()
	t.Setenv("SECRETS_MANAGER_URL", "") // the embedded server
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	return out.String()
}

const locked = `412 precondition_failed: "The requested action can't be completed because the secret version is locked."` + "\n" +
	"     errors.Is(err, secretsmanagerv2.ErrLocked) = true\n"

func TestRun(t *testing.T) {
	got := runExample(t)

	require.Contains(t, got, "SECRETS_MANAGER_URL is not set: using an embedded in-memory Secrets Manager.\n")
	require.Contains(t, got, "\n1. Created secret \"sdk-example-lockrotate\", payload: <13 bytes>.\n")

	// The lock is on the current version.
	require.Contains(t, got, "\n2. Locked the current version for app-a (CreateSecretLocksBulk). Locks:\n"+
		"     app-a on the current version (version 1)\n")

	// Deleting the locked secret: 412.
	require.Contains(t, got, "\n3. DeleteSecret was refused, as expected: "+locked)

	// Rotating: the lock stays on version 1, now the previous version.
	require.Contains(t, got, "\n4. Rotated the secret (CreateSecretVersion), payload: <13 bytes>.")
	require.Contains(t, got, "Locks:\n     app-a on the previous version (version 1)\n5. ")

	// Rotating again while the previous version is locked: 412.
	require.Contains(t, got, "\n5. A second rotation (CreateSecretVersion) was refused, as expected: "+locked)

	// remove_previous: the lock moved to version 2, the current version.
	require.Contains(t, got, "\n6. Locked version 2 for app-a with mode remove_previous (CreateSecretVersionLocksBulk)")
	require.Contains(t, got, "Locks:\n     app-a on the current version (version 2)\n7. ")

	// Unlocked, then deleted.
	require.Contains(t, got, "\n7. Removed the lock app-a (DeleteSecretLocksBulk). Locks:\n     none\n")
	require.Contains(t, got, "\n8. Deleted the secret (DeleteSecret succeeded); reading it now fails with 404")
}

func TestRunPrintsNoSecretValue(t *testing.T) {
	require.NotContains(t, runExample(t), "db-password")
}

func TestRunIsDeterministic(t *testing.T) {
	require.Equal(t, runExample(t), runExample(t))
}
