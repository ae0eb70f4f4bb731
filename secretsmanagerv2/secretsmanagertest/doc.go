// Package secretsmanagertest provides an embedded, in-memory IBM Cloud
// Secrets Manager v2 server for tests, modelled on net/http/httptest.
//
//	func TestService(t *testing.T) {
//		client, _ := secretsmanagertest.NewClient(t) // closed when the test ends
//		seed := secretsmanagertest.NewSeeder(t, client)
//		seed.UsernamePassword("app-db", "app", "s3cr3t")
//		ca := seed.PrivateCA("app")
//		seed.PrivateCert("app-tls", ca, "localhost", "127.0.0.1")
//		// ... run the code under test with client
//	}
//
// What to use:
//
//   - NewClient: a ready SDK client of a new server, for a test.
//     NewInProcessClient: the same served in-process, for tests on fake
//     time inside a testing/synctest bubble.
//   - NewSeeder (in a test) and NewSeed (in a program: errors returned):
//     secrets of every type, private CAs, groups.
//   - Fault, with Server.InjectFault or Handler.InjectFault: statuses,
//     latency, cut connections and the service's rate limit (RateLimit),
//     for testing retries and caches.
//   - NewServer, NewUnstartedServer and NewHandler: the server itself, for
//     other clients (its URL) and for the Vault-compatible API, which
//     package secretsmanagerv2/vault reads.
//   - Options: WithToken and WithReadOnlyToken (require a bearer token),
//     WithPublicCertIssuanceDelay, WithCodeEngineJob, WithVaultTokenTTL,
//     WithLogf.
//   - OpenHandler and OpenServer: the same server with its state in a data
//     file that survives crashes; WithAPIKey and WithReadOnlyAPIKey (an IAM
//     token endpoint), WithAdminToken (the admin API), WithFaultSeed (faults
//     with probabilities, reproducible) and Handler.AdvanceClock (a clock
//     that moves). cmd/smlocal runs it all as a program, for other languages
//     and tools.
//
// Without a test:
//
//	srv := secretsmanagertest.NewServer()
//	defer srv.Close()
//	sm, _ := secretsmanagerv2.NewSecretsManagerV2(&secretsmanagerv2.SecretsManagerV2Options{
//		URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
//
// The server implements every operation of the v2 API as of the official
// SDK v2.0.22: secret groups, secrets of all nine types (custom_credentials
// included, with its secret tasks), versions, locks, configurations
// (including a real private certificate authority built with crypto/x509),
// and Event Notifications registration. State lives in memory and is safe for
// concurrent use. Secret values are never logged.
//
// Behaviour worth knowing when writing tests against it:
//
//   - Errors use the API reference's body, {"errors":[{"code","message",
//     "more_info"}],"status_code","trace"}, for every status: 400 invalid
//     input, 401/403 authentication (see WithToken), 404 unknown IDs, 409
//     duplicate names and non-empty groups, 412 locked secrets, 413 bodies
//     over 1 MiB (inflated: gzip request bodies are accepted, other content
//     encodings answer 415).
//   - The secret group "default" always exists and cannot be changed.
//   - Version IDs accept the aliases "current" and "previous". Rotating a
//     secret (CreateSecretVersion) is refused with 412 while its previous
//     version holds locks. Lock mode remove_previous removes the locks of
//     the previous version whose names match the new locks';
//     remove_previous_and_delete also deletes its data when it is left
//     without locks.
//   - Private certificates are issued with crypto/x509 by the root and
//     intermediate CA configurations created through the API. Public
//     certificates are issued by an internal CA (see
//     Handler.PublicCertificateCA), their certificate followed by that CA's
//     unless bundle_certs is false, and must name a Let's Encrypt CA
//     configuration in ca: an order starts in state pre_activation
//     and is issued on the next read of the secret (after
//     WithPublicCertIssuanceDelay; a list is not a read: it shows the order
//     as it is, so it costs what it returns), or, when its dns is not the name of a DNS
//     configuration (manual DNS), after the action
//     public_cert_action_validate_dns_challenge. A public certificate without
//     common_name takes the first alt name of at most 64 characters.
//   - iam_credentials and service_credentials secrets get random stand-in
//     credentials; no IAM call is made. An iam_credentials secret without
//     reuse_api_key returns a new single-use API key on every read, cannot be
//     rotated manually, and cannot be read while it is locked (412).
//   - Rotation intervals: unit hour, day or month, within the limits of the
//     type (username_password and private_cert 1 day to 24 months, private_cert
//     up to 3 years, 1095 days, through the Vault API, as its document says;
//     iam_credentials and service_credentials 1 day to 3 months,
//     custom_credentials 6 hours to 3 months; a month counts 730 hours) and,
//     for types with a ttl, not longer than the ttl. A metadata update whose
//     next rotation would fall after the current version's expiration is
//     refused with the error code Error02009.
//   - retrieved_at is the last read of the secret data (GetSecret,
//     GetSecretByNameType, GetSecretVersion of a version with data), the
//     epoch until then; referenced_by lists the configurations that refer
//     to the secret (api_key_ref of a custom credentials configuration,
//     crypto_key of a CA). A referenced secret can be deleted.
//   - Imported certificates with managed_csr are created without
//     certificate, in pre_activation and without version: the server keeps
//     the key and the CSR (top-level csr of full reads: the current CSR;
//     managed_csr of metadata reads: without private_key). Each version
//     brings a certificate for that key, without private_key. A metadata
//     update merges managed_csr into the settings and makes a new CSR (new
//     key when rotate_keys is true or the key type changes); the common name
//     or an alt name must stay. key_usage, ext_key_usage, policy_identifiers,
//     ext_key_usage_oids and other_sans are echoed, not put in the CSR.
//   - crypto_key is accepted on CA prototypes and echoed: there is no HSM,
//     the key is made in memory. The action
//     private_cert_configuration_action_rotate_intermediate gives an
//     internally signed, active intermediate CA that signs no other
//     intermediate a new key and certificate from its issuer.
//
// # Custom credentials and tasks
//
// A custom_credentials_configuration names a Code Engine job; its schema
// comes from the job registered with WithCodeEngineJob (an unregistered job
// gets an empty schema: any string, integer or boolean parameters and
// credentials are accepted). task_timeout defaults to 10m (echoed), 5m to
// 24h; code_engine_key_ref is "sm-access-<uuid>" when api_key_ref, which
// must be an iam_credentials secret, is given. One configuration per job;
// only task_timeout can be updated; a configuration used by a secret cannot
// be deleted (409).
//
// A custom_credentials secret is created in pre_activation without version,
// with a create_credentials task; parameters are checked against the schema
// (required ones present, types, enum values, no unknown names; metadata
// updates merge them). Tasks (IDs "sm-task-<uuid>") run one at a time per
// secret: the oldest queued task starts processing as soon as none is, so a
// new task is usually processing at once. The test plays the provider with
// ReplaceSecretTask (PUT), on a queued or processing task:
//
//   - credentials_created (create tasks only): the credentials payload is
//     checked against the schema's credentials (required present, types);
//     the pending version becomes current with credentials_content and
//     credentials_id, expiring after the secret's ttl; the secret becomes
//     active. The version pushed out of the previous slot, if it still has
//     credentials, gets a delete_credentials task (trigger of the rotation).
//   - credentials_deleted (delete tasks only): the version's data is gone
//     (payload_available false; credentials_id stays).
//   - failed (1 to 10 errors): recorded in last_failed_task_id; a failed
//     rotation sets last_rotation_failed (a later successful one clears it);
//     the pending version is dropped. A failed creation leaves the secret in
//     pre_activation: CreateSecretVersion queues a new create task.
//
// A finished task accepts no update (400); a status that does not fit the
// task type is refused (400). A processing task older than the task timeout
// fails with the error code task_timeout (updated_by "SecretsManager").
// Deleting a task cancels it (its pending version is dropped). Only the
// latest 100 tasks are kept (unfinished ones are never dropped), oldest
// first in ListSecretTasks. Tasks the service starts by itself (automatic
// rotation at next_rotation_date, a version reaching its expiration_date:
// secret_version_expiration) have created_by "SecretsManager"; failed delete
// tasks are not retried. CreateSecretVersion answers 201 with the pending
// version (payload_available false, no alias). DeleteSecretVersionData
// queues a delete task (secret_version_data_deletion; none when one is
// running or the data is already gone). DeleteSecret is refused (409) while
// a version still has credentials or a task is unfinished, unless
// force_delete=true. Locks are refused (409) while a task is unfinished;
// lock mode remove_previous_and_delete is refused (400). The task API
// answers 400 for secrets of other types.
//
// # Vault-compatible API
//
// The handler also serves the HashiCorp Vault API of Secrets Manager (the
// Vault API document) under /v1/, over the same store as the v2 API: a
// secret, group, lock or configuration made through either API is read,
// changed and deleted through the other, and a lock set through one blocks a
// delete through the other. Package secretsmanagerv2/vault is its client.
//
//	PUT    /v1/auth/ibmcloud/login                         {"token": IAM token} -> auth.client_token
//	GET    /v1/auth/ibmcloud/manage/login                  data.login {token_ttl, token_max_ttl}
//	PUT    /v1/auth/ibmcloud/manage/login                  204
//	POST   /v1/auth/ibmcloud/manage/groups                 GET lists them (data.groups)
//	GET    /v1/auth/ibmcloud/manage/groups/{id}            PUT updates, DELETE deletes
//	POST   /v1/ibmcloud/{type}/secrets[/groups/{gid}]      GET lists (data.secrets, secrets_total)
//	GET    /v1/ibmcloud/{type}/secrets[/groups/{gid}]/{id or name}   DELETE deletes
//	GET    /v1/ibmcloud/{type}/secrets[/groups/{gid}]/{id}/metadata  PUT updates
//	POST   /v1/ibmcloud/{type}/secrets[/groups/{gid}]/{id}/rotate
//	GET    /v1/ibmcloud/{type}/secrets[/groups/{gid}]/{id}/policies  PUT sets
//	POST   /v1/ibmcloud/iam_credentials/roles[/groups/{gid}]/{name}
//	GET    /v1/ibmcloud/iam_credentials/creds[/groups/{gid}]/{id or name}
//	GET    /v1/ibmcloud/{type}/locks[/groups/{gid}]/{id}[/versions/{vid}]  ?limit, offset, search
//	POST   /v1/ibmcloud/{type}/locks[/groups/{gid}]/{id}[/versions/{vid}]/{lock|lock_exclusive|lock_exclusive_delete|unlock}
//	GET    /v1/ibmcloud/iam_credentials/config/root        PUT sets the API key
//	PUT    /v1/ibmcloud/{public_cert|private_cert}/config/{config_type}  (POST too)
//	DELETE /v1/ibmcloud/{public_cert|private_cert}/config/{config_type}/{name}
//
// {type} is one of the eight secret types; {vid} a version ID, current or
// previous. As in Vault, POST and PUT are the same request, and LIST is GET.
// Answers come in the Vault envelope (request_id, lease_id, renewable,
// lease_duration, data, wrap_info, warnings, auth) with Vault's field names:
// secret_data, creation_date, last_update_date, a numeric state and its
// state_description, versions[], ttl in seconds, and no secret_group_id for
// the default group. Errors are {"errors":["message"]} with 400, 403, 404,
// 409 or 412 (a locked secret or version refuses delete and rotate). Any
// other path under /v1/ answers 403, as the service does.
//
// Behaviour worth knowing:
//
//   - Login accepts any non-empty IAM token when no WithToken or
//     WithReadOnlyToken is given; otherwise only those tokens, a read-only one
//     giving a Vault token that may only GET. Every other route requires
//     X-Vault-Token: a missing, unknown, revoked (Handler.RevokeVaultTokens)
//     or expired token answers 403 {"errors":["permission denied"]}.
//   - A Vault token lives token_ttl (the login configuration; 1h by default,
//     or WithVaultTokenTTL), capped by token_max_ttl (24h), measured on the
//     handler's clock: time.Now, so a testing/synctest bubble controls it.
//     The login configuration takes whole seconds (a JSON integer) or a
//     duration string in s, m and h ("300s", "2h45m"), as the document says:
//     not "1d", "500ms", "1.5h" nor "1800".
//   - As the document says: a kv payload is at most 512 KB; updating a
//     secret group requires its name.
//   - The route without /groups/{gid} creates in the default group, lists
//     every group's secrets, finds a secret of any group by ID and by name in
//     the default group; a route with /groups/{gid} sees that group only. A
//     secret of another type than the path's is not found.
//   - Locking or unlocking a secret (no /versions/) works on its current
//     version, as the Vault API document says ({"locks":["*"]} removes every
//     lock of that version).
//   - Rotation policies of username_password, private_cert, iam_credentials
//     and service_credentials secrets are their v2 rotation policies; those
//     of the other types are kept by the Vault API only.
//   - Configurations are the v2 configurations: letsencrypt and
//     letsencrypt-stage certificate authorities, cis and
//     classic_infrastructure DNS providers, root and intermediate
//     certificate authorities and certificate templates; the IAM credentials
//     root configuration is the iam_credentials_configuration. PUT (or POST)
//     creates a configuration or updates the one of that name.
package secretsmanagertest
