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

func TestRun(t *testing.T) {
	got := runExample(t)

	require.Contains(t, got, "SECRETS_MANAGER_URL is not set: using an embedded in-memory Secrets Manager.\n")
	require.Contains(t, got, "\nCreated 120 secrets, sdk-example-paging-001 to sdk-example-paging-120.\n")

	// Pages: five pages of 25, 25, 25, 25 and 20 secrets, in name order.
	require.Contains(t, got, "\n1. pager.Pages(ctx), 25 secrets per page:\n"+
		"   page 1: offset   0, 25 of 120 secrets: sdk-example-paging-001 … sdk-example-paging-025\n"+
		"   page 2: offset  25, 25 of 120 secrets: sdk-example-paging-026 … sdk-example-paging-050\n"+
		"   page 3: offset  50, 25 of 120 secrets: sdk-example-paging-051 … sdk-example-paging-075\n"+
		"   page 4: offset  75, 25 of 120 secrets: sdk-example-paging-076 … sdk-example-paging-100\n"+
		"   page 5: offset 100, 20 of 120 secrets: sdk-example-paging-101 … sdk-example-paging-120\n"+
		"   Pages visited 120 secrets in 5 pages.\n")

	// All: the loop breaks at the 30th secret, with pages left unfetched.
	require.Contains(t, got, "\n   All stopped after 30 secrets, at sdk-example-paging-030; pager.HasNext() is still true:")
	require.Contains(t, got, "\n   All again resumed at sdk-example-paging-031 and visited the other 90 secrets.\n")

	// HasNext/GetNext: the same 120 secrets in 5 pages.
	require.Contains(t, got, "\n   GetNext visited 120 secrets in 5 pages (TotalCount 120): sdk-example-paging-001 … sdk-example-paging-120\n")

	require.Contains(t, got, "\nDeleted the 120 secrets.\n")
}

func TestRunIsDeterministic(t *testing.T) {
	require.Equal(t, runExample(t), runExample(t))
}
