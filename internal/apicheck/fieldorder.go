package apicheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// FieldOrders returns, for every exported struct type declared in the (non-test) Go files of dir,
// the names of its exported fields in declaration order: the order in which json.Marshal writes
// them.
func FieldOrders(dir string) (map[string][]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	out := map[string][]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			s, ok := n.(*ast.TypeSpec)
			if !ok || !s.Name.IsExported() {
				return true
			}
			st, ok := s.Type.(*ast.StructType)
			if !ok {
				return false
			}
			names := []string{}
			for _, fld := range st.Fields.List {
				for _, n := range fld.Names {
					if n.IsExported() {
						names = append(names, n.Name)
					}
				}
			}
			out[s.Name.Name] = names
			return false
		})
	}
	return out, nil
}
