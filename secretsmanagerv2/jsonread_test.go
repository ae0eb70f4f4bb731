package secretsmanagerv2

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/go-openapi/strfmt"
	"github.com/stretchr/testify/require"
)

// Tests of jsonread.go, the JSON reader of the generated decoders: the decoding rules (exact
// names, the last of a repeated name, no silent value, unknown discriminators, malformed input),
// through the decoders and through the operations.
//
// The generated decoders are checked against a reference decoder written to the official SDK's
// rule (refDecoder): a model is a map of raw messages, so a member matches a field by its exact
// name only and the last of a repeated name counts; each value is decoded by encoding/json into the
// field's type. Wherever the reference fails, ours fail; wherever it decodes, ours decode a deeply
// equal value (unexported fields included: the JSON kept for unknown types, additional
// properties). The reference also follows the three documented differences: an unknown
// discriminator gives the base model with its JSON; a field the official model lacks is left
// unset when its value does not decode; a null or empty body, or data after the value, fails.

// decodeAny decodes d with read in the passes asked for, as an interface{} (nil on error).
func decodeAny[V any](d []byte, read func(*jsonReader) V, fast, exact bool) (interface{}, error) {
	v, err := decodePasses(d, read, fast, exact)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func decoderByName(t testing.TB, name string) decoderEntry {
	for _, d := range decoderRegistry {
		if d.name == name {
			return d
		}
	}
	t.Fatalf("no decoder %s", name)
	return decoderEntry{}
}

// refDecoder is the reference decoder: the official SDK's rule, by reflection on our models.
type refDecoder struct {
	models map[string]reflect.Type // by name
	intfs  map[reflect.Type]intfEntry
	extra  map[string]bool // "Model.Field": a field the official SDK's model lacks
}

var (
	refOnce sync.Once
	ref     *refDecoder
)

// reference returns the reference decoder, built once from the registries and the official SDK's
// field listing.
func reference(t testing.TB) *refDecoder {
	refOnce.Do(func() {
		d := &refDecoder{models: map[string]reflect.Type{}, intfs: map[reflect.Type]intfEntry{}, extra: map[string]bool{}}
		for _, m := range modelRegistry {
			d.models[m.name] = reflect.TypeOf(m.new()).Elem()
		}
		for _, i := range intfRegistry {
			d.intfs[i.intf] = i
		}
		f, err := os.Open("../internal/apicheck/testdata/official-field-order-v2.0.22.txt")
		if err != nil {
			panic(err)
		}
		defer f.Close()
		official := map[string]bool{}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if name, fields, ok := strings.Cut(sc.Text(), ":"); ok && !strings.HasPrefix(name, "#") {
				for _, fl := range strings.Fields(fields) {
					official[name+"."+fl] = true
				}
				official[name] = true
			}
		}
		for name, typ := range d.models {
			for i := 0; i < typ.NumField(); i++ {
				if fl := typ.Field(i); fl.IsExported() && official[name] && !official[name+"."+fl.Name] {
					d.extra[name+"."+fl.Name] = true
				}
			}
		}
		ref = d
	})
	require.NotEmpty(t, ref.extra)
	return ref
}

// body decodes a response body into the model or interface name, as the official SDK does but for
// the documented difference: a body that is not a JSON object fails.
func (d *refDecoder) body(data []byte, name string) (interface{}, error) {
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	for it := range d.intfs {
		if it.Name() == name {
			return d.intf(data, it)
		}
	}
	v, err := d.object(data, d.models[name])
	if err != nil {
		return nil, err
	}
	return v.Interface(), nil
}

// unmarshal decodes a map of raw messages into the model name, as its UnmarshalX function does: the
// base of a discriminated interface as the interface (the concrete type its discriminator names).
func (d *refDecoder) unmarshal(m map[string]json.RawMessage, name string) (interface{}, error) {
	for it, i := range d.intfs {
		if i.base == name && i.disc != "" {
			data, err := json.Marshal(m)
			if err != nil {
				return nil, err
			}
			return d.intf(data, it)
		}
	}
	v := reflect.New(d.models[name])
	return v.Interface(), d.fill(m, v.Elem())
}

// object decodes a JSON object into a new *t.
func (d *refDecoder) object(data []byte, t reflect.Type) (reflect.Value, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return reflect.Value{}, err
	}
	v := reflect.New(t)
	return v, d.fill(m, v.Elem())
}

// fill sets the fields of the struct v from the members of m.
func (d *refDecoder) fill(m map[string]json.RawMessage, v reflect.Value) error {
	t := v.Type()
	known := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" {
			continue
		}
		known[name] = true
		raw, ok := m[name]
		if !ok || string(raw) == "null" {
			continue
		}
		if err := d.value(raw, v.Field(i)); err != nil {
			if d.extra[t.Name()+"."+f.Name] {
				v.Field(i).Set(reflect.Zero(f.Type))
				continue
			}
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if setter, ok := v.Addr().Interface().(interface{ SetProperty(string, interface{}) }); ok {
		for k, raw := range m {
			if !known[k] {
				var x interface{}
				if err := json.Unmarshal(raw, &x); err != nil {
					return err
				}
				setter.SetProperty(k, x)
			}
		}
	}
	return nil
}

var modelPkg = reflect.TypeFor[Secret]().PkgPath()

func isModel(t reflect.Type) bool { return t.Kind() == reflect.Struct && t.PkgPath() == modelPkg }

// value decodes raw (not null) into the field v.
func (d *refDecoder) value(raw []byte, v reflect.Value) error {
	t := v.Type()
	switch {
	case t.Kind() == reflect.Interface && t.NumMethod() > 0:
		x, err := d.intf(raw, t)
		if err == nil {
			v.Set(reflect.ValueOf(x))
		}
		return err
	case t.Kind() == reflect.Pointer && isModel(t.Elem()):
		x, err := d.object(raw, t.Elem())
		if err == nil {
			v.Set(x)
		}
		return err
	case t.Kind() == reflect.Slice && (isModel(t.Elem()) || t.Elem().Kind() == reflect.Interface):
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return err
		}
		out := reflect.MakeSlice(t, 0, len(items))
		for i, item := range items {
			var x reflect.Value
			if isModel(t.Elem()) {
				m := map[string]json.RawMessage{}
				if err := json.Unmarshal(item, &m); err != nil {
					return fmt.Errorf("[%d]: %w", i, err)
				}
				x = reflect.New(t.Elem())
				if err := d.fill(m, x.Elem()); err != nil {
					return fmt.Errorf("[%d]: %w", i, err)
				}
				x = x.Elem()
			} else {
				if string(item) == "null" {
					return fmt.Errorf("[%d]: a null item has no discriminator", i)
				}
				y, err := d.intf(item, t.Elem())
				if err != nil {
					return fmt.Errorf("[%d]: %w", i, err)
				}
				x = reflect.ValueOf(y)
			}
			out = reflect.Append(out, x)
		}
		v.Set(out)
		return nil
	}
	return json.Unmarshal(raw, v.Addr().Interface())
}

// intf decodes a JSON object into the concrete type of the interface it chooses by its
// discriminator, or into the base (keeping the object) for a value no type has.
func (d *refDecoder) intf(raw []byte, it reflect.Type) (interface{}, error) {
	i := d.intfs[it]
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	base := d.models[i.base]
	if i.disc == "" {
		v := reflect.New(base)
		return v.Interface(), d.fill(m, v.Elem())
	}
	var disc string
	if r, ok := m[i.disc]; ok {
		if err := json.Unmarshal(r, &disc); err != nil {
			return nil, err
		}
	}
	if disc == "" {
		return nil, errors.New("no discriminator")
	}
	if u, ok := i.types[disc]; ok {
		v := reflect.New(d.models[u.model])
		return v.Interface(), d.fill(m, v.Elem())
	}
	v := reflect.New(base)
	setUnexported(v.Elem().FieldByName("raw"), json.RawMessage(bytes.Clone(raw)))
	return v.Interface(), d.fill(m, v.Elem())
}

// setUnexported sets the unexported field f (addressable) to x.
func setUnexported(f reflect.Value, x interface{}) {
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(reflect.ValueOf(x))
}

// matchReference decodes data with the decoder of name and with the reference: both fail, or both
// decode deeply equal values; and where the fast pass alone decodes, it decodes the same. It
// returns whether data decoded and whether the fast pass was enough.
func matchReference(t testing.TB, name string, data []byte) (decoded, fast bool) {
	t.Helper()
	d := decoderByName(t, name)
	want, wantErr := reference(t).body(data, name)
	got, err := d.decode(data, true, true)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%s on %q: error %v, the official rule's %v", name, data, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(want, got) {
		require.Equal(t, want, got, "%s on %q", name, data)
		t.Fatalf("%s on %q: values differ only where require.Equal cannot see", name, data)
	}
	fastGot, fastErr := d.decode(data, true, false)
	switch {
	case fastErr == nil && err != nil:
		t.Fatalf("%s on %q: the fast pass decodes what the exact pass refuses (%v)", name, data, err)
	case fastErr == nil && !reflect.DeepEqual(got, fastGot):
		require.Equal(t, got, fastGot, "%s on %q: the fast pass differs", name, data)
	case fastErr != nil && fastErr != errExactPass && err == nil:
		t.Fatalf("%s on %q: the fast pass refuses (%v) what the exact pass decodes", name, data, fastErr)
	}
	return err == nil, fastErr == nil
}

// TestDecodersMatchReferenceOnExamples runs the decoder of every example response on it: it takes
// the fast pass and matches the reference; every other decoder matches the reference on it too.
func TestDecodersMatchReferenceOnExamples(t *testing.T) {
	files, data, decoder := exampleInputs(t)
	require.GreaterOrEqual(t, len(files), 90)
	for _, f := range files {
		for _, d := range decoderRegistry {
			decoded, fast := matchReference(t, d.name, data[f])
			if d.name == decoder[f] {
				require.True(t, decoded && fast, "%s: its decoder %s does not decode it in the fast pass", f, d.name)
			}
		}
	}
}

// TestDecodersMatchReferenceOnEveryModel fills every field of every model, encodes it, and decodes
// it from bytes and through the exported UnmarshalX function.
func TestDecodersMatchReferenceOnEveryModel(t *testing.T) {
	for _, m := range modelRegistry {
		v := m.new()
		fill(t, reflect.ValueOf(v).Elem(), 0)
		data, err := json.Marshal(v)
		require.NoError(t, err)
		decoded, fast := matchReference(t, m.name, data)
		require.True(t, decoded && fast, "%s: a filled model does not decode in the fast pass: %s", m.name, data)

		var raw map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(data, &raw))
		got := reflect.New(reflect.TypeOf(v))
		require.NoError(t, m.unmarshal(raw, got.Interface()), m.name)
		want, err := reference(t).unmarshal(raw, m.name)
		require.NoError(t, err, m.name)
		require.Equal(t, want, got.Elem().Interface(), m.name)
	}
}

// TestUnmarshalMapMatchesReference checks the exported UnmarshalX functions on maps of raw messages:
// decoded without encoding them again where the fast pass can, and as the official rule says
// (exact names, invalid raw messages refused) where it cannot.
func TestUnmarshalMapMatchesReference(t *testing.T) {
	page := mixedSecretsPage(t, 16)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(page, &raw))
	var c SecretMetadataPaginatedCollection
	require.True(t, readMap(raw, c.readField))
	require.Len(t, c.Secrets, 16)
	var viaExported *SecretMetadataPaginatedCollection
	require.NoError(t, UnmarshalSecretMetadataPaginatedCollection(raw, &viaExported))
	require.Equal(t, &c, viaExported)

	limit := int64(1)
	for _, c := range []struct {
		m    map[string]json.RawMessage
		want *SecretMetadataPaginatedCollection
		err  string
	}{
		{map[string]json.RawMessage{"limit": json.RawMessage(`1`), "LIMIT": json.RawMessage(`2`)}, &SecretMetadataPaginatedCollection{Limit: &limit}, ""},
		{map[string]json.RawMessage{"limit": json.RawMessage(`1,"offset":2`)}, nil, "json"},
		{map[string]json.RawMessage{"limit": json.RawMessage(``)}, nil, "json"},
		{map[string]json.RawMessage{"limit": nil}, &SecretMetadataPaginatedCollection{}, ""},
		{map[string]json.RawMessage{"limit": json.RawMessage(` 1 `)}, &SecretMetadataPaginatedCollection{Limit: &limit}, ""},
		{map[string]json.RawMessage{"limit": json.RawMessage(`"1"`)}, nil, "limit: expected an integer, found a string (in SecretMetadataPaginatedCollection)"},
		{nil, &SecretMetadataPaginatedCollection{}, ""},
	} {
		var got *SecretMetadataPaginatedCollection
		err := UnmarshalSecretMetadataPaginatedCollection(c.m, &got)
		if c.err != "" {
			require.ErrorContains(t, err, c.err, "%v", c.m)
			continue
		}
		require.NoError(t, err, "%v", c.m)
		require.Equal(t, c.want, got, "%v", c.m)
	}
	for _, c := range []struct {
		m    map[string]json.RawMessage
		want SecretMetadataIntf
		err  string
	}{
		{map[string]json.RawMessage{"secret_type": json.RawMessage(`"arbitrary"`), "id": json.RawMessage(`"x"`)},
			&ArbitrarySecretMetadata{SecretType: strPtr("arbitrary"), ID: strPtr("x")}, ""},
		{map[string]json.RawMessage{"secret_type": json.RawMessage(`"new_type"`), "id": json.RawMessage(`"x"`)},
			&SecretMetadata{SecretType: strPtr("new_type"), ID: strPtr("x"), raw: json.RawMessage(`{"id":"x","secret_type":"new_type"}`)}, ""},
		{map[string]json.RawMessage{"SECRET_TYPE": json.RawMessage(`"kv"`)}, nil, `the "secret_type" property is missing`},
		{map[string]json.RawMessage{"secret_type": json.RawMessage(`null`)}, nil, `the "secret_type" property is missing`},
		{map[string]json.RawMessage{}, nil, `the "secret_type" property is missing`},
	} {
		var got SecretMetadataIntf
		err := UnmarshalSecretMetadata(c.m, &got)
		if c.err != "" {
			require.ErrorContains(t, err, c.err, "%v", c.m)
			continue
		}
		require.NoError(t, err, "%v", c.m)
		require.Equal(t, c.want, got, "%v", c.m)
	}
}

// TestDecodersMatchReferenceOnVariants runs the decoder of each example on its variants (see
// variants and itemVariants): members given twice or in another case, values of every shape,
// invalid JSON, in the body and in the first item of its lists.
func TestDecodersMatchReferenceOnVariants(t *testing.T) {
	files, data, decoder := exampleInputs(t)
	var decoded, refused, fast int
	for _, f := range files {
		if decoder[f] == "" {
			continue
		}
		for _, v := range append(variants(t, data[f]), itemVariants(t, data[f])...) {
			ok, fastOK := matchReference(t, decoder[f], v)
			switch {
			case fastOK:
				fast++
				decoded++
			case ok:
				decoded++
			default:
				refused++
			}
		}
	}
	t.Logf("%d variants decoded (%d in the fast pass alone), %d refused", decoded, fast, refused)
	require.Greater(t, fast, 1000)
	require.Greater(t, decoded-fast, 1000)
	require.Greater(t, refused, 1000)
}

// itemVariants returns, for each top-level list of objects in an example, the example with its
// first item replaced by each variant of that item.
func itemVariants(t testing.TB, data []byte) [][]byte {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return nil
	}
	var out [][]byte
	for k, v := range obj {
		var items []json.RawMessage
		if json.Unmarshal(v, &items) != nil || len(items) == 0 || len(bytes.TrimSpace(items[0])) == 0 || bytes.TrimSpace(items[0])[0] != '{' {
			continue
		}
		for _, item := range append(variants(t, items[0]), []byte(`"x"`), []byte(`1`), []byte(`[]`)) {
			items[0] = item
			list, err := json.Marshal(items)
			if err != nil {
				continue // an invalid item: json.Marshal checks raw messages
			}
			changed := map[string]json.RawMessage{}
			for kk, vv := range obj {
				changed[kk] = vv
			}
			changed[k] = list
			b, err := json.Marshal(changed)
			require.NoError(t, err)
			out = append(out, b)
		}
	}
	return out
}

// FuzzDecodersMatchReference runs every decoder on arbitrary bytes and compares it with the
// reference decoder (see matchReference); its seeds are the example responses, their variants
// and testdata/fuzz/FuzzDecodersMatchReference.
func FuzzDecodersMatchReference(f *testing.F) {
	files, data, decoder := exampleInputs(f)
	for i, name := range files {
		f.Add(data[name])
		if decoder[name] != "" && i%4 == 0 {
			vs := append(variants(f, data[name]), itemVariants(f, data[name])...)
			for j := 0; j < len(vs); j += 97 {
				f.Add(vs[j])
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range decoderRegistry {
			matchReference(t, d.name, data)
		}
	})
}

// TestInvalidJSONIsAnError: no decoder accepts what json.Valid refuses, wherever the fault is (in a
// member no field has, in a value a later member of the same name replaces), and nesting is
// bounded as encoding/json bounds it.
func TestInvalidJSONIsAnError(t *testing.T) {
	nested := func(n int) string {
		return `{"secrets":[{"secret_type":"kv","custom_metadata":{"a":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}}]}`
	}
	for _, body := range []string{
		`{"secrets":[tru]}`, `{"secrets":[nul]}`, `{"secrets":[falsey]}`, `{"secrets":[{"secret_type":"kv","id":01}]}`,
		`{"secrets":[1.]}`, `{"secrets":[-]}`, `{"secrets":[1e]}`, `{"secrets":[+1]}`,
		`{"secrets":[{"secret_type":"kv","name":"a` + "\x01" + `"}]}`, `{"secrets":[{"secret_type":"kv","name":"\q"}]}`,
		`{"secrets":[{"secret_type":"kv","name":"\u12"}]}`, `{"secrets":[{"secret_type" "kv"}]}`,
		`{"secrets":[{"secret_type":"kv",}]}`, `{"secrets":[{"secret_type":"kv"},]}`,
		`{"secrets":[{"secret_type":"kv"}] "total_count":1}`, `{"total_count":1 "secrets":[]}`, `{"secrets":[],}`,
		`{,"secrets":[]}`, `{"secrets":[]} x`, `{"secrets":[]}}`, `{"secrets":[tru],"secrets":[]}`,
		`{"unknown":[1,}`, `{"unknown":tru,"total_count":1}`, `{"secrets":[{"secret_type":"kv","unknown":{"a" 1}}]}`,
		nested(maxReadDepth - 3), // one level too deep
	} {
		require.False(t, json.Valid([]byte(body)) && !strings.HasPrefix(body, `{"secrets":[{"secret_type":"kv","custom_metadata"`), "test case must be invalid JSON: %s", body)
		page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(body))
		require.Error(t, err, "%s decoded into %+v", body, page)
		matchReference(t, "SecretMetadataPaginatedCollection", []byte(body))
	}
	deep := nested(maxReadDepth - 4)
	require.True(t, json.Valid([]byte(deep)))
	page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(deep))
	require.NoError(t, err, "nesting as deep as encoding/json accepts")
	require.Len(t, page.Secrets, 1)
	var std interface{}
	require.Error(t, json.Unmarshal([]byte(nested(maxReadDepth-3)), &std), "encoding/json refuses one level more")
}

// exampleInputs returns every example JSON of the repository, by file name, with the decoder that
// reads it.
func exampleInputs(t testing.TB) (files []string, data map[string][]byte, decoder map[string]string) {
	data, decoder = map[string][]byte{}, map[string]string{}
	for _, ex := range loadExampleResponses(t) {
		b, err := os.ReadFile(filepath.Join("testdata/responses", ex.File))
		require.NoError(t, err)
		files = append(files, ex.File)
		data[ex.File], decoder[ex.File] = b, strings.TrimPrefix(ex.ResultType, "*")
	}
	additions, err := filepath.Glob("testdata/additions/*.json")
	require.NoError(t, err)
	for _, f := range additions {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		files = append(files, filepath.Base(f))
		data[filepath.Base(f)], decoder[filepath.Base(f)] = b, name
	}
	errorBodies, err := filepath.Glob("testdata/responses/errors/*.json")
	require.NoError(t, err)
	for _, f := range errorBodies {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		files = append(files, "errors/"+filepath.Base(f))
		data["errors/"+filepath.Base(f)] = b
	}
	return files, data, decoder
}

// variants returns inputs derived from an example object: each top-level property given twice,
// named in another case or with escapes, and its value replaced by values of other shapes.
func variants(t testing.TB, data []byte) [][]byte {
	var compact bytes.Buffer
	if json.Compact(&compact, data) != nil {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(compact.Bytes(), &obj) != nil {
		return nil
	}
	trimmed := compact.Bytes()
	body := trimmed[1 : len(trimmed)-1]
	with := func(prefix string) []byte {
		return []byte("{" + prefix + string(body) + "}")
	}
	values := []string{
		`null`, `true`, `false`, `0`, `-0`, `1.5`, `1e2`, `-12`, `9223372036854775807`, `9223372036854775808`,
		`1e400`, `""`, `"x"`, `"caf\u00e9 \ud83d\ude00 \ud800 \"q\" \\ \/ \b\f\n\r\t"`, "\"\xff\xfe bad utf-8 \xed\xa0\x80\"",
		`"2022-04-12T23:20:50.520Z"`, `"2022-04-12T23:20:50Z"`, `"2022-04-12T23:20:50.123456789Z"`, `"2022-04-12T23:20:50.1234567891Z"`,
		`"2022-04-12T23:20:50.520+02:00"`, `"2022-04-12 23:20:50"`, `"2022-02-30T00:00:00Z"`, `"2022-04-12"`, `"2022-04-12T24:00:00Z"`,
		`"2022\u002d04-12T23:20:50Z"`, `[]`, `[null]`, `["a",null]`, `[1]`, `[{}]`, `{}`, `{"a":1,"a":{"b":[1,2.5,"x",null,true]}}`,
		`{"auto_rotate":false}`, `{"unknown":1}`, `{"crn":null}`, `[tru]`, `{"a" 1}`, `"unterminated`, `01`, `-`, `[1,]`,
	}
	var out [][]byte
	for k, v := range obj {
		key, _ := json.Marshal(k)
		out = append(out,
			with(string(key)+`:null,`),
			with(string(key)+`:`+string(v)+`,`),
			with(`"`+strings.ToUpper(k)+`":`+string(v)+`,`),
			with(`"\u00`+jsonHex(k[0])+k[1:]+`":`+string(v)+`,`),
		)
		for _, val := range values {
			out = append(out, with(string(key)+`:`+val+`,`)) // a duplicate: the first of two
			if c := bytes.Replace(trimmed, append(append([]byte{}, key...), []byte(":"+string(v))...), append(append([]byte{}, key...), []byte(":"+val)...), 1); !bytes.Equal(c, trimmed) {
				out = append(out, c)
			}
		}
	}
	out = append(out,
		append(append([]byte{}, trimmed...), []byte(" x")...),
		append(append([]byte{}, trimmed...), []byte(" \n\t ")...),
		trimmed[:len(trimmed)-1],
		[]byte("null"), []byte(" "), []byte("[]"), []byte("{}"),
	)
	return out
}

func jsonHex(c byte) string {
	const hex = "0123456789abcdef"
	return string([]byte{hex[c>>4], hex[c&15]})
}

// FuzzJSONValues compares the reader's values with encoding/json's: strings (escapes, surrogates,
// invalid UTF-8), any value into interface{}, integers, and date-times as strfmt reads them.
func FuzzJSONValues(f *testing.F) {
	for _, s := range []string{
		`"plain"`, `"caf\u00e9 \ud83d\ude00 \ud800\u0041 \udc00 \"q\" \\ \/ \b\f\n\r\t"`, "\"\xff\xed\xa0\x80 x\"", `"\ud800\ud800\udc00"`,
		`{"a":[1,2.5e3,-0,"x",null,true,false,{}],"a":{"b":[]}}`, `1e400`, `-9223372036854775808`, `9223372036854775808`, `12.0`,
		`"2022-04-12T23:20:50.520Z"`, `"2022-04-12T23:20:50Z"`, `"2022-04-12T23:20:50.1234567891Z"`, `"2024-02-29T00:00:00Z"`,
		`"2023-02-29T00:00:00Z"`, `"2022-04-12T23:20:50+02:00"`, `"2022-04-12T23:20:50.5-07:30"`, `""`, `"2022-04-12"`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		{
			r := newJSONReader(data)
			var got *string
			if r.peek() == '"' {
				got = r.str()
			}
			var want string
			stdErr := json.Unmarshal(data, &want)
			if r.finish() && got != nil {
				require.NoError(t, stdErr, "%q", data)
				require.Equal(t, want, *got, "%q", data)
			} else if stdErr == nil && len(bytes.TrimSpace(data)) > 0 && bytes.TrimSpace(data)[0] == '"' {
				t.Fatalf("a valid string declined: %q", data)
			}
		}
		{
			r := newJSONReader(data)
			got := r.any()
			var want interface{}
			stdErr := json.Unmarshal(data, &want)
			if r.finish() {
				require.NoError(t, stdErr, "%q", data)
				require.Equal(t, want, got, "%q", data)
			}
		}
		{
			r := newJSONReader(data)
			got := r.integer()
			var want *int64
			stdErr := json.Unmarshal(data, &want)
			if r.finish() {
				require.NoError(t, stdErr, "%q", data)
				require.Equal(t, want, got, "%q", data)
			}
		}
		{
			r := newJSONReader(data)
			got := r.dateTime()
			var want *strfmt.DateTime
			stdErr := json.Unmarshal(data, &want)
			if r.finish() {
				require.NoError(t, stdErr, "%q", data)
				require.True(t, reflect.DeepEqual(want, got), "%q: %v, want %v", data, got, want)
			}
		}
	})
}

// FuzzUTCDateTime compares the date-time fast path with strfmt.ParseDateTime, to the location.
func FuzzUTCDateTime(f *testing.F) {
	for _, s := range []string{"2022-04-12T23:20:50.520Z", "2022-04-12T23:20:50Z", "0000-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
		"2100-02-29T00:00:00Z", "2022-13-01T00:00:00Z", "2022-04-12T23:20:60Z", "2022-04-12T23:20:50.Z", "2022-04-12T23:20:50.5Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseUTCDateTime([]byte(s))
		if !ok {
			return
		}
		want, err := strfmt.ParseDateTime(s)
		require.NoError(t, err, s)
		require.True(t, reflect.DeepEqual(time.Time(want), got), "%s: %v, want %v", s, got, time.Time(want))
	})
}

// TestDateTimeFormatsReplaced: a program that replaces strfmt.DateTimeFormats gets what strfmt
// parses with its formats, not the fast path's reading.
func TestDateTimeFormatsReplaced(t *testing.T) {
	saved := strfmt.DateTimeFormats
	defer func() { strfmt.DateTimeFormats = saved }()
	data := []byte(`"2022-04-12T23:20:50.520Z"`)
	r := newJSONReader(data)
	require.NotNil(t, r.dateTime())
	require.True(t, r.finish())

	strfmt.DateTimeFormats = []string{strfmt.ISO8601TimeUniversalSortableDateTimePattern}
	r = newJSONReader(data)
	require.Nil(t, r.dateTime())
	require.False(t, r.finish(), "left to strfmt, which rejects it")
	var want *strfmt.DateTime
	require.Error(t, json.Unmarshal(data, &want))
}

// TestDecodingRulesPerFamily runs each decoding rule through the operations of each model family (a
// secret, a secret in a list, a configuration, a version, a lock page, a task): exact member names,
// the last of a repeated name, never a silent value (an error naming the operation, the model and
// the JSON path, without the value), and the three documented differences from the official SDK.
func TestDecodingRulesPerFamily(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, ""))
	sm := srv.Client(t)
	type call func() (interface{}, error)
	getSecret := func() (interface{}, error) { v, _, err := sm.GetSecret(sm.NewGetSecretOptions("id")); return v, err }
	listSecrets := func() (interface{}, error) { v, _, err := sm.ListSecrets(sm.NewListSecretsOptions()); return v, err }
	getConfig := func() (interface{}, error) {
		v, _, err := sm.GetConfiguration(sm.NewGetConfigurationOptions("c"))
		return v, err
	}
	getVersion := func() (interface{}, error) {
		v, _, err := sm.GetSecretVersion(sm.NewGetSecretVersionOptions("s", "v"))
		return v, err
	}
	listLocks := func() (interface{}, error) {
		v, _, err := sm.ListSecretLocks(sm.NewListSecretLocksOptions("s"))
		return v, err
	}
	getTask := func() (interface{}, error) {
		v, _, err := sm.GetSecretTask(sm.NewGetSecretTaskOptions("s", "t"))
		return v, err
	}
	page := func(items string) string { return `{"total_count":1,"limit":10,"offset":0,"secrets":[` + items + `]}` }
	locks := func(items string) string { return `{"total_count":1,"limit":10,"offset":0,"locks":[` + items + `]}` }
	item := func(v interface{}, field string) interface{} {
		switch p := v.(type) {
		case *SecretMetadataPaginatedCollection:
			v = p.Secrets[0]
		case *SecretLocksPaginatedCollection:
			v = &p.Locks[0]
		}
		f := reflect.ValueOf(v).Elem().FieldByName(field)
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			return f.Elem().Interface()
		}
		return f.Interface()
	}
	when := strfmt.DateTime(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	for _, c := range []struct {
		rule, family string
		call         call
		body         string
		typ          string      // the Go type of the result (or of the list item)
		field        string      // a field of it to check
		want         interface{} // its value (nil: unset)
		err          string      // or the error
	}{
		// Exact names: a member in another case is no field.
		{"exact names", "secret", getSecret, `{"secret_type":"arbitrary","NAME":"x","Name":"y"}`, "*secretsmanagerv2.ArbitrarySecret", "Name", nil, ""},
		{"exact names", "secret in a list", listSecrets, page(`{"secret_type":"kv","NAME":"x"}`), "*secretsmanagerv2.KVSecretMetadata", "Name", nil, ""},
		{"exact names", "configuration", getConfig, `{"config_type":"iam_credentials_configuration","Disabled":"x","name":"c"}`, "*secretsmanagerv2.IAMCredentialsConfiguration", "Disabled", nil, ""},
		{"exact names", "version", getVersion, `{"secret_type":"arbitrary","PAYLOAD":"x"}`, "*secretsmanagerv2.ArbitrarySecretVersion", "Payload", nil, ""},
		{"exact names", "lock page", listLocks, locks(`{"Name":"x"}`), "*secretsmanagerv2.SecretLock", "Name", nil, ""},
		{"exact names", "task", getTask, `{"ID":"x","id":"t"}`, "*secretsmanagerv2.SecretTask", "ID", "t", ""},
		{"exact discriminator", "secret", getSecret, `{"SECRET_TYPE":"kv"}`, "", "", nil, `get_secret: decoding the response of get_secret: the "secret_type" property is missing (in Secret)`},
		{"exact discriminator", "secret in a list", listSecrets, page(`{"SECRET_TYPE":"kv","id":"a"}`), "", "", nil, `secrets[0]: the "secret_type" property is missing (in SecretMetadata)`},
		{"exact discriminator", "configuration", getConfig, `{"Config_Type":"iam_credentials_configuration"}`, "", "", nil, `the "config_type" property is missing`},

		// The last of a repeated name counts, and the earlier ones are not checked.
		{"last value", "secret", getSecret, `{"secret_type":"arbitrary","name":7,"name":"x"}`, "*secretsmanagerv2.ArbitrarySecret", "Name", "x", ""},
		{"last value", "secret", getSecret, `{"secret_type":7,"secret_type":"kv"}`, "*secretsmanagerv2.KVSecret", "SecretType", "kv", ""},
		{"last value", "secret in a list", listSecrets, page(`{"secret_type":"kv","created_at":"x","created_at":"2024-01-02T03:04:05Z"}`), "*secretsmanagerv2.KVSecretMetadata", "CreatedAt", when, ""},
		{"last value", "configuration", getConfig, `{"config_type":"iam_credentials_configuration","disabled":"x","disabled":true}`, "*secretsmanagerv2.IAMCredentialsConfiguration", "Disabled", true, ""},
		{"last value", "version", getVersion, `{"secret_type":"arbitrary","payload":{"a":1},"payload":"p"}`, "*secretsmanagerv2.ArbitrarySecretVersion", "Payload", "p", ""},
		{"last value", "lock page", listLocks, `{"locks":[1],"locks":[{"name":"l"}]}`, "*secretsmanagerv2.SecretLock", "Name", "l", ""},
		{"last value", "task", getTask, `{"status":1,"status":"failed"}`, "*secretsmanagerv2.SecretTask", "Status", "failed", ""},

		// Never a silent value: an error naming the operation, the model and the path.
		{"no silent value", "secret", getSecret, `{"secret_type":"arbitrary","created_at":"s3cr3t"}`, "", "", nil, "get_secret: decoding the response of get_secret: created_at: expected a date-time, found a string that strfmt cannot parse as one (in ArbitrarySecret)"},
		{"no silent value", "secret", getSecret, `{"secret_type":"arbitrary","payload":42}`, "", "", nil, "payload: expected a string, found a number (in ArbitrarySecret)"},
		{"no silent value", "secret in a list", listSecrets, page(`{"secret_type":"kv","id":"a"},"x"`), "", "", nil, "list_secrets: decoding the response of list_secrets: secrets[1]: expected an object, found a string (in SecretMetadataPaginatedCollection)"},
		{"no silent value", "secret in a list", listSecrets, page(`{"secret_type":"kv","id":"a"},null`), "", "", nil, "secrets[1]: expected an object"},
		{"no silent value", "secret in a list", listSecrets, page(`{"secret_type":"kv","labels":["a",7]}`), "", "", nil, "secrets[0].labels[1]: expected a string, found a number (in KVSecretMetadata)"},
		{"no silent value", "configuration", getConfig, `{"config_type":"iam_credentials_configuration","disabled":"x"}`, "", "", nil, "get_configuration: decoding the response of get_configuration: disabled: expected a boolean, found a string (in IAMCredentialsConfiguration)"},
		{"no silent value", "version", getVersion, `{"secret_type":"private_cert","validity":{"not_after":5}}`, "", "", nil, "get_secret_version: decoding the response of get_secret_version: validity.not_after: expected a date-time string, found a number (in CertificateValidity)"},
		{"no silent value", "lock page", listLocks, locks(`{"name":"a"},{"name":"b","created_at":true}`), "", "", nil, "list_secret_locks: decoding the response of list_secret_locks: locks[1].created_at: expected a date-time string, found a boolean (in SecretLock)"},
		{"no silent value", "task", getTask, `{"id":"t","errors":[{"code":"c","description":1}]}`, "", "", nil, "get_secret_task: decoding the response of get_secret_task: errors[0].description: expected a string, found a number (in SecretTaskError)"},
		{"no silent value", "task", getTask, `{"id":1.5}`, "", "", nil, "id: expected a string, found a number (in SecretTask)"},

		// Difference 1: a discriminator value this SDK does not know gives the base, members kept.
		{"unknown type", "secret", getSecret, `{"secret_type":"quantum","name":"q","qbits":64}`, "*secretsmanagerv2.Secret", "Name", "q", ""},
		{"unknown type", "secret in a list", listSecrets, page(`{"secret_type":"quantum","name":"q"}`), "*secretsmanagerv2.SecretMetadata", "Name", "q", ""},
		{"unknown type", "configuration", getConfig, `{"config_type":"quantum_configuration","name":"c"}`, "*secretsmanagerv2.Configuration", "Name", "c", ""},
		{"unknown type", "version", getVersion, `{"secret_type":"quantum","id":"v"}`, "*secretsmanagerv2.SecretVersion", "ID", "v", ""},
		{"unknown type, bad member", "secret in a list", listSecrets, page(`{"secret_type":"quantum","name":5}`), "", "", nil, "secrets[0].name: expected a string, found a number (in SecretMetadata)"},

		// Difference 2: a field only this SDK has never fails a body: another type leaves it unset.
		{"extra field", "secret", getSecret, `{"secret_type":"kv","id":"k","expiration_date":true}`, "*secretsmanagerv2.KVSecret", "ExpirationDate", nil, ""},
		{"extra field", "secret", getSecret, `{"secret_type":"kv","id":"k","expiration_date":"2024-01-02T03:04:05Z"}`, "*secretsmanagerv2.KVSecret", "ExpirationDate", when, ""},
		{"extra field", "secret in a list", listSecrets, page(`{"secret_type":"kv","id":"k","expiration_date":"x"}`), "*secretsmanagerv2.KVSecretMetadata", "ExpirationDate", nil, ""},
		{"extra field, official elsewhere", "secret in a list", listSecrets, page(`{"secret_type":"arbitrary","expiration_date":"x"}`), "", "", nil, "secrets[0].expiration_date: expected a date-time"},
		{"extra field", "configuration", getConfig, `{"config_type":"private_cert_configuration_root_ca","name":"ca","issuer":{"cn":"x"}}`, "*secretsmanagerv2.PrivateCertificateConfigurationRootCA", "Issuer", nil, ""},
		{"extra field", "version", getVersion, `{"secret_type":"service_credentials","id":"v","resource_key_name":[1]}`, "*secretsmanagerv2.ServiceCredentialsSecretVersion", "ResourceKeyName", nil, ""},
		{"extra field, invalid JSON", "version", getVersion, `{"secret_type":"service_credentials","resource_key_name":[1,]}`, "", "", nil, "invalid JSON at offset"},

		// Difference 3: no JSON object where a model is due, or data after it, is an error.
		{"no object", "secret", getSecret, `null`, "", "", nil, "get_secret: decoding the response of get_secret: expected a JSON object, found null"},
		{"empty body", "secret in a list", listSecrets, ``, "", "", nil, "list_secrets answered 200 with an empty body"},
		{"empty body", "configuration", getConfig, " \n", "", "", nil, "get_configuration answered 200 with an empty body"},
		{"no object", "version", getVersion, `[{"secret_type":"arbitrary"}]`, "", "", nil, "expected a JSON object, found an array"},
		{"data after", "lock page", listLocks, locks(`{"name":"a"}`) + ` {}`, "", "", nil, "list_secret_locks: decoding the response of list_secret_locks: data after the JSON value at offset"},
		{"data after", "task", getTask, `{"id":"t"}{"id":"u"}`, "", "", nil, "data after the JSON value at offset 10"},
	} {
		name := c.rule + "/" + c.family + "/" + c.body
		srv.SetScript(Answers(FakeAnswer{Header: http.Header{"Content-Type": {"application/json"}}, Body: c.body}))
		v, err := c.call()
		if c.err != "" {
			require.ErrorContains(t, err, c.err, name)
			require.NotContains(t, err.Error(), "s3cr3t", name)
			if c.rule == "empty body" {
				require.ErrorIs(t, err, ErrEmptyResponse, name)
				continue
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de, name)
			continue
		}
		require.NoError(t, err, name)
		got := item(v, c.field)
		switch p := v.(type) {
		case *SecretMetadataPaginatedCollection:
			v = p.Secrets[0]
		case *SecretLocksPaginatedCollection:
			v = &p.Locks[0]
		}
		require.Equal(t, c.typ, fmt.Sprintf("%T", v), name)
		if c.want == nil {
			require.True(t, reflect.ValueOf(got).IsZero(), "%s: %v", name, got)
		} else {
			require.Equal(t, c.want, got, name)
		}
		if strings.HasPrefix(c.rule, "unknown type") {
			require.NotEmpty(t, v.(interface{ RawJSON() json.RawMessage }).RawJSON(), name)
		}
	}
}

func TestUnknownSecretTypeDecodesIntoBase(t *testing.T) {
	body := `{"secret_type":"quantum_key","id":"c1","name":"my-custom","secret_group_id":"default","labels":["a"],"versions_total":2,"state":1,"created_at":"2024-01-01T00:00:00Z","brand_new_field":{"x":1}}`
	v, err := decodeSecretIntf([]byte(body))
	require.NoError(t, err)
	s, ok := v.(*Secret)
	require.True(t, ok, "decoded into the base model, got %T", v)
	require.Equal(t, "quantum_key", *s.SecretType)
	require.Equal(t, "my-custom", *s.Name)
	c := s.Common()
	require.Equal(t, "c1", c.ID)
	require.EqualValues(t, 2, c.VersionsTotal)
	require.Equal(t, []string{"a"}, c.Labels)
	require.JSONEq(t, body, string(s.RawJSON()), "the original object is available")

	known, err := decodeSecretIntf([]byte(`{"secret_type":"kv","id":"k"}`))
	require.NoError(t, err)
	require.IsType(t, &KVSecret{}, known)

	_, err = decodeSecretIntf([]byte(`{"id":"no-type"}`))
	require.ErrorContains(t, err, `"secret_type" property is missing`)
	_, err = decodeSecretIntf([]byte(`{"secret_type":null}`))
	require.ErrorContains(t, err, "missing")
	_, err = decodeSecretIntf([]byte(`{"secret_type":7}`))
	require.ErrorContains(t, err, "not a string")
	_, err = decodeSecretIntf([]byte(`[1]`))
	require.Error(t, err)
}

func TestUnknownTypesForEveryPolymorphicResult(t *testing.T) {
	decoders := map[string]func([]byte) (interface{}, error){
		"SecretMetadataIntf":        func(b []byte) (interface{}, error) { return decodeSecretMetadataIntf(b) },
		"SecretVersionIntf":         func(b []byte) (interface{}, error) { return decodeSecretVersionIntf(b) },
		"SecretVersionMetadataIntf": func(b []byte) (interface{}, error) { return decodeSecretVersionMetadataIntf(b) },
		"ConfigurationIntf":         func(b []byte) (interface{}, error) { return decodeConfigurationIntf(b) },
		"ConfigurationMetadataIntf": func(b []byte) (interface{}, error) { return decodeConfigurationMetadataIntf(b) },
		"ConfigurationActionIntf":   func(b []byte) (interface{}, error) { return decodeConfigurationActionIntf(b) },
		"SecretActionIntf":          func(b []byte) (interface{}, error) { return decodeSecretActionIntf(b) },
		"VersionActionIntf":         func(b []byte) (interface{}, error) { return decodeVersionActionIntf(b) },
		// Request bodies decode the same way (the embedded server relies on it).
		"SecretPrototypeIntf":              func(b []byte) (interface{}, error) { return decodeSecretPrototypeIntf(b) },
		"ConfigurationPrototypeIntf":       func(b []byte) (interface{}, error) { return decodeConfigurationPrototypeIntf(b) },
		"ConfigurationActionPrototypeIntf": func(b []byte) (interface{}, error) { return decodeConfigurationActionPrototypeIntf(b) },
		"SecretActionPrototypeIntf":        func(b []byte) (interface{}, error) { return decodeSecretActionPrototypeIntf(b) },
		"SecretVersionActionPrototypeIntf": func(b []byte) (interface{}, error) { return decodeSecretVersionActionPrototypeIntf(b) },
	}
	want := map[string]string{
		"SecretMetadataIntf": "*secretsmanagerv2.SecretMetadata", "SecretVersionIntf": "*secretsmanagerv2.SecretVersion",
		"SecretVersionMetadataIntf": "*secretsmanagerv2.SecretVersionMetadata", "ConfigurationIntf": "*secretsmanagerv2.Configuration",
		"ConfigurationMetadataIntf": "*secretsmanagerv2.ConfigurationMetadata", "ConfigurationActionIntf": "*secretsmanagerv2.ConfigurationAction",
		"SecretActionIntf": "*secretsmanagerv2.SecretAction", "VersionActionIntf": "*secretsmanagerv2.VersionAction",
		"SecretPrototypeIntf": "*secretsmanagerv2.SecretPrototype", "ConfigurationPrototypeIntf": "*secretsmanagerv2.ConfigurationPrototype",
		"ConfigurationActionPrototypeIntf": "*secretsmanagerv2.ConfigurationActionPrototype",
		"SecretActionPrototypeIntf":        "*secretsmanagerv2.SecretActionPrototype",
		"SecretVersionActionPrototypeIntf": "*secretsmanagerv2.SecretVersionActionPrototype",
	}
	body := []byte(`{"secret_type":"future","config_type":"future","action_type":"future","name":"n","id":"i"}`)
	for name, decode := range decoders {
		v, err := decode(body)
		require.NoError(t, err, name)
		require.Equal(t, want[name], fmt.Sprintf("%T", v), name)
		raw := v.(interface{ RawJSON() json.RawMessage }).RawJSON()
		require.JSONEq(t, string(body), string(raw))
	}
}

func TestListPageWithUnknownTypeKeepsEveryItem(t *testing.T) {
	page := `{"limit":10,"offset":0,"total_count":2,"first":{"href":"f"},"last":{"href":"l"},"secrets":[
		{"secret_type":"arbitrary","id":"1","name":"a"},
		{"secret_type":"quantum_key","id":"2","name":"b"}%s]}`
	srv := NewFake(t, FixedAnswer(200, fmt.Sprintf(page, "")))
	sm := testClient(t, srv.URL)
	result, _, err := sm.ListSecrets(sm.NewListSecretsOptions())
	require.NoError(t, err)
	require.Len(t, result.Secrets, 2)
	require.IsType(t, &ArbitrarySecretMetadata{}, result.Secrets[0])
	require.IsType(t, &SecretMetadata{}, result.Secrets[1])
	require.NotNil(t, result.Secrets[1].(*SecretMetadata).RawJSON())
	for i, s := range result.Secrets {
		require.Equal(t, fmt.Sprint(i+1), s.Common().ID)
	}

	pager, err := sm.NewSecretsPager(nil)
	require.NoError(t, err)
	all, err := pager.GetAll()
	require.NoError(t, err)
	require.Len(t, all, 2)

	// An item without a discriminator, or of a known type whose members do not decode, is an
	// error naming the item, as the official SDK fails on it; never an item with invented values.
	for item, want := range map[string]string{
		`{"id":"3","name":"c"}`: `secrets[2]: the "secret_type" property is missing (in SecretMetadata)`,
		`{"secret_type":"kv","id":"4","name":"d","state":"broken"}`: `secrets[2].state: expected an integer, found a string (in KVSecretMetadata)`,
	} {
		srv := NewFake(t, FixedAnswer(200, fmt.Sprintf(page, ","+item)))
		sm := testClient(t, srv.URL)
		_, _, err := sm.ListSecrets(sm.NewListSecretsOptions())
		require.ErrorContains(t, err, "list_secrets")
		require.ErrorContains(t, err, want)
	}
}

func TestMalformedPagesAreErrors(t *testing.T) {
	for _, body := range []string{
		`{"secrets":[{"secret_type":"kv"} {"secret_type":"kv"}]}`,
		`{"secrets":[{"secret_type":"kv"},`,
		`{"secrets":{"a":1}}`,
		`{"secrets":[]`,
		`{"total_count":"x","secrets":[]}`,
	} {
		_, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(body))
		require.Error(t, err, body)
	}
	page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(`{"total_count":0,"secrets":[]}`))
	require.NoError(t, err)
	require.NotNil(t, page.Secrets)
	require.Empty(t, page.Secrets)
	page, err = decodeModel[SecretMetadataPaginatedCollection]([]byte(` { "secrets" : null , "total_count" : 1 } `))
	require.NoError(t, err)
	require.Nil(t, page.Secrets)
	require.EqualValues(t, 1, *page.TotalCount)
}

func TestEscapedKeysInPages(t *testing.T) {
	page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(`{"se\u0063rets":[{"secret_\u0074ype":"kv","id":"a"}],"total_count":1}`))
	require.NoError(t, err)
	require.Len(t, page.Secrets, 1)
	require.IsType(t, &KVSecretMetadata{}, page.Secrets[0])
}

// FuzzDecodeSecretsPage feeds arbitrary bytes to the page decoder (a list of discriminated items):
// it never panics, and it decodes or refuses as the reference decoder of the official rule does
// (see matchReference).
func FuzzDecodeSecretsPage(f *testing.F) {
	for _, seed := range []string{
		`{"secrets":[{"secret_type":"kv","id":"a"},{"secret_type":"arbitrary"}],"total_count":2}`,
		`{"total_count":1,"secrets":[{"secret_type":"unknown","x":[1,{"y":"}"}]}]}`,
		`{"secrets":null}`, `{"secrets":[]}`, `{}`, `[]`, `{"secrets":[1,2]}`, `{"se\u0063rets":[]}`,
		`{"secrets":[{"secret_type":"kv"} {"secret_type":"kv"}]}`, `{"secrets":[{"secret_type":"kv"},`,
		`{"a":"\"","secrets":[{"secret_type":"\\"}]}`, `{"secrets":[tru]}`, `{"secrets":[-0.5e+3,"\u00e9"]}`,
		`{"secrets":[{"secret_type":"kv"}],"SECRETS":[{"secret_type":"arbitrary"}]}`, `{"secrets":[]} `, `{"secrets":[{"secret_type":"kv","id":5,"id":"a"}]}`,
		`{"secrets":[{"SECRET_TYPE":"kv"}]}`, `{"secrets":[null]}`, `{"secrets":[{"secret_type":"kv","created_at":"x"}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		matchReference(t, "SecretMetadataPaginatedCollection", data)
	})
}
