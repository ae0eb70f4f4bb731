package apicheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// officialFieldOrders reads the official SDK's struct types with their exported fields in
// declaration order (testdata/official-field-order-v2.0.22.txt, "Type: Field Field...").
func officialFieldOrders(t *testing.T) map[string][]string {
	t.Helper()
	want := map[string][]string{}
	for _, l := range readListing(t, "testdata/official-field-order-v2.0.22.txt") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		name, fields, ok := strings.Cut(l, ":")
		require.True(t, ok, "line %q", l)
		want[name] = strings.Fields(fields)
	}
	return want
}

// fieldOrderMismatches returns, for each official struct, why ours differs: missing, or its
// exported fields not starting with the official ones in the official order (fields only this SDK
// has may follow them).
func fieldOrderMismatches(have, want map[string][]string) []string {
	var out []string
	for name, fields := range want {
		got, ok := have[name]
		switch {
		case !ok:
			out = append(out, name+": missing")
		case len(got) < len(fields) || strings.Join(got[:len(fields)], " ") != strings.Join(fields, " "):
			out = append(out, name+": "+strings.Join(got, " ")+" (want "+strings.Join(fields, " ")+" first)")
		}
	}
	return out
}

// TestFieldOrderIsOfficial checks that every struct type of the official SDK declares its exported
// fields in the official order here too (models, Options, Patch types and the rest), so that
// json.Marshal of a value writes the same bytes as with the official SDK.
func TestFieldOrderIsOfficial(t *testing.T) {
	want := officialFieldOrders(t)
	require.Len(t, want, 240, "the official SDK v2.0.22 has 240 exported struct types")
	have, err := FieldOrders("../../secretsmanagerv2")
	require.NoError(t, err)
	require.Empty(t, fieldOrderMismatches(have, want))
}

// TestFieldOrdersSeesMismatch checks that the field-order check fails on a struct declared in
// another order, on a missing one and on one missing a field, and accepts extra fields at the end.
func TestFieldOrdersSeesMismatch(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\ntype A struct {\n\tY int\n\tX int\n}\n\ntype B struct {\n\tX int\n\ty int\n\tZ int\n}\n\ntype C struct {\n\tX int\n}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o600))
	have, err := FieldOrders(dir)
	require.NoError(t, err)
	require.Equal(t, map[string][]string{"A": {"Y", "X"}, "B": {"X", "Z"}, "C": {"X"}}, have)
	want := map[string][]string{"A": {"X", "Y"}, "B": {"X"}, "C": {"X", "W"}, "D": {}}
	require.ElementsMatch(t, []string{"A: Y X (want X Y first)", "C: X (want X W first)", "D: missing"}, fieldOrderMismatches(have, want))
}
