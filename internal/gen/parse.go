package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Field is one property of a model or one parameter of an operation.
type Field struct {
	JSON     string   // JSON (or query, path, header) name
	Go       string   // Go field name
	Type     string   // Go type, as written in the data
	Required bool     // the API requires it
	Enum     []string // allowable values, each becomes a constant
	In       string   // for operation parameters: path, query, header, body, bodyall
	Min, Max *int64   // allowed range of an integer parameter
	Secret   bool     // the property holds a secret value: redacted in logs
	Extra    bool     // a property the official SDK's model lacks: a value of the wrong type leaves it unset
}

// Impl says that a model implements an interface, chosen by a discriminator value.
type Impl struct {
	Intf  string
	Value string
}

// Model is a JSON object type.
type Model struct {
	Name       string
	File       string
	Implements []Impl
	Ctor       []string
	Additional bool
	Patch      bool
	Fields     []*Field
}

// Interface is a polymorphic type: a base model and the concrete models chosen by a discriminator.
type Interface struct {
	Name          string
	Base          string
	Discriminator string
	File          string
}

// Operation is one API operation.
type Operation struct {
	Name      string
	Method    string
	Path      string
	Status    string
	File      string
	Result    string
	Ctor      []string
	Pager     string
	PagerItem string
	Errors    []string // answers beyond the usual ones: conflict, locked
	Params    []*Field
}

// View is a struct of the properties that every value of some interfaces has, filled by Common().
type View struct {
	Name   string
	For    []string // interfaces whose values return it from Common()
	Fields []string // JSON names of the properties, in order
}

// SecretTypeDecl is a type of secret: its name, the Go name of its constants (SecretType<Go>, and
// <Go> in package vault) and whether the Vault API serves it.
type SecretTypeDecl struct {
	Name, Go string
	Vault    bool
}

// ConfigTypeDecl is a type of configuration: its name, the Go name of its constant
// (ConfigType<Go>) and the type of secret it serves.
type ConfigTypeDecl struct {
	Name, Go, Secret string
}

// API is everything the data describes.
type API struct {
	Models      []*Model
	Interfaces  []*Interface
	Operations  []*Operation
	Views       []*View
	Values      []*View // the value properties of interfaces, read by the value helpers
	SecretTypes []*SecretTypeDecl
	ConfigTypes []*ConfigTypeDecl
	Sensitive   []string // JSON properties to redact that are not fields marked secret
	Docs        map[string]map[string]string
}

func attrs(words []string) map[string]string {
	m := map[string]string{}
	for _, w := range words {
		if k, v, ok := strings.Cut(w, "="); ok {
			m[k] = v
		} else {
			m[w] = ""
		}
	}
	return m
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// goName applies the naming rule: snake_case becomes UpperCamel word by word, a final id or ttl is upper-cased.
func goName(json string) string {
	if strings.ContainsAny(json, "-") { // header names: X-Sm-Accept-Configuration-Type
		return strings.ReplaceAll(json, "-", "")
	}
	if json != "" && json[0] >= 'A' && json[0] <= 'Z' {
		return json
	}
	parts := strings.Split(json, "_")
	var b strings.Builder
	for i, p := range parts {
		if i == len(parts)-1 && (p == "id" || p == "ttl") {
			b.WriteString(strings.ToUpper(p))
			continue
		}
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// constName turns an enum value into the last part of a constant name.
func constName(v string) string {
	var b strings.Builder
	up := true
	for _, r := range v {
		if r == '_' || r == '-' || r == '.' || r == ' ' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func parseField(words []string, in string) (*Field, error) {
	if len(words) < 2 {
		return nil, fmt.Errorf("field needs a name and a type: %q", strings.Join(words, " "))
	}
	f := &Field{JSON: words[0], Type: words[1], In: in}
	f.Go = goName(f.JSON)
	a := attrs(words[2:])
	_, f.Required = a["required"]
	_, f.Secret = a["secret"]
	_, f.Extra = a["extra"]
	f.Enum = splitList(a["enum"])
	for _, k := range []string{"min", "max"} {
		if v, ok := a[k]; ok {
			var n int64
			if _, err := fmt.Sscan(v, &n); err != nil {
				return nil, fmt.Errorf("%s=%q: %v", k, v, err)
			}
			if k == "min" {
				f.Min = &n
			} else {
				f.Max = &n
			}
		}
	}
	if g, ok := a["go"]; ok {
		f.Go = g
	}
	return f, nil
}

func readLines(path string, fn func(lineNo int, indented bool, words []string) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if i := strings.Index(trimmed, " #"); i >= 0 { // a comment at the end of a line
			trimmed = strings.TrimSpace(trimmed[:i])
		}
		if err := fn(n, line[0] == ' ', strings.Fields(trimmed)); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	return sc.Err()
}

func parseModels(path string, api *API) error {
	var cur *Model
	return readLines(path, func(_ int, indented bool, w []string) error {
		if indented {
			if cur == nil {
				return fmt.Errorf("field outside a model")
			}
			f, err := parseField(w, "body")
			if err != nil {
				return err
			}
			cur.Fields = append(cur.Fields, f)
			return nil
		}
		if len(w) < 2 {
			return fmt.Errorf("%s needs a name", w[0])
		}
		a := attrs(w[2:])
		switch w[0] {
		case "interface":
			api.Interfaces = append(api.Interfaces, &Interface{Name: w[1], Base: a["base"], Discriminator: a["discriminator"], File: a["file"]})
			cur = nil
		case "sensitive":
			api.Sensitive = append(api.Sensitive, w[1:]...)
			cur = nil
		case "view":
			api.Views = append(api.Views, &View{Name: w[1], For: splitList(a["for"]), Fields: splitList(a["fields"])})
			cur = nil
		case "value":
			api.Values = append(api.Values, &View{Name: w[1], For: splitList(a["for"]), Fields: splitList(a["fields"])})
			cur = nil
		case "secrettype":
			if a["go"] == "" {
				return fmt.Errorf("secrettype %s needs go=<Go name>", w[1])
			}
			_, vault := a["vault"]
			api.SecretTypes = append(api.SecretTypes, &SecretTypeDecl{Name: w[1], Go: a["go"], Vault: vault})
			cur = nil
		case "configtype":
			if a["go"] == "" || a["secret"] == "" {
				return fmt.Errorf("configtype %s needs go=<Go name> and secret=<secret type>", w[1])
			}
			api.ConfigTypes = append(api.ConfigTypes, &ConfigTypeDecl{Name: w[1], Go: a["go"], Secret: a["secret"]})
			cur = nil
		case "model":
			cur = &Model{Name: w[1], File: a["file"], Ctor: splitList(a["ctor"])}
			_, cur.Additional = a["additional"]
			_, cur.Patch = a["patch"]
			for _, s := range splitList(a["implements"]) {
				intf, val, _ := strings.Cut(s, ":")
				cur.Implements = append(cur.Implements, Impl{Intf: intf, Value: val})
			}
			api.Models = append(api.Models, cur)
		default:
			return fmt.Errorf("unknown declaration %q", w[0])
		}
		return nil
	})
}

func parseOperations(path string, api *API) error {
	var cur *Operation
	return readLines(path, func(_ int, indented bool, w []string) error {
		if indented {
			if cur == nil {
				return fmt.Errorf("parameter outside an operation")
			}
			f, err := parseField(w[1:], w[0])
			if err != nil {
				return err
			}
			switch f.In {
			case "path", "query", "header", "body":
			case "bodyall":
				f.Go = f.JSON
			default:
				return fmt.Errorf("unknown parameter location %q", f.In)
			}
			cur.Params = append(cur.Params, f)
			return nil
		}
		if w[0] != "op" || len(w) < 4 {
			return fmt.Errorf("expected an operation: op <Name> <METHOD> <path> [attributes]")
		}
		a := attrs(w[4:])
		cur = &Operation{Name: w[1], Method: w[2], Path: w[3], Status: a["status"], File: a["file"], Result: a["result"], Ctor: splitList(a["ctor"]), Errors: splitList(a["errors"])}
		for _, e := range cur.Errors {
			if e != "conflict" && e != "locked" {
				return fmt.Errorf("operation %s: unknown error %q", cur.Name, e)
			}
		}
		if p := a["pager"]; p != "" {
			cur.Pager, cur.PagerItem, _ = strings.Cut(p, ":")
		}
		api.Operations = append(api.Operations, cur)
		return nil
	})
}

// The enum lists that stand for every declared type: a field's enum=@secrettypes is the names of
// the secrettype declarations, enum=@configtypes those of the configtype declarations, sorted.
const (
	allSecretTypes = "@secrettypes"
	allConfigTypes = "@configtypes"
)

// expandEnums replaces the enum lists @secrettypes and @configtypes by the declared names.
func expandEnums(api *API) error {
	var secretNames, configNames []string
	for _, t := range api.SecretTypes {
		secretNames = append(secretNames, t.Name)
	}
	for _, t := range api.ConfigTypes {
		configNames = append(configNames, t.Name)
	}
	sort.Strings(secretNames)
	sort.Strings(configNames)
	expand := func(where string, f *Field) error {
		if len(f.Enum) == 0 || !strings.HasPrefix(f.Enum[0], "@") {
			return nil
		}
		if len(f.Enum) != 1 {
			return fmt.Errorf("%s: %s must be the whole enum list", where, f.Enum[0])
		}
		switch f.Enum[0] {
		case allSecretTypes:
			f.Enum = secretNames
		case allConfigTypes:
			f.Enum = configNames
		default:
			return fmt.Errorf("%s: unknown enum list %s", where, f.Enum[0])
		}
		if len(f.Enum) == 0 {
			return fmt.Errorf("%s: an enum of every type, but no type is declared", where)
		}
		return nil
	}
	for _, m := range api.Models {
		for _, f := range m.Fields {
			if err := expand(m.Name+"."+f.JSON, f); err != nil {
				return err
			}
		}
	}
	for _, o := range api.Operations {
		for _, f := range o.Params {
			if err := expand(o.Name+"."+f.JSON, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseDocs reads docs.txt: sections [types], [fields], [ops] of "key = text" lines.
func parseDocs(path string, api *API) error {
	api.Docs = map[string]map[string]string{"types": {}, "fields": {}, "ops": {}}
	file, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	section := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.Trim(line, "[]")
			continue
		}
		k, v, ok := strings.Cut(line, " = ")
		if !ok || api.Docs[section] == nil {
			continue
		}
		api.Docs[section][strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return sc.Err()
}
