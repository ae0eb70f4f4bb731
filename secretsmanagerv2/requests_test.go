package secretsmanagerv2

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// TestPrototypesFillTheirDiscriminator checks that a request model whose discriminator is nil is
// sent with the only value its Go type allows, that an explicit value is sent as given, and that the
// caller's value is not changed.
func TestPrototypesFillTheirDiscriminator(t *testing.T) {
	cases := []struct {
		name string
		call func(s *SecretsManagerV2) error
		key  string
		want string
	}{
		{"secret prototype", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&ArbitrarySecretPrototype{Name: core.StringPtr("n"), Payload: core.StringPtr("p")}))
			return err
		}, "secret_type", "arbitrary"},
		{"explicit value sent as given", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&KVSecretPrototype{SecretType: core.StringPtr("kv-v2"), Name: core.StringPtr("n"), Data: map[string]interface{}{}}))
			return err
		}, "secret_type", "kv-v2"},
		{"configuration prototype", func(s *SecretsManagerV2) error {
			p := &CustomCredentialsConfigurationPrototype{Name: core.StringPtr("c"),
				CodeEngine: &CustomCredentialsConfigurationCodeEngine{JobName: core.StringPtr("j"), ProjectID: core.StringPtr("p"), Region: core.StringPtr("eu-de")}}
			_, _, err := s.CreateConfiguration(s.NewCreateConfigurationOptions(p))
			return err
		}, "config_type", "custom_credentials_configuration"},
		{"configuration action", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateConfigurationAction(s.NewCreateConfigurationActionOptions("ca", &PrivateCertificateConfigurationActionRotatePrototype{}))
			return err
		}, "action_type", "private_cert_configuration_action_rotate_intermediate"},
		{"secret action", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecretAction(s.NewCreateSecretActionOptions("x", &PrivateCertificateActionRevokePrototype{}))
			return err
		}, "action_type", "private_cert_action_revoke_certificate"},
		{"version action", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecretVersionAction(s.NewCreateSecretVersionActionOptions("x", "v", &PrivateCertificateVersionActionRevokePrototype{}))
			return err
		}, "action_type", "private_cert_action_revoke_certificate"},
		{"task update", func(s *SecretsManagerV2) error {
			_, _, err := s.ReplaceSecretTask(s.NewReplaceSecretTaskOptions("x", "t", &SecretTaskPrototypeUpdateSecretTaskCredentialsDeleted{}))
			return err
		}, "status", "credentials_deleted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := NewFake(t, FixedAnswer(201, `{}`))
			// The answer {} names no type: only what was sent matters here.
			_ = c.call(srv.Client(t))
			var body map[string]interface{}
			require.NoError(t, json.Unmarshal(srv.Last(t).Body, &body))
			require.Equal(t, c.want, body[c.key])
		})
	}
	t.Run("the caller's value is not changed", func(t *testing.T) {
		srv := NewFake(t, FixedAnswer(201, `{}`))
		s := srv.Client(t)
		p := &UsernamePasswordSecretPrototype{Name: core.StringPtr("n"), Username: core.StringPtr("u")}
		_, _, _ = s.CreateSecret(s.NewCreateSecretOptions(p))
		require.Nil(t, p.SecretType)
		require.Contains(t, string(srv.Last(t).Body), `"secret_type":"username_password"`)
	})
}

// TestRequestModelsAreCheckedBeforeSending checks that a missing required property of a request
// model, at any depth, is an ErrInvalidInput naming the field and the type, and that nothing is sent.
func TestRequestModelsAreCheckedBeforeSending(t *testing.T) {
	cases := []struct {
		name string
		call func(s *SecretsManagerV2) error
		msg  string
	}{
		{"prototype without payload", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&ArbitrarySecretPrototype{Name: core.StringPtr("n")}))
			return err
		}, "ArbitrarySecretPrototype: field Payload is required"},
		{"prototype with an empty name", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&ArbitrarySecretPrototype{Name: core.StringPtr(""), Payload: core.StringPtr("p")}))
			return err
		}, "ArbitrarySecretPrototype: field Name is required"},
		{"kv prototype without data", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&KVSecretPrototype{Name: core.StringPtr("n")}))
			return err
		}, "KVSecretPrototype: field Data is required"},
		{"nested model", func(s *SecretsManagerV2) error {
			p := &CustomCredentialsConfigurationPrototype{Name: core.StringPtr("c"),
				CodeEngine: &CustomCredentialsConfigurationCodeEngine{ProjectID: core.StringPtr("p"), Region: core.StringPtr("eu-de")}}
			_, _, err := s.CreateConfiguration(s.NewCreateConfigurationOptions(p))
			return err
		}, "CustomCredentialsConfigurationCodeEngine: field CodeEngine.JobName is required"},
		{"polymorphic nested model", func(s *SecretsManagerV2) error {
			p := &PrivateCertificateConfigurationRootCAPrototype{Name: core.StringPtr("ca"), CommonName: core.StringPtr("example.com"),
				MaxTTL: core.StringPtr("8760h"), CryptoKey: &PrivateCertificateCryptoKey{Provider: &PrivateCertificateCryptoProviderHPCS{InstanceCrn: core.StringPtr("crn")}}}
			_, _, err := s.CreateConfiguration(s.NewCreateConfigurationOptions(p))
			return err
		}, "PrivateCertificateCryptoProviderHPCS: field CryptoKey.Provider.PinIamCredentialsSecretID is required"},
		{"list of models", func(s *SecretsManagerV2) error {
			locks := []SecretLockPrototype{{Name: core.StringPtr("a")}, {}}
			_, _, err := s.CreateSecretLocksBulk(s.NewCreateSecretLocksBulkOptions("x", locks))
			return err
		}, "SecretLockPrototype: field Locks[1].Name is required"},
		{"task update without credentials", func(s *SecretsManagerV2) error {
			_, _, err := s.ReplaceSecretTask(s.NewReplaceSecretTaskOptions("x", "t", &SecretTaskPrototypeUpdateSecretTaskCredentialsCreated{}))
			return err
		}, "SecretTaskPrototypeUpdateSecretTaskCredentialsCreated: field Credentials is required"},
		{"version prototype", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecretVersion(s.NewCreateSecretVersionOptions("x", &ArbitrarySecretVersionPrototype{}))
			return err
		}, "ArbitrarySecretVersionPrototype: field Payload is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := NewFake(t, FixedAnswer(201, `{}`))
			err := c.call(srv.Client(t))
			require.ErrorIs(t, err, ErrInvalidInput)
			require.Contains(t, err.Error(), c.msg)
			require.Empty(t, srv.Requests(), "nothing may be sent")
		})
	}
}

// TestSensitiveFieldsAreRedacted reads models.api and checks that every field it marks secret, and
// every key it lists as sensitive, is redacted from a logged body: marking a field is all it takes.
func TestSensitiveFieldsAreRedacted(t *testing.T) {
	f, err := os.Open("../internal/apidef/models.api")
	require.NoError(t, err)
	defer f.Close()
	keys := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		w := strings.Fields(line)
		switch {
		case len(w) > 2 && strings.HasPrefix(sc.Text(), "  ") && contains(w[2:], "secret"):
			keys[w[0]] = true
		case len(w) > 1 && w[0] == "sensitive":
			for _, k := range w[1:] {
				keys[k] = true
			}
		}
	}
	require.NoError(t, sc.Err())
	require.True(t, keys["credentials_content"] && keys["payload"] && keys["token"])
	for k := range keys {
		body, err := json.Marshal(map[string]interface{}{"outer": map[string]interface{}{k: "s3cr3t-value"}, "name": "visible"})
		require.NoError(t, err)
		shown := redactBody(body)
		require.NotContains(t, shown, "s3cr3t-value", k)
		require.Contains(t, shown, "visible")
	}
	require.Len(t, sensitiveKeys, len(keys), "sensitiveKeys is generated from exactly these keys")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestCommonViewsOfNewTypes checks the Common views of the custom credentials types, including the
// properties the views gained with v2.0.22.
func TestCommonViewsOfNewTypes(t *testing.T) {
	data, err := os.ReadFile("testdata/additions/CustomCredentialsSecret.json")
	require.NoError(t, err)
	s, err := decodeSecretIntf(data)
	require.NoError(t, err)
	c := s.Common()
	require.Equal(t, "custom_credentials", c.SecretType)
	require.NotEmpty(t, c.ID)
	require.NotEmpty(t, c.Name)
	require.Equal(t, "2026-02-03T10:20:09.000Z", c.RetrievedAt.String())
	require.NotNil(t, c.ReferencedBy, "an empty referenced_by is kept as an empty list")

	m, err := decodeSecretMetadataIntf([]byte(`{"secret_type":"custom_credentials","id":"i","referenced_by":["cfg-1"]}`))
	require.NoError(t, err)
	require.Equal(t, []string{"cfg-1"}, m.Common().ReferencedBy)
	var nilSecret *CustomCredentialsSecret
	require.Equal(t, SecretCommon{}, nilSecret.Common())
}
