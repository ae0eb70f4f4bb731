// Package apicheck lists the exported API of a Go package directory, one declaration a line, in the
// format of the official SDK's API listing, so that tests can check that every line of that listing
// holds for this SDK.
package apicheck

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Lines returns the exported declarations of the (non-test) Go files in dir.
func Lines(dir string) ([]string, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var out []string
	expr := func(e ast.Expr) string {
		var b bytes.Buffer
		_ = printer.Fprint(&b, fset, e)
		return b.String()
	}
	fields := func(fl *ast.FieldList) string {
		if fl == nil {
			return ""
		}
		var parts []string
		for _, f := range fl.List {
			t := expr(f.Type)
			if len(f.Names) == 0 {
				parts = append(parts, t)
			}
			for _, n := range f.Names {
				parts = append(parts, n.Name+" "+t)
			}
		}
		return strings.Join(parts, ", ")
	}
	sig := func(ft *ast.FuncType) string {
		s := "(" + fields(ft.Params) + ")"
		if ft.Results != nil && len(ft.Results.List) > 0 {
			r := fields(ft.Results)
			if len(ft.Results.List) == 1 && len(ft.Results.List[0].Names) == 0 {
				s += " " + r
			} else {
				s += " (" + r + ")"
			}
		}
		return s
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					out = append(out, fmt.Sprintf("func %s%s", d.Name.Name, sig(d.Type)))
				} else {
					out = append(out, fmt.Sprintf("method (%s) %s%s", expr(d.Recv.List[0].Type), d.Name.Name, sig(d.Type)))
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						switch t := s.Type.(type) {
						case *ast.StructType:
							out = append(out, "type "+s.Name.Name+" struct")
							for _, fld := range t.Fields.List {
								tag := ""
								if fld.Tag != nil {
									tag = " " + fld.Tag.Value
								}
								for _, n := range fld.Names {
									if n.IsExported() {
										out = append(out, fmt.Sprintf("field %s.%s %s%s", s.Name.Name, n.Name, expr(fld.Type), tag))
									}
								}
								if len(fld.Names) == 0 {
									out = append(out, fmt.Sprintf("field %s.%s %s%s", s.Name.Name, strings.TrimPrefix(expr(fld.Type), "*"), expr(fld.Type), tag))
								}
							}
						case *ast.InterfaceType:
							out = append(out, "type "+s.Name.Name+" interface")
						default:
							out = append(out, "type "+s.Name.Name+" "+expr(s.Type))
						}
					case *ast.ValueSpec:
						if d.Tok != token.CONST {
							continue
						}
						for i, n := range s.Names {
							if n.IsExported() && i < len(s.Values) {
								out = append(out, fmt.Sprintf("const %s = %s", n.Name, expr(s.Values[i])))
							}
						}
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out, nil
}
