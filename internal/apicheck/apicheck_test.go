package apicheck

import (
	"bufio"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOfficialAPIHolds checks drop-in compatibility: every declaration of the official SDK's
// exported API (v2.0.4) holds in package secretsmanagerv2, with the same types, tags and signatures.
func TestOfficialAPIHolds(t *testing.T) {
	lines, err := Lines("../../secretsmanagerv2")
	require.NoError(t, err)
	have := make(map[string]bool, len(lines))
	for _, l := range lines {
		have[l] = true
	}
	f, err := os.Open("testdata/official-api-v2.0.4.txt")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var missing []string
	n := 0
	for sc.Scan() {
		n++
		if !have[sc.Text()] {
			missing = append(missing, sc.Text())
		}
	}
	require.NoError(t, sc.Err())
	require.Greater(t, n, 3000, "the listing looks truncated")
	require.Empty(t, missing, "declarations of the official SDK missing or different here")
}

// TestLinesSeesMismatch makes sure the check can fail: a changed signature is not in the listing.
func TestLinesSeesMismatch(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\ntype T struct {\n\tA *string `json:\"a\"`\n}\n\nfunc (t *T) M(x int) error { return nil }\n\nconst C = \"c\"\n"
	require.NoError(t, os.WriteFile(dir+"/p.go", []byte(src), 0o644))
	lines, err := Lines(dir)
	require.NoError(t, err)
	require.Equal(t, []string{
		"const C = \"c\"",
		"field T.A *string `json:\"a\"`",
		"method (*T) M(x int) error",
		"type T struct",
	}, lines)
}

// TestEveryExportedNameIsDocumented checks the rule that every exported name has a doc comment
// starting with its name, in every package of the module.
func TestEveryExportedNameIsDocumented(t *testing.T) {
	for _, dir := range []string{
		"../../secretsmanagerv2", "../../secretsmanagerv2/secretsmanagertest", "../../secretsmanagerv2/secretcache",
		"../../common", "../../examples/internal/exampleenv",
	} {
		missing, err := Undocumented(dir)
		require.NoError(t, err)
		require.Empty(t, missing, dir)
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(dir+"/p.go", []byte("package p\n\n// Documented is.\nfunc Documented() {}\n\n// wrong start\nfunc Exported() {}\n\nfunc Bare() {}\n"), 0o644))
	missing, err := Undocumented(dir)
	require.NoError(t, err)
	require.Len(t, missing, 2)
}
