package secretsmanagerv2

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

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
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"secret_groups":[],"total_count":0}`))
	}))
	defer srv.Close()

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

func TestSDKHeadersAndUserAgent(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	sm := testClient(t, srv.URL)
	sm.SetDefaultHeaders(http.Header{"X-Team": {"payments"}})
	_, err := sm.GetNotificationsRegistrationTest(sm.NewGetNotificationsRegistrationTestOptions())
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(got.Get("User-Agent"), "secrets-manager-go-sdk/"), got.Get("User-Agent"))
	require.Contains(t, got.Get("User-Agent"), "(lang=go; arch=")
	require.Equal(t, "service_name=secrets_manager;service_version=V2;operation_id=get_notifications_registration_test", got.Get("X-IBMCloud-SDK-Analytics"))
	require.Equal(t, "payments", got.Get("X-Team"))
}

func TestRequestURL(t *testing.T) {
	cases := map[string]string{
		"https://h":           "https://h/api/v2/secrets",
		"https://h/":          "https://h/api/v2/secrets",
		"https://h/api":       "https://h/api/v2/secrets",
		"https://h/api/":      "https://h/api/v2/secrets",
		"https://h/proxy":     "https://h/proxy/api/v2/secrets",
		"https://h/proxy/api": "https://h/proxy/api/v2/secrets",
	}
	for base, want := range cases {
		require.Equal(t, want, requestURL(base, "/api/v2/secrets"), base)
	}
}

// TestStructLiteralClient checks a client built as a struct literal around a core.BaseService, as
// some code written for the official SDK does: it works, with the default timeout and no retries.
func TestStructLiteralClient(t *testing.T) {
	srv, n := scriptedServer(t, nil, 503)
	base, err := core.NewBaseService(&core.ServiceOptions{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	sm := &SecretsManagerV2{Service: base}
	require.Equal(t, DefaultTimeout, sm.GetTimeout())
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.Error(t, err)
	require.EqualValues(t, 1, n.Load())
	sm.EnableRetries(1, time.Millisecond)
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions("s"))
	require.NoError(t, err)
	copied := *sm // copying the struct, as with the official SDK, is allowed
	require.Equal(t, sm.GetTimeout(), copied.GetTimeout())
}
