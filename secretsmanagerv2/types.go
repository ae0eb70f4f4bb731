package secretsmanagerv2

// SecretType names a type of secret, as the API's secret_type property does. Use its constants
// wherever a secret type is given, instead of the many generated per-model constants
// (ArbitrarySecretPrototype_SecretType_Arbitrary, ListSecretsOptions_SecretTypes_Arbitrary, ...),
// which hold the same strings:
//
//	SecretType: sm.SecretTypeArbitrary.Ptr(),                        // in a prototype
//	SecretTypes: sm.TypeNames(sm.SecretTypeKV, sm.SecretTypeArbitrary), // in a list filter
//	client.NewGetSecretByNameTypeOptions(sm.SecretTypeKV.String(), name, group)
//	if s.Common().Type() == sm.SecretTypeKV { ... }
//
// A SecretType is a string: a type this release does not know is still a valid value.
type SecretType string

// The constants SecretTypeArbitrary, ... and the list secretTypes are generated (types_gen.go)
// from the secrettype declarations of internal/apidef/models.api.

// SecretTypes returns every secret type this release knows, sorted by name.
func SecretTypes() []SecretType {
	return append([]SecretType(nil), secretTypes...)
}

// String returns the type's name, such as "username_password", for the string parameters of the
// API (NewGetSecretByNameTypeOptions, ...).
func (t SecretType) String() string { return string(t) }

// Ptr returns a pointer to the type's name, for the *string SecretType fields of prototypes and
// options.
func (t SecretType) Ptr() *string {
	s := string(t)
	return &s
}

// Known reports whether t is one of the secret types this release knows.
func (t SecretType) Known() bool {
	for _, k := range secretTypes {
		if t == k {
			return true
		}
	}
	return false
}

// ConfigType names a type of configuration, as the API's config_type property does. Use its
// constants wherever a configuration type is given (ConfigType fields of prototypes,
// X-Sm-Accept-Configuration-Type headers), as with SecretType.
type ConfigType string

// The constants ConfigTypeCustomCredentials, ..., the list configTypes and the map
// configSecretTypes are generated (types_gen.go) from the configtype declarations of
// internal/apidef/models.api.

// ConfigTypes returns every configuration type this release knows, sorted by name.
func ConfigTypes() []ConfigType {
	return append([]ConfigType(nil), configTypes...)
}

// String returns the type's name, such as "private_cert_configuration_root_ca".
func (t ConfigType) String() string { return string(t) }

// Ptr returns a pointer to the type's name, for the *string ConfigType fields of prototypes.
func (t ConfigType) Ptr() *string {
	s := string(t)
	return &s
}

// Known reports whether t is one of the configuration types this release knows.
func (t ConfigType) Known() bool {
	_, ok := configSecretTypes[t]
	return ok
}

// SecretType returns the type of secret that configurations of type t serve, such as
// SecretTypePrivateCert for ConfigTypePrivateCertRootCA, or "" for a type this release does not
// know.
func (t ConfigType) SecretType() SecretType { return configSecretTypes[t] }

// TypeNames returns the names of secret or configuration types as the []string that list filters
// take, such as ListSecretsOptions.SecretTypes:
//
//	SecretTypes: sm.TypeNames(sm.SecretTypeKV, sm.SecretTypeArbitrary),
func TypeNames[T SecretType | ConfigType](types ...T) []string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return names
}

// Type returns the secret's type, for comparing with the SecretType constants.
func (c SecretCommon) Type() SecretType { return SecretType(c.SecretType) }

// Type returns the type of the version's secret, for comparing with the SecretType constants.
func (c VersionCommon) Type() SecretType { return SecretType(c.SecretType) }

// Type returns the configuration's type, for comparing with the ConfigType constants.
func (c ConfigurationCommon) Type() ConfigType { return ConfigType(c.ConfigType) }
