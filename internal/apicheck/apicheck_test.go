package apicheck

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOfficialAPIHolds checks drop-in compatibility: every declaration of the official SDK's
// exported API holds in package secretsmanagerv2, with the same types, tags and signatures: all of
// the newest release (v2.0.22), and all of v2.0.4 but the declarations v2.0.22 changed.
func TestOfficialAPIHolds(t *testing.T) {
	lines, err := Lines("../../secretsmanagerv2")
	require.NoError(t, err)
	have := make(map[string]bool, len(lines))
	for _, l := range lines {
		have[l] = true
	}
	v22 := readListing(t, "testdata/official-api-v2.0.22.txt")
	require.Greater(t, len(v22), 4500, "the listing looks truncated")
	require.Empty(t, missingLines(have, v22, nil), "declarations of the official SDK v2.0.22 missing or different here")

	v04 := readListing(t, "testdata/official-api-v2.0.4.txt")
	require.Greater(t, len(v04), 3700, "the listing looks truncated")
	changed := map[string]bool{} // declarations v2.0.22 redefined: its form wins
	for _, l := range v22 {
		changed[declKey(l)] = true
	}
	var skipped []string
	missing := missingLines(have, v04, func(l string) bool {
		if changed[declKey(l)] && !slices.Contains(v22, l) {
			skipped = append(skipped, l)
			return true
		}
		return false
	})
	require.Empty(t, missing, "declarations of the official SDK v2.0.4 missing or different here")
	// v2.0.22 changed 28 field tags and 2 constructors of v2.0.4; nothing else may be skipped.
	require.Len(t, skipped, 30, "v2.0.4 declarations that v2.0.22 redefined: %q", skipped)
}

func readListing(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []string
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	require.NoError(t, sc.Err())
	return out
}

func missingLines(have map[string]bool, want []string, skip func(string) bool) []string {
	var missing []string
	for _, l := range want {
		if !have[l] && (skip == nil || !skip(l)) {
			missing = append(missing, l)
		}
	}
	return missing
}

// declKey names the declaration a listing line is about: "field T.F", "method (*T) M", "func F",
// "type T", "const C".
func declKey(line string) string {
	kind, rest, _ := strings.Cut(line, " ")
	switch kind {
	case "field":
		name, _, _ := strings.Cut(rest, " ")
		return kind + " " + name
	case "method":
		recv, sig, _ := strings.Cut(rest, ") ")
		name, _, _ := strings.Cut(sig, "(")
		return kind + " " + recv + ") " + name
	default:
		name, _, _ := strings.Cut(rest, " ")
		name, _, _ = strings.Cut(name, "(")
		return kind + " " + name
	}
}

func TestDeclKey(t *testing.T) {
	for line, want := range map[string]string{
		"field A.B *string `json:\"b\"`":                                                "field A.B",
		"method (*SecretsManagerV2) NewX(a string) (_model *X, err error)":              "method (*SecretsManagerV2) NewX",
		"func UnmarshalX(m map[string]json.RawMessage, result interface{}) (err error)": "func UnmarshalX",
		"type X struct":       "type X",
		"const A_B_C = \"c\"": "const A_B_C",
	} {
		require.Equal(t, want, declKey(line), line)
	}
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
		"../../secretsmanagerv2/vault", "../../secretsmanagerv2/internal/transport", "../../secretsmanagerv2/vault/vaultauth",
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
