package vaultauth

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/hashicorp/vault/api"
	"github.com/stretchr/testify/require"
)

// fakeSecretsManager answers the login and the reads and writes of an arbitrary secret, as the
// Vault API of Secrets Manager does, and refuses a request without the token it gave.
func fakeSecretsManager(t *testing.T, logins *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/v1/auth/ibmcloud/login":
			var in struct{ Token string }
			if json.Unmarshal(body, &in) != nil || in.Token != "iam-access-token" {
				w.WriteHeader(http.StatusBadRequest)
				_, _ = io.WriteString(w, `{"errors":["invalid IAM token"]}`)
				return
			}
			logins.Add(1)
			_, _ = io.WriteString(w, `{"request_id":"d9a41bfe","lease_id":"","renewable":false,"lease_duration":0,"data":null,"wrap_info":null,"warnings":null,
				"auth":{"client_token":"s.w6vmYTRuEJdzEvVFVYjIEAYG","accessor":"5m6VpELSK42N3sq0yTEuVhn5","policies":["default","instance-reader"],
				"token_policies":["default","instance-reader"],"metadata":{"user":"iam-ServiceId-b7ebcf90"},"lease_duration":3600,"renewable":true,
				"entity_id":"336f5725","token_type":"service","orphan":true}}`)
		case r.Header.Get("X-Vault-Token") != "s.w6vmYTRuEJdzEvVFVYjIEAYG":
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, `{"errors":["permission denied"]}`)
		case r.Method == http.MethodGet && r.URL.Path == "/v1/ibmcloud/arbitrary/secrets/test-arbitrary-secret":
			_, _ = io.WriteString(w, `{"request_id":"463e84e8","lease_id":"","renewable":false,"lease_duration":0,"data":{"id":"582a8f65",
				"name":"test-arbitrary-secret","secret_data":{"payload":"secret-data"},"secret_type":"arbitrary","state":1,"state_description":"Active"},
				"wrap_info":null,"warnings":null,"auth":null}`)
		case (r.Method == http.MethodPut || r.Method == http.MethodPost) && r.URL.Path == "/v1/ibmcloud/kv/secrets":
			var in map[string]interface{}
			require.NoError(t, json.Unmarshal(body, &in))
			require.Equal(t, "test-kv-secret", in["name"])
			_, _ = io.WriteString(w, `{"request_id":"6e0000","data":{"id":"40000df","name":"test-kv-secret","secret_type":"kv","state":1}}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"errors":[]}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func vaultClient(t *testing.T, address string) *api.Client {
	t.Setenv("VAULT_TOKEN", "")
	t.Setenv("VAULT_ADDR", "")
	cfg := api.DefaultConfig()
	cfg.Address = address
	client, err := api.NewClient(cfg)
	require.NoError(t, err)
	client.ClearToken()
	return client
}

// TestHashiCorpClientLogsInAndReads is the interop: HashiCorp's client logs in with the IAM
// AuthMethod of this SDK, then reads and writes secrets with its own Logical() calls.
func TestHashiCorpClientLogsInAndReads(t *testing.T) {
	var logins atomic.Int32
	srv := fakeSecretsManager(t, &logins)
	client := vaultClient(t, srv.URL)
	ctx := context.Background()

	_, err := client.Logical().ReadWithContext(ctx, "ibmcloud/arbitrary/secrets/test-arbitrary-secret")
	require.Error(t, err, "without a login the fake refuses")

	method, err := New(&core.BearerTokenAuthenticator{BearerToken: "iam-access-token"})
	require.NoError(t, err)
	authSecret, err := client.Auth().Login(ctx, method)
	require.NoError(t, err)
	require.Equal(t, int32(1), logins.Load())
	require.Equal(t, "s.w6vmYTRuEJdzEvVFVYjIEAYG", client.Token(), "the Vault client keeps the token")
	require.Equal(t, []string{"default", "instance-reader"}, authSecret.Auth.Policies)
	require.Equal(t, 3600, authSecret.Auth.LeaseDuration)
	require.True(t, authSecret.Auth.Renewable)

	secret, err := client.Logical().ReadWithContext(ctx, "ibmcloud/arbitrary/secrets/test-arbitrary-secret")
	require.NoError(t, err)
	require.Equal(t, "secret-data", secret.Data["secret_data"].(map[string]interface{})["payload"])
	require.Equal(t, "463e84e8", secret.RequestID)

	created, err := client.Logical().WriteWithContext(ctx, "ibmcloud/kv/secrets", map[string]interface{}{
		"name": "test-kv-secret", "payload": map[string]interface{}{"key1": "value1"},
	})
	require.NoError(t, err)
	require.Equal(t, "40000df", created.Data["id"])
}

func TestLoginErrors(t *testing.T) {
	var logins atomic.Int32
	srv := fakeSecretsManager(t, &logins)
	client := vaultClient(t, srv.URL)
	method, err := New(&core.BearerTokenAuthenticator{BearerToken: "wrong-iam-token"})
	require.NoError(t, err)
	_, err = client.Auth().Login(context.Background(), method)
	require.ErrorContains(t, err, "vault login: invalid IAM token (status 400)")
	require.NotContains(t, err.Error(), "wrong-iam-token")
	require.Empty(t, client.Token())

	_, err = New(nil)
	require.Error(t, err)
	_, err = method.Login(context.Background(), nil)
	require.Error(t, err)
}

// TestOnlyThisModuleImportsVaultAPI checks the point of the nested module: the SDK's own packages
// do not depend on HashiCorp's library.
func TestOnlyThisModuleImportsVaultAPI(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./...")
	cmd.Dir = "../../.."
	out, err := cmd.Output()
	require.NoError(t, err)
	require.Contains(t, string(out), "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/vault\n")
	require.NotContains(t, string(out), "hashicorp/vault")
	own, err := exec.Command("go", "list", "-deps", ".").Output()
	require.NoError(t, err)
	require.True(t, strings.Contains(string(own), "github.com/hashicorp/vault/api\n"), "the check sees the dependency where it is")
}
