package main

import (
	"fmt"
	"sort"
	"strings"
)

// The data of the generated JSON decoders (the readJSON and readField methods, templates
// read.tmpl): for each property of a model, the Go statement that reads its value with the runtime's
// jsonReader (secretsmanagerv2/jsonread.go).

// maxReadFields is how many fields the fieldSet of the runtime can track.
const maxReadFields = 256

type readFieldData struct {
	JSON  string
	Index int
	Stmt  string
}

type readData struct {
	Recv    string // the receiver type
	Names   string // the variable holding the JSON names of the fields
	Fields  []readFieldData
	Default string // the statement for a property that is no field
}

// readStmt returns the statement that reads the value of field f into m.<Go>.
func (g *generator) readStmt(f *Field) string {
	dst := "m." + f.Go
	switch f.Type {
	case "*string":
		return dst + " = r.str()"
	case "*bool":
		return dst + " = r.boolean()"
	case "*int64":
		return dst + " = r.integer()"
	case "*strfmt.DateTime":
		return dst + " = r.dateTime()"
	case "[]string":
		return dst + " = r.strings()"
	case "map[string]interface{}":
		return dst + " = r.anyMap()"
	}
	if t := elemIntf(f.Type); t != "" {
		intf := g.intfs[t]
		if strings.HasPrefix(f.Type, "[]") {
			item := fmt.Sprintf("if v := read%s(r); v != nil {\n\t%s = append(%s, v)\n} else {\n\tr.fail()\n}", t, dst, dst)
			if intf.Discriminator == "" {
				item = fmt.Sprintf("v := new(%s)\nif r.openObject() {\n\tv.readJSON(r)\n}\n%s = append(%s, v)", intf.Base, dst, dst)
			}
			return fmt.Sprintf("if r.openArray() {\n%s = []%s{}\nfor i := 0; r.more(i); i++ {\n%s\n}\n}", dst, t, item)
		}
		if intf.Discriminator != "" {
			return fmt.Sprintf("%s = read%s(r)", dst, t)
		}
		// As encoding/json decodes it into a *Base set beforehand: nil when nothing was set.
		return fmt.Sprintf("if r.openObject() {\nv := new(%s)\nv.readJSON(r)\nif !v.isZero() {\n%s = v\n}\n}", intf.Base, dst)
	}
	if m := g.models[strings.TrimPrefix(f.Type, "*")]; m != nil && strings.HasPrefix(f.Type, "*") {
		return fmt.Sprintf("if r.openObject() {\n%s = new(%s)\n%s.readJSON(r)\n}", dst, m.Name, dst)
	}
	if m := g.models[strings.TrimPrefix(f.Type, "[]")]; m != nil && strings.HasPrefix(f.Type, "[]") {
		return fmt.Sprintf("if r.openArray() {\n%s = []%s{}\nfor i := 0; r.more(i); i++ {\n%s = append(%s, %s{})\nif r.openObject() {\n%s[i].readJSON(r)\n}\n}\n}",
			dst, m.Name, dst, dst, m.Name, dst)
	}
	panic(fmt.Sprintf("no JSON reader for field %s of type %s", f.JSON, f.Type))
}

// readData describes the decoder of a struct with the given fields.
func (g *generator) readData(recv string, fields []*Field, additional bool) *readData {
	if len(fields) > maxReadFields {
		panic(fmt.Sprintf("%s: more than %d fields", recv, maxReadFields))
	}
	d := &readData{Recv: recv, Names: "jsonNames" + strings.ToUpper(recv[:1]) + recv[1:]}
	for i, f := range fields {
		d.Fields = append(d.Fields, readFieldData{JSON: f.JSON, Index: i, Stmt: g.readStmt(f)})
	}
	d.Default = "r.unknown(key, " + d.Names + ")"
	if additional {
		d.Default = "r.additional(key, " + d.Names + ", &m.additionalProperties)"
	}
	return d
}

// unionData is the struct a discriminated interface decodes into before it knows its concrete
// type: every property of the base and of the concrete types, then copied into the one the
// discriminator names.
type unionData struct {
	Name, Intf, Base, Disc, DiscJSON string
	Fields                           []fieldData
	Read                             *readData
	Cases                            []struct {
		Value, Model string
		Sets         []assign
	}
	BaseSets []assign
}

// unionFields returns the properties of the union of a discriminated interface, by JSON name, or
// an error when its types cannot share one struct.
func (g *generator) unionFields(i *Interface) (map[string]*Field, error) {
	byJSON := map[string]*Field{}
	owners := map[string]string{}
	for _, m := range append([]*Model{g.models[i.Base]}, g.impls[i.Name]...) {
		if m.Additional {
			return nil, fmt.Errorf("interface %s: %s keeps additional properties, which the union of its types cannot", i.Name, m.Name)
		}
		for _, f := range m.Fields {
			if prev := byJSON[f.JSON]; prev != nil {
				if prev.Type != f.Type || prev.Go != f.Go {
					return nil, fmt.Errorf("interface %s: property %s is %s %s in %s but %s %s in %s", i.Name, f.JSON, prev.Go, prev.Type, owners[f.JSON], f.Go, f.Type, m.Name)
				}
				continue
			}
			byJSON[f.JSON] = f
			owners[f.JSON] = m.Name
		}
	}
	if disc := byJSON[i.Discriminator]; disc == nil || disc.Type != "*string" {
		return nil, fmt.Errorf("interface %s: the discriminator %s is not a *string property", i.Name, i.Discriminator)
	}
	return byJSON, nil
}

func (g *generator) unionData(i *Interface) *unionData {
	u := &unionData{Name: g.unionName(i), Intf: i.Name, Base: i.Base}
	byJSON, err := g.unionFields(i)
	if err != nil {
		panic(err) // checked by newGenerator
	}
	base := g.models[i.Base]
	names := make([]string, 0, len(byJSON))
	for n := range byJSON {
		names = append(names, n)
	}
	sort.Strings(names)
	var fields []*Field
	for _, n := range names {
		f := byJSON[n]
		fields = append(fields, f)
		u.Fields = append(u.Fields, fieldData{Go: f.Go, JSON: f.JSON, Type: f.Type})
	}
	disc := byJSON[i.Discriminator]
	u.Disc, u.DiscJSON = disc.Go, disc.JSON
	u.Read = g.readData(u.Name, fields, false)
	sets := func(m *Model) (out []assign) {
		for _, f := range m.Fields {
			out = append(out, assign{f.Go, "u." + f.Go})
		}
		return
	}
	seen := map[string]bool{}
	for _, m := range g.impls[i.Name] {
		for _, im := range m.Implements {
			if im.Intf == i.Name && im.Value != "" && !seen[im.Value] {
				seen[im.Value] = true
				u.Cases = append(u.Cases, struct {
					Value, Model string
					Sets         []assign
				}{im.Value, m.Name, sets(m)})
			}
		}
	}
	u.BaseSets = sets(base)
	return u
}

// zeroChecks lists the comparisons that tell that a model holds only zero values (every field of a
// model is a pointer, slice, map or interface).
func zeroChecks(m *Model, raw bool) string {
	var parts []string
	for _, f := range m.Fields {
		parts = append(parts, "m."+f.Go+" == nil")
	}
	if raw {
		parts = append(parts, "m.raw == nil")
	}
	if m.Additional {
		parts = append(parts, "m.additionalProperties == nil")
	}
	if len(parts) == 0 {
		return "true"
	}
	return strings.Join(parts, " &&\n")
}

func (g *generator) unionName(i *Interface) string {
	return strings.ToLower(i.Name[:1]) + strings.TrimSuffix(i.Name[1:], "Intf") + "Union"
}

// directlyUsed reports whether a model is decoded as itself: the type of a property (not through
// an interface) or the result of an operation.
func (g *generator) directlyUsed(model string) bool {
	for _, m := range g.api.Models {
		for _, f := range m.Fields {
			if strings.TrimPrefix(strings.TrimPrefix(f.Type, "[]"), "*") == model {
				return true
			}
		}
	}
	for _, o := range g.api.Operations {
		if strings.TrimPrefix(o.Result, "*") == model {
			return true
		}
	}
	return false
}

// singleBase reports whether a model is the base of a non-discriminated interface that is the type
// of a property: encoding/json decodes it into a new base, which is dropped when nothing was set.
func (g *generator) singleBase(model string) bool {
	for _, i := range g.api.Interfaces {
		if i.Base == model && i.Discriminator == "" {
			return true
		}
	}
	return false
}

// decoderEntry is one line of the test registry of decoders: a model or a discriminated interface,
// its decoder through encoding/json (std) and its generated decoder (fast).
type decoderEntry struct {
	Name, Std, Fast string
}

// decoderEntries lists every model and discriminated interface with its two decoders.
func (g *generator) decoderEntries() []decoderEntry {
	var out []decoderEntry
	for _, i := range g.api.Interfaces {
		if i.Discriminator != "" {
			out = append(out, decoderEntry{i.Name, "decode" + i.Name + "(d)", "read" + i.Name + "Whole(d)"})
		}
	}
	for _, m := range g.api.Models {
		e := decoderEntry{Name: m.Name, Std: "decodeModel[" + m.Name + "](d)"}
		if base := g.discriminatedBase(m); base != nil {
			e.Std = "decode" + base.Name + "(d)"
			e.Fast = "read" + base.Name + "Whole(d)"
		}
		if base := g.discriminatedBase(m); base == nil || g.directlyUsed(m.Name) {
			e.Std = "decodeModel[" + m.Name + "](d)"
			e.Fast = "readModelWhole[" + m.Name + "](d)"
		}
		out = append(out, e)
	}
	return out
}
