package secretsmanagerv2

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// TestErrorText checks that every kind of error names the package, the operation and what went
// wrong, and that errors.Is and errors.As see the same errors as before.
func TestErrorText(t *testing.T) {
	notFound := errorServer(t, 404, nil, `{"errors":[{"code":"not_found","message":"A resource with id: x was not found."}],"status_code":404,"trace":"t"}`)
	bare := errorServer(t, 503, nil, ``)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closedAddr := "http://" + l.Addr().String()
	require.NoError(t, l.Close())
	garbled := errorServer(t, 200, nil, `{"secret_type":"arbitrary","state":"not a number"}`)

	cases := []struct {
		name string
		call func(*SecretsManagerV2) error
		url  string
		want string // the whole message, or its start when prefix is true
		pre  bool
		is   error
	}{
		{"service error", func(c *SecretsManagerV2) error {
			_, _, err := c.GetSecret(c.NewGetSecretOptions("x"))
			return err
		}, notFound.URL, "secretsmanagerv2: get_secret: 404 Not Found: A resource with id: x was not found.", false, ErrNotFound},
		{"no body", func(c *SecretsManagerV2) error {
			_, err := c.DeleteSecret(c.NewDeleteSecretOptions("x"))
			return err
		}, bare.URL, "secretsmanagerv2: delete_secret: 503 Service Unavailable", false, nil},
		{"no connection", func(c *SecretsManagerV2) error {
			_, _, err := c.ListSecretGroups(c.NewListSecretGroupsOptions())
			return err
		}, closedAddr, "secretsmanagerv2: list_secret_groups: Get \"" + closedAddr, true, nil},
		{"undecodable answer", func(c *SecretsManagerV2) error {
			_, _, err := c.GetSecret(c.NewGetSecretOptions("x"))
			return err
		}, garbled.URL, "secretsmanagerv2: get_secret: decoding the response of get_secret", true, nil},
		{"cancelled", func(c *SecretsManagerV2) error {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, _, err := c.GetSecretWithContext(ctx, c.NewGetSecretOptions("x"))
			return err
		}, notFound.URL, "secretsmanagerv2: get_secret: ", true, context.Canceled},
		{"invalid input", func(c *SecretsManagerV2) error {
			_, _, err := c.GetSecret(c.NewGetSecretOptions(""))
			return err
		}, notFound.URL, "secretsmanagerv2: invalid input: GetSecretOptions: field ID is required", true, ErrInvalidInput},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call(testClient(t, c.url))
			require.Error(t, err)
			if c.pre {
				require.Truef(t, len(err.Error()) >= len(c.want) && err.Error()[:len(c.want)] == c.want, "%q does not start with %q", err.Error(), c.want)
			} else {
				require.Equal(t, c.want, err.Error())
			}
			var p *core.SDKProblem
			require.ErrorAs(t, err, &p)
			if c.is != nil {
				require.ErrorIs(t, err, c.is)
			}
		})
	}
}

// TestErrorTextKeepsProblemIdentity checks that the longer message does not change the identity
// go-sdk-core gives a problem: two errors of the same scenario still match with errors.Is.
func TestErrorTextKeepsProblemIdentity(t *testing.T) {
	srv := errorServer(t, 404, nil, `{"errors":[{"code":"not_found","message":"gone"}]}`)
	c := testClient(t, srv.URL)
	_, _, err1 := c.GetSecret(c.NewGetSecretOptions("a"))
	_, _, err2 := c.GetSecret(c.NewGetSecretOptions("b"))
	var p1 *core.SDKProblem
	require.ErrorAs(t, err1, &p1)
	require.ErrorIs(t, err2, p1)
	var h *core.HTTPProblem
	require.ErrorAs(t, err1, &h)
	require.Equal(t, "gone", h.Summary, "go-sdk-core's HTTPProblem keeps the service's own message")
}

func TestExternalConfigWithNothingConfiguredNamesTheVariables(t *testing.T) {
	for _, k := range []string{"SECRETS_MANAGER_URL", "SECRETS_MANAGER_APIKEY", "SECRETS_MANAGER_AUTH_TYPE", "MY_SM_APIKEY", "VCAP_SERVICES"} {
		t.Setenv(k, "")
		require.NoError(t, os.Unsetenv(k))
	}
	t.Setenv("IBM_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none.env"))
	t.Chdir(t.TempDir()) // no ibm-credentials.env in the working directory

	_, err := NewSecretsManagerV2UsingExternalConfig(nil)
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{"SECRETS_MANAGER_APIKEY", "SECRETS_MANAGER_URL", "SECRETS_MANAGER_AUTH_TYPE", "IBM_CREDENTIALS_FILE"} {
		require.Contains(t, msg, want)
	}
	require.NotContains(t, msg, "IamAuthenticator{", "no advice that does not apply to this constructor")

	_, err = NewSecretsManagerV2UsingExternalConfig(&SecretsManagerV2Options{ServiceName: "my-sm"})
	require.ErrorContains(t, err, "MY_SM_APIKEY")
	var p *core.SDKProblem
	require.True(t, errors.As(err, &p))

	// The constructor with explicit options still gives its own advice.
	_, err = NewSecretsManagerV2(&SecretsManagerV2Options{URL: "https://x"})
	require.ErrorContains(t, err, "options.Authenticator is required")
}
