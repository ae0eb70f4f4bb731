package vault

import (
	"context"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

func TestValueHelpersOfVaultModels(t *testing.T) {
	v2, c := newBothClients(t)
	ctx := context.Background()
	pki := newTestPKI(t)
	create := func(p sm.SecretPrototypeIntf) string {
		s, _, err := v2.CreateSecret(v2.NewCreateSecretOptions(p))
		require.NoError(t, err)
		return s.Common().ID
	}
	kvID := create(&sm.KVSecretPrototype{SecretType: sm.SecretTypeKV.Ptr(), Name: core.StringPtr("cfg"),
		Data: map[string]interface{}{"host": "db.internal", "port": 5432}})
	arbID := create(&sm.ArbitrarySecretPrototype{SecretType: sm.SecretTypeArbitrary.Ptr(), Name: core.StringPtr("json"),
		Payload: core.StringPtr(`{"host":"a","port":1}`)})
	textID := create(&sm.ArbitrarySecretPrototype{SecretType: sm.SecretTypeArbitrary.Ptr(), Name: core.StringPtr("text"),
		Payload: core.StringPtr("not-json-secret-text")})
	upID := create(&sm.UsernamePasswordSecretPrototype{SecretType: sm.SecretTypeUsernamePassword.Ptr(), Name: core.StringPtr("db"),
		Username: core.StringPtr("app"), Password: core.StringPtr("pw-secret-value")})
	certID := create(&sm.ImportedCertificatePrototype{SecretType: sm.SecretTypeImportedCert.Ptr(), Name: core.StringPtr("tls"),
		Certificate: &pki.cert, PrivateKey: &pki.key, Intermediate: &pki.intermediate})

	type target struct {
		Host string `json:"host"`
		Port int    `json:"port"`
	}
	kv, err := c.KV().Get(ctx, kvID)
	require.NoError(t, err)
	var got target
	require.NoError(t, kv.Data.Decode(&got))
	require.Equal(t, target{"db.internal", 5432}, got)

	arb, err := c.Arbitrary().Get(ctx, arbID)
	require.NoError(t, err)
	got = target{}
	require.NoError(t, arb.Data.Decode(&got))
	require.Equal(t, target{"a", 1}, got)

	text, err := c.Arbitrary().Get(ctx, textID)
	require.NoError(t, err)
	err = text.Data.Decode(&got)
	require.Error(t, err)
	require.NotContains(t, err.Error(), "not-json-secret-text")

	up, err := c.UsernamePassword().Get(ctx, upID)
	require.NoError(t, err)
	user, pw, err := up.Data.UsernamePassword()
	require.NoError(t, err)
	require.Equal(t, []string{"app", "pw-secret-value"}, []string{user, pw})

	cert, err := c.ImportedCert().Get(ctx, certID)
	require.NoError(t, err)
	tc, err := cert.Data.TLSCertificate()
	require.NoError(t, err)
	require.NotEmpty(t, tc.Certificate)
	require.NotNil(t, tc.Leaf)

	// Models without their data, and nil models: an error, never a panic.
	cases := []struct {
		name string
		err  error
		is   error
	}{
		{"kv without data", (&KVSecret{Name: core.StringPtr("x")}).Decode(&got), sm.ErrNoValue},
		{"nil kv", (*KVSecret)(nil).Decode(&got), sm.ErrInvalidInput},
		{"kv into a non-pointer", kv.Data.Decode(got), sm.ErrInvalidInput},
		{"nil arbitrary", (*ArbitrarySecret)(nil).Decode(&got), sm.ErrInvalidInput},
		{"username_password without data", func() error { _, _, err := (&UsernamePasswordSecret{}).UsernamePassword(); return err }(), sm.ErrNoValue},
		{"nil username_password", func() error { _, _, err := (*UsernamePasswordSecret)(nil).UsernamePassword(); return err }(), sm.ErrInvalidInput},
		{"public cert not issued", func() error { _, err := (&PublicCertSecret{}).TLSCertificate(); return err }(), sm.ErrNoValue},
		{"private cert without key", func() error {
			_, err := (&PrivateCertSecret{SecretData: &CertificateData{Certificate: &pki.cert}}).TLSCertificate()
			return err
		}(), sm.ErrNoValue},
		{"nil imported cert", func() error { _, err := (*ImportedCertSecret)(nil).TLSCertificate(); return err }(), sm.ErrInvalidInput},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.err, tc.is)
		})
	}
}
