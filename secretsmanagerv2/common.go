package secretsmanagerv2

import "github.com/go-openapi/strfmt"

// SecretCommon holds the properties every secret has, whatever its type: read them from any
// SecretIntf or SecretMetadataIntf with Common(), without a type switch. A property the value does
// not carry is left at its zero value.
type SecretCommon struct {
	ID               string
	Name             string
	SecretType       string
	SecretGroupID    string
	Description      string
	Labels           []string
	State            int64
	StateDescription string
	Crn              string
	CreatedBy        string
	CreatedAt        *strfmt.DateTime
	UpdatedAt        *strfmt.DateTime
	VersionsTotal    int64
	LocksTotal       int64
	ExpirationDate   *strfmt.DateTime
	CustomMetadata   map[string]interface{}
	Downloaded       bool
}

// VersionCommon holds the properties every secret version has, whatever the secret's type: read
// them from any SecretVersionIntf or SecretVersionMetadataIntf with Common().
type VersionCommon struct {
	ID                    string
	SecretID              string
	SecretName            string
	SecretType            string
	SecretGroupID         string
	Alias                 string
	CreatedBy             string
	CreatedAt             *strfmt.DateTime
	PayloadAvailable      bool
	Downloaded            bool
	ExpirationDate        *strfmt.DateTime
	VersionCustomMetadata map[string]interface{}
}

// ConfigurationCommon holds the properties every configuration has, whatever its type: read them
// from any ConfigurationIntf or ConfigurationMetadataIntf with Common().
type ConfigurationCommon struct {
	Name       string
	ConfigType string
	SecretType string
	CreatedBy  string
	CreatedAt  *strfmt.DateTime
	UpdatedAt  *strfmt.DateTime
}
