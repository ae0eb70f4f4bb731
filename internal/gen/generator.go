package main

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"sort"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates holds the shape of every generated declaration; the Go code of this package only
// prepares the data they print.
var templates = template.Must(template.New("gen").Funcs(template.FuncMap{
	"comment": commentText,
	"short":   baseName,
}).ParseFS(templateFS, "templates/*.tmpl"))

type generator struct {
	api    *API
	models map[string]*Model
	intfs  map[string]*Interface
	impls  map[string][]*Model // interface -> implementing concrete models (not the base)
	views  map[string]*View    // interface -> the view its Common() returns
	values map[string]*View    // interface -> the value struct its values return
	files  map[string]*bytes.Buffer
	// listIntfs are the interfaces used as list items, which need a lenient item decoder.
	listIntfs map[string]bool
	// checked are the models that validate their required properties before a request is sent.
	checked map[string]bool
}

func newGenerator(api *API) (*generator, error) {
	g := &generator{api: api, models: map[string]*Model{}, intfs: map[string]*Interface{}, impls: map[string][]*Model{},
		views: map[string]*View{}, values: map[string]*View{}, files: map[string]*bytes.Buffer{}, listIntfs: map[string]bool{}, checked: map[string]bool{}}
	for _, m := range api.Models {
		if g.models[m.Name] != nil {
			return nil, fmt.Errorf("model %s declared twice", m.Name)
		}
		g.models[m.Name] = m
	}
	for _, i := range api.Interfaces {
		g.intfs[i.Name] = i
		if g.models[i.Base] == nil {
			return nil, fmt.Errorf("interface %s: unknown base %s", i.Name, i.Base)
		}
	}
	for _, v := range api.Views {
		for _, name := range v.For {
			i := g.intfs[name]
			if i == nil {
				return nil, fmt.Errorf("view %s: unknown interface %s", v.Name, name)
			}
			g.views[name] = v
			for _, f := range v.Fields {
				if fieldByJSON(g.models[i.Base], f) == nil {
					return nil, fmt.Errorf("view %s: %s has no property %s", v.Name, i.Base, f)
				}
			}
		}
	}
	for _, m := range api.Models {
		for _, im := range m.Implements {
			intf := g.intfs[im.Intf]
			if intf == nil {
				return nil, fmt.Errorf("model %s implements unknown %s", m.Name, im.Intf)
			}
			if intf.Base != m.Name {
				g.impls[im.Intf] = append(g.impls[im.Intf], m)
			}
		}
		for _, f := range m.Fields {
			if t := elemIntf(f.Type); t != "" {
				if g.intfs[t] == nil {
					return nil, fmt.Errorf("model %s field %s: unknown interface %s", m.Name, f.JSON, t)
				}
				if strings.HasPrefix(f.Type, "[]") {
					g.listIntfs[t] = true
				}
			}
		}
	}
	for _, i := range api.Interfaces {
		if i.Discriminator != "" {
			if _, err := g.unionFields(i); err != nil {
				return nil, err
			}
		}
	}
	if err := g.checkTypes(); err != nil {
		return nil, err
	}
	if err := g.checkValues(); err != nil {
		return nil, err
	}
	for _, o := range api.Operations {
		if o.Result != "" {
			if t := strings.TrimPrefix(o.Result, "*"); g.models[t] == nil && g.intfs[t] == nil {
				return nil, fmt.Errorf("operation %s: unknown result %s", o.Name, o.Result)
			}
		}
		for _, p := range o.Params {
			if p.In == "body" || p.In == "bodyall" {
				g.markChecked(p.Type)
			}
		}
	}
	return g, nil
}

// markChecked marks the request models reachable from a body type as models that check their
// required properties: a request must not leave without them.
func (g *generator) markChecked(t string) {
	t = strings.TrimPrefix(strings.TrimPrefix(t, "[]"), "*")
	var models []*Model
	if i := g.intfs[t]; i != nil {
		models = append(models, g.impls[i.Name]...)
	} else if m := g.models[t]; m != nil {
		models = append(models, m)
	}
	for _, m := range models {
		if g.checked[m.Name] {
			continue
		}
		g.checked[m.Name] = true
		for _, f := range m.Fields {
			g.markChecked(f.Type)
		}
	}
}

func fieldByJSON(m *Model, json string) *Field {
	for _, f := range m.Fields {
		if f.JSON == json {
			return f
		}
	}
	return nil
}

// elemIntf returns the interface named by a field type (XIntf or []XIntf), or "".
func elemIntf(t string) string {
	t = strings.TrimPrefix(t, "[]")
	if strings.HasSuffix(t, "Intf") {
		return t
	}
	return ""
}

func (g *generator) doc(section, key, fallback string) string {
	if d := g.api.Docs[section][key]; d != "" {
		return d
	}
	return fallback
}

// render executes a template into the named output file.
func (g *generator) render(file, tmpl string, data interface{}) {
	b := g.files[file]
	if b == nil {
		b = &bytes.Buffer{}
		g.files[file] = b
	}
	if err := templates.ExecuteTemplate(b, tmpl, data); err != nil {
		panic(fmt.Sprintf("%s: %v", tmpl, err))
	}
}

// commentText formats text as a // comment, wrapped at about 100 columns, ending with a newline.
func commentText(indent, text string) string {
	var b strings.Builder
	line := indent + "//"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 100 && len(line) > len(indent)+3 {
			b.WriteString(line + "\n")
			line = indent + "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}

func (g *generator) generate() (map[string][]byte, error) {
	for _, i := range g.api.Interfaces {
		g.render(i.File+"_models", "interface", g.intfData(i))
	}
	for _, m := range g.api.Models {
		g.render(m.File+"_models", "model", g.modelData(m))
	}
	for _, o := range g.api.Operations {
		g.render(o.File+"_operations", "operation", g.opData(o))
	}
	g.render("views", "views", g.viewData())
	if len(g.api.Values) > 0 {
		g.render("views", "values", g.valueStructs())
	}
	if len(g.api.SecretTypes) > 0 {
		g.render("types", "types", g.typesData())
	}
	g.render("sensitive", "sensitive", g.sensitive())
	res := map[string][]byte{}
	var reg bytes.Buffer
	if err := templates.ExecuteTemplate(&reg, "registry", g.api); err != nil {
		return nil, err
	}
	res["models_registry_gen_test.go"] = reg.Bytes()
	var decs bytes.Buffer
	if err := templates.ExecuteTemplate(&decs, "decoders", g.decoderEntries()); err != nil {
		return nil, err
	}
	res["decoders_registry_gen_test.go"] = decs.Bytes()
	if len(g.api.SecretTypes) > 0 {
		var vault bytes.Buffer
		if err := templates.ExecuteTemplate(&vault, "vault_types", g.typesData()); err != nil {
			return nil, err
		}
		res[vaultTypesFile] = vault.Bytes()
	}
	for name, body := range g.files {
		var src bytes.Buffer
		if err := templates.ExecuteTemplate(&src, "file", map[string]string{"Imports": imports(body.String()), "Body": body.String()}); err != nil {
			return nil, err
		}
		res[name+"_gen.go"] = src.Bytes()
	}
	return res, nil
}

func imports(body string) string {
	var std, ext []string
	for _, imp := range []struct{ pkg, use string }{
		{"context", "context."}, {"encoding/json", "json."}, {"fmt", "fmt."}, {"iter", "iter."},
		{"net/http", "http."}, {"net/url", "url."}, {"strconv", "strconv."},
		{"github.com/IBM/go-sdk-core/v5/core", "core."}, {"github.com/go-openapi/strfmt", "strfmt."},
	} {
		if !usesPackage(body, imp.use) {
			continue
		}
		if strings.Contains(imp.pkg, ".") {
			ext = append(ext, fmt.Sprintf("%q", imp.pkg))
		} else {
			std = append(std, fmt.Sprintf("%q", imp.pkg))
		}
	}
	if len(std)+len(ext) == 0 {
		return ""
	}
	groups := []string{}
	for _, g := range [][]string{std, ext} {
		if len(g) > 0 {
			groups = append(groups, strings.Join(g, "\n"))
		}
	}
	return "import (\n" + strings.Join(groups, "\n\n") + "\n)\n\n"
}

// usesPackage reports whether code (comments aside) refers to the package selector sel, such as "fmt.".
func usesPackage(body, sel string) bool {
	for _, line := range strings.Split(body, "\n") {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		for j := strings.Index(line, sel); j >= 0; {
			if j == 0 || !isIdent(line[j-1]) {
				return true
			}
			k := strings.Index(line[j+1:], sel)
			if k < 0 {
				break
			}
			j += 1 + k
		}
	}
	return false
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func formatSource(src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return src, err
	}
	return out, nil
}

func baseName(intf string) string { return strings.TrimSuffix(intf, "Intf") }

// concreteList names the concrete types of an interface, with the discriminator value of each:
// "*ArbitrarySecret (arbitrary), *KVSecret (kv) and ...".
func (g *generator) concreteList(i *Interface) string {
	var parts []string
	for _, m := range g.impls[i.Name] {
		for _, im := range m.Implements {
			if im.Intf != i.Name {
				continue
			}
			if im.Value != "" {
				parts = append(parts, fmt.Sprintf("*%s (%s)", m.Name, im.Value))
			} else {
				parts = append(parts, "*"+m.Name)
			}
		}
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// sensitive lists the JSON properties to redact: fields marked secret and the listed keys.
func (g *generator) sensitive() []string {
	set := map[string]bool{}
	for _, m := range g.api.Models {
		for _, f := range m.Fields {
			if f.Secret {
				set[f.JSON] = true
			}
		}
	}
	for _, k := range g.api.Sensitive {
		set[k] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// argType is the type of a constructor or setter argument for a field of type t.
func argType(t string) string {
	switch t {
	case "*string", "*int64", "*bool":
		return t[1:]
	}
	return t
}

// wrap converts an argument back into the field's type.
func wrap(t, v string) string {
	switch t {
	case "*string":
		return "core.StringPtr(" + v + ")"
	case "*int64":
		return "core.Int64Ptr(" + v + ")"
	case "*bool":
		return "core.BoolPtr(" + v + ")"
	}
	return v
}

func nilable(t string) bool {
	return strings.HasPrefix(t, "*") || strings.HasPrefix(t, "[]") || strings.HasPrefix(t, "map[") || strings.HasSuffix(t, "Intf")
}
