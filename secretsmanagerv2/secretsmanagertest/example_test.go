package secretsmanagertest_test

import (
	"fmt"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func ExampleNewServer() {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()

	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
		URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err != nil {
		panic(err)
	}
	created, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"),
		Name:       core.StringPtr("example-arbitrary-secret"),
		Payload:    core.StringPtr("secret-data"),
	}))
	if err != nil {
		panic(err)
	}
	got, _, err := client.GetSecret(client.NewGetSecretOptions(*created.(*sm.ArbitrarySecret).ID))
	if err != nil {
		panic(err)
	}
	fmt.Println(*got.(*sm.ArbitrarySecret).Payload)
	// Output: secret-data
}
