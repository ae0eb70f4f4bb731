package apicheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// Undocumented lists the exported declarations of the (non-test) Go files in dir whose doc
// comment is missing or does not start with the declared name.
func Undocumented(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		check := func(name string, doc *ast.CommentGroup, pos token.Pos) {
			if !ast.IsExported(name) {
				return
			}
			if doc == nil || !strings.HasPrefix(strings.TrimSpace(doc.Text()), name) {
				out = append(out, fmt.Sprintf("%s: %s", fset.Position(pos), name))
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				check(d.Name.Name, d.Doc, d.Pos())
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						doc := s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						check(s.Name.Name, doc, s.Pos())
					case *ast.ValueSpec:
						doc := s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						if doc == nil && d.Doc != nil && len(d.Specs) > 1 {
							continue // a group documented as a whole
						}
						for _, n := range s.Names {
							check(n.Name, doc, n.Pos())
						}
					}
				}
			}
		}
	}
	return out, nil
}
