package secretcache_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
)

// fakeClient is a secretcache.Client with one kv secret, no server: what a user's unit test does.
type fakeClient struct {
	byName, byID, metadata atomic.Int64
	lastGroup, lastType    atomic.Value
}

var fakeSecret = &sm.KVSecret{
	ID: core.StringPtr("kv-1"), Name: core.StringPtr("settings"), SecretType: sm.SecretTypeKV.Ptr(),
	VersionsTotal: core.Int64Ptr(1), Data: map[string]interface{}{"mode": "fake"},
}

func (f *fakeClient) GetSecretWithContext(_ context.Context, o *sm.GetSecretOptions) (sm.SecretIntf, *core.DetailedResponse, error) {
	f.byID.Add(1)
	if *o.ID != "kv-1" {
		return nil, nil, sm.ErrNotFound
	}
	return fakeSecret, nil, nil
}

func (f *fakeClient) GetSecretMetadataWithContext(_ context.Context, o *sm.GetSecretMetadataOptions) (sm.SecretMetadataIntf, *core.DetailedResponse, error) {
	f.metadata.Add(1)
	return &sm.KVSecretMetadata{ID: o.ID, SecretType: sm.SecretTypeKV.Ptr(), VersionsTotal: core.Int64Ptr(1)}, nil, nil
}

func (f *fakeClient) GetSecretByNameTypeWithContext(_ context.Context, o *sm.GetSecretByNameTypeOptions) (sm.SecretIntf, *core.DetailedResponse, error) {
	f.byName.Add(1)
	f.lastGroup.Store(*o.SecretGroupName)
	f.lastType.Store(*o.SecretType)
	if *o.Name != "settings" {
		return nil, nil, sm.ErrNotFound
	}
	return fakeSecret, nil, nil
}

func TestCacheWithAFakeClient(t *testing.T) {
	f := &fakeClient{}
	c := secretcache.New(f)
	defer c.Close()
	ctx := context.Background()

	var settings struct {
		Mode string `json:"mode"`
	}
	s, err := c.Get(ctx, secretcache.ByName(sm.SecretTypeKV, "settings").InGroup("app"))
	require.NoError(t, err)
	require.NoError(t, sm.DecodePayload(s, &settings))
	require.Equal(t, "fake", settings.Mode)
	require.Equal(t, int64(1), f.byName.Load())
	require.Equal(t, "app", f.lastGroup.Load())
	require.Equal(t, "kv", f.lastType.Load())

	kv, err := c.KV(ctx, secretcache.ByID("kv-1"))
	require.NoError(t, err)
	require.Equal(t, "fake", kv["mode"])
	_, err = c.KV(ctx, secretcache.ByID("kv-1"))
	require.NoError(t, err)
	require.Equal(t, int64(1), f.byID.Load(), "the second read is a cache hit")

	_, err = c.Get(ctx, secretcache.ByID("nope"))
	require.ErrorIs(t, err, sm.ErrNotFound)
}

func TestByNameKeys(t *testing.T) {
	k := secretcache.ByName(sm.SecretTypeUsernamePassword, "app-db")
	require.Equal(t, "default", k.Group())
	require.Equal(t, sm.SecretTypeUsernamePassword, k.SecretType())
	require.Equal(t, "app-db", k.Name())
	require.Equal(t, "name:default/username_password/app-db", k.String())

	g := k.InGroup("payments")
	require.Equal(t, "payments", g.Group())
	require.Equal(t, "name:payments/username_password/app-db", g.String())
	require.NotEqual(t, k, g)
	require.Equal(t, "default", k.Group(), "InGroup returns a copy")
	require.Equal(t, g, secretcache.ByName(sm.SecretTypeUsernamePassword, "app-db").InGroup("payments"), "keys are comparable values")

	id := secretcache.ByID("x")
	require.Equal(t, id, id.InGroup("payments"), "a key by ID has no group")
	require.True(t, secretcache.Key{}.InGroup("g").IsZero())
}

// TestSwappedByNameArgumentsAreCaught checks that the old argument order, (type, name) swapped,
// fails with a message that says so, before any request.
func TestSwappedByNameArgumentsAreCaught(t *testing.T) {
	f := &fakeClient{}
	c := secretcache.New(f)
	defer c.Close()

	_, err := c.Get(context.Background(), secretcache.ByName("settings", "kv"))
	require.ErrorIs(t, err, sm.ErrInvalidInput)
	require.ErrorContains(t, err, "ByName takes the type first, then the name")
	var ke *secretcache.KeyError
	require.True(t, errors.As(err, &ke))
	require.Zero(t, f.byName.Load()+f.byID.Load())

	// A type this release does not know is still looked up: the service may have added it.
	_, err = c.Get(context.Background(), secretcache.ByName("future_type", "settings"))
	require.NoError(t, err)
	require.Equal(t, "future_type", f.lastType.Load())
}

// TestKeysDoNotCollide: keys whose parts, joined by "/", read the same are different entries.
func TestKeysDoNotCollide(t *testing.T) {
	a := secretcache.ByName(sm.SecretTypeKV, "x/arbitrary/y").InGroup("a")
	b := secretcache.ByName(sm.SecretTypeArbitrary, "y").InGroup("a/kv/x")
	require.NotEqual(t, a, b)
	require.NotEqual(t, a.String(), b.String())
	require.Equal(t, `name:a/kv/"x/arbitrary/y"`, a.String())

	f := &fakeClient{}
	c := secretcache.New(f)
	defer c.Close()
	_, err := c.Get(context.Background(), a)
	require.ErrorIs(t, err, sm.ErrNotFound)
	require.Equal(t, "a", f.lastGroup.Load())
	_, err = c.Get(context.Background(), b)
	require.ErrorIs(t, err, sm.ErrNotFound)
	require.Equal(t, "a/kv/x", f.lastGroup.Load())
	require.Equal(t, 2, c.Len(), "one entry per key")
}

// TestGroupIDGivenForAName: a key whose group is an ID (InGroup takes a name), or a ByID given a
// name, fails with an error that says so, against the embedded server.
func TestGroupIDGivenForAName(t *testing.T) {
	e := newEnv(t)
	g, _, err := e.client.CreateSecretGroup(e.client.NewCreateSecretGroupOptions("payments"))
	require.NoError(t, err)
	_, _, err = e.client.CreateSecret(e.client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: sm.SecretTypeArbitrary.Ptr(), Name: core.StringPtr("token"), Payload: core.StringPtr("v"), SecretGroupID: g.ID}))
	require.NoError(t, err)
	c := secretcache.New(e.client)
	defer c.Close()
	ctx := context.Background()

	cases := []struct {
		name string
		key  secretcache.Key
		hint string // "" when the read succeeds
	}{
		{"group by name", secretcache.ByName(sm.SecretTypeArbitrary, "token").InGroup("payments"), ""},
		{"group by ID", secretcache.ByName(sm.SecretTypeArbitrary, "token").InGroup(*g.ID),
			"InGroup takes a secret group's name; \"" + *g.ID + "\" looks like a group ID"},
		{"ByID given a name", secretcache.ByID("token"), "ByID takes a secret's ID, a UUID; \"token\" looks like a name"},
		{"a name not found, no hint", secretcache.ByName(sm.SecretTypeArbitrary, "nope").InGroup("payments"), "-"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Get(ctx, tc.key)
			switch tc.hint {
			case "":
				require.NoError(t, err)
			case "-":
				require.Error(t, err)
				require.NotContains(t, err.Error(), "looks like")
			default:
				require.Error(t, err)
				require.ErrorContains(t, err, tc.hint)
				require.True(t, errors.Is(err, sm.ErrNotFound) || errors.Is(err, sm.ErrBadRequest), "the cause still matches: %v", err)
			}
		})
	}
}
