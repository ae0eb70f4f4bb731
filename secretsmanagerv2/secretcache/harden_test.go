package secretcache_test

import (
	"context"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// faultServer returns an embedded server, for faults to be injected, and a client of it.
func faultServer(t *testing.T) (*secretsmanagertest.Server, *sm.SecretsManagerV2) {
	t.Helper()
	srv := secretsmanagertest.NewServer()
	t.Cleanup(srv.Close)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	return srv, client
}

func createLeased(t *testing.T, client *sm.SecretsManagerV2, name string) *sm.IAMCredentialsSecret {
	t.Helper()
	s, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.IAMCredentialsSecretPrototype{
		SecretType: core.StringPtr("iam_credentials"), Name: core.StringPtr(name), TTL: core.StringPtr("1800"),
		AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: core.BoolPtr(true)}))
	require.NoError(t, err)
	iam := s.(*sm.IAMCredentialsSecret)
	require.NotNil(t, iam.ExpirationDate)
	return iam
}

// TestDynamicCredentialsNeverServedPastExpiry: with half a second of lease left when they are read,
// credentials are served for that half second, not for the cache's one-second minimum refresh
// interval (issue 10, item 6).
func TestDynamicCredentialsNeverServedPastExpiry(t *testing.T) {
	srv, client := faultServer(t)
	iam := createLeased(t, client, "short-lease")
	expiry := time.Time(*iam.ExpirationDate)
	clock := &fakeClock{t: expiry.Add(-500 * time.Millisecond)}
	c := secretcache.New(client, secretcache.WithTTL(time.Hour), secretcache.WithJitter(0),
		secretcache.WithStaleFor(time.Hour), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByID(*iam.ID)

	k, err := c.IAMCredentials(context.Background(), key)
	require.NoError(t, err)
	require.Equal(t, *iam.ApiKey, k)

	down := srv.InjectFault(secretsmanagertest.Fault{Status: 503}) // every refresh fails from now on
	clock.Advance(400 * time.Millisecond)
	k, err = c.IAMCredentials(context.Background(), key)
	require.NoError(t, err, "still within the lease")
	require.Equal(t, *iam.ApiKey, k)
	require.Zero(t, down.Hits(), "served from memory")

	clock.Advance(200 * time.Millisecond) // 100ms past the expiration date
	_, err = c.IAMCredentials(context.Background(), key)
	require.Error(t, err, "expired credentials are never served, fresh or stale")
	var apiErr *sm.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, 503, apiErr.StatusCode)
	requireNoSecret(t, err, *iam.ApiKey)
	require.Positive(t, down.Hits(), "the cache tried to read them again")
}

// TestCredentialsExpiredOnArrival: when the cache's clock is past the expiration date of the
// credentials it has just read, they are not served at all.
func TestCredentialsExpiredOnArrival(t *testing.T) {
	_, client := faultServer(t)
	iam := createLeased(t, client, "skewed")
	clock := &fakeClock{t: time.Time(*iam.ExpirationDate).Add(time.Minute)} // a clock a little ahead
	var hooked error
	c := secretcache.New(client, secretcache.WithClock(clock), secretcache.WithErrorHook(func(_ secretcache.Key, err error) { hooked = err }))
	defer c.Close()

	_, err := c.IAMCredentials(context.Background(), secretcache.ByID(*iam.ID))
	require.ErrorIs(t, err, secretcache.ErrExpired)
	require.ErrorContains(t, err, "check the clock")
	requireNoSecret(t, err, *iam.ApiKey)
	require.ErrorIs(t, hooked, secretcache.ErrExpired)
	_, err = c.Get(context.Background(), secretcache.ByID(*iam.ID))
	require.ErrorIs(t, err, secretcache.ErrExpired, "nor is anything cached")
}

// TestCopiesAreDeep: what KV and ServiceCredentials return may be changed without changing the
// cache (issue 10, item 10).
func TestCopiesAreDeep(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	svc := e.create(&sm.ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"), Name: core.StringPtr("svc"),
		SourceService: &sm.ServiceCredentialsSecretSourceService{Instance: &sm.ServiceCredentialsSourceServiceInstance{
			Crn: core.StringPtr("crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::")}}}).(*sm.ServiceCredentialsSecret)
	kvID := e.create(&sm.KVSecretPrototype{SecretType: core.StringPtr("kv"), Name: core.StringPtr("kv"),
		Data: map[string]interface{}{"list": []interface{}{map[string]interface{}{"a": "b"}}}}).Common().ID
	c := secretcache.New(e.client)
	defer c.Close()
	key := secretcache.ByID(*svc.ID)

	creds, err := c.ServiceCredentials(ctx, key)
	require.NoError(t, err)
	want := *creds.Apikey
	require.NotEmpty(t, creds.GetProperties(), "the embedded server sends resource_instance_id")
	instance := creds.GetProperty("resource_instance_id")
	*creds.Apikey = "changed"
	*creds.IamApikeyID = "changed"
	creds.SetProperty("resource_instance_id", "changed")
	creds.SetProperty("added", true)

	again, err := c.ServiceCredentials(ctx, key)
	require.NoError(t, err)
	require.Equal(t, want, *again.Apikey)
	require.NotEqual(t, "changed", *again.IamApikeyID)
	require.Equal(t, instance, again.GetProperty("resource_instance_id"))
	require.Nil(t, again.GetProperty("added"))
	s, err := c.Get(ctx, key)
	require.NoError(t, err)
	require.Equal(t, want, *s.(*sm.ServiceCredentialsSecret).Credentials.Apikey, "the cached secret is unchanged")

	kv, err := c.KV(ctx, secretcache.ByID(kvID))
	require.NoError(t, err)
	kv["list"].([]interface{})[0].(map[string]interface{})["a"] = "changed"
	kv2, err := c.KV(ctx, secretcache.ByID(kvID))
	require.NoError(t, err)
	require.Equal(t, "b", kv2["list"].([]interface{})[0].(map[string]interface{})["a"])
}
