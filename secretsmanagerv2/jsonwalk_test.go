package secretsmanagerv2

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestInvalidJSONInAPageIsAnError checks that the page decoder, which walks the JSON by hand, accepts
// no page that json.Valid refuses, wherever the fault is.
func TestInvalidJSONInAPageIsAnError(t *testing.T) {
	// The page's object and list are two levels: items nested maxNestingDepth-2 deep are accepted.
	nested := func(n int) string {
		return `{"secrets":[` + strings.Repeat("[", n) + strings.Repeat("]", n) + `]}`
	}
	deep := nested(maxNestingDepth - 2)
	for _, body := range []string{
		`{"secrets":[tru]}`,
		`{"secrets":[tru,{"secret_type":"kv","id":"a"}]}`,
		`{"secrets":[nul]}`,
		`{"secrets":[falsey]}`,
		`{"secrets":[{"secret_type":"kv","id":01}]}`,
		`{"secrets":[1.]}`,
		`{"secrets":[-]}`,
		`{"secrets":[1e]}`,
		`{"secrets":[+1]}`,
		`{"secrets":[{"secret_type":"kv","name":"a` + "\x01" + `"}]}`,
		`{"secrets":[{"secret_type":"kv","name":"\q"}]}`,
		`{"secrets":[{"secret_type":"kv","name":"\u12"}]}`,
		`{"secrets":[{"secret_type" "kv"}]}`,
		`{"secrets":[{"secret_type":"kv",}]}`,
		`{"secrets":[{"secret_type":"kv"},]}`,
		`{"secrets":[{"secret_type":"kv"}] "total_count":1}`,
		`{"total_count":1 "secrets":[]}`,
		`{"secrets":[],}`,
		`{,"secrets":[]}`,
		`{"secrets":[]} x`,
		`{"secrets":[]}}`,
		`{"secrets":[tru],"secrets":[]}`, // invalid in a value that a later one replaces
		`{"secrets":[{"secret_type":"kv"}],"total_count":tru}`,
		nested(maxNestingDepth - 1), // one level too deep
	} {
		require.False(t, json.Valid([]byte(body)), "test case must be invalid JSON: %s", body)
		page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(body))
		require.Error(t, err, "%s decoded into %+v", body, page)
	}
	require.True(t, json.Valid([]byte(deep)))
	page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(deep))
	require.NoError(t, err, "nesting as deep as encoding/json accepts")
	require.Len(t, page.Secrets, 1)
}

// TestDuplicateKeysReadAsEncodingJSON checks that where a key appears twice (or in another case),
// the decoders read the value encoding/json reads: the last one, matched case-insensitively.
func TestDuplicateKeysReadAsEncodingJSON(t *testing.T) {
	for _, c := range []struct {
		body, wantType string
	}{
		{`{"secret_type":"kv","id":"a","secret_type":"arbitrary"}`, "arbitrary"},
		{`{"secret_type":"kv","SECRET_TYPE":"arbitrary"}`, "arbitrary"},
		{`{"Secret_Type":"kv"}`, "kv"},
		{`{"secret_type":"kv","secret_\u0074ype":"username_password"}`, "username_password"},
		{`{"secret_type":"kv","ſecret_type":"imported_cert"}`, "imported_cert"}, // ſ folds to s
		{`{"secret_type":"arbitrary","a":{"secret_type":"kv"}}`, "arbitrary"},
	} {
		var oracle struct {
			SecretType *string `json:"secret_type"`
		}
		require.NoError(t, json.Unmarshal([]byte(c.body), &oracle))
		require.Equal(t, c.wantType, *oracle.SecretType, "encoding/json reads %s so", c.body)

		got, err := discriminatorValue([]byte(c.body), "secret_type")
		require.NoError(t, err)
		require.Equal(t, c.wantType, got, c.body)
		s, err := decodeSecretIntf([]byte(c.body))
		require.NoError(t, err)
		require.Equal(t, c.wantType, s.Common().SecretType, "the type chosen and its field agree: %s", c.body)
	}
	_, err := discriminatorValue([]byte(`{"secret_type":"kv","secret_type":null}`), "secret_type")
	require.Error(t, err, "the last value is null: no discriminator")

	for _, c := range []struct {
		body  string
		types []string // nil: no list
	}{
		{`{"secrets":[{"secret_type":"kv"}],"total_count":2,"secrets":[{"secret_type":"arbitrary"},{"secret_type":"kv"}]}`, []string{"arbitrary", "kv"}},
		{`{"SECRETS":[{"secret_type":"kv"}],"total_count":1}`, []string{"kv"}},
		{`{"secrets":[{"secret_type":"kv"}],"se\u0063rets":null}`, nil},
		{`{"secrets":null,"Secrets":[]}`, []string{}},
	} {
		var oracle struct {
			Secrets []json.RawMessage `json:"secrets"`
		}
		require.NoError(t, json.Unmarshal([]byte(c.body), &oracle))
		require.Len(t, oracle.Secrets, len(c.types))
		page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(c.body))
		require.NoError(t, err, c.body)
		require.Equal(t, c.types == nil, page.Secrets == nil, c.body)
		var types []string
		for _, s := range page.Secrets {
			types = append(types, s.Common().SecretType)
		}
		require.Equal(t, len(c.types), len(types), c.body)
		for i := range types {
			require.Equal(t, c.types[i], types[i], c.body)
		}
	}
	_, err = decodeModel[SecretMetadataPaginatedCollection]([]byte(`{"secrets":[{"secret_type":"kv"}],"secrets":5}`))
	require.Error(t, err, "encoding/json refuses a number for the list, even after a good value")
}

// TestValidEndAgreesWithEncodingJSON compares the walker's validation with json.Valid on values
// of every kind.
func TestValidEndAgreesWithEncodingJSON(t *testing.T) {
	for _, v := range []string{
		`0`, `-0`, `1`, `-1.5e+10`, `1E5`, `0.0`, `01`, `-`, `1.`, `.5`, `1e`, `1e+`, `--1`, `0x1`,
		`true`, `false`, `null`, `tru`, `nul`, `True`,
		`""`, `"a\"b"`, `"\u00e9\uD834\uDD1E"`, `"\u00g0"`, `"\x"`, `"` + "\t" + `"`, `"` + "\xff" + `"`, `"abc`,
		`[]`, `[ ]`, `[1,2]`, `[1,]`, `[,1]`, `[1 2]`, `{}`, `{ }`, `{"a":1}`, `{"a":1,}`, `{"a"}`, `{1:2}`,
		`{"a":[{"b":null}],"c":"d"}`, `[[[]]]`, `[[[]]`,
	} {
		want := json.Valid([]byte(v))
		got := validEnd([]byte(v), 0, 0) == len(v)
		require.Equal(t, want, got, "%q", v)
	}
}
