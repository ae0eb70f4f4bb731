// Package vault is a client of the Vault-compatible API of IBM Cloud Secrets Manager: the HashiCorp
// Vault HTTP API that a Secrets Manager instance also serves under /v1/, for teams that run Vault
// tooling. It logs in with an IBM Cloud IAM token from any go-sdk-core authenticator, keeps the
// Vault token and renews it by logging in again before its lease ends, and covers every route of
// the API (see Routes): login and its configuration, secret groups, the secrets of every type in
// the default group or in a given one, their locks, rotation policies and the configurations of
// the secrets engines.
//
//	client, err := vault.NewClient(&vault.Options{
//		URL:           "https://{instance_id}.us-south.secrets-manager.appdomain.cloud",
//		Authenticator: &core.IamAuthenticator{ApiKey: apiKey},
//	})
//	secret, err := client.Arbitrary().Get(ctx, "my-secret")
//	fmt.Println(*secret.Data.Name)
//
// Answers come in the Vault envelope, Response[T], whose Data is typed per operation. Error
// answers are the v2 client's errors: errors.Is(err, secretsmanagerv2.ErrNotFound) and
// errors.As(err, &apiErr) with an *secretsmanagerv2.APIError work the same way. No token ever
// appears in a log or an error.
//
// To use github.com/hashicorp/vault/api instead, log it in through this package with the
// AuthMethod of the separate module secretsmanagerv2/vault/vaultauth.
package vault

//go:generate go run ./internal/modelgen models.def models_gen.go
