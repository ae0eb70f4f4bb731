package main

import (
	"fmt"
	"slices"
	"strings"
)

// The types of this file are what the templates print: names, types, tags and Go expressions,
// computed from the API description.

type assign struct{ To, From string }

type enumValue struct{ Const, Value string }

type enumData struct {
	Owner, Field string
	Values       []enumValue
}

type fieldData struct {
	Go, JSON, Type, Tag, Doc string
}

type viewUse struct {
	What, Struct string
	Sets         []assign
}

type ctorData struct {
	Params string
	Sets   []assign
	Checks []struct{ Param, Field string }
}

type fillData struct{ Go, Value string }

// checkData is one required property a request model checks, or a nested model it checks in turn.
type checkData struct {
	Go, Path     string
	Nested, Each bool
}

type modelData struct {
	Name       string
	Doc        string
	ImplDocs   []string
	Fields     []fieldData
	Raw        bool
	Additional bool
	Patch      bool
	Enums      []enumData
	Markers    []string
	Views      []viewUse
	Ctor       *ctorData
	Fill       *fillData
	Checks     []checkData
	Decode     bool      // it has an UnmarshalJSON method: it has polymorphic properties or keeps additional ones
	Decoder    string    // the function that decodes a JSON object into it
	Read       *readData // the generated decoder
	Union      string    // the union that decodes the model's interface, for a discriminated base
	Value      *valueMethod
}

func (g *generator) fieldTag(f *Field) string {
	tag := f.JSON
	if !f.Required {
		tag += ",omitempty"
	}
	s := `json:"` + tag + `"`
	if f.Required {
		s += ` validate:"required"`
	}
	return "`" + s + "`"
}

func (g *generator) discriminatedBase(m *Model) *Interface {
	for _, i := range g.api.Interfaces {
		if i.Base == m.Name && i.Discriminator != "" {
			return i
		}
	}
	return nil
}

func enumOf(owner string, f *Field) enumData {
	e := enumData{Owner: owner, Field: f.Go}
	for _, v := range f.Enum {
		e.Values = append(e.Values, enumValue{fmt.Sprintf("%s_%s_%s", owner, f.Go, constName(v)), v})
	}
	return e
}

func (g *generator) modelData(m *Model) *modelData {
	d := &modelData{Name: m.Name, Additional: m.Additional, Patch: m.Patch}
	d.Doc = g.doc("types", m.Name, "")
	if d.Doc == "" {
		d.Doc = fmt.Sprintf("%s is a model of the Secrets Manager API.", m.Name)
	} else {
		d.Doc = m.Name + ": " + d.Doc
	}
	for _, im := range m.Implements {
		intf := g.intfs[im.Intf]
		switch {
		case intf.Base == m.Name:
			d.ImplDocs = append(d.ImplDocs, fmt.Sprintf("It holds the union of the properties of its concrete types, %s; it is also what a value of a type the SDK does not know yet decodes into.", g.concreteList(intf)))
		case im.Value != "":
			d.ImplDocs = append(d.ImplDocs, fmt.Sprintf("It implements %s, for %s %q.", im.Intf, intf.Discriminator, im.Value))
		default:
			d.ImplDocs = append(d.ImplDocs, fmt.Sprintf("It implements %s.", im.Intf))
		}
		d.Markers = append(d.Markers, baseName(im.Intf))
		if v := g.views[im.Intf]; v != nil {
			d.Views = append(d.Views, g.viewUse(m, v))
		}
		// A concrete request type fills its discriminator when it is left nil.
		if intf.Discriminator != "" && im.Value != "" && strings.Contains(im.Intf, "Prototype") {
			if f := fieldByJSON(m, intf.Discriminator); f != nil && f.Type == "*string" {
				d.Fill = &fillData{Go: f.Go, Value: im.Value}
			}
		}
	}
	for _, f := range m.Fields {
		d.Fields = append(d.Fields, fieldData{Go: f.Go, JSON: f.JSON, Type: f.Type, Tag: g.fieldTag(f),
			Doc: g.doc("fields", m.Name+"."+f.JSON, g.doc("fields", f.JSON, fmt.Sprintf("The %s property.", strings.ReplaceAll(f.JSON, "_", " "))))})
		if len(f.Enum) > 0 {
			d.Enums = append(d.Enums, enumOf(m.Name, f))
		}
	}
	base := g.discriminatedBase(m)
	d.Raw = base != nil
	if len(m.Ctor) > 0 {
		d.Ctor = g.ctorData(m)
	}
	if g.checked[m.Name] {
		d.Checks = g.checks(m, d.Fill)
	}
	d.Decode = m.Additional
	for _, f := range m.Fields {
		d.Decode = d.Decode || elemIntf(f.Type) != ""
	}
	d.Decoder = "decodeModel[" + m.Name + "]"
	if base != nil {
		d.Decoder = "decode" + base.Name
		d.Union = g.unionName(base)
	}
	d.Read = g.readData(m.Name, m.Fields, m.Additional)
	d.Value = g.valueMethod(m)
	return d
}

func (g *generator) viewUse(m *Model, v *View) viewUse {
	u := viewUse{What: strings.TrimSuffix(v.Name, "Common"), Struct: v.Name}
	for _, json := range v.Fields {
		f := fieldByJSON(m, json)
		if f == nil {
			continue
		}
		from := "m." + f.Go
		if argType(f.Type) != f.Type {
			from = "deref(m." + f.Go + ")"
		}
		u.Sets = append(u.Sets, assign{goName(json), from})
	}
	return u
}

func (g *generator) ctorData(m *Model) *ctorData {
	c := &ctorData{}
	var params []string
	for _, a := range m.Ctor {
		f := fieldByJSON(m, a)
		if f == nil {
			panic(fmt.Sprintf("model %s: ctor field %s not found", m.Name, a))
		}
		p := lowerCamel(f.Go)
		params = append(params, p+" "+argType(f.Type))
		c.Sets = append(c.Sets, assign{f.Go, wrap(f.Type, p)})
		if nilable(argType(f.Type)) {
			c.Checks = append(c.Checks, struct{ Param, Field string }{p, f.Go})
		}
	}
	c.Params = strings.Join(params, ", ")
	return c
}

// checks lists what a request model verifies before it is sent: its required properties (but the
// discriminator it fills itself) and the request models nested in it, by JSON name: the order of
// the checks (and so the first missing property reported) does not follow the declaration order.
func (g *generator) checks(m *Model, fill *fillData) []checkData {
	var out []checkData
	fields := slices.SortedFunc(slices.Values(m.Fields), func(a, b *Field) int { return strings.Compare(a.JSON, b.JSON) })
	for _, f := range fields {
		if fill != nil && f.Go == fill.Go {
			continue
		}
		if f.Required {
			out = append(out, checkData{Go: f.Go, Path: "." + f.Go})
		}
		t := strings.TrimPrefix(strings.TrimPrefix(f.Type, "[]"), "*")
		if g.checked[t] || (g.intfs[t] != nil && len(g.impls[t]) > 0) {
			switch {
			case strings.HasPrefix(f.Type, "[]") && g.models[t] != nil:
				out = append(out, checkData{Go: f.Go, Path: "." + f.Go, Each: true})
			case !strings.HasPrefix(f.Type, "[]"):
				out = append(out, checkData{Go: f.Go, Path: "." + f.Go, Nested: true})
			}
		}
	}
	return out
}

type intfData struct {
	Name, Short, Base, Discriminator, Doc, View string
	Value                                       string // the value struct its values return
	List                                        bool
	Cases                                       []struct{ Value, Model string }
	Union                                       *unionData
}

func (g *generator) intfData(i *Interface) *intfData {
	d := &intfData{Name: i.Name, Short: baseName(i.Name), Base: i.Base, Discriminator: i.Discriminator, List: g.listIntfs[i.Name]}
	d.Doc = g.doc("types", i.Name, "")
	if d.Doc == "" {
		d.Doc = fmt.Sprintf("%s is the interface of %s values: it is implemented by *%s and by %s.", i.Name, i.Base, i.Base, g.concreteList(i))
	} else {
		d.Doc = i.Name + ": " + d.Doc
	}
	if v := g.views[i.Name]; v != nil {
		d.View = v.Name
	}
	if v := g.values[i.Name]; v != nil {
		d.Value = v.Name
	}
	if i.Discriminator != "" {
		d.Union = g.unionData(i)
	}
	for _, m := range g.impls[i.Name] {
		for _, im := range m.Implements {
			if im.Intf == i.Name && im.Value != "" {
				d.Cases = append(d.Cases, struct{ Value, Model string }{im.Value, m.Name})
			}
		}
	}
	return d
}

type viewData struct {
	Name, Doc string
	Fields    []struct{ Go, Type, Doc string }
}

// viewData describes the Common views: the type of each field is the base model's, with pointers
// to scalars dereferenced.
func (g *generator) viewData() []viewData {
	var out []viewData
	for _, v := range g.api.Views {
		base := g.models[g.intfs[v.For[0]].Base]
		d := viewData{Name: v.Name, Doc: v.Name + " " + g.doc("types", v.Name, "holds the properties that every value of "+strings.Join(v.For, " and ")+" has.")}
		for _, json := range v.Fields {
			f := fieldByJSON(base, json)
			d.Fields = append(d.Fields, struct{ Go, Type, Doc string }{goName(json), argType(f.Type),
				g.doc("fields", base.Name+"."+json, g.doc("fields", json, "The "+strings.ReplaceAll(json, "_", " ")+" property."))})
		}
		out = append(out, d)
	}
	return out
}

type paramData struct {
	Go, JSON, In, Type, Tag, Doc string
	Required                     bool
	Arg, ArgType, Wrap           string
	Range                        *struct{ Field, Lo, Hi string }
	Model, Each                  bool   // a body model (or list of models) that checks its properties
	Format                       string // a query parameter's value as a string
	BodyTag                      string
}

type pagerData struct {
	Name, Op, Options, Collection, Item, Items string
}

type opData struct {
	Name, ID, Options, Var, Route, Doc, Sig, Returns string
	MethodConst, PathExpr, Decode, ContentType       string
	BodyAll                                          string
	Result                                           bool
	Params                                           []paramData
	Enums                                            []enumData
	CtorParams                                       string
	CtorSets                                         []assign
	Query, Headers, Body                             []paramData
	Pager                                            *pagerData
}

func (g *generator) paramTag(p *Field) string {
	switch p.In {
	case "path":
		return "`" + `json:"` + p.JSON + `" validate:"required,ne="` + "`"
	case "bodyall":
		return "`" + `json:"` + p.JSON + `" validate:"required"` + "`"
	}
	if p.Required {
		return "`" + `json:"` + p.JSON + `" validate:"required"` + "`"
	}
	return "`" + `json:"` + p.JSON + `,omitempty"` + "`"
}

func (g *generator) opData(o *Operation) *opData {
	d := &opData{Name: o.Name, ID: snake(o.Name), Options: o.optionsName(), Var: o.optionsVar(),
		Route: o.Method + " " + o.Path, MethodConst: strings.ToUpper(o.Method[:1]) + strings.ToLower(o.Method[1:]),
		Result: o.Result != ""}
	d.Doc = g.doc("ops", o.Name, o.Name+" calls "+d.Route+".")
	if o.Status != "" {
		d.Doc += " It answers " + o.Status + " when it succeeds."
	}
	d.Doc += g.resultDoc(o) + " " + errorsDoc(o)
	d.PathExpr = g.pathExpr(o, d.Var)
	d.Sig = fmt.Sprintf("%s *%s) (", d.Var, d.Options)
	d.Returns = "response, err"
	if o.Result != "" {
		d.Sig += "result " + o.Result + ", "
		d.Returns = "result, response, err"
		t := strings.TrimPrefix(o.Result, "*")
		if i := g.intfs[t]; i != nil && i.Discriminator != "" {
			d.Decode = "decode" + t + "(data)"
		} else if i != nil {
			d.Decode = "decodeModel[" + i.Base + "](data)"
		} else {
			d.Decode = "decodeModel[" + t + "](data)"
		}
	}
	d.Sig += "response *core.DetailedResponse, err error)"
	for _, p := range o.Params {
		pd := paramData{Go: p.Go, JSON: p.JSON, In: p.In, Type: p.Type, Tag: g.paramTag(p), Required: p.Required,
			Arg: lowerCamel(p.Go), ArgType: argType(p.Type)}
		pd.Wrap = wrap(p.Type, pd.Arg)
		pd.Doc = g.doc("fields", p.JSON, "")
		switch {
		case p.In == "bodyall":
			pd.Doc = fmt.Sprintf("The request body: %s.", g.bodyDoc(p))
		case p.In == "header":
			pd.Doc = fmt.Sprintf("The %s header: the configuration type the response should be expressed as.", p.JSON)
		case pd.Doc == "":
			pd.Doc = fmt.Sprintf("The %s %s parameter.", strings.ReplaceAll(p.JSON, "_", " "), p.In)
		}
		if p.In == "path" {
			pd.Doc += " (path parameter; must not be empty)"
		}
		if p.Min != nil && p.Max != nil {
			pd.Doc += fmt.Sprintf(" Allowed range: %d to %d.", *p.Min, *p.Max)
		} else if p.Min != nil {
			pd.Doc += fmt.Sprintf(" Minimum: %d.", *p.Min)
		}
		if p.Min != nil || p.Max != nil {
			r := &struct{ Field, Lo, Hi string }{Field: p.Go, Lo: "nil", Hi: "nil"}
			if p.Min != nil {
				r.Lo = fmt.Sprintf("core.Int64Ptr(%d)", *p.Min)
			}
			if p.Max != nil {
				r.Hi = fmt.Sprintf("core.Int64Ptr(%d)", *p.Max)
			}
			pd.Range = r
		}
		if p.In == "body" || p.In == "bodyall" {
			t := strings.TrimPrefix(strings.TrimPrefix(p.Type, "[]"), "*")
			if g.checked[t] || g.intfs[t] != nil {
				pd.Model = true
				pd.Each = strings.HasPrefix(p.Type, "[]")
			}
		}
		switch p.In {
		case "query":
			switch p.Type {
			case "*string":
				pd.Format = "*" + d.Var + "." + p.Go
			case "*int64":
				pd.Format = "strconv.FormatInt(*" + d.Var + "." + p.Go + ", 10)"
			case "*bool":
				pd.Format = "strconv.FormatBool(*" + d.Var + "." + p.Go + ")"
			case "[]string":
				pd.Format = "joinList(" + d.Var + "." + p.Go + ")"
			default:
				panic("unsupported query type " + p.Type)
			}
			d.Query = append(d.Query, pd)
		case "header":
			d.Headers = append(d.Headers, pd)
		case "body":
			pd.BodyTag = p.JSON
			if !p.Required {
				pd.BodyTag += ",omitempty"
			}
			d.Body = append(d.Body, pd)
		case "bodyall":
			d.BodyAll = d.Var + "." + p.Go
			if g.intfs[strings.TrimPrefix(p.Type, "*")] != nil {
				d.BodyAll = "withDiscriminator(" + d.BodyAll + ")"
			}
		}
		if len(p.Enum) > 0 {
			d.Enums = append(d.Enums, enumOf(d.Options, p))
		}
		d.Params = append(d.Params, pd)
	}
	var params []string
	for _, c := range o.Ctor {
		p := o.param(c)
		if p == nil {
			panic(fmt.Sprintf("operation %s: ctor parameter %s not found", o.Name, c))
		}
		v := lowerCamel(p.Go)
		params = append(params, v+" "+argType(p.Type))
		d.CtorSets = append(d.CtorSets, assign{p.Go, wrap(p.Type, v)})
	}
	d.CtorParams = strings.Join(params, ", ")
	if o.Method == "PATCH" {
		d.ContentType = "contentTypeMergePatch"
	} else if len(d.Body) > 0 || d.BodyAll != "" {
		d.ContentType = "contentTypeJSON"
	}
	if o.Pager != "" {
		d.Pager = g.pagerData(o)
	}
	return d
}

func (o *Operation) param(name string) *Field {
	for _, p := range o.Params {
		if p.JSON == name {
			return p
		}
	}
	return nil
}

func (o *Operation) optionsName() string { return o.Name + "Options" }
func (o *Operation) optionsVar() string  { return lowerCamel(o.Name) + "Options" }

func (g *generator) bodyDoc(p *Field) string {
	t := strings.TrimPrefix(p.Type, "*")
	if strings.HasPrefix(t, "map[") {
		return "a JSON merge patch, as returned by the AsPatch method of the patch model"
	}
	if i := g.intfs[t]; i != nil {
		return "one of the types implementing " + t
	}
	return t
}

// pathExpr builds the Go expression of the request path, escaping every path parameter.
func (g *generator) pathExpr(o *Operation, optVar string) string {
	var parts []string
	rest := o.Path
	for {
		i := strings.Index(rest, "{")
		if i < 0 {
			break
		}
		j := strings.Index(rest, "}")
		parts = append(parts, fmt.Sprintf("%q", rest[:i]))
		p := o.param(rest[i+1 : j])
		if p == nil || p.In != "path" {
			panic(fmt.Sprintf("operation %s: path parameter %s not declared", o.Name, rest[i+1:j]))
		}
		parts = append(parts, fmt.Sprintf("pathEscape(*%s.%s)", optVar, p.Go))
		rest = rest[j+1:]
	}
	if rest != "" {
		parts = append(parts, fmt.Sprintf("%q", rest))
	}
	return strings.Join(parts, " + ")
}

func (g *generator) pagerData(o *Operation) *pagerData {
	coll := g.models[strings.TrimPrefix(o.Result, "*")]
	items := fieldByJSON(coll, o.PagerItem)
	if items == nil {
		panic(fmt.Sprintf("operation %s: pager items %s not in %s", o.Name, o.PagerItem, coll.Name))
	}
	return &pagerData{Name: o.Pager, Op: o.Name, Options: o.optionsName(), Collection: coll.Name,
		Item: strings.TrimPrefix(items.Type, "[]"), Items: items.Go}
}

// resultDoc says which concrete types a polymorphic result may hold.
func (g *generator) resultDoc(o *Operation) string {
	i := g.intfs[strings.TrimPrefix(o.Result, "*")]
	if i == nil {
		return ""
	}
	return fmt.Sprintf(" The result is one of %s; a type this SDK does not know yet gives a *%s.", g.concreteList(i), i.Base)
}

// errorsDoc says which errors to expect, matched with errors.Is.
func errorsDoc(o *Operation) string {
	var errs []string
	if strings.Contains(o.Path, "{") {
		errs = append(errs, "ErrNotFound (404)")
	}
	if o.Method != "GET" && o.Method != "DELETE" {
		errs = append(errs, "ErrBadRequest (400)")
	}
	for _, e := range o.Errors {
		switch e {
		case "conflict":
			errs = append(errs, "ErrConflict (409)")
		case "locked":
			errs = append(errs, "ErrLocked (412)")
		}
	}
	s := "Errors: ErrInvalidInput when the options are incomplete (nothing is sent)"
	for _, e := range errs {
		s += ", " + e
	}
	return s + ", and ErrUnauthorized, ErrForbidden or ErrRateLimited; every answer error is an *APIError."
}
