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
	Fields  []readFieldData
	Default string // the statement for a property that is no field
	Exact   string // the statement that reads the object in the exact pass
}

// readStmt returns the statement that reads the value of field f into m.<Go>. A field the official
// SDK's model lacks (extra) is left unset, in the exact pass, when its value has another type.
func (g *generator) readStmt(f *Field) string {
	s := g.readValue(f, "m."+f.Go)
	if f.Extra {
		s = fmt.Sprintf("if r.extra(func() {\n%s\n}) {\nm.%s = nil\n}", s, f.Go)
	}
	return s
}

func (g *generator) readValue(f *Field, dst string) string {
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
			item := fmt.Sprintf("if v := read%s(r); v != nil {\n\t%s = append(%s, v)\n} else {\n\tr.fail(\"an object\")\n}", t, dst, dst)
			if intf.Discriminator == "" {
				item = fmt.Sprintf("v := new(%s)\nif r.openObject() {\n\tv.readJSON(r)\n}\n%s = append(%s, v)", intf.Base, dst, dst)
			}
			return fmt.Sprintf("if r.openArray() {\n%s = []%s{}\nfor i := 0; r.more(i); i++ {\n%s\n}\n}", dst, t, item)
		}
		if intf.Discriminator != "" {
			return fmt.Sprintf("%s = read%s(r)", dst, t)
		}
		return fmt.Sprintf("if r.openObject() {\nv := new(%s)\nv.readJSON(r)\n%s = v\n}", intf.Base, dst)
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
	d := &readData{Recv: recv, Exact: fmt.Sprintf("r.readMembers(%q, r.collect(), m.readField, nil)", recv)}
	for i, f := range fields {
		d.Fields = append(d.Fields, readFieldData{JSON: f.JSON, Index: i, Stmt: g.readStmt(f)})
	}
	d.Default = "r.skip()"
	if additional {
		d.Default = "r.additional(key, &m.additionalProperties)"
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
		Value, Model, Names, Extras string
		Sets                        []assign
	}
	BaseSets          []assign
	BaseNames, Extras string // the JSON names of the base's fields and of its extra ones, quoted, for the exact pass
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
	extra := map[string]bool{} // a field the official SDK lacks in one of the types at least
	for _, m := range append([]*Model{base}, g.impls[i.Name]...) {
		for _, f := range m.Fields {
			extra[f.JSON] = extra[f.JSON] || f.Extra
		}
	}
	var fields []*Field
	for _, n := range names {
		f := *byJSON[n]
		f.Extra = extra[n]
		fields = append(fields, &f)
		u.Fields = append(u.Fields, fieldData{Go: f.Go, JSON: f.JSON, Type: f.Type})
	}
	disc := byJSON[i.Discriminator]
	u.Disc, u.DiscJSON = disc.Go, disc.JSON
	u.Read = g.readData(u.Name, fields, false)
	u.Read.Exact = fmt.Sprintf("r.readUnion(%q, %sTypes, %sBase, m.readField)", disc.JSON, u.Name, u.Name)
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
					Value, Model, Names, Extras string
					Sets                        []assign
				}{im.Value, m.Name, jsonNames(m, false), jsonNames(m, true), sets(m)})
			}
		}
	}
	u.BaseSets, u.BaseNames, u.Extras = sets(base), jsonNames(base, false), jsonNames(base, true)
	return u
}

// jsonNames lists the JSON names of the fields of m (of its extra fields only, with extra),
// quoted and separated by commas.
func jsonNames(m *Model, extra bool) string {
	var names []string
	for _, f := range m.Fields {
		if f.Extra || !extra {
			names = append(names, fmt.Sprintf("%q", f.JSON))
		}
	}
	return strings.Join(names, ", ")
}

func (g *generator) unionName(i *Interface) string {
	return strings.ToLower(i.Name[:1]) + strings.TrimSuffix(i.Name[1:], "Intf") + "Union"
}

// decoderEntry is one line of the test registry of decoders: a model or a discriminated interface
// and the function that reads it.
type decoderEntry struct {
	Name, Read string
}

// intfEntry is an interface for the reference decoder of the tests: its discriminator (for a
// discriminated one, with the union tables) and its base.
type intfEntry struct {
	Name, Disc, Union, Base string
}

type decoderRegistry struct {
	Decoders []decoderEntry
	Intfs    []intfEntry
}

// decoderEntries lists every model and discriminated interface with its reader, and every
// interface.
func (g *generator) decoderEntries() decoderRegistry {
	var out decoderRegistry
	for _, i := range g.api.Interfaces {
		e := intfEntry{Name: i.Name, Base: i.Base}
		if i.Discriminator != "" {
			out.Decoders = append(out.Decoders, decoderEntry{i.Name, "read" + i.Name})
			e.Disc, e.Union = i.Discriminator, g.unionName(i)
		}
		out.Intfs = append(out.Intfs, e)
	}
	for _, m := range g.api.Models {
		out.Decoders = append(out.Decoders, decoderEntry{m.Name, "readModel[" + m.Name + "]"})
	}
	return out
}
