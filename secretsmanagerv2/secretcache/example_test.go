package secretcache_test

import (
	"context"
	"fmt"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func ExampleCache_Prefetch() {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	client, _ := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	_, _, _ = client.CreateSecret(client.NewCreateSecretOptions(&sm.UsernamePasswordSecretPrototype{
		SecretType: core.StringPtr("username_password"), Name: core.StringPtr("app-db"),
		Username: core.StringPtr("app"), Password: core.StringPtr("s3cr3t-password")}))

	cache := secretcache.New(client, secretcache.WithTTL(5*time.Minute))
	defer cache.Close()
	db := secretcache.ByName(sm.SecretTypeUsernamePassword, "app-db")
	missing := secretcache.ByName(sm.SecretTypeArbitrary, "no-such-secret")

	err := cache.Prefetch(context.Background(), db, missing)
	fmt.Println(err != nil)

	user, password, err := cache.UsernamePassword(context.Background(), db)
	fmt.Println(user, len(password), err)
	// Output:
	// true
	// app 15 <nil>
}

func ExampleDecode() {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	client, _ := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	_, _, _ = client.CreateSecret(client.NewCreateSecretOptions(&sm.KVSecretPrototype{
		SecretType: sm.SecretTypeKV.Ptr(), Name: core.StringPtr("app-config"),
		Data: map[string]interface{}{"host": "db.internal", "port": 5432}}))

	cache := secretcache.New(client)
	defer cache.Close()
	type Config struct {
		Host string `json:"host"`
		Port int    `json:"port"`
	}
	cfg, err := secretcache.Decode[Config](context.Background(), cache, secretcache.ByName(sm.SecretTypeKV, "app-config"))
	fmt.Println(cfg.Host, cfg.Port, err)
	// Output: db.internal 5432 <nil>
}
