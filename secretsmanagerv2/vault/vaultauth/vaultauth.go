// Package vaultauth logs a github.com/hashicorp/vault/api client in to the Vault-compatible API of
// IBM Cloud Secrets Manager with an IBM Cloud IAM token, through the SDK's vault package:
//
//	client, _ := api.NewClient(&api.Config{Address: "https://{instance_id}.us-south.secrets-manager.appdomain.cloud"})
//	method, _ := vaultauth.New(&core.IamAuthenticator{ApiKey: apiKey})
//	if _, err := client.Auth().Login(ctx, method); err != nil { ... }
//	secret, err := client.Logical().ReadWithContext(ctx, "ibmcloud/arbitrary/secrets/my-secret")
//
// It is a module of its own, so that only programs that use HashiCorp's library depend on it.
package vaultauth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/hashicorp/vault/api"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/vault"
)

// AuthMethod is an api.AuthMethod that logs in with an IBM Cloud IAM token (PUT
// /v1/auth/ibmcloud/login). Give it to client.Auth().Login; log in again when the token's lease
// ends (Secrets Manager does not serve Vault's token renewal path).
type AuthMethod struct {
	authenticator core.Authenticator
}

var _ api.AuthMethod = (*AuthMethod)(nil)

// New returns an AuthMethod that gets its IAM access tokens from authenticator: any go-sdk-core
// authenticator that sets a bearer token (an IAM API key, a trusted profile, a container or VPC
// identity, ...).
func New(authenticator core.Authenticator) (*AuthMethod, error) {
	if core.IsNil(authenticator) {
		return nil, errors.New("vaultauth: an authenticator is required")
	}
	return &AuthMethod{authenticator: authenticator}, nil
}

// Login logs in to the Vault API at client's address, with client's HTTP client (so its TLS
// settings), and returns the answer as an *api.Secret whose Auth holds the Vault token. The
// token is never logged or put in an error.
func (m *AuthMethod) Login(ctx context.Context, client *api.Client) (*api.Secret, error) {
	if client == nil {
		return nil, errors.New("vaultauth: the Vault client is nil")
	}
	vc, err := vault.NewClient(&vault.Options{
		URL:           client.Address(),
		Authenticator: m.authenticator,
		HTTPClient:    client.CloneConfig().HttpClient,
	})
	if err != nil {
		return nil, fmt.Errorf("vaultauth: %w", err)
	}
	resp, err := vc.Login(ctx)
	if err != nil {
		return nil, fmt.Errorf("vaultauth: %w", err)
	}
	data, err := json.Marshal(resp)
	if err != nil {
		return nil, fmt.Errorf("vaultauth: %w", err)
	}
	return api.ParseSecret(bytes.NewReader(data))
}
