// Command modelgen generates the models of package vault from their description in models.def:
// one struct per model, with its properties under their Vault names, an Extra map that keeps the
// properties the model does not declare, and the JSON methods that fill and write it.
//
//	go run ./internal/modelgen models.def models_gen.go
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/format"
	"os"
	"strings"
)

type field struct {
	JSON, Type, Doc string
}

type model struct {
	Name, Doc string
	Fields    []field
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: modelgen models.def models_gen.go")
		os.Exit(2)
	}
	models, err := parse(os.Args[1])
	if err == nil {
		var src []byte
		if src, err = generate(models); err == nil {
			err = os.WriteFile(os.Args[2], src, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "modelgen:", err)
		os.Exit(1)
	}
}

// parse reads the description: groups, models and their fields, includes resolved.
func parse(path string) ([]model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var models []model
	var cur *[]field
	names := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		fail := func(format string, args ...interface{}) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		switch {
		case strings.HasPrefix(line, "group "):
			g := new([]field)
			pending[strings.TrimSpace(strings.TrimPrefix(line, "group "))] = g
			cur = g
		case strings.HasPrefix(line, "model "):
			head, doc, ok := strings.Cut(strings.TrimPrefix(line, "model "), ":")
			if !ok {
				return nil, fail("a model needs a doc: model NAME: DOC")
			}
			name := strings.TrimSpace(head)
			if names[name] {
				return nil, fail("model %s twice", name)
			}
			names[name] = true
			models = append(models, model{Name: name, Doc: strings.TrimSpace(doc)})
			cur = &models[len(models)-1].Fields
		case strings.HasPrefix(line, "  include "):
			if cur == nil {
				return nil, fail("include outside a model")
			}
			g, ok := pending[strings.TrimSpace(strings.TrimPrefix(line, "  include "))]
			if !ok {
				return nil, fail("unknown group in %q", trimmed)
			}
			*cur = append(*cur, (*g)...)
		case strings.HasPrefix(line, "  "):
			if cur == nil {
				return nil, fail("field outside a model")
			}
			spec, doc, _ := strings.Cut(trimmed, ":")
			parts := strings.Fields(spec)
			if len(parts) != 2 {
				return nil, fail("want \"json_name TYPE: doc\", got %q", trimmed)
			}
			*cur = append(*cur, field{JSON: parts[0], Type: parts[1], Doc: strings.TrimSpace(doc)})
		default:
			return nil, fail("cannot read %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, m := range models {
		seen := map[string]bool{}
		for _, fl := range m.Fields {
			if seen[fl.JSON] {
				return nil, fmt.Errorf("model %s: property %s twice", m.Name, fl.JSON)
			}
			seen[fl.JSON] = true
			if _, _, err := goType(fl.Type, names); err != nil {
				return nil, fmt.Errorf("model %s, property %s: %w", m.Name, fl.JSON, err)
			}
		}
	}
	return models, nil
}

// pending holds the fields of each group.
var pending = map[string]*[]field{}

// goType maps a description type to its Go type and its JSON tag option.
func goType(t string, models map[string]bool) (string, string, error) {
	switch t {
	case "string":
		return "*string", "omitempty", nil
	case "bool":
		return "*bool", "omitempty", nil
	case "int":
		return "*int64", "omitempty", nil
	case "time":
		return "*time.Time", "omitempty", nil
	case "duration":
		return "*Duration", "omitempty", nil
	case "strings":
		return "[]string", "omitzero", nil
	case "object":
		return "map[string]interface{}", "omitzero", nil
	case "any":
		return "interface{}", "omitempty", nil
	}
	if strings.HasPrefix(t, "[]") && models[t[2:]] {
		return t, "omitzero", nil
	}
	if models[t] {
		return "*" + t, "omitempty", nil
	}
	return "", "", fmt.Errorf("unknown type %q", t)
}

// initialisms are the name parts written in capitals in Go.
var initialisms = map[string]string{
	"id": "ID", "crn": "CRN", "ttl": "TTL", "api": "API", "iam": "IAM", "dns": "DNS", "ca": "CA",
	"cn": "CN", "ip": "IP", "uri": "URI", "cis": "CIS", "crl": "CRL", "urls": "URLs", "ou": "OU",
	"guid": "GUID", "sans": "SANs", "apikey": "APIKey", "serviceid": "ServiceID",
}

// goName turns a Vault property name into a Go field name: access_groups -> AccessGroups.
func goName(json string) string {
	var b strings.Builder
	for _, p := range strings.Split(json, "_") {
		if s, ok := initialisms[p]; ok {
			b.WriteString(s)
		} else if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

func generate(models []model) ([]byte, error) {
	names := map[string]bool{}
	for _, m := range models {
		names[m.Name] = true
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/modelgen from models.def. DO NOT EDIT.\n\npackage vault\n\n")
	b.WriteString("import (\n\t\"encoding/json\"\n\t\"time\"\n)\n\n")
	b.WriteString("// Keep the time import used even when no model has a date.\nvar _ time.Time\n\n")
	for _, m := range models {
		fmt.Fprintf(&b, "// %s %s\ntype %s struct {\n", m.Name, wrap(m.Doc), m.Name)
		for _, fl := range m.Fields {
			t, opt, _ := goType(fl.Type, names)
			if fl.Doc != "" {
				fmt.Fprintf(&b, "\t// %s is %s\n", goName(fl.JSON), wrapField(fl.Doc))
			}
			fmt.Fprintf(&b, "\t%s %s `json:\"%s,%s\"`\n\n", goName(fl.JSON), t, fl.JSON, opt)
		}
		b.WriteString("\t// Extra holds the properties this model does not declare, as they came: they are written\n")
		b.WriteString("\t// back by MarshalJSON, so a property added to the API is neither lost nor refused.\n")
		b.WriteString("\tExtra map[string]json.RawMessage `json:\"-\"`\n}\n\n")
		var known []string
		for _, fl := range m.Fields {
			known = append(known, fmt.Sprintf("%q", fl.JSON))
		}
		lower := strings.ToLower(m.Name[:1]) + m.Name[1:]
		fmt.Fprintf(&b, "var %sProperties = propertySet(%s)\n\n", lower, strings.Join(known, ", "))
		fmt.Fprintf(&b, "// UnmarshalJSON decodes JSON into the %s, keeping the properties it does not declare in Extra.\n", m.Name)
		fmt.Fprintf(&b, "func (m *%s) UnmarshalJSON(data []byte) error {\n\ttype plain %s\n\treturn decodeKeeping(data, (*plain)(m), &m.Extra, %sProperties)\n}\n\n", m.Name, m.Name, lower)
		fmt.Fprintf(&b, "// MarshalJSON encodes the %s, with the properties of Extra.\n", m.Name)
		fmt.Fprintf(&b, "func (m %s) MarshalJSON() ([]byte, error) {\n\ttype plain %s\n\treturn encodeKeeping(plain(m), m.Extra, %sProperties)\n}\n\n", m.Name, m.Name, lower)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting: %w\n%s", err, b.String())
	}
	return src, nil
}

// wrap breaks a doc comment into lines of about 100 columns.
func wrap(s string) string {
	var out strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > 96 {
				out.WriteString("\n// ")
				col = 0
			} else {
				out.WriteByte(' ')
				col++
			}
		}
		out.WriteString(w)
		col += len(w)
	}
	return out.String()
}

func wrapField(s string) string {
	return strings.ReplaceAll(wrap(s), "\n// ", "\n\t// ")
}
