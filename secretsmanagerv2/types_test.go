package secretsmanagerv2

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// generatedEnum returns the values of the generated constants of the enumerated properties
// named prop (<Owner>_<prop>_<Value>), by owner, as the generated files of the package hold them:
// what models.api and operations.api say, independently of the type lists.
func generatedEnum(t *testing.T, props ...string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*_gen.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string][]string{}
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					for _, prop := range props {
						owner, _, ok := strings.Cut(n.Name, "_"+prop+"_")
						if !ok || strings.Contains(owner, "_") {
							continue
						}
						lit, ok := vs.Values[i].(*ast.BasicLit)
						require.True(t, ok, n.Name)
						v, err := strconv.Unquote(lit.Value)
						require.NoError(t, err)
						out[owner] = append(out[owner], v)
					}
				}
			}
		}
	}
	return out
}

// TestSecretTypesAreTheAPIs checks the typed names against the generated per-model constants and
// the decoder: the secret types are exactly the values of Secret.SecretType, every secret_type
// value of any model or option is one, and every known SecretType decodes into its own model.
func TestSecretTypesAreTheAPIs(t *testing.T) {
	all := SecretTypes()
	names := TypeNames(all...)
	enums := generatedEnum(t, "SecretType", "SecretTypes")
	require.ElementsMatch(t, names, enums["Secret"], "Secret_SecretType_* are the secret types")
	require.ElementsMatch(t, names, enums["ListSecretsOptions"], "ListSecretsOptions_SecretTypes_* are the secret types")
	for owner, values := range enums {
		for _, v := range values {
			require.True(t, SecretType(v).Known(), "%s_SecretType_%s", owner, v)
		}
	}
	require.True(t, sort.SliceIsSorted(all, func(i, j int) bool { return all[i] < all[j] }))
	concrete := 0
	for _, m := range modelRegistry {
		if _, ok := m.new().(SecretIntf); ok && m.name != "Secret" {
			concrete++
		}
	}
	require.Equal(t, len(all), concrete, "one concrete SecretIntf model per type")
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

// TestConfigTypesAreTheAPIs checks the configuration types as TestSecretTypesAreTheAPIs checks the
// secret types.
func TestConfigTypesAreTheAPIs(t *testing.T) {
	all := ConfigTypes()
	names := TypeNames(all...)
	enums := generatedEnum(t, "ConfigType", "XSmAcceptConfigurationType")
	require.ElementsMatch(t, names, enums["Configuration"], "Configuration_ConfigType_* are the configuration types")
	require.ElementsMatch(t, names, enums["GetConfigurationOptions"])
	for owner, values := range enums {
		for _, v := range values {
			require.True(t, ConfigType(v).Known(), "%s_ConfigType_%s", owner, v)
		}
	}
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
