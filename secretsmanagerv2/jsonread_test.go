package secretsmanagerv2

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-openapi/strfmt"
	"github.com/stretchr/testify/require"
)

// The generated decoders (fast) must decode exactly what encoding/json (std: the decoders the SDK
// had before, kept as the fallback) decodes: wherever fast accepts an input, std accepts it too and
// returns a deeply equal value (unexported fields included: the JSON kept for unknown types, the
// additional properties). Where fast declines, std decodes alone, so the two paths cannot differ.

// readModelWhole reads data, one JSON object, with the generated decoder of T.
func readModelWhole[T any, P jsonReadable[T]](d []byte) (interface{}, bool) {
	r := newJSONReader(d)
	defer r.release()
	if !r.openObject() {
		return nil, false
	}
	v := P(new(T))
	v.readJSON(&r)
	return (*T)(v), r.finish()
}

func decoderByName(t testing.TB, name string) decoderPair {
	for _, d := range decoderRegistry {
		if d.name == name {
			return d
		}
	}
	t.Fatalf("no decoder %s", name)
	return decoderPair{}
}

// agree checks that where fast accepts data, std decodes the same value; it reports whether fast
// accepted it.
func agree(t testing.TB, d decoderPair, data []byte) bool {
	t.Helper()
	v, ok := d.fast(data)
	if !ok {
		return false
	}
	w, err := d.std(data)
	if err != nil {
		t.Fatalf("%s: the generated decoder accepts what encoding/json rejects (%v): %q", d.name, err, data)
	}
	if !reflect.DeepEqual(w, v) {
		require.Equal(t, w, v, "%s: the generated decoder differs from encoding/json on %q", d.name, data)
		t.Fatalf("%s: values differ only where require.Equal cannot see", d.name)
	}
	return true
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

// TestFastDecodersAgreeOnExamples runs every decoder on every example: the one meant for it must
// take the fast path, and every decoder that accepts an example must agree with encoding/json.
func TestFastDecodersAgreeOnExamples(t *testing.T) {
	files, data, decoder := exampleInputs(t)
	require.GreaterOrEqual(t, len(files), 90)
	for _, f := range files {
		for _, d := range decoderRegistry {
			ok := agree(t, d, data[f])
			if d.name == decoder[f] {
				require.True(t, ok, "%s: the generated decoder %s leaves its own example to encoding/json", f, d.name)
			}
		}
	}
}

// TestFastDecodersAgreeOnEveryModel fills every field of every model, encodes it, and decodes it
// with both decoders, from bytes and through the exported UnmarshalX function.
func TestFastDecodersAgreeOnEveryModel(t *testing.T) {
	for _, m := range modelRegistry {
		v := m.new()
		fill(t, reflect.ValueOf(v).Elem(), 0)
		data, err := json.Marshal(v)
		require.NoError(t, err)
		d := decoderByName(t, m.name)
		if !agree(t, d, data) {
			// A concrete type of a discriminated interface is read as itself; its base only as the
			// interface, whose filled discriminator is no type the SDK knows.
			_, isBase := reflect.TypeOf(v).Elem().FieldByName("raw")
			require.True(t, isBase, "%s: the generated decoder leaves a filled model to encoding/json: %s", m.name, data)
		}

		var raw map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(data, &raw))
		fast := reflect.New(reflect.TypeOf(v))
		std := reflect.New(reflect.TypeOf(v))
		errFast := m.unmarshal(raw, fast.Interface())
		errStd := unmarshalModelMap(raw, std.Interface(), func(b []byte) (interface{}, error) { return d.std(b) })
		require.Equal(t, errStd, errFast, m.name)
		require.Equal(t, std.Interface(), fast.Interface(), m.name)
	}
}

// TestUnmarshalMapTakesTheFastPath checks that the exported UnmarshalX functions decode a map of
// raw messages without encoding it again, and that they agree with encoding/json on a map it would
// encode differently (a key that differs only in case, an invalid raw message).
func TestUnmarshalMapTakesTheFastPath(t *testing.T) {
	page := mixedSecretsPage(t, 16)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(page, &raw))
	var c SecretMetadataPaginatedCollection
	require.True(t, readMap(raw, c.readField))
	require.Len(t, c.Secrets, 16)
	var viaExported *SecretMetadataPaginatedCollection
	require.NoError(t, UnmarshalSecretMetadataPaginatedCollection(raw, &viaExported))
	require.Equal(t, &c, viaExported)

	for _, m := range []map[string]json.RawMessage{
		{"limit": json.RawMessage(`1`), "LIMIT": json.RawMessage(`2`)},
		{"limit": json.RawMessage(`1,"offset":2`)},
		{"limit": json.RawMessage(``)},
		{"limit": nil},
		{"limit": json.RawMessage(` 5 `)},
		{"secrets": json.RawMessage(`[{"secret_type":"kv","id":"a"},{"secret_type":"new_type"}]`)},
		nil,
	} {
		var fast, std *SecretMetadataPaginatedCollection
		errFast := UnmarshalSecretMetadataPaginatedCollection(m, &fast)
		errStd := unmarshalModelMap(m, &std, func(b []byte) (interface{}, error) {
			return decodeModel[SecretMetadataPaginatedCollection](b)
		})
		require.Equal(t, errStd, errFast, "%v", m)
		require.Equal(t, std, fast, "%v", m)
	}
	for _, m := range []map[string]json.RawMessage{
		{"secret_type": json.RawMessage(`"arbitrary"`), "id": json.RawMessage(`"x"`)},
		{"secret_type": json.RawMessage(`"new_type"`), "id": json.RawMessage(`"x"`)},
		{"secret_type": json.RawMessage(`null`)},
		{},
	} {
		var fast, std SecretMetadataIntf
		errFast := UnmarshalSecretMetadata(m, &fast)
		errStd := unmarshalModelMap(m, &std, func(b []byte) (interface{}, error) { return decodeSecretMetadataIntf(b) })
		require.Equal(t, errStd, errFast, "%v", m)
		require.Equal(t, std, fast, "%v", m)
	}
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

// TestFastDecodersAgreeOnVariants runs the decoder of each example on its variants: properties given
// twice or in another case, values of every shape, invalid JSON.
func TestFastDecodersAgreeOnVariants(t *testing.T) {
	files, data, decoder := exampleInputs(t)
	accepted, declined := 0, 0
	for _, f := range files {
		if decoder[f] == "" {
			continue
		}
		d := decoderByName(t, decoder[f])
		for _, v := range variants(t, data[f]) {
			if agree(t, d, v) {
				accepted++
			} else {
				declined++
			}
		}
	}
	t.Logf("%d variants decoded by the generated decoders, %d left to encoding/json", accepted, declined)
	require.Greater(t, accepted, 1000)
	require.Greater(t, declined, 1000)
}

// TestFastDecodersDeclineWhatHardeningFixes covers the decoding cases of the hardening issue: the
// generated decoders leave them to encoding/json, and the exported paths return what it returns.
func TestFastDecodersDeclineWhatHardeningFixes(t *testing.T) {
	page := decoderByName(t, "SecretMetadataPaginatedCollection")
	secret := decoderByName(t, "SecretIntf")
	for _, c := range []struct {
		d    decoderPair
		data string
	}{
		{page, `{"secrets":[tru,{"secret_type":"kv","id":"a"}]}`},
		{page, `{"secrets":[{"secret_type":"kv","id":"a"},tru]}`},
		{page, `{"secrets":[{"secret_type":"kv","id":"a"}],"x":tru}`},
		{page, `{"secrets":[{"secret_type":"kv","id":"a"}] x}`},
		{page, `{"secrets":[],"secrets":[{"secret_type":"kv","id":"a"}]}`},
		{page, `{"SECRETS":[{"secret_type":"kv","id":"a"}]}`},
		{page, `{"secrets":[{"secret_type":"kv","secret_type":"arbitrary","id":"a"}]}`},
		{page, `{"secrets":[{"secret_type":"kv","Secret_Type":"arbitrary","id":"a"}]}`},
		{page, `{"secrets":[{"secret_type":"kv","id":"a","id":"b"}]}`},
		{page, `{"secrets":[{"secret_type":"kv","id":"a","versions_total":1.5}]}`},
		{page, `{"secrets":[{"secret_type":"kv","id":5}]}`},
		{page, `{"secrets":[null]}`},
		{secret, `{"secret_type":"kv","secret_type":"arbitrary","payload":"p"}`},
		{secret, `{"secret_type":"arbitrary","created_at":"yesterday"}`},
		{secret, `{"secret_type":"arbitrary","locks_total":1e2}`},
	} {
		_, ok := c.d.fast([]byte(c.data))
		require.False(t, ok, c.data)
	}
	for _, data := range []string{`{"secrets":[tru,{"secret_type":"kv","id":"a"}]}`, `{"limit":1,"limit":2}`, `null`, `{"secrets":[{"secret_type":"kv","secret_type":"arbitrary"}]}`} {
		want, wantErr := decodeModel[SecretMetadataPaginatedCollection]([]byte(data))
		got, err := decodeModelFast[SecretMetadataPaginatedCollection]([]byte(data))
		require.Equal(t, wantErr, err, data)
		require.Equal(t, want, got, data)
	}
	for _, data := range []string{`{"secret_type":"kv","secret_type":"arbitrary","payload":"p"}`, ` {"secret_type":"new","id":"x"} `, `null`, `[]`} {
		want, wantErr := decodeSecretIntf([]byte(data))
		got, err := decodeSecretIntfFast([]byte(data))
		require.Equal(t, wantErr, err, data)
		require.Equal(t, want, got, data)
	}
}

// TestUnknownTypeKeepsTheWholeBody: a value of a type the SDK does not know keeps its JSON, the
// whole body at the top level (as encoding/json's path keeps it) and the item in a list.
func TestUnknownTypeKeepsTheWholeBody(t *testing.T) {
	body := []byte(" {\"secret_type\":\"new_type\",\"id\":\"x\"}\n")
	v, err := decodeSecretIntfFast(body)
	require.NoError(t, err)
	require.Equal(t, json.RawMessage(body), v.(*Secret).RawJSON())
	page, err := decodeModelFast[SecretMetadataPaginatedCollection]([]byte(`{"secrets":[ {"secret_type":"new_type","id":"x"} ]}`))
	require.NoError(t, err)
	require.Equal(t, `{"secret_type":"new_type","id":"x"}`, string(page.Secrets[0].(*SecretMetadata).RawJSON()))
}

func fuzzSeeds(f *testing.F) {
	files, data, _ := exampleInputs(f)
	for i, name := range files {
		if i%8 == 0 {
			f.Add(data[name])
		}
	}
	for _, s := range []string{
		`{"secrets":[{"secret_type":"kv","id":"a","labels":["x",null]},{"secret_type":"new","rotation":{}}],"limit":1}`,
		`{"secret_type":"private_cert","rotation":{"auto_rotate":false},"validity":{"not_after":"2022-04-12T23:20:50Z"}}`,
		`{"config_type":"private_cert_configuration_root_ca","crypto_key":{"provider":{"type":"hyper_protect_crypto_services"}}}`,
		`{"apikey":"k","extra":{"a":[1,"b"]},"iam_role_crn":null}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzFastDecoders runs every decoder on arbitrary bytes: where a generated decoder accepts them,
// encoding/json decodes the same value.
func FuzzFastDecoders(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range decoderRegistry {
			agree(t, d, data)
		}
	})
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
