package main

import (
	"bytes"
	"fmt"
	"strings"
)

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

func (g *generator) genOperation(o *Operation) {
	b := g.out(o.File + "_operations")
	opt := o.optionsName()
	optVar := o.optionsVar()
	opID := snake(o.Name)
	route := o.Method + " " + o.Path
	opDoc := g.doc("ops", o.Name, o.Name+" calls "+route+".")

	// Options struct.
	comment(b, "", fmt.Sprintf("%s holds the parameters of %s (%s).", opt, o.Name, route))
	fmt.Fprintf(b, "type %s struct {\n", opt)
	for _, p := range o.Params {
		d := g.doc("fields", p.JSON, "")
		switch {
		case p.In == "bodyall":
			d = fmt.Sprintf("The request body: %s.", g.bodyDoc(p))
		case p.In == "header":
			d = fmt.Sprintf("The %s header: the configuration type the response should be expressed as.", p.JSON)
		case d == "":
			d = fmt.Sprintf("The %s %s parameter.", strings.ReplaceAll(p.JSON, "_", " "), p.In)
		}
		if p.In == "path" {
			d += " (path parameter; must not be empty)"
		}
		if p.Min != nil && p.Max != nil {
			d += fmt.Sprintf(" Allowed range: %d to %d.", *p.Min, *p.Max)
		} else if p.Min != nil {
			d += fmt.Sprintf(" Minimum: %d.", *p.Min)
		}
		comment(b, "\t", d)
		fmt.Fprintf(b, "\t%s %s %s\n\n", p.Go, p.Type, g.paramTag(p))
	}
	b.WriteString("\t// Allows users to set headers on API requests.\n\tHeaders map[string]string\n}\n\n")
	for _, p := range o.Params {
		g.genEnum(b, opt, p)
	}

	// Constructor.
	var params, sets []string
	for _, c := range o.Ctor {
		p := o.param(c)
		if p == nil {
			panic(fmt.Sprintf("operation %s: ctor parameter %s not found", o.Name, c))
		}
		v := lowerCamel(p.Go)
		params = append(params, v+" "+argType(p.Type))
		sets = append(sets, fmt.Sprintf("\t\t%s: %s,\n", p.Go, wrap(p.Type, v)))
	}
	fmt.Fprintf(b, "// New%s instantiates %s with the required parameters of %s.\n", opt, opt, o.Name)
	fmt.Fprintf(b, "func (*SecretsManagerV2) New%s(%s) *%s {\n\treturn &%s{\n%s\t}\n}\n\n", opt, strings.Join(params, ", "), opt, opt, strings.Join(sets, ""))

	// Setters.
	for _, p := range o.Params {
		v := lowerCamel(p.Go)
		fmt.Fprintf(b, "// Set%s sets the %s of the %s and returns them, for chaining.\n", p.Go, p.Go, opt)
		fmt.Fprintf(b, "func (_options *%s) Set%s(%s %s) *%s {\n\t_options.%s = %s\n\treturn _options\n}\n\n", opt, p.Go, v, argType(p.Type), opt, p.Go, wrap(p.Type, v))
	}
	fmt.Fprintf(b, "// SetHeaders sets the extra request headers of the %s and returns them, for chaining.\n", opt)
	fmt.Fprintf(b, "func (_options *%s) SetHeaders(param map[string]string) *%s {\n\t_options.Headers = param\n\treturn _options\n}\n\n", opt, opt)

	// Validation.
	fmt.Fprintf(b, "// validate checks the %s before any request is sent.\nfunc (_options *%s) validate() error {\n\tif _options == nil {\n\t\treturn nilOptionsError(%q)\n\t}\n", opt, opt, optVar)
	for _, p := range o.Params {
		switch {
		case p.In == "path":
			fmt.Fprintf(b, "\tif _options.%s == nil || *_options.%s == \"\" {\n\t\treturn emptyPathParamError(%q, %q)\n\t}\n", p.Go, p.Go, opt, p.Go)
		case p.Required:
			fmt.Fprintf(b, "\tif isNil(_options.%s) {\n\t\treturn missingFieldError(%q, %q)\n\t}\n", p.Go, opt, p.Go)
		}
		if p.Min != nil || p.Max != nil {
			lo, hi := "nil", "nil"
			if p.Min != nil {
				lo = fmt.Sprintf("core.Int64Ptr(%d)", *p.Min)
			}
			if p.Max != nil {
				hi = fmt.Sprintf("core.Int64Ptr(%d)", *p.Max)
			}
			fmt.Fprintf(b, "\tif err := checkRange(%q, %q, _options.%s, %s, %s); err != nil {\n\t\treturn err\n\t}\n", opt, p.Go, p.Go, lo, hi)
		}
		if p.Type == "[]SecretLockPrototype" {
			fmt.Fprintf(b, "\tfor i := range _options.%s {\n\t\tif _options.%s[i].Name == nil || *_options.%s[i].Name == \"\" {\n\t\t\treturn missingFieldError(%q, fmt.Sprintf(\"%s[%%d].Name\", i))\n\t\t}\n\t}\n", p.Go, p.Go, p.Go, opt, p.Go)
		}
	}
	b.WriteString("\treturn nil\n}\n\n")

	// Methods.
	sig := fmt.Sprintf("(%s *%s) (", optVar, opt)
	if o.Result != "" {
		sig += "result " + o.Result + ", "
	}
	sig += "response *core.DetailedResponse, err error)"
	ret := "response, err"
	if o.Result != "" {
		ret = "result, response, err"
	}
	comment(b, "", o.Name+": "+opDoc)
	b.WriteString("//\n")
	fmt.Fprintf(b, "// Route: %s\n", route)
	fmt.Fprintf(b, "func (secretsManager *SecretsManagerV2) %s%s {\n\t%s = secretsManager.%sWithContext(context.Background(), %s)\n\treturn\n}\n\n", o.Name, sig, ret, o.Name, optVar)

	fmt.Fprintf(b, "// %sWithContext is %s with a context that bounds the request and its retries.\n//\n// Route: %s\n", o.Name, o.Name, route)
	fmt.Fprintf(b, "func (secretsManager *SecretsManagerV2) %sWithContext(ctx context.Context, %s {\n", o.Name, strings.TrimPrefix(sig, "("))
	fmt.Fprintf(b, "\tif err = %s.validate(); err != nil {\n\t\terr = validationProblem(err)\n\t\treturn\n\t}\n", optVar)
	fmt.Fprintf(b, "\treq := &apiRequest{\n\t\toperationID: %q,\n\t\tmethod: http.Method%s,\n\t\tpath: %s,\n\t\theaders: %s.Headers,\n", opID, methodConst(o.Method), g.pathExpr(o, optVar), optVar)
	if o.Result != "" {
		b.WriteString("\t\taccept: true,\n")
	}
	b.WriteString("\t}\n")
	// Query.
	var query []*Field
	for _, p := range o.Params {
		if p.In == "query" {
			query = append(query, p)
		}
	}
	if len(query) > 0 {
		b.WriteString("\tquery := url.Values{}\n")
		for _, p := range query {
			switch p.Type {
			case "*string":
				fmt.Fprintf(b, "\tif %s.%s != nil {\n\t\tquery.Set(%q, *%s.%s)\n\t}\n", optVar, p.Go, p.JSON, optVar, p.Go)
			case "*int64":
				fmt.Fprintf(b, "\tif %s.%s != nil {\n\t\tquery.Set(%q, strconv.FormatInt(*%s.%s, 10))\n\t}\n", optVar, p.Go, p.JSON, optVar, p.Go)
			case "*bool":
				fmt.Fprintf(b, "\tif %s.%s != nil {\n\t\tquery.Set(%q, strconv.FormatBool(*%s.%s))\n\t}\n", optVar, p.Go, p.JSON, optVar, p.Go)
			case "[]string":
				fmt.Fprintf(b, "\tif %s.%s != nil {\n\t\tquery.Set(%q, joinList(%s.%s))\n\t}\n", optVar, p.Go, p.JSON, optVar, p.Go)
			default:
				panic("unsupported query type " + p.Type)
			}
		}
		b.WriteString("\treq.query = query\n")
	}
	for _, p := range o.Params {
		if p.In == "header" {
			fmt.Fprintf(b, "\tif %s.%s != nil {\n\t\treq.paramHeaders = append(req.paramHeaders, %q, *%s.%s)\n\t}\n", optVar, p.Go, p.JSON, optVar, p.Go)
		}
	}
	// Body.
	var body []*Field
	for _, p := range o.Params {
		switch p.In {
		case "bodyall":
			fmt.Fprintf(b, "\treq.body = %s.%s\n", optVar, p.Go)
		case "body":
			body = append(body, p)
		}
	}
	if len(body) > 0 {
		b.WriteString("\treq.body = &struct {\n")
		for _, p := range body {
			tag := p.JSON
			if !p.Required {
				tag += ",omitempty"
			}
			fmt.Fprintf(b, "\t\t%s %s `json:%q`\n", p.Go, p.Type, tag)
		}
		b.WriteString("\t}{\n")
		for _, p := range body {
			fmt.Fprintf(b, "\t\t%s: %s.%s,\n", p.Go, optVar, p.Go)
		}
		b.WriteString("\t}\n")
	}
	if o.Method == "PATCH" {
		b.WriteString("\treq.contentType = contentTypeMergePatch\n")
	} else if len(body) > 0 || o.param(bodyAllName(o)) != nil {
		b.WriteString("\treq.contentType = contentTypeJSON\n")
	}
	// Send and decode.
	if o.Result == "" {
		b.WriteString("\tresponse, err = secretsManager.invoke(ctx, req, nil)\n\treturn\n}\n\n")
	} else {
		fmt.Fprintf(b, "\tresponse, err = secretsManager.invoke(ctx, req, func(data []byte) (err error) {\n\t\tresult, err = %s\n\t\treturn\n\t})\n", g.decodeExpr(o.Result))
		b.WriteString("\tif err == nil && response != nil && result != nil {\n\t\tresponse.Result = result\n\t}\n\treturn\n}\n\n")
	}
	if o.Pager != "" {
		g.genPager(b, o)
	}
}

func bodyAllName(o *Operation) string {
	for _, p := range o.Params {
		if p.In == "bodyall" {
			return p.JSON
		}
	}
	return ""
}

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

func methodConst(m string) string {
	return strings.ToUpper(m[:1]) + strings.ToLower(m[1:])
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

func (g *generator) decodeExpr(result string) string {
	t := strings.TrimPrefix(result, "*")
	if g.intfs[t] != nil {
		return fmt.Sprintf("decode%s(data)", t)
	}
	return fmt.Sprintf("decodeModel[%s](data)", t)
}

func (g *generator) genPager(b *bytes.Buffer, o *Operation) {
	coll := g.models[strings.TrimPrefix(o.Result, "*")]
	var items *Field
	for _, f := range coll.Fields {
		if f.JSON == o.PagerItem {
			items = f
		}
	}
	if items == nil {
		panic(fmt.Sprintf("operation %s: pager items %s not in %s", o.Name, o.PagerItem, coll.Name))
	}
	itemType := strings.TrimPrefix(items.Type, "[]")
	opt := o.optionsName()
	fmt.Fprintf(b, `// GetNextOffset returns the offset of the next page, read from the next link, or nil on the last page.
func (resp *%[1]s) GetNextOffset() (*int64, error) {
	if resp == nil || resp.Next == nil {
		return nil, nil
	}
	return offsetFromHref(resp.Next.Href)
}

// %[2]s walks the pages of %[3]s: it keeps the filters of the options it was made with
// and moves the offset from page to page. A pager is not safe for concurrent use.
type %[2]s struct {
	hasNext bool
	options *%[4]s
	client  *SecretsManagerV2
	next    *int64
	total   *int64
}

// New%[2]s returns a pager over the results of %[3]s for the given options (nil means none).
// The pager works on a copy of the options; a set Offset is where the first page starts.
func (secretsManager *SecretsManagerV2) New%[2]s(options *%[4]s) (pager *%[2]s, err error) {
	opts := &%[4]s{}
	if options != nil {
		copied := *options
		opts = &copied
	}
	if err = opts.validate(); err != nil {
		return nil, validationProblem(err)
	}
	pager = &%[2]s{hasNext: true, options: opts, client: secretsManager, next: opts.Offset}
	return
}

// HasNext reports whether another page may be fetched.
func (pager *%[2]s) HasNext() bool {
	return pager.hasNext
}

// TotalCount returns the total number of items reported by the last page fetched, or nil before the first.
func (pager *%[2]s) TotalCount() *int64 {
	return pager.total
}

// GetNextWithContext fetches the next page and returns its items.
func (pager *%[2]s) GetNextWithContext(ctx context.Context) (page []%[5]s, err error) {
	result, err := pager.nextPage(ctx)
	if err != nil {
		return nil, err
	}
	return result.%[6]s, nil
}

// nextPage fetches the next page and advances the pager.
func (pager *%[2]s) nextPage(ctx context.Context) (*%[1]s, error) {
	if !pager.HasNext() {
		return nil, errNoMoreResults
	}
	pager.options.Offset = pager.next
	result, _, err := pager.client.%[3]sWithContext(ctx, pager.options)
	if err != nil {
		return nil, err
	}
	if result == nil {
		pager.hasNext = false
		return &%[1]s{}, nil
	}
	pager.total = result.TotalCount
	pager.next = nextPageOffset(result.Next, pager.next, result.Offset, len(result.%[6]s), result.TotalCount)
	pager.hasNext = pager.next != nil
	return result, nil
}

// GetNext fetches the next page and returns its items.
func (pager *%[2]s) GetNext() (page []%[5]s, err error) {
	return pager.GetNextWithContext(context.Background())
}

// GetAllWithContext fetches every remaining page and returns all their items, in order.
func (pager *%[2]s) GetAllWithContext(ctx context.Context) (allItems []%[5]s, err error) {
	for pager.HasNext() {
		var nextPage []%[5]s
		nextPage, err = pager.GetNextWithContext(ctx)
		if err != nil {
			return
		}
		allItems = append(allItems, nextPage...)
	}
	return
}

// GetAll fetches every remaining page and returns all their items, in order.
func (pager *%[2]s) GetAll() (allItems []%[5]s, err error) {
	return pager.GetAllWithContext(context.Background())
}

// All returns an iterator over the remaining items, one at a time: it fetches a page only when the
// loop needs its first item, and stops when the loop breaks, the items run out or the context is done.
// An error is yielded once, with a zero item, and ends the iteration.
//
//	for item, err := range pager.All(ctx) {
//		if err != nil {
//			return err
//		}
//		...
//	}
func (pager *%[2]s) All(ctx context.Context) iter.Seq2[%[5]s, error] {
	return func(yield func(%[5]s, error) bool) {
		var zero %[5]s
		for pager.HasNext() {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := pager.GetNextWithContext(ctx)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// Pages returns an iterator over the remaining pages, each with its TotalCount, Offset and Limit.
// It stops when the loop breaks, the pages run out or the context is done; an error is yielded once.
func (pager *%[2]s) Pages(ctx context.Context) iter.Seq2[*%[1]s, error] {
	return func(yield func(*%[1]s, error) bool) {
		for pager.HasNext() {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			result, err := pager.nextPage(ctx)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(result, nil) {
				return
			}
		}
	}
}

`, coll.Name, o.Pager, o.Name, opt, itemType, items.Go)
}
