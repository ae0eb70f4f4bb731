package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/go-openapi/strfmt"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	smt "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/vault"
)

// iamClient returns an SDK client that authenticates with core.IamAuthenticator
// against the process's IAM endpoint, over its HTTPS.
func (p *proc) iamClient(apikey string) *sm.SecretsManagerV2 {
	p.t.Helper()
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: p.pool}}}
	auth, err := core.NewIamAuthenticatorBuilder().SetApiKey(apikey).SetURL(p.base).Build()
	require.NoError(p.t, err)
	auth.Client = hc
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: p.base, Authenticator: auth})
	require.NoError(p.t, err)
	client.Service.SetHTTPClient(hc)
	return client
}

func TestStartupIsFast(t *testing.T) {
	p := start(t)
	t.Logf("smlocal ready %v after exec (HTTPS, generated certificate, memory store)", p.startup)
	p.must(http.StatusOK, "GET", "/health", "", nil)
	require.Equal(t, 0, p.terminate())
	require.Contains(t, p.Logs(), "stopped")
}

// rotation returns a version prototype that rotates a secret of type typ.
func rotation(t *testing.T, typ string) sm.SecretVersionPrototypeIntf {
	switch typ {
	case "arbitrary":
		return &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("payload-2")}
	case "kv":
		return &sm.KVSecretVersionPrototype{Data: map[string]any{"k": "v2"}}
	case "username_password":
		return &sm.UsernamePasswordSecretVersionPrototype{Password: core.StringPtr("password-2")}
	case "iam_credentials":
		return &sm.IAMCredentialsSecretVersionPrototype{}
	case "service_credentials":
		return &sm.ServiceCredentialsSecretVersionPrototype{}
	case "imported_cert":
		cert, key := smt.SelfSignedCertificate(t, "imported.example.com")
		return &sm.ImportedCertificateVersionPrototype{Certificate: &cert, PrivateKey: &key}
	case "private_cert":
		return &sm.PrivateCertificateVersionPrototype{}
	case "public_cert":
		return &sm.PublicCertificateVersionPrototype{Rotation: &sm.PublicCertificateRotationObject{RotateKeys: core.BoolPtr(false)}}
	}
	t.Fatalf("no rotation for %s", typ)
	return nil
}

func TestSDKWithIAMOverHTTPSEveryType(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sm.data")
	p := start(t, "-apikey", "full-key", "-apikey", "ro-key:read-only", "-data", data)
	client := p.iamClient("full-key")
	ctx := context.Background()

	// An unknown API key gets IAM's 400.
	_, _, err := p.iamClient("unknown-key").ListSecretGroups(&sm.ListSecretGroupsOptions{})
	require.Error(t, err)
	require.Contains(t, err.Error(), "Provided API key could not be found")

	seed := smt.NewSeeder(t, client)
	cert, key := smt.SelfSignedCertificate(t, "imported.example.com")
	ca := seed.PrivateCA("pki")
	secrets := map[string]string{ // type -> ID
		"arbitrary":           *seed.Arbitrary("arb", "payload-1").ID,
		"kv":                  *seed.KV("kv", map[string]any{"k": "v1"}).ID,
		"username_password":   *seed.UsernamePassword("up", "app", "password-1").ID,
		"iam_credentials":     *seed.IAMCredentials("iam", "ServiceId-1", "1d").ID,
		"service_credentials": *seed.ServiceCredentials("svc", "crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::").ID,
		"imported_cert":       *seed.ImportedCert("imp", cert, key, "").ID,
		"private_cert":        *seed.PrivateCert("priv", ca, "app.example.com").ID,
		"public_cert":         *seed.PublicCert("pub", "pub.example.com").ID,
	}
	for typ, id := range secrets {
		t.Run(typ, func(t *testing.T) {
			got, _, err := client.GetSecretWithContext(ctx, client.NewGetSecretOptions(id))
			require.NoError(t, err)
			require.Equal(t, typ, got.Common().SecretType)

			_, _, err = client.CreateSecretVersionWithContext(ctx, client.NewCreateSecretVersionOptions(id, rotation(t, typ)))
			require.NoError(t, err)
			versions, _, err := client.ListSecretVersionsWithContext(ctx, client.NewListSecretVersionsOptions(id))
			require.NoError(t, err)
			require.EqualValues(t, 2, *versions.TotalCount)

			_, _, err = client.CreateSecretLocksBulkWithContext(ctx, client.NewCreateSecretLocksBulkOptions(id,
				[]sm.SecretLockPrototype{{Name: core.StringPtr("in-use")}}))
			require.NoError(t, err)
			_, err = client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(id))
			var apiErr *sm.APIError
			require.ErrorAs(t, err, &apiErr, "a locked secret is not deleted")
			require.Equal(t, http.StatusPreconditionFailed, apiErr.StatusCode)
			locks, _, err := client.ListSecretLocksWithContext(ctx, client.NewListSecretLocksOptions(id))
			require.NoError(t, err)
			require.EqualValues(t, 1, *locks.TotalCount)
			_, _, err = client.DeleteSecretLocksBulkWithContext(ctx, client.NewDeleteSecretLocksBulkOptions(id))
			require.NoError(t, err)
		})
	}
	secrets["custom_credentials"] = customCredentials(t, client)
	list, _, err := client.ListSecretsWithContext(ctx, client.NewListSecretsOptions())
	require.NoError(t, err)
	require.EqualValues(t, len(secrets), *list.TotalCount)

	// Read-only keys read, and are refused writes.
	ro := p.iamClient("ro-key")
	_, _, err = ro.ListSecretsWithContext(ctx, ro.NewListSecretsOptions())
	require.NoError(t, err)
	_, err = ro.DeleteSecretWithContext(ctx, ro.NewDeleteSecretOptions(secrets["arbitrary"]))
	var apiErr *sm.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, http.StatusForbidden, apiErr.StatusCode)

	// The state survives a restart (SIGTERM, compaction) with the same keys; tokens stay valid.
	require.Equal(t, 0, p.terminate())
	p = start(t, "-apikey", "full-key", "-apikey", "ro-key:read-only", "-data", data)
	client = p.iamClient("full-key")
	for _, id := range secrets {
		// force_delete: the custom credentials' versions still hold credentials.
		_, err = client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(id).SetForceDelete(true))
		require.NoError(t, err)
	}
	list, _, err = client.ListSecretsWithContext(ctx, client.NewListSecretsOptions())
	require.NoError(t, err)
	require.EqualValues(t, 0, *list.TotalCount)
}

// completeTask plays the provider job: it answers the secret's processing
// task with new credentials.
func completeTask(t *testing.T, client *sm.SecretsManagerV2, id, credID string) {
	t.Helper()
	ctx := context.Background()
	tasks, _, err := client.ListSecretTasksWithContext(ctx, client.NewListSecretTasksOptions(id))
	require.NoError(t, err)
	last := tasks.Tasks[len(tasks.Tasks)-1]
	require.Equal(t, "processing", *last.Status)
	creds, err := client.NewCustomCredentialsNewCredentials(credID, map[string]any{"api_key": credID + "-value"})
	require.NoError(t, err)
	done, err := client.NewSecretTaskPrototypeUpdateSecretTaskCredentialsCreated("credentials_created", creds)
	require.NoError(t, err)
	_, _, err = client.ReplaceSecretTaskWithContext(ctx, client.NewReplaceSecretTaskOptions(id, *last.ID, done))
	require.NoError(t, err)
}

// customCredentials runs a custom_credentials secret through creation,
// read, rotation, locks and lists, and returns its ID.
func customCredentials(t *testing.T, client *sm.SecretsManagerV2) string {
	t.Helper()
	ctx := context.Background()
	_, _, err := client.CreateConfigurationWithContext(ctx, client.NewCreateConfigurationOptions(&sm.CustomCredentialsConfigurationPrototype{
		ConfigType: core.StringPtr("custom_credentials_configuration"), Name: core.StringPtr("provider"),
		CodeEngine: &sm.CustomCredentialsConfigurationCodeEngine{JobName: core.StringPtr("provider-job"),
			ProjectID: core.StringPtr("8a3f52d0-14c6-4c7b-a0e9-77d1b3e5c208"), Region: core.StringPtr("eu-de")}}))
	require.NoError(t, err)
	created, _, err := client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.CustomCredentialsSecretPrototype{
		SecretType: core.StringPtr("custom_credentials"), Name: core.StringPtr("custom"), Configuration: core.StringPtr("provider"),
		TTL: core.StringPtr("30d")}))
	require.NoError(t, err)
	id := created.Common().ID
	completeTask(t, client, id, "cred-1")
	got, _, err := client.GetSecretWithContext(ctx, client.NewGetSecretOptions(id))
	require.NoError(t, err)
	require.Equal(t, "cred-1-value", got.(*sm.CustomCredentialsSecret).CredentialsContent["api_key"])
	_, _, err = client.CreateSecretVersionWithContext(ctx, client.NewCreateSecretVersionOptions(id, &sm.CustomCredentialsSecretVersionPrototype{}))
	require.NoError(t, err)
	completeTask(t, client, id, "cred-2")
	versions, _, err := client.ListSecretVersionsWithContext(ctx, client.NewListSecretVersionsOptions(id))
	require.NoError(t, err)
	require.EqualValues(t, 2, *versions.TotalCount)
	// The rotation queued the deletion of the previous credentials: done, locks are accepted.
	tasks, _, err := client.ListSecretTasksWithContext(ctx, client.NewListSecretTasksOptions(id))
	require.NoError(t, err)
	for _, task := range tasks.Tasks {
		if *task.Status == "processing" || *task.Status == "queued" {
			deleted, err := client.NewSecretTaskPrototypeUpdateSecretTaskCredentialsDeleted("credentials_deleted")
			require.NoError(t, err)
			_, _, err = client.ReplaceSecretTaskWithContext(ctx, client.NewReplaceSecretTaskOptions(id, *task.ID, deleted))
			require.NoError(t, err)
		}
	}
	_, _, err = client.CreateSecretLocksBulkWithContext(ctx, client.NewCreateSecretLocksBulkOptions(id,
		[]sm.SecretLockPrototype{{Name: core.StringPtr("in-use")}}))
	require.NoError(t, err)
	_, _, err = client.DeleteSecretLocksBulkWithContext(ctx, client.NewDeleteSecretLocksBulkOptions(id))
	require.NoError(t, err)
	return id
}

func TestVaultClientLogsInWithAnIAMToken(t *testing.T) {
	p := start(t, "-apikey", "full-key", "-apikey", "ro-key:read-only")
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: p.pool}}}
	vc := func(key string) *vault.Client {
		auth, err := core.NewIamAuthenticatorBuilder().SetApiKey(key).SetURL(p.base).Build()
		require.NoError(t, err)
		auth.Client = hc
		c, err := vault.NewClient(&vault.Options{URL: p.base, Authenticator: auth, HTTPClient: hc})
		require.NoError(t, err)
		return c
	}
	ctx := context.Background()
	full := vc("full-key")
	login, err := full.Login(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, *login.Auth.ClientToken)
	created, err := full.Arbitrary().Create(ctx, &vault.CreateArbitraryRequest{Name: core.StringPtr("from-vault"), Payload: core.StringPtr("v-secret")})
	require.NoError(t, err)
	got, err := full.Arbitrary().Get(ctx, *created.Data.ID)
	require.NoError(t, err)
	require.Equal(t, "v-secret", *got.Data.SecretData.Payload)

	ro := vc("ro-key")
	_, err = ro.Arbitrary().Get(ctx, *created.Data.ID)
	require.NoError(t, err)
	_, err = ro.Arbitrary().Create(ctx, &vault.CreateArbitraryRequest{Name: core.StringPtr("refused"), Payload: core.StringPtr("x")})
	require.Error(t, err, "a read-only key is refused writes through the Vault API")
	require.Contains(t, err.Error(), "permission denied")

	// The v2 API sees what the Vault API wrote.
	client := p.iamClient("full-key")
	list, _, err := client.ListSecrets(client.NewListSecretsOptions())
	require.NoError(t, err)
	require.EqualValues(t, 1, *list.TotalCount)
}

func TestSeedFile(t *testing.T) {
	dir := t.TempDir()
	cert, key := smt.SelfSignedCertificate(t, "imported.example.com")
	seed := map[string]any{
		"secret_groups": []any{map[string]any{"name": "team-a", "description": "Team A"}},
		"private_cas":   []any{map[string]any{"name": "pki"}},
		"configurations": []any{map[string]any{"config_type": "public_cert_configuration_dns_cloud_internet_services",
			"name": "cis", "cloud_internet_services_crn": "crn:v1:bluemix:public:internet-svcs:global:a/0:0::",
			"cloud_internet_services_apikey": "cis-key"}},
		"secrets": []any{
			map[string]any{"secret_type": "arbitrary", "name": "db-url", "payload": "postgres://x", "secret_group_name": "team-a",
				"versions": []any{map[string]any{"payload": "postgres://y"}}, "locks": []any{map[string]any{"name": "app-1"}}},
			map[string]any{"secret_type": "kv", "name": "flags", "data": map[string]any{"beta": true}},
			map[string]any{"secret_type": "username_password", "name": "db-user", "username": "app", "password": "pw"},
			map[string]any{"secret_type": "imported_cert", "name": "imp", "certificate": cert, "private_key": key},
			map[string]any{"secret_type": "private_cert", "name": "tls", "certificate_template": "pki-template", "common_name": "a.example.com"},
			map[string]any{"secret_type": "iam_credentials", "name": "iam", "service_id": "ServiceId-1", "ttl": "1d", "reuse_api_key": true},
			map[string]any{"secret_type": "service_credentials", "name": "svc", "source_service": map[string]any{
				"instance": map[string]any{"crn": "crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::"}}},
		},
	}
	b, err := json.Marshal(seed)
	require.NoError(t, err)
	path := filepath.Join(dir, "seed.json")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	data := filepath.Join(dir, "sm.data")
	p := start(t, "-http", "-seed", path, "-data", data)
	require.Contains(t, p.Logs(), "seeded from")
	dump := p.must(http.StatusOK, "GET", "/admin/dump", "", nil)
	secs := dump["secrets"].([]any)
	require.Len(t, secs, 7)
	db := secs[0].(map[string]any)
	require.Equal(t, "db-url", db["name"])
	require.EqualValues(t, 2, db["versions_total"])
	require.EqualValues(t, 1, db["locks_total"])
	require.NotContains(t, mustJSON(t, dump), "postgres://")
	require.Contains(t, mustJSON(t, p.must(http.StatusOK, "GET", "/admin/dump?secrets=true", "", nil)), "postgres://y")
	require.Len(t, dump["configurations"].([]any), 4)

	// A restart on the same data does not seed again.
	require.Equal(t, 0, p.terminate())
	p = start(t, "-http", "-seed", path, "-data", data)
	require.Contains(t, p.Logs(), "not loaded again")
	require.Len(t, p.must(http.StatusOK, "GET", "/admin/dump", "", nil)["secrets"], 7)

	// A seed file the API refuses stops the start, naming the item.
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"secrets":[{"secret_type":"arbitrary","name":"no-payload"}]}`), 0o600))
	_, err = tryStart(t, "-http", "-seed", bad)
	require.ErrorContains(t, err, `secrets[0] ("no-payload")`)
}

func TestDamagedDataFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sm.data")
	p := start(t, "-http", "-data", data)
	for i := range 3 {
		p.must(http.StatusCreated, "POST", "/api/v2/secrets", "", map[string]any{"secret_type": "arbitrary",
			"name": fmt.Sprintf("s-%d", i), "secret_group_id": "default", "payload": "p"})
	}
	p.kill() // the last writes are records after the compaction
	raw, err := os.ReadFile(data)
	require.NoError(t, err)
	damaged := append([]byte{}, raw...)
	damaged[20] ^= 0xff // in the first record
	require.NoError(t, os.WriteFile(data, damaged, 0o600))

	_, err = tryStart(t, "-http", "-data", data)
	require.ErrorContains(t, err, "damaged at byte")
	after, err := os.ReadFile(data)
	require.NoError(t, err)
	require.Equal(t, damaged, after, "a refused data file is left as it was")

	// A cut tail (a write that was not answered) is dropped and reported.
	require.NoError(t, os.WriteFile(data, raw[:len(raw)-5], 0o600))
	p = start(t, "-http", "-data", data)
	require.Contains(t, p.Logs(), "dropped its last record")
	require.Len(t, p.must(http.StatusOK, "GET", "/admin/dump", "", nil)["secrets"], 2)
	p.kill()

	// -recover starts from the state before the damage and keeps a copy.
	require.NoError(t, os.WriteFile(data, damaged, 0o600))
	p = start(t, "-http", "-data", data, "-recover")
	require.Contains(t, p.Logs(), "recovered")
	copies, err := filepath.Glob(data + ".damaged-*")
	require.NoError(t, err)
	require.Len(t, copies, 1)
}

func TestFaultsReproducibleWithASeed(t *testing.T) {
	dir := t.TempDir()
	faults := filepath.Join(dir, "faults.json")
	require.NoError(t, os.WriteFile(faults, []byte(`{"faults":[{"method":"GET","path":"/api/v2/secret_groups","status":503,"probability":0.4}]}`), 0o600))
	pattern := func(p *proc) string {
		var b strings.Builder
		for range 40 {
			st, _, err := p.request("GET", "/api/v2/secret_groups", "", nil)
			require.NoError(t, err)
			b.WriteString(map[bool]string{true: "x", false: "."}[st == 503])
		}
		return b.String()
	}
	p := start(t, "-http", "-faults", faults, "-fault-seed", "42")
	first := pattern(p)
	require.Contains(t, first, "x")
	require.Contains(t, first, ".")
	p.kill()
	p = start(t, "-http", "-faults", faults, "-fault-seed", "42")
	require.Equal(t, first, pattern(p), "the same seed affects the same requests")
	p.kill()

	// The same faults given inline.
	inline := `{"faults":[{"method":"GET","path":"/api/v2/secret_groups","status":503,"probability":0.4}]}`
	p = start(t, "-http", "-faults", inline, "-fault-seed", "42")
	require.Equal(t, first, pattern(p))
	p.kill()
	_, err := tryStart(t, "-http", "-faults", `{"faults":[{"status":1000}]}`)
	require.ErrorContains(t, err, "not an HTTP status code")

	// Changed at run time through the admin API, with its token.
	p = start(t, "-http", "-admin-token", "adm")
	p.must(http.StatusUnauthorized, "PUT", "/admin/faults", "", map[string]any{})
	p.must(http.StatusNoContent, "PUT", "/admin/faults", "adm", map[string]any{"seed": 42,
		"faults": []any{map[string]any{"method": "GET", "path": "/api/v2/secret_groups", "status": 503, "probability": 0.4}}})
	require.Equal(t, first, pattern(p))
	p.must(http.StatusNoContent, "DELETE", "/admin/faults", "adm", nil)
	require.Equal(t, strings.Repeat(".", 40), pattern(p))
}

func TestGivenCertificate(t *testing.T) {
	dir := t.TempDir()
	cert, key := smt.SelfSignedCertificate(t, "localhost")
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	require.NoError(t, os.WriteFile(certFile, []byte(cert), 0o600))
	require.NoError(t, os.WriteFile(keyFile, []byte(key), 0o600))
	p := start(t, "-tls-cert", certFile, "-tls-key", keyFile)
	require.Contains(t, p.Logs(), certFile, "the hint names the given certificate")
	p.client.Transport.(*http.Transport).TLSClientConfig.ServerName = "localhost"
	p.must(http.StatusOK, "GET", "/health", "", nil)
	_, err := tryStart(t, "-tls-cert", certFile, "-tls-key", certFile)
	require.ErrorContains(t, err, "TLS")
}

func TestClockExpiresAndRotates(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sm.data")
	p := start(t, "-apikey", "k", "-token-ttl", "2h", "-data", data, "-admin-token", "adm")
	client := p.iamClient("k")
	ctx := context.Background()
	now := time.Now()
	exp := strfmtDateTime(now.Add(time.Hour))
	arb, _, err := client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("expiring"), Payload: core.StringPtr("p"), ExpirationDate: exp}))
	require.NoError(t, err)
	up, _, err := client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.UsernamePasswordSecretPrototype{
		SecretType: core.StringPtr("username_password"), Name: core.StringPtr("rotating"), Username: core.StringPtr("u"), Password: core.StringPtr("p"),
		Rotation: &sm.CommonRotationPolicy{AutoRotate: core.BoolPtr(true), Interval: core.Int64Ptr(1), Unit: core.StringPtr("day")}}))
	require.NoError(t, err)
	arbID, upID := *arb.(*sm.ArbitrarySecret).ID, *up.(*sm.UsernamePasswordSecret).ID

	clock := p.must(http.StatusOK, "POST", "/admin/clock", "adm", map[string]any{"advance": "25h"})
	require.Equal(t, "25h0m0s", clock["offset"])
	// The IAM token of before (2h) has expired on the server clock: a new client gets a new one.
	_, _, err = client.GetSecretWithContext(ctx, client.NewGetSecretOptions(arbID))
	var apiErr *sm.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	client = p.iamClient("k")
	got, _, err := client.GetSecretWithContext(ctx, client.NewGetSecretOptions(arbID))
	require.NoError(t, err)
	a := got.(*sm.ArbitrarySecret)
	require.Equal(t, "destroyed", *a.StateDescription)
	require.Nil(t, a.Payload)
	got, _, err = client.GetSecretWithContext(ctx, client.NewGetSecretOptions(upID))
	require.NoError(t, err)
	u := got.(*sm.UsernamePasswordSecret)
	require.EqualValues(t, 2, *u.VersionsTotal)
	require.NotEqual(t, "p", *u.Password, "the automatic rotation made a new password")

	// The clock survives a restart.
	p.kill()
	p = start(t, "-apikey", "k", "-data", data, "-admin-token", "adm")
	clock = p.must(http.StatusOK, "GET", "/admin/clock", "adm", nil)
	require.Equal(t, "25h0m0s", clock["offset"])
}

func strfmtDateTime(t time.Time) *strfmt.DateTime {
	d := strfmt.DateTime(t.UTC().Truncate(time.Second))
	return &d
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestListenWarningAndFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, o *options)
	}{
		{name: "defaults", check: func(t *testing.T, o *options) {
			require.Equal(t, "127.0.0.1:8443", o.listen)
			require.False(t, o.plainHTTP)
			require.Equal(t, time.Hour, o.tokenTTL)
		}},
		{name: "env", env: map[string]string{"SMLOCAL_LISTEN": "127.0.0.1:9000", "SMLOCAL_HTTP": "true", "SMLOCAL_APIKEYS": "a,b:read-only"},
			check: func(t *testing.T, o *options) {
				require.Equal(t, "127.0.0.1:9000", o.listen)
				require.True(t, o.plainHTTP)
				require.Equal(t, listFlag{"a", "b:read-only"}, o.apiKeys)
			}},
		{name: "flag wins", args: []string{"-listen", "127.0.0.1:9001"}, env: map[string]string{"SMLOCAL_LISTEN": "127.0.0.1:9000"},
			check: func(t *testing.T, o *options) { require.Equal(t, "127.0.0.1:9001", o.listen) }},
		{name: "cert without key", args: []string{"-tls-cert", "c.pem"}, wantErr: "go together"},
		{name: "argument", args: []string{"extra"}, wantErr: "unexpected argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseOptions(tc.args, func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			tc.check(t, o)
		})
	}
	require.Equal(t, "/api/v2/secrets?limit=10&search=s3cr3t&x=REDACTED", redactedURI(&url.URL{Path: "/api/v2/secrets", RawQuery: "limit=10&x=secret&search=s3cr3t"}))
	require.True(t, isLoopbackAddr("localhost:1"))
	require.False(t, isLoopbackAddr("0.0.0.0:1"))

	p := start(t, "-http", "-listen", "0.0.0.0:0")
	require.Contains(t, p.Logs(), "WARNING: listening on")
	// Off loopback without -admin-token, the admin API is off.
	st, _, err := p.request("GET", "/admin/dump", "", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, st)
}

func TestExternalConfigurationFromTheEnvironment(t *testing.T) {
	p := start(t, "-apikey", "env-key")
	t.Setenv("SECRETS_MANAGER_URL", p.base)
	t.Setenv("SECRETS_MANAGER_AUTH_URL", p.base)
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "iam")
	t.Setenv("SECRETS_MANAGER_APIKEY", "env-key")
	// The generated certificate is trusted through SSL_CERT_FILE by a new process; in this one,
	// the configuration's own switches skip the check.
	t.Setenv("SECRETS_MANAGER_DISABLE_SSL", "true")
	t.Setenv("SECRETS_MANAGER_AUTH_DISABLE_SSL", "true")
	client, err := sm.NewSecretsManagerV2UsingExternalConfig(&sm.SecretsManagerV2Options{})
	require.NoError(t, err)
	g, _, err := client.CreateSecretGroup(client.NewCreateSecretGroupOptions("from-env"))
	require.NoError(t, err)
	require.Equal(t, "from-env", *g.Name)

	t.Setenv("SECRETS_MANAGER_APIKEY", "other-key")
	client, err = sm.NewSecretsManagerV2UsingExternalConfig(&sm.SecretsManagerV2Options{})
	require.NoError(t, err)
	_, _, err = client.ListSecretGroups(client.NewListSecretGroupsOptions())
	require.ErrorContains(t, err, "Provided API key could not be found")
}

func TestRequestLogHasNoSecrets(t *testing.T) {
	p := start(t, "-log-requests=true", "-apikey", "apikey-SECRET-1", "-admin-token", "admin-SECRET-2")
	client := p.iamClient("apikey-SECRET-1")
	_, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("logged"), Payload: core.StringPtr("payload-SECRET-3")}))
	require.NoError(t, err)
	list, _, err := client.ListSecrets(client.NewListSecretsOptions().SetSearch("logged"))
	require.NoError(t, err)
	_, _, err = client.GetSecret(client.NewGetSecretOptions(*list.Secrets[0].(*sm.ArbitrarySecretMetadata).ID))
	require.NoError(t, err)
	p.must(http.StatusOK, "GET", "/admin/dump?secrets=true", "admin-SECRET-2", nil)
	st, _, err := p.request("GET", "/api/v2/secrets?apikey=query-SECRET-4", "", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusUnauthorized, st)
	require.Equal(t, 0, p.terminate())
	logs := p.Logs()
	require.Contains(t, logs, "POST /identity/token 200")
	require.Contains(t, logs, "POST /api/v2/secrets 201")
	require.Contains(t, logs, "search=logged")
	require.NotContains(t, logs, "SECRET-", "no API key, token, payload or query value in the log")
	require.NotContains(t, logs, "eyJ", "no access token in the log")
}
