package secretsmanagerv2

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// additionDecoders decodes the example of a model of the v2.0.5 to v2.0.22 additions through the
// polymorphic decoder that chooses it, so the test proves the discriminator too.
var additionDecoders = map[string]func([]byte) (interface{}, error){
	"CustomCredentialsConfiguration":         func(d []byte) (interface{}, error) { return decodeConfigurationIntf(d) },
	"CustomCredentialsConfigurationMetadata": func(d []byte) (interface{}, error) { return decodeConfigurationMetadataIntf(d) },
	"CustomCredentialsConfigurationPrototype": func(d []byte) (interface{}, error) {
		return decodeConfigurationPrototypeIntf(d)
	},
	"CustomCredentialsSecret":                func(d []byte) (interface{}, error) { return decodeSecretIntf(d) },
	"CustomCredentialsSecretMetadata":        func(d []byte) (interface{}, error) { return decodeSecretMetadataIntf(d) },
	"CustomCredentialsSecretPrototype":       func(d []byte) (interface{}, error) { return decodeSecretPrototypeIntf(d) },
	"CustomCredentialsSecretVersion":         func(d []byte) (interface{}, error) { return decodeSecretVersionIntf(d) },
	"CustomCredentialsSecretVersionMetadata": func(d []byte) (interface{}, error) { return decodeSecretVersionMetadataIntf(d) },
	"IAMCredentialsSecretPrototype":          func(d []byte) (interface{}, error) { return decodeSecretPrototypeIntf(d) },
	"PrivateCertificateConfigurationActionRotate": func(d []byte) (interface{}, error) {
		return decodeConfigurationActionIntf(d)
	},
	"PrivateCertificateConfigurationActionRotatePrototype": func(d []byte) (interface{}, error) {
		return decodeConfigurationActionPrototypeIntf(d)
	},
	"PrivateCertificateCryptoProviderHPCS": func(d []byte) (interface{}, error) {
		return decodePrivateCertificateCryptoProviderIntf(d)
	},
	"SecretTaskPrototypeUpdateSecretTaskCredentialsCreated": func(d []byte) (interface{}, error) {
		return decodeSecretTaskPrototypeIntf(d)
	},
	"SecretTaskPrototypeUpdateSecretTaskCredentialsDeleted": func(d []byte) (interface{}, error) {
		return decodeSecretTaskPrototypeIntf(d)
	},
	"SecretTaskPrototypeUpdateSecretTaskFailed": func(d []byte) (interface{}, error) {
		return decodeSecretTaskPrototypeIntf(d)
	},
	// The base union decodes by its status into the concrete prototype.
	"SecretTaskPrototype": func(d []byte) (interface{}, error) { return decodeSecretTaskPrototypeIntf(d) },
}

// additionConcrete names the concrete type an example decodes into when it is not the model the
// file is named after.
var additionConcrete = map[string]string{
	"SecretTaskPrototype": "SecretTaskPrototypeUpdateSecretTaskFailed",
}

// TestAdditionExamplesDecodeAndRoundTrip decodes the example JSON of every model added after v2.0.4
// (testdata/additions, transcribed from the API additions document) into the concrete type its
// discriminator names, through the exported Unmarshal function as well, and checks that encoding
// it again keeps every key that holds a value.
func TestAdditionExamplesDecodeAndRoundTrip(t *testing.T) {
	files, err := filepath.Glob("testdata/additions/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 31)
	registry := map[string]registeredModel{}
	for _, m := range modelRegistry {
		registry[m.name] = m
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			want := name
			if c := additionConcrete[name]; c != "" {
				want = c
			}
			var v interface{}
			if dec := additionDecoders[name]; dec != nil {
				v, err = dec(data)
			} else {
				reg, ok := registry[name]
				require.True(t, ok, "no model %s", name)
				var m map[string]json.RawMessage
				require.NoError(t, json.Unmarshal(data, &m))
				// Unmarshal functions store a *Model through the pointer they are given.
				p := reflect.New(reflect.TypeOf(reg.new()))
				err = reg.unmarshal(m, p.Interface())
				v = p.Elem().Interface()
			}
			require.NoError(t, err)
			require.Equal(t, "*secretsmanagerv2."+want, reflect.TypeOf(v).String())

			encoded, err := json.Marshal(v)
			require.NoError(t, err)
			var orig, again interface{}
			require.NoError(t, json.Unmarshal(data, &orig))
			require.NoError(t, json.Unmarshal(encoded, &again))
			requireSameKeys(t, orig, again)
		})
	}
}

// TestEncodingFollowsTheTags checks that models encode as the official SDK's do, by their struct
// tags alone: a required property that is nil is written as null, an optional one that is nil or
// empty is left out, and the properties kept from decoding a model with additional properties are
// written back.
func TestEncodingFollowsTheTags(t *testing.T) {
	cases := []struct {
		name string
		v    interface{}
		want string
	}{
		{"empty optional collections are left out", &ArbitrarySecretMetadataPatch{Labels: []string{}, CustomMetadata: map[string]interface{}{}},
			`{}`},
		{"required nil properties are null", &SecretTaskError{}, `{"code":null,"description":null}`},
		{"required and optional together", &CustomCredentialsNewCredentials{ID: stringPtrForTest("k1")},
			`{"id":"k1","payload":null}`},
		{"a required empty list is kept", &SecretTaskPrototypeUpdateSecretTaskFailed{Status: stringPtrForTest("failed"), Errors: []SecretTaskError{}},
			`{"errors":[],"status":"failed"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := json.Marshal(c.v)
			require.NoError(t, err)
			require.JSONEq(t, c.want, string(got))
		})
	}
	var creds ServiceCredentialsSecretCredentials
	require.NoError(t, json.Unmarshal([]byte(`{"apikey":"x","extra_key":{"a":1}}`), &creds))
	got, err := json.Marshal(&creds)
	require.NoError(t, err)
	require.JSONEq(t, `{"apikey":"x","extra_key":{"a":1}}`, string(got))
}

func stringPtrForTest(s string) *string { return &s }
