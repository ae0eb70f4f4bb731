package secretsmanagerv2

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
	"github.com/stretchr/testify/require"
)

// Tests of service.go: constructing and configuring a client (service URLs, regions, external
// configuration, retries, timeouts, clones).

func TestNewSecretsManagerV2(t *testing.T) {
	_, err := NewSecretsManagerV2(nil)
	require.Error(t, err)
	_, err = NewSecretsManagerV2(&SecretsManagerV2Options{URL: "https://x.us-south.secrets-manager.appdomain.cloud"})
	require.ErrorContains(t, err, "Authenticator is required")

	for _, bad := range []string{"{bad}", "not a url", "ftp://host", "/relative/path", "https://"} {
		_, err = NewSecretsManagerV2(&SecretsManagerV2Options{URL: bad, Authenticator: &core.NoAuthAuthenticator{}})
		require.Error(t, err, bad)
	}

	sm, err := NewSecretsManagerV2(&SecretsManagerV2Options{Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	require.Equal(t, DefaultServiceURL, sm.GetServiceURL())
	require.NoError(t, sm.SetServiceURL("https://abc.eu-de.secrets-manager.appdomain.cloud/api"))
	require.Equal(t, "https://abc.eu-de.secrets-manager.appdomain.cloud/api", sm.GetServiceURL())
	require.Error(t, sm.SetServiceURL("::"))

	// As with the official SDK, an empty URL is accepted and every call then fails, before sending.
	require.NoError(t, sm.SetServiceURL(""))
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("x"))
	require.ErrorContains(t, err, core.ERRORMSG_SERVICE_URL_MISSING)

	sm.SetEnableGzipCompression(true)
	require.True(t, sm.GetEnableGzipCompression())
	transport := sm.Service.Client.Transport.(*http.Transport)
	require.GreaterOrEqual(t, transport.MaxIdleConnsPerHost, 64, "a shared client keeps its connections")
}

func TestNewSecretsManagerV2UsingExternalConfig(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, `{"secret_groups":[],"total_count":0}`))

	t.Setenv("SECRETS_MANAGER_URL", srv.URL)
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "noauth")
	sm, err := NewSecretsManagerV2UsingExternalConfig(nil)
	require.NoError(t, err)
	require.Equal(t, srv.URL, sm.GetServiceURL())
	_, resp, err := sm.ListSecretGroups(sm.NewListSecretGroupsOptions())
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)

	// Options win over the environment.
	sm, err = NewSecretsManagerV2UsingExternalConfig(&SecretsManagerV2Options{URL: "https://other.example.com"})
	require.NoError(t, err)
	require.Equal(t, "https://other.example.com", sm.GetServiceURL())

	// The configuration's retries use this SDK's policy.
	t.Setenv("SECRETS_MANAGER_ENABLE_RETRIES", "true")
	t.Setenv("SECRETS_MANAGER_MAX_RETRIES", "3")
	t.Setenv("SECRETS_MANAGER_RETRY_INTERVAL", "2")
	sm, err = NewSecretsManagerV2UsingExternalConfig(&SecretsManagerV2Options{})
	require.NoError(t, err)
	require.Equal(t, transport.Policy{MaxRetries: 3, MaxInterval: 2 * time.Second}, sm.config.retry)
	_, isTransport := sm.Service.Client.Transport.(*http.Transport)
	require.True(t, isTransport, "go-sdk-core's retrying client is not used")

	// An API key and IAM authentication, from another service name.
	t.Setenv("MY_SM_APIKEY", "key")
	t.Setenv("MY_SM_URL", "https://abc.us-south.secrets-manager.appdomain.cloud")
	sm, err = NewSecretsManagerV2UsingExternalConfig(&SecretsManagerV2Options{ServiceName: "my_sm"})
	require.NoError(t, err)
	require.IsType(t, &core.IamAuthenticator{}, sm.Service.Options.Authenticator)

	// No credentials at all.
	t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "")
	t.Setenv("SECRETS_MANAGER_URL", "")
	t.Setenv("IBM_CREDENTIALS_FILE", "/nonexistent")
	_, err = NewSecretsManagerV2UsingExternalConfig(&SecretsManagerV2Options{ServiceName: "nothing_configured"})
	require.Error(t, err)
}

func TestRegionURLs(t *testing.T) {
	require.Len(t, Regions(), 10)
	Regions()[0] = "changed"
	require.Equal(t, "us-south", Regions()[0], "Regions returns a copy")
	for _, r := range Regions() {
		u, err := GetServiceURLForRegion(r)
		require.NoError(t, err)
		require.Equal(t, "https://{instance_id}."+r+".secrets-manager.appdomain.cloud", u)
		u, err = GetServiceURLForRegion("private." + r)
		require.NoError(t, err)
		require.Equal(t, "https://{instance_id}.private."+r+".secrets-manager.appdomain.cloud", u)
	}
	_, err := GetServiceURLForRegion("mars-north")
	require.Error(t, err)

	u, err := ConstructServiceURL(map[string]string{"instance_id": "abc", "region": "eu-gb"})
	require.NoError(t, err)
	require.Equal(t, "https://abc.eu-gb.secrets-manager.appdomain.cloud", u)
	u, err = ConstructServiceURL(nil)
	require.NoError(t, err)
	require.Equal(t, DefaultServiceURL, u)
	_, err = ConstructServiceURL(map[string]string{"planet": "mars"})
	require.Error(t, err)
}

func TestCloneIsIndependent(t *testing.T) {
	sm := testClient(t, "https://a.example.com")
	sm.EnableRetries(2, time.Second)
	clone := sm.Clone()
	require.NoError(t, clone.SetServiceURL("https://b.example.com"))
	clone.DisableRetries()
	clone.SetTimeout(time.Second)
	require.Equal(t, "https://a.example.com", sm.GetServiceURL())
	require.Equal(t, transport.Policy{MaxRetries: 2, MaxInterval: time.Second}, sm.config.retry)
	require.Equal(t, DefaultTimeout, sm.GetTimeout())
	require.Same(t, sm.Service.Client, clone.Service.Client, "connections are shared")
	var nilClient *SecretsManagerV2
	require.Nil(t, nilClient.Clone())

	sm.EnableRetries(0, 0)
	require.Equal(t, transport.Policy{MaxRetries: transport.DefaultMaxRetries, MaxInterval: transport.DefaultMaxInterval}, sm.config.retry)
}

// TestStructLiteralClient checks a client built as a struct literal around a core.BaseService, as
// some code written for the official SDK does: it works, with the default timeout and no retries.
func TestStructLiteralClient(t *testing.T) {
	srv := NewFake(t, statusScript(nil, 503))
	base, err := core.NewBaseService(&core.ServiceOptions{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	sm := &SecretsManagerV2{Service: base}
	require.Equal(t, DefaultTimeout, sm.GetTimeout())
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.Error(t, err)
	require.EqualValues(t, 1, srv.Count())
	sm.EnableRetries(1, time.Millisecond)
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.NoError(t, err)
	copied := *sm // copying the struct, as with the official SDK, is allowed
	require.Equal(t, sm.GetTimeout(), copied.GetTimeout())
}

func TestServiceURLWithQueryOrFragmentIsRefused(t *testing.T) {
	srv := NewFake(t, FixedAnswer(204, ""))
	for _, bad := range []string{srv.URL + "/#frag", srv.URL + "/api?x=1", srv.URL + "?", srv.URL + "/#", srv.URL + "/api/#/x"} {
		_, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: bad, Authenticator: &core.NoAuthAuthenticator{}})
		require.ErrorContains(t, err, "query", bad)
		sm := testClient(t, srv.URL)
		require.Error(t, sm.SetServiceURL(bad), bad)
		require.Equal(t, srv.URL, sm.GetServiceURL(), "the URL in place is kept")

		// Set on the core.BaseService, past the check: refused at the call, and nothing is sent.
		require.NoError(t, sm.Service.SetServiceURL(bad))
		_, err = sm.DeleteSecret(sm.NewDeleteSecretOptions("s"))
		require.ErrorContains(t, err, "no query", bad)
		require.Empty(t, srv.Requests())

		t.Setenv("SECRETS_MANAGER_URL", bad)
		t.Setenv("SECRETS_MANAGER_AUTH_TYPE", "noauth")
		_, err = NewSecretsManagerV2UsingExternalConfig(nil)
		require.ErrorContains(t, err, "query", bad)
	}
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

func TestServiceURLForms(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, `{"secret_type":"arbitrary","id":"x"}`))
	forms := []struct {
		url, wantPrefix string
	}{
		{srv.URL, ""},
		{srv.URL + "/", ""},
		{srv.URL + "/api", ""},
		{srv.URL + "/api/", ""},
		{srv.URL + "/proxy", "/proxy"},
		{srv.URL + "/proxy/api/", "/proxy"},
	}
	for _, f := range forms {
		t.Run(strings.TrimPrefix(f.url, srv.URL)+"/", func(t *testing.T) {
			for _, viaSetter := range []bool{false, true} {
				var s *SecretsManagerV2
				if viaSetter {
					s = testClient(t, "http://unused.invalid")
					require.NoError(t, s.SetServiceURL(f.url))
				} else {
					s = testClient(t, f.url)
				}
				result, _, err := s.GetSecret(s.NewGetSecretOptions("x"))
				require.NoError(t, err)
				require.IsType(t, (*ArbitrarySecret)(nil), result)
				req := srv.Last(t)
				require.Equal(t, f.wantPrefix+"/api/v2/secrets/x", req.EscapedPath)
				require.NotContains(t, req.EscapedPath, "/api/api/")

				_, _, err = s.ListSecretGroups(s.NewListSecretGroupsOptions())
				require.NoError(t, err)
				require.Equal(t, f.wantPrefix+"/api/v2/secret_groups", srv.Last(t).EscapedPath)
			}
		})
	}
}
