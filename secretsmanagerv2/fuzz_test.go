package secretsmanagerv2

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzDecodeSecretsPage feeds arbitrary bytes to the page decoder, which walks the JSON by hand
// before encoding/json decodes the items: it must never panic, and what it accepts must be a JSON
// object whose items all came through.
func FuzzDecodeSecretsPage(f *testing.F) {
	for _, seed := range []string{
		`{"secrets":[{"secret_type":"kv","id":"a"},{"secret_type":"arbitrary"}],"total_count":2}`,
		`{"total_count":1,"secrets":[{"secret_type":"unknown","x":[1,{"y":"}"}]}]}`,
		`{"secrets":null}`, `{"secrets":[]}`, `{}`, `[]`, `{"secrets":[1,2]}`, `{"se\u0063rets":[]}`,
		`{"secrets":[{"secret_type":"kv"} {"secret_type":"kv"}]}`, `{"secrets":[{"secret_type":"kv"},`,
		`{"a":"\"","secrets":[{"secret_type":"\\"}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := decodeModel[SecretMetadataPaginatedCollection](data)
		if err != nil {
			return
		}
		var generic map[string]json.RawMessage
		if json.Unmarshal(data, &generic) != nil {
			// Leniency is allowed only around the list the decoder walks itself.
			return
		}
		var items []json.RawMessage
		if raw, ok := generic["secrets"]; ok && json.Unmarshal(raw, &items) == nil && len(items) != len(page.Secrets) {
			t.Fatalf("%d items in, %d out", len(items), len(page.Secrets))
		}
	})
}

// FuzzDiscriminator checks that reading a discriminator never panics and, on valid JSON, finds the
// value of the first top-level "secret_type" property, as a token-by-token walk does.
func FuzzDiscriminator(f *testing.F) {
	for _, seed := range []string{`{"secret_type":"kv"}`, `{"a":{"secret_type":"x"},"secret_type":"y"}`, `{"secret_type":"k\u0076"}`, `{"secret_type":null}`, `{`, `"x"`, `{"a":[1,"]"],"secret_type":"z"}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := discriminatorValue(data, "secret_type")
		if !json.Valid(data) {
			return
		}
		want, found := firstTopLevelString(data, "secret_type")
		if found != (err == nil) || (found && want != got) {
			t.Fatalf("discriminator %q (err %v), token walk %q (found %v)", got, err, want, found)
		}
	})
}

// firstTopLevelString returns the first string value of key among the top-level properties of a
// JSON object, walking it with encoding/json's tokenizer.
func firstTopLevelString(data []byte, key string) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", false
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return "", false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "", false
		}
		if k == key {
			if string(v) == "null" {
				return "", false
			}
			var s string
			if json.Unmarshal(v, &s) != nil {
				return "", false
			}
			return s, true
		}
	}
	return "", false
}
