// Package secretsmanagerv2 is a Go client for the IBM Cloud Secrets Manager v2 API: create, read,
// rotate, lock and list secrets of every type, manage secret groups, configurations and Event
// Notifications registration. It is a drop-in replacement for the official SDK of the same import
// path: code written for that SDK compiles and behaves the same.
//
// # Entry points
//
//   - [NewSecretsManagerV2]: a client, from your instance's URL and an authenticator
//     (core.IamAuthenticator with an IAM API key); [NewSecretsManagerV2UsingExternalConfig] takes
//     both from the environment (SECRETS_MANAGER_URL, SECRETS_MANAGER_APIKEY). One client is safe
//     for concurrent use.
//   - [SecretsManagerV2.GetSecretByNameType] reads a secret by type, name and group name;
//     [SecretsManagerV2.GetSecret] by ID. Every operation has a ...WithContext variant.
//   - [SecretsManagerV2.CreateSecret] creates a secret from a prototype ([ArbitrarySecretPrototype],
//     [KVSecretPrototype], ...; the secret_type is filled from the Go type).
//   - [SecretsManagerV2.CreateSecretVersion] rotates it, from a version prototype of its type
//     ([ArbitrarySecretVersionPrototype], ...).
//   - [SecretsManagerV2.NewSecretsPager] lists secrets; range over [SecretsPager.All]:
//     for s, err := range pager.All(ctx).
//   - [PayloadString], [DecodePayload], [UsernamePassword], [APIKey] and [TLSCertificate] read a
//     secret's or a version's value without a type switch.
//   - [SecretType] names the secret types ([SecretTypeKV], [SecretTypeUsernamePassword], ...).
//   - [ErrNotFound], [ErrLocked] and the other sentinels match with errors.Is; [APIError] (status,
//     code, trace, Retry-After) with errors.As.
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache.New]: a cache for
//     reading secrets at start-up and following their rotations.
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest.NewClient]: a
//     client of an embedded in-memory Secrets Manager, for your tests.
//
// For example:
//
//	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
//		URL:           "https://{instance_id}.us-south.secrets-manager.appdomain.cloud",
//		Authenticator: &core.IamAuthenticator{ApiKey: os.Getenv("SECRETS_MANAGER_APIKEY")},
//	})
//	...
//	secret, _, err := client.GetSecretByNameTypeWithContext(ctx,
//		client.NewGetSecretByNameTypeOptions(sm.SecretTypeUsernamePassword.String(), "app-db", "default"))
//	...
//	user, password, err := sm.UsernamePassword(secret)
//
// Most of the rest of this package (the UnmarshalX functions, the per-model constants, the
// Options setters) exists for compatibility with the official SDK. The README of the module is
// the user guide.
//
// # Values, types and errors
//
// The value helpers take secrets and versions alike: [PayloadString] and [PayloadBytes],
// [DecodePayload] (kv data, JSON payloads, service and custom credentials into your struct),
// [UsernamePassword], [APIKey] and [TLSCertificate] (a *tls.Certificate with its chain). They
// return errors matching [ErrWrongType] or [ErrNoValue], never quoting the value; [RedactedJSON]
// prints a model with its secret values redacted. [SecretCommon] (from Common()) holds what every
// secret has. [SecretType] and [ConfigType] name the types wherever one is given
// (SecretTypeKV.Ptr() in a prototype, [TypeNames] in a list filter).
//
// Errors read "secretsmanagerv2: <operation>: <status>: <service's message>" and match
// [ErrBadRequest], [ErrUnauthorized], [ErrForbidden], [ErrNotFound], [ErrConflict], [ErrLocked],
// [ErrRateLimited] and [ErrInvalidInput] (bad options, found before any request) with errors.Is;
// *APIError, *core.SDKProblem and *core.HTTPProblem are reachable with errors.As. A body that does
// not decode is a [*DecodeError].
//
// # Other packages
//
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache]: the cache, with a
//     tls.Config GetCertificate that switches certificates without a restart.
//   - [github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest]: the embedded
//     server, NewClient, and a Seeder that makes secrets of every type and a private CA chain.
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
// given to the ...WithContext call.
//
// # How it is made
//
// The mechanical part (models, options, operations, pagers, decoders) is generated from the API
// description in internal/apidef by internal/gen; run `go generate ./...` after changing that
// description.
package secretsmanagerv2
