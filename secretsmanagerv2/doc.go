// Package secretsmanagerv2 is a Go client for the IBM Cloud Secrets Manager v2 API: create, read,
// rotate, lock and list secrets of every type, manage secret groups, configurations and Event
// Notifications registration.
//
// It is a drop-in replacement for the official SDK of the same import path: every type, function,
// method and constant of that SDK exists here with the same signature, and code written for it,
// including every Go example of the API reference, compiles and behaves the same. Beyond it, this
// package decodes types the service adds later instead of failing, offers range-over-func iterators
// on every pager, typed errors (errors.Is(err, ErrNotFound)), retries that never repeat a request
// that may have changed something, and debug logs without secret values.
//
// # Overview
//
// Construct one client and share it (it is safe for concurrent use):
//
//	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
//		URL:           "https://{instance_id}.us-south.secrets-manager.appdomain.cloud",
//		Authenticator: &core.IamAuthenticator{ApiKey: os.Getenv("SECRETS_MANAGER_APIKEY")},
//	})
//
// or take the URL and credentials from the environment with NewSecretsManagerV2UsingExternalConfig.
// Read a secret by name and get its value with a value helper, without a type switch:
//
//	secret, _, err := client.GetSecretByNameTypeWithContext(ctx,
//		client.NewGetSecretByNameTypeOptions(sm.SecretTypeUsernamePassword.String(), "app-db", "default"))
//	user, password, err := sm.UsernamePassword(secret)
//
// The value helpers are PayloadString, PayloadBytes, DecodePayload (kv data, JSON payloads and
// credentials into your struct), UsernamePassword, APIKey and TLSCertificate (a *tls.Certificate
// with its chain); they take secrets and versions alike. SecretType and ConfigType name the types
// of secrets and configurations wherever one is given (SecretTypeKV.Ptr() in a prototype,
// TypeNames(SecretTypeKV) in a list filter).
//
// Every operation has a ...WithContext variant; list operations have pagers whose All and Pages
// methods are iterators. Errors read "secretsmanagerv2: <operation>: <status>: <service's message>"
// and match ErrNotFound, ErrLocked, ErrInvalidInput, ... with errors.Is; *APIError, *core.SDKProblem
// and *core.HTTPProblem are reachable with errors.As. The value helpers return errors matching
// ErrWrongType or ErrNoValue.
//
// # Other packages
//
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache]: an in-memory cache
//     for reading secrets at start-up and following their rotation, with a tls.Config
//     GetCertificate that switches certificates without a restart.
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest]: an embedded
//     in-memory Secrets Manager for your tests, NewClient (server, client and cleanup in one line)
//     and a Seeder that makes secrets of every type and a private CA chain.
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/vault]: a client of the
//     Vault-compatible API of an instance (/v1/...), with the same typed errors.
//   - [github.com/IBM/secrets-manager-go-sdk/v2/common]: the SDK's version and request headers.
//
// # Logging and tracing
//
// go-sdk-core's debug logging (core.SetLoggingLevel(core.LevelDebug)) shows each request and
// response with every secret value replaced by "[redacted]". To send those logs to log/slog:
//
//	core.SetLogger(sm.NewSlogLogger(slog.Default(), core.LevelDebug))
//
// To trace calls with OpenTelemetry, wrap the client's HTTP transport with otelhttp (from
// go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp) once, after any other change of
// its HTTP client (SetHTTPClient replaces the transport, and DisableSSLVerification changes it only
// while it is a plain *http.Transport):
//
//	client.Service.Client.Transport = otelhttp.NewTransport(client.Service.Client.Transport)
//
// Each HTTP attempt, retries included, is then a client span, child of the span in the context
// given to the ...WithContext call; the retry policy is unchanged, since retries happen above the
// transport.
//
// # How it is made
//
// The mechanical part (models, options, operations, pagers) is generated from the API description
// in internal/apidef by internal/gen; run `go generate ./...` after changing that description.
package secretsmanagerv2
