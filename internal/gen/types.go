package main

import (
	"fmt"
	"sort"
	"strings"
)

// The types of secret and of configuration (secrettype and configtype declarations), and the value
// properties that the value helpers read (value declarations).

// The discriminators whose values are the declared types: every interface chosen by one of them
// must have exactly one concrete model per declared type.
const (
	secretTypeDiscriminator = "secret_type"
	configTypeDiscriminator = "config_type"
)

// checkTypes verifies the secrettype and configtype declarations against the models: the declared
// names are exactly the discriminator values of the interfaces chosen by secret_type (config_type).
func (g *generator) checkTypes() error {
	secrets := map[string]bool{}
	for _, t := range g.api.SecretTypes {
		if secrets[t.Name] {
			return fmt.Errorf("secrettype %s declared twice", t.Name)
		}
		secrets[t.Name] = true
	}
	configs := map[string]bool{}
	for _, t := range g.api.ConfigTypes {
		if configs[t.Name] {
			return fmt.Errorf("configtype %s declared twice", t.Name)
		}
		configs[t.Name] = true
		if !secrets[t.Secret] {
			return fmt.Errorf("configtype %s: secret=%s is not a declared secrettype", t.Name, t.Secret)
		}
	}
	for _, i := range g.api.Interfaces {
		var declared map[string]bool
		switch {
		case i.Discriminator == secretTypeDiscriminator && len(secrets) > 0:
			declared = secrets
		case i.Discriminator == configTypeDiscriminator && len(configs) > 0:
			declared = configs
		default:
			continue
		}
		seen := map[string]bool{}
		for _, m := range g.impls[i.Name] {
			for _, im := range m.Implements {
				if im.Intf != i.Name || im.Value == "" {
					continue
				}
				if !declared[im.Value] {
					return fmt.Errorf("model %s implements %s for %s %q, which is not a declared type", m.Name, i.Name, i.Discriminator, im.Value)
				}
				seen[im.Value] = true
			}
		}
		for name := range declared {
			if !seen[name] {
				return fmt.Errorf("type %s has no model implementing %s", name, i.Name)
			}
		}
	}
	return nil
}

// checkValues verifies the value declarations: their fields are properties of the base model of
// each interface, and a model of the interface that has one of them has it with the base's type.
func (g *generator) checkValues() error {
	for _, v := range g.api.Values {
		if v.Name == "" || strings.ToLower(v.Name[:1]) != v.Name[:1] {
			return fmt.Errorf("value %s: the name of a value struct is unexported", v.Name)
		}
		for _, name := range v.For {
			i := g.intfs[name]
			if i == nil {
				return fmt.Errorf("value %s: unknown interface %s", v.Name, name)
			}
			if g.values[name] != nil {
				return fmt.Errorf("value %s: interface %s already has value %s", v.Name, name, g.values[name].Name)
			}
			g.values[name] = v
			base := g.models[i.Base]
			for _, json := range v.Fields {
				bf := fieldByJSON(base, json)
				if bf == nil {
					return fmt.Errorf("value %s: %s has no property %s", v.Name, i.Base, json)
				}
				for _, m := range g.impls[name] {
					if f := fieldByJSON(m, json); f != nil && (f.Type != bf.Type || f.Go != bf.Go) {
						return fmt.Errorf("value %s: %s.%s is %s %s, not %s %s as in %s", v.Name, m.Name, json, f.Go, f.Type, bf.Go, bf.Type, i.Base)
					}
				}
			}
		}
	}
	return nil
}

type valueStructData struct {
	Name, Doc string
	Fields    []struct{ Go, Type, Doc string }
}

// valueStructs describes the value structs: each field has the base model's name and type.
func (g *generator) valueStructs() []valueStructData {
	var out []valueStructData
	for _, v := range g.api.Values {
		base := g.models[g.intfs[v.For[0]].Base]
		d := valueStructData{Name: v.Name, Doc: v.Name + " " + g.doc("types", v.Name, "holds the value properties of "+strings.Join(v.For, " and ")+".")}
		for _, json := range v.Fields {
			f := fieldByJSON(base, json)
			d.Fields = append(d.Fields, struct{ Go, Type, Doc string }{f.Go, f.Type,
				g.doc("fields", base.Name+"."+json, g.doc("fields", json, "The "+strings.ReplaceAll(json, "_", " ")+" property."))})
		}
		out = append(out, d)
	}
	return out
}

// valueMethod is the value struct a model returns from its value method, and the fields it sets.
type valueMethod struct {
	Name string
	Sets []assign
}

func (g *generator) valueMethod(m *Model) *valueMethod {
	for _, im := range m.Implements {
		v := g.values[im.Intf]
		if v == nil {
			continue
		}
		d := &valueMethod{Name: v.Name}
		for _, json := range v.Fields {
			if f := fieldByJSON(m, json); f != nil {
				d.Sets = append(d.Sets, assign{f.Go, "m." + f.Go})
			}
		}
		return d
	}
	return nil
}

type typeConst struct {
	Const, Name, Doc, Secret string
}

type typesData struct {
	Secrets, Configs, Vault []typeConst
}

// typesData gives the constants and lists of the declared types, sorted by name.
func (g *generator) typesData() *typesData {
	d := &typesData{}
	secretConst := map[string]string{}
	for _, t := range g.api.SecretTypes {
		c := "SecretType" + t.Go
		secretConst[t.Name] = c
		d.Secrets = append(d.Secrets, typeConst{Const: c, Name: t.Name, Doc: c + " " + g.doc("types", c, "is the "+t.Name+" secret type.")})
		if t.Vault {
			d.Vault = append(d.Vault, typeConst{Const: t.Go, Name: t.Name,
				Doc: fmt.Sprintf("%s is the engine of %s secrets (secretsmanagerv2.%s).", t.Go, t.Name, c)})
		}
	}
	for _, t := range g.api.ConfigTypes {
		c := "ConfigType" + t.Go
		d.Configs = append(d.Configs, typeConst{Const: c, Name: t.Name, Doc: c + " " + g.doc("types", c, "is the "+t.Name+" configuration type."), Secret: secretConst[t.Secret]})
	}
	for _, l := range [][]typeConst{d.Secrets, d.Configs, d.Vault} {
		sort.Slice(l, func(i, j int) bool { return l[i].Name < l[j].Name })
	}
	return d
}
