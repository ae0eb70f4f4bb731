package secretsmanagerv2

import (
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSecretTypesAreTheAPIs checks the typed names against the generated constants and the decoder:
// every name the API has is a known SecretType, and every known SecretType decodes into its own model.
func TestSecretTypesAreTheAPIs(t *testing.T) {
	generated := []string{
		Secret_SecretType_Arbitrary, Secret_SecretType_IamCredentials, Secret_SecretType_ImportedCert,
		Secret_SecretType_Kv, Secret_SecretType_PrivateCert, Secret_SecretType_PublicCert,
		Secret_SecretType_ServiceCredentials, Secret_SecretType_UsernamePassword, Secret_SecretType_CustomCredentials,
	}
	for _, g := range generated {
		require.True(t, SecretType(g).Known(), g)
	}
	all := SecretTypes()
	require.True(t, sort.SliceIsSorted(all, func(i, j int) bool { return all[i] < all[j] }))
	require.Len(t, all, 9)
	for _, st := range all {
		s, err := decodeSecretIntf([]byte(fmt.Sprintf(`{"secret_type":%q,"id":"x"}`, st)))
		require.NoError(t, err)
		require.NotEqual(t, fmt.Sprintf("%T", &Secret{}), fmt.Sprintf("%T", s), "%s decodes into its own model", st)
		require.Equal(t, st, s.Common().Type())
	}
	require.False(t, SecretType("not_a_type").Known())
	require.Equal(t, "kv", *SecretTypeKV.Ptr())
	require.Equal(t, "kv", SecretTypeKV.String())

	// SecretTypes returns a copy.
	all[0] = "changed"
	require.Equal(t, SecretTypeArbitrary, SecretTypes()[0])
}

func TestConfigTypesAreTheAPIs(t *testing.T) {
	generated := []string{
		Configuration_ConfigType_IamCredentialsConfiguration, Configuration_ConfigType_PrivateCertConfigurationIntermediateCa,
		Configuration_ConfigType_PrivateCertConfigurationRootCa, Configuration_ConfigType_PrivateCertConfigurationTemplate,
		Configuration_ConfigType_PublicCertConfigurationCaLetsEncrypt, Configuration_ConfigType_PublicCertConfigurationDnsClassicInfrastructure,
		Configuration_ConfigType_PublicCertConfigurationDnsCloudInternetServices, Configuration_ConfigType_CustomCredentialsConfiguration,
	}
	for _, g := range generated {
		require.True(t, ConfigType(g).Known(), g)
	}
	all := ConfigTypes()
	require.Len(t, all, 8)
	require.True(t, sort.SliceIsSorted(all, func(i, j int) bool { return all[i] < all[j] }))
	for _, ct := range all {
		require.True(t, ct.SecretType().Known(), ct)
		c, err := decodeConfigurationIntf([]byte(fmt.Sprintf(`{"config_type":%q,"name":"x","secret_type":%q}`, ct, ct.SecretType())))
		require.NoError(t, err)
		require.NotEqual(t, fmt.Sprintf("%T", &Configuration{}), fmt.Sprintf("%T", c), "%s decodes into its own model", ct)
		require.Equal(t, ct, c.Common().Type())
	}
	require.Equal(t, SecretTypePrivateCert, ConfigTypePrivateCertTemplate.SecretType())
	require.Equal(t, SecretType(""), ConfigType("x").SecretType())
	require.False(t, ConfigType("x").Known())
	require.Equal(t, string(ConfigTypePrivateCertRootCA), *ConfigTypePrivateCertRootCA.Ptr())
	require.Equal(t, "iam_credentials_configuration", ConfigTypeIAMCredentials.String())
}

func TestTypeNames(t *testing.T) {
	require.Equal(t, []string{"kv", "arbitrary"}, TypeNames(SecretTypeKV, SecretTypeArbitrary))
	require.Equal(t, []string{"private_cert_configuration_template"}, TypeNames(ConfigTypePrivateCertTemplate))
	require.Empty(t, TypeNames[SecretType]())
	// The names are what the options take.
	opts := &ListSecretsOptions{SecretTypes: TypeNames(SecretTypeKV)}
	require.Equal(t, []string{ListSecretsOptions_SecretTypes_Kv}, opts.SecretTypes)
	v := VersionCommon{SecretType: "kv"}
	require.Equal(t, SecretTypeKV, v.Type())
}
