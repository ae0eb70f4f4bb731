package secretsmanagerv2

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeSecretsPage feeds arbitrary bytes to the page decoder, which walks the JSON by hand
// before encoding/json decodes the items: it must never panic, what it accepts must be valid JSON,
// and its list must have the items encoding/json reads into the "secrets" field.
func FuzzDecodeSecretsPage(f *testing.F) {
	for _, seed := range []string{
		`{"secrets":[{"secret_type":"kv","id":"a"},{"secret_type":"arbitrary"}],"total_count":2}`,
		`{"total_count":1,"secrets":[{"secret_type":"unknown","x":[1,{"y":"}"}]}]}`,
		`{"secrets":null}`, `{"secrets":[]}`, `{}`, `[]`, `{"secrets":[1,2]}`, `{"se\u0063rets":[]}`,
		`{"secrets":[{"secret_type":"kv"} {"secret_type":"kv"}]}`, `{"secrets":[{"secret_type":"kv"},`,
		`{"a":"\"","secrets":[{"secret_type":"\\"}]}`, `{"secrets":[tru]}`, `{"secrets":[-0.5e+3,"\u00e9"]}`,
		`{"secrets":[{"secret_type":"kv"}],"SECRETS":[{"secret_type":"arbitrary"}]}`, `{"secrets":[]} `,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := decodeModel[SecretMetadataPaginatedCollection](data)
		if err != nil {
			return
		}
		if !json.Valid(data) {
			t.Fatalf("invalid JSON accepted: %q", data)
		}
		var oracle struct {
			Secrets []json.RawMessage `json:"secrets"`
		}
		if json.Unmarshal(data, &oracle) == nil && (len(oracle.Secrets) != len(page.Secrets) || (oracle.Secrets == nil) != (page.Secrets == nil)) {
			t.Fatalf("encoding/json reads %d items, the decoder %d", len(oracle.Secrets), len(page.Secrets))
		}
	})
}

// FuzzDiscriminator checks that reading a discriminator never panics and, on valid JSON, finds the
// value encoding/json reads into a "secret_type" field: the last such top-level property,
// whatever the case of its name.
func FuzzDiscriminator(f *testing.F) {
	for _, seed := range []string{`{"secret_type":"kv"}`, `{"a":{"secret_type":"x"},"secret_type":"y"}`, `{"secret_type":"k\u0076"}`, `{"secret_type":null}`, `{`, `"x"`, `{"a":[1,"]"],"secret_type":"z"}`,
		`{"secret_type":"a","SECRET_TYPE":"b"}`, `{"secret_type":"a","secret_type":null}`, `{"\u017fecret_type":"s"}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := discriminatorValue(data, "secret_type")
		var oracle struct {
			SecretType *string `json:"secret_type"`
		}
		if json.Unmarshal(data, &oracle) != nil {
			return
		}
		found := oracle.SecretType != nil
		if found != (err == nil) || (found && *oracle.SecretType != got) {
			t.Fatalf("discriminator %q (err %v), encoding/json %v", got, err, oracle.SecretType)
		}
	})
}
