package secretsmanagerv2

// Tests of reflect.go's model helpers: a model encodes by its struct tags, and the additional
// properties of a model that has them are encoded beside its fields, never in place of one.

import (
	"encoding/json"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

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

func TestSourceServiceParametersAdditionalProperties(t *testing.T) {
	p := &ServiceCredentialsSourceServiceParameters{ServiceidCrn: core.StringPtr("crn:sid")}
	p.SetProperty("HMAC", true)
	require.Equal(t, true, p.GetProperty("HMAC"))
	p.SetProperties(map[string]interface{}{"HMAC": false})
	require.Equal(t, map[string]interface{}{"HMAC": false}, p.GetProperties())
	data, err := json.Marshal(p)
	require.NoError(t, err)
	require.JSONEq(t, `{"HMAC":false,"serviceid_crn":"crn:sid"}`, string(data))
}

func TestServiceCredentialsAdditionalProperties(t *testing.T) {
	c := &ServiceCredentialsSecretCredentials{Apikey: core.StringPtr("k")}
	c.SetProperty("endpoints", "https://e")
	require.Equal(t, "https://e", c.GetProperty("endpoints"))
	data, err := json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, `{"apikey":"k","endpoints":"https://e"}`, string(data))
	c.SetProperties(map[string]interface{}{"apikey": "ignored", "x": 1.0})
	data, err = json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, `{"apikey":"k","x":1}`, string(data), "an arbitrary property never replaces a field")

	var back ServiceCredentialsSecretCredentials
	require.NoError(t, json.Unmarshal([]byte(`{"apikey":"k","cos_hmac_keys":{"access_key_id":"a"},"iam_role_crn":"r"}`), &back))
	require.Equal(t, "r", *back.IamRoleCrn)
	require.Equal(t, map[string]interface{}{"cos_hmac_keys": map[string]interface{}{"access_key_id": "a"}}, back.GetProperties())
}
