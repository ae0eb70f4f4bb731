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

// The secret types of the API.
const (
	// SecretTypeArbitrary is an arbitrary secret: one string payload (ArbitrarySecret).
	SecretTypeArbitrary SecretType = "arbitrary"
	// SecretTypeCustomCredentials is a custom credentials secret: credentials made by your own
	// provider through a custom_credentials_configuration (CustomCredentialsSecret).
	SecretTypeCustomCredentials SecretType = "custom_credentials"
	// SecretTypeIAMCredentials is an IAM credentials secret: an IBM Cloud API key, made on demand
	// (IAMCredentialsSecret).
	SecretTypeIAMCredentials SecretType = "iam_credentials"
	// SecretTypeImportedCert is an imported certificate, with its private key and intermediate
	// (ImportedCertificate).
	SecretTypeImportedCert SecretType = "imported_cert"
	// SecretTypeKV is a key-value secret: one JSON object (KVSecret).
	SecretTypeKV SecretType = "kv"
	// SecretTypePrivateCert is a private certificate, issued by a private CA of the instance
	// (PrivateCertificate).
	SecretTypePrivateCert SecretType = "private_cert"
	// SecretTypePublicCert is a public certificate, ordered from Let's Encrypt (PublicCertificate).
	SecretTypePublicCert SecretType = "public_cert"
	// SecretTypeServiceCredentials is a service credentials secret: the credentials of a service
	// instance of IBM Cloud (ServiceCredentialsSecret).
	SecretTypeServiceCredentials SecretType = "service_credentials"
	// SecretTypeUsernamePassword is a username and a password (UsernamePasswordSecret).
	SecretTypeUsernamePassword SecretType = "username_password"
)

// secretTypes lists the known secret types, in the API's order of names.
var secretTypes = []SecretType{
	SecretTypeArbitrary, SecretTypeCustomCredentials, SecretTypeIAMCredentials, SecretTypeImportedCert,
	SecretTypeKV, SecretTypePrivateCert, SecretTypePublicCert, SecretTypeServiceCredentials,
	SecretTypeUsernamePassword,
}

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

// The configuration types of the API.
const (
	// ConfigTypeCustomCredentials configures a provider of custom credentials secrets
	// (CustomCredentialsConfiguration).
	ConfigTypeCustomCredentials ConfigType = "custom_credentials_configuration"
	// ConfigTypeIAMCredentials gives the API key that IAM credentials secrets are made with
	// (IAMCredentialsConfiguration).
	ConfigTypeIAMCredentials ConfigType = "iam_credentials_configuration"
	// ConfigTypePrivateCertIntermediateCA is an intermediate certificate authority, signed by a root
	// or another intermediate CA (PrivateCertificateConfigurationIntermediateCA).
	ConfigTypePrivateCertIntermediateCA ConfigType = "private_cert_configuration_intermediate_ca"
	// ConfigTypePrivateCertRootCA is a root certificate authority
	// (PrivateCertificateConfigurationRootCA).
	ConfigTypePrivateCertRootCA ConfigType = "private_cert_configuration_root_ca"
	// ConfigTypePrivateCertTemplate is a certificate template of a CA: private certificates are
	// issued through one (PrivateCertificateConfigurationTemplate).
	ConfigTypePrivateCertTemplate ConfigType = "private_cert_configuration_template"
	// ConfigTypePublicCertLetsEncrypt is a Let's Encrypt account, for public certificates
	// (PublicCertificateConfigurationCALetsEncrypt).
	ConfigTypePublicCertLetsEncrypt ConfigType = "public_cert_configuration_ca_lets_encrypt"
	// ConfigTypePublicCertDNSClassicInfrastructure is a DNS provider on IBM Cloud classic
	// infrastructure, for the DNS challenge of public certificates
	// (PublicCertificateConfigurationDNSClassicInfrastructure).
	ConfigTypePublicCertDNSClassicInfrastructure ConfigType = "public_cert_configuration_dns_classic_infrastructure"
	// ConfigTypePublicCertDNSCloudInternetServices is a DNS provider on IBM Cloud Internet
	// Services, for the DNS challenge of public certificates
	// (PublicCertificateConfigurationDNSCloudInternetServices).
	ConfigTypePublicCertDNSCloudInternetServices ConfigType = "public_cert_configuration_dns_cloud_internet_services"
)

// configSecretTypes maps each known configuration type to the type of secret it serves.
var configSecretTypes = map[ConfigType]SecretType{
	ConfigTypeCustomCredentials:                  SecretTypeCustomCredentials,
	ConfigTypeIAMCredentials:                     SecretTypeIAMCredentials,
	ConfigTypePrivateCertIntermediateCA:          SecretTypePrivateCert,
	ConfigTypePrivateCertRootCA:                  SecretTypePrivateCert,
	ConfigTypePrivateCertTemplate:                SecretTypePrivateCert,
	ConfigTypePublicCertLetsEncrypt:              SecretTypePublicCert,
	ConfigTypePublicCertDNSClassicInfrastructure: SecretTypePublicCert,
	ConfigTypePublicCertDNSCloudInternetServices: SecretTypePublicCert,
}

// configTypes lists the known configuration types, sorted by name.
var configTypes = []ConfigType{
	ConfigTypeCustomCredentials, ConfigTypeIAMCredentials, ConfigTypePrivateCertIntermediateCA,
	ConfigTypePrivateCertRootCA, ConfigTypePrivateCertTemplate, ConfigTypePublicCertLetsEncrypt,
	ConfigTypePublicCertDNSClassicInfrastructure, ConfigTypePublicCertDNSCloudInternetServices,
}

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
