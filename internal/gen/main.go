// Command gen writes the mechanical Go code of package secretsmanagerv2 from the API description in
// internal/apidef: models, constants, interfaces and their decoders, operation options, operations
// and pagers. It is run by `go generate ./...` from the secretsmanagerv2 directory.
package main

import (
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	defDir := flag.String("def", "../internal/apidef", "directory holding the API description")
	outDir := flag.String("out", ".", "directory to write the generated files to")
	vaultDir := flag.String("vault", "vault", "directory of package vault, to write its secret types to ("+vaultTypesFile+")")
	flag.Parse()
	if err := run(*defDir, *outDir, *vaultDir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// vaultTypesFile is the generated file of package vault: the secret types the Vault API serves.
const vaultTypesFile = "secret_types_gen.go"

// run generates package secretsmanagerv2 into outDir and, when vaultDir is not empty, the secret
// types of package vault into vaultDir.
func run(defDir, outDir, vaultDir string) error {
	api := &API{}
	if err := parseModels(filepath.Join(defDir, "models.api"), api); err != nil {
		return err
	}
	if err := parseOperations(filepath.Join(defDir, "operations.api"), api); err != nil {
		return err
	}
	if err := parseDocs(filepath.Join(defDir, "docs.txt"), api); err != nil {
		return err
	}
	if err := expandEnums(api); err != nil {
		return err
	}
	g, err := newGenerator(api)
	if err != nil {
		return err
	}
	files, err := g.generate()
	if err != nil {
		return err
	}
	if vault, ok := files[vaultTypesFile]; ok {
		delete(files, vaultTypesFile)
		if vaultDir != "" {
			if err := writeSource(filepath.Join(vaultDir, vaultTypesFile), vault); err != nil {
				return err
			}
		}
	}
	// Remove generated files that are no longer produced.
	old, _ := filepath.Glob(filepath.Join(outDir, "*_gen.go"))
	oldTests, _ := filepath.Glob(filepath.Join(outDir, "*_gen_test.go"))
	old = append(old, oldTests...)
	for _, f := range old {
		if _, keep := files[filepath.Base(f)]; !keep {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeSource(filepath.Join(outDir, n), files[n]); err != nil {
			return err
		}
	}
	return nil
}

// writeSource formats src and writes it to path, unless the file holds it already.
func writeSource(path string, src []byte) error {
	src, err := formatSource(src)
	if err != nil {
		return fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	if cur, err := os.ReadFile(path); err == nil && string(cur) == string(src) {
		return nil
	}
	return os.WriteFile(path, src, 0o644)
}

// snake turns an operation name into its operation ID: CreateSecretGroup -> create_secret_group.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r + ('a' - 'A'))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lowerCamel gives the parameter name of a Go field: SecretGroupID -> secretGroupID, ID -> id, TTL -> ttl.
func lowerCamel(s string) string {
	switch s {
	case "ID", "TTL":
		return strings.ToLower(s)
	}
	if strings.HasPrefix(s, "X") && len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return "x" + s[1:]
	}
	l := strings.ToLower(s[:1]) + s[1:]
	if token.IsKeyword(l) {
		return l + "Var" // Type -> typeVar, as the official SDK names it
	}
	return l
}
