package secretsmanagerv2

import "testing"

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
