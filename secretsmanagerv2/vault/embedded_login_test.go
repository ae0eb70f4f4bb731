package vault

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// The logins of the client to the embedded server: which IAM tokens it accepts, the rights and
// lease of the Vault tokens it gives, and the client's renewals and logins again. The server runs
// in-process, so that a synctest bubble's clock is the server's and the client's.

// inProcess returns an embedded handler, recording what it answers, and a Vault client of it that
// logs in with iamToken (or uses the Vault token given, when iamToken is "").
func inProcess(t *testing.T, iamToken, vaultToken string, opts ...secretsmanagertest.Option) (*secretsmanagertest.Handler, *recordingHandler, *Client) {
	t.Helper()
	h := secretsmanagertest.NewHandler(opts...)
	rec := &recordingHandler{h: h}
	o := &Options{URL: "https://instance.us-south.secrets-manager.appdomain.cloud", Token: vaultToken,
		HTTPClient: &http.Client{Transport: handlerTransport{rec}}}
	if iamToken != "" {
		o.Authenticator = &core.BearerTokenAuthenticator{BearerToken: iamToken}
	}
	c, err := NewClient(o)
	require.NoError(t, err)
	return h, rec, c
}

// logins counts the logins among requests.
func logins(got []recorded) int {
	n := 0
	for _, r := range got {
		if r.path == "/v1/auth/ibmcloud/login" {
			n++
		}
	}
	return n
}

func TestEmbeddedLoginWithAnyTokenWithoutConfiguredTokens(t *testing.T) {
	_, _, c := inProcess(t, "whatever-iam-token", "")
	ctx := context.Background()
	login, err := c.Login(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"default", "instance-manager"}, login.Auth.Policies)
	require.EqualValues(t, 3600, *login.Auth.LeaseDuration)
	_, err = c.KV().Create(ctx, &CreateKVRequest{Name: core.StringPtr("cfg"), Payload: map[string]interface{}{"a": "b"}})
	require.NoError(t, err)
}

func TestEmbeddedLoginWithConfiguredTokens(t *testing.T) {
	opts := []secretsmanagertest.Option{secretsmanagertest.WithToken("writer-token"), secretsmanagertest.WithReadOnlyToken("reader-token")}
	ctx := context.Background()
	h, _, writer := inProcess(t, "writer-token", "", opts...)
	_, err := writer.Arbitrary().Create(ctx, &CreateArbitraryRequest{Name: core.StringPtr("app-secret"), Payload: core.StringPtr("v")})
	require.NoError(t, err)

	reader, err := NewClient(&Options{URL: "https://instance.test", Authenticator: &core.BearerTokenAuthenticator{BearerToken: "reader-token"},
		HTTPClient: &http.Client{Transport: handlerTransport{h}}})
	require.NoError(t, err)
	login, err := reader.Login(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"default", "instance-reader"}, login.Auth.Policies)
	got, err := reader.Arbitrary().Get(ctx, "app-secret")
	require.NoError(t, err)
	require.Equal(t, "v", *got.Data.SecretData.Payload)
	_, err = reader.Arbitrary().Create(ctx, &CreateArbitraryRequest{Name: core.StringPtr("other"), Payload: core.StringPtr("v")})
	require.ErrorIs(t, err, sm.ErrForbidden, "a read-only token may not write")
	_, err = reader.Arbitrary().Delete(ctx, "app-secret")
	require.ErrorIs(t, err, sm.ErrForbidden)

	stranger, err := NewClient(&Options{URL: "https://instance.test", Authenticator: &core.BearerTokenAuthenticator{BearerToken: "someone-else"},
		HTTPClient: &http.Client{Transport: handlerTransport{h}}})
	require.NoError(t, err)
	_, err = stranger.Arbitrary().Get(ctx, "app-secret")
	require.ErrorIs(t, err, sm.ErrForbidden, "only the configured IAM tokens log in")

	// The v2 API of the same server still wants the configured bearer token.
	v2, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: "https://instance.test",
		Authenticator: &core.BearerTokenAuthenticator{BearerToken: "writer-token"}})
	require.NoError(t, err)
	v2.Service.Client = &http.Client{Transport: handlerTransport{h}}
	list, _, err := v2.ListSecrets(&sm.ListSecretsOptions{})
	require.NoError(t, err)
	require.EqualValues(t, 1, *list.TotalCount)
}

// TestEmbeddedLeaseFromTheLoginConfiguration checks that the lease of a login is the login
// configuration's token_ttl, and that the client renews its token before the lease ends: calls
// spread over hours never see an expired token.
func TestEmbeddedLeaseFromTheLoginConfiguration(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, rec, c := inProcess(t, "iam-token", "")
		ctx := context.Background()
		require.NoError(t, c.ConfigureLogin(ctx, &LoginConfig{TokenTTL: core.StringPtr("30m"), TokenMaxTTL: core.StringPtr("1h")}))
		cfg, err := c.GetLoginConfig(ctx)
		require.NoError(t, err)
		require.Equal(t, "30m0s", *cfg.Data.Login.TokenTTL)
		login, err := c.Login(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 1800, *login.Auth.LeaseDuration)
		rec.take()

		for range 12 { // 3 hours
			time.Sleep(15 * time.Minute)
			_, err := c.Arbitrary().List(ctx)
			require.NoError(t, err)
		}
		got := rec.take()
		for _, r := range got {
			require.NotEqual(t, http.StatusForbidden, r.status, "no request was sent with an expired token")
		}
		require.GreaterOrEqual(t, logins(got), 6, "a login about every 20 minutes")
	})
}

func TestEmbeddedExpiredTokenIsRefused(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		h, _, c := inProcess(t, "iam-token", "", secretsmanagertest.WithVaultTokenTTL(10*time.Minute))
		login, err := c.Login(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 600, *login.Auth.LeaseDuration)

		// A client given the Vault token, without an authenticator, cannot log in again.
		given, err := NewClient(&Options{URL: "https://instance.test", Token: *login.Auth.ClientToken,
			HTTPClient: &http.Client{Transport: handlerTransport{h}}})
		require.NoError(t, err)
		_, err = given.KV().List(ctx)
		require.NoError(t, err)
		time.Sleep(10*time.Minute - time.Second)
		_, err = given.KV().List(ctx)
		require.NoError(t, err)
		time.Sleep(time.Second)
		_, err = given.KV().List(ctx)
		require.ErrorIs(t, err, sm.ErrForbidden, "the lease has ended")
		require.Contains(t, err.Error(), "permission denied")
	})
}

// TestEmbeddedLoginAgainAfterRevocation checks that a client whose token the server revoked logs
// in again once, and its call succeeds.
func TestEmbeddedLoginAgainAfterRevocation(t *testing.T) {
	ctx := context.Background()
	h, rec, c := inProcess(t, "iam-token", "")
	_, err := c.Arbitrary().Create(ctx, &CreateArbitraryRequest{Name: core.StringPtr("s1"), Payload: core.StringPtr("v")})
	require.NoError(t, err)
	rec.take()
	require.Equal(t, 1, h.RevokeVaultTokens())
	got, err := c.Arbitrary().Get(ctx, "s1")
	require.NoError(t, err)
	require.Equal(t, "v", *got.Data.SecretData.Payload)
	seen := rec.take()
	require.Len(t, seen, 3)
	require.Equal(t, http.StatusForbidden, seen[0].status, "the revoked token")
	require.Equal(t, "/v1/auth/ibmcloud/login", seen[1].path)
	require.Equal(t, http.StatusOK, seen[2].status, "the call again, with the new token")
}
