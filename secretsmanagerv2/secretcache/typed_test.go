package secretcache_test

import (
	"context"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
)

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
