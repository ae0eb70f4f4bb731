package vault

import (
	"context"
	"fmt"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// SecretType is a secret type under its Vault name: the engine segment of a path, as in
// /v1/ibmcloud/arbitrary/secrets.
type SecretType string

// The constants of the secret types the Vault API serves (Arbitrary, KV, ...) are generated
// (secret_types_gen.go) from internal/apidef/models.api, where they are marked vault.

// ConfigType is the kind of configuration of a secrets engine: the segment after config/ in its
// path.
type ConfigType string

// The configuration types of the public_cert and private_cert engines.
const (
	// CertificateAuthorities are the ACME certificate authorities of public_cert (Let's Encrypt).
	CertificateAuthorities ConfigType = "certificate_authorities"
	// DNSProviders are the DNS providers of public_cert (Cloud Internet Services).
	DNSProviders ConfigType = "dns_providers"
	// RootCertificateAuthorities are the private root CAs of private_cert.
	RootCertificateAuthorities ConfigType = "root_certificate_authorities"
	// IntermediateCertificateAuthorities are the private intermediate CAs of private_cert.
	IntermediateCertificateAuthorities ConfigType = "intermediate_certificate_authorities"
	// CertificateTemplates are the certificate templates of private_cert.
	CertificateTemplates ConfigType = "certificate_templates"
)

// PolicyType is the type of a rotation policy, the Type of a Policy.
const PolicyType = "application/vnd.ibm.secrets-manager.secret.policy+json"

// SecretGroupType is the Type of a SecretGroup.
const SecretGroupType = "application/vnd.ibm.secrets-manager.secret.group+json"

// ConfigureLogin sets the time to live (TokenTTL) and the longest life (TokenMaxTTL) of the Vault
// tokens a login gives. The answer is 204 No Content.
func (c *Client) ConfigureLogin(ctx context.Context, config *LoginConfig) error {
	if config == nil {
		return nilBody("configure_login")
	}
	return c.call(ctx, request{op: "configure_login", body: config}, nil)
}

// GetLoginConfig returns the lifetime of the Vault tokens a login gives.
func (c *Client) GetLoginConfig(ctx context.Context) (*Response[LoginConfigData], error) {
	return do[LoginConfigData](ctx, c, request{op: "get_login_config"})
}

// CreateSecretGroup creates a secret group.
func (c *Client) CreateSecretGroup(ctx context.Context, group *SecretGroupRequest) (*Response[SecretGroup], error) {
	if group == nil {
		return nil, nilBody("create_secret_group")
	}
	return do[SecretGroup](ctx, c, request{op: "create_secret_group", body: group})
}

// ListSecretGroups lists the secret groups of the instance.
func (c *Client) ListSecretGroups(ctx context.Context) (*Response[SecretGroupList], error) {
	return do[SecretGroupList](ctx, c, request{op: "list_secret_groups"})
}

// GetSecretGroup returns a secret group.
func (c *Client) GetSecretGroup(ctx context.Context, groupID string) (*Response[SecretGroup], error) {
	return do[SecretGroup](ctx, c, request{op: "get_secret_group", params: map[string]string{"group_id": groupID}})
}

// UpdateSecretGroup changes the name or description of a secret group.
func (c *Client) UpdateSecretGroup(ctx context.Context, groupID string, group *SecretGroupRequest) (*Response[SecretGroup], error) {
	if group == nil {
		return nil, nilBody("update_secret_group")
	}
	return do[SecretGroup](ctx, c, request{op: "update_secret_group", params: map[string]string{"group_id": groupID}, body: group})
}

// DeleteSecretGroup deletes a secret group.
func (c *Client) DeleteSecretGroup(ctx context.Context, groupID string) (*Response[NoData], error) {
	return do[NoData](ctx, c, request{op: "delete_secret_group", params: map[string]string{"group_id": groupID}})
}

// GetConfig returns the root configuration of a secrets engine, such as the hash of the API key of
// the iam_credentials engine.
func (c *Client) GetConfig(ctx context.Context, secretType SecretType) (*Response[EngineConfig], error) {
	return do[EngineConfig](ctx, c, request{op: "get_config", params: typeParams(secretType)})
}

// SetConfig sets the root configuration of a secrets engine, such as the API key the
// iam_credentials engine makes service IDs with.
func (c *Client) SetConfig(ctx context.Context, secretType SecretType, config *EngineConfig) (*Response[NoData], error) {
	if config == nil {
		return nil, nilBody("set_config")
	}
	return do[NoData](ctx, c, request{op: "set_config", params: typeParams(secretType), body: config})
}

// AddConfiguration adds a configuration to a secrets engine: a certificate authority or DNS
// provider of public_cert, a root or intermediate CA or a certificate template of private_cert. It
// sends the method the API documents for the engine: PUT for public_cert (the same request as
// UpdateConfiguration), POST for the others.
func (c *Client) AddConfiguration(ctx context.Context, secretType SecretType, configType ConfigType, config *Configuration) (*Response[Configuration], error) {
	if config == nil {
		return nil, nilBody("add_configuration")
	}
	op := "add_configuration"
	if secretType == PublicCert {
		op = "update_configuration"
	}
	return do[Configuration](ctx, c, request{op: op, params: configParams(secretType, configType, ""), body: config})
}

// UpdateConfiguration changes a configuration of a secrets engine, named by config.Name.
func (c *Client) UpdateConfiguration(ctx context.Context, secretType SecretType, configType ConfigType, config *Configuration) (*Response[Configuration], error) {
	if config == nil {
		return nil, nilBody("update_configuration")
	}
	return do[Configuration](ctx, c, request{op: "update_configuration", params: configParams(secretType, configType, ""), body: config})
}

// DeleteConfiguration deletes a configuration of a secrets engine. The answer is 204 No Content.
func (c *Client) DeleteConfiguration(ctx context.Context, secretType SecretType, configType ConfigType, name string) error {
	return c.call(ctx, request{op: "delete_configuration", params: configParams(secretType, configType, name)}, nil)
}

func typeParams(t SecretType) map[string]string {
	return map[string]string{"secret_type": string(t)}
}

func configParams(t SecretType, configType ConfigType, name string) map[string]string {
	return map[string]string{"secret_type": string(t), "config_type": string(configType), "config_name": name}
}

// do makes a call whose answer is a Response[T].
func do[T any](ctx context.Context, c *Client, r request) (*Response[T], error) {
	var resp Response[T]
	if err := c.call(ctx, r, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

func nilBody(op string) error {
	return fmt.Errorf("vault %s: %w: the request body must not be nil", op, sm.ErrInvalidInput)
}
