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

// A program (a demo, a local development setup) seeds the embedded server with NewSeed, whose
// methods return errors; a test uses NewSeeder, which fails the test instead.
func ExampleNewSeed() {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
		URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err != nil {
		panic(err)
	}

	seed := secretsmanagertest.NewSeed(client)
	ca, err := seed.PrivateCA("local")
	if err != nil {
		panic(err)
	}
	cert, err := seed.PrivateCert("local-tls", ca, "localhost", "127.0.0.1")
	if err != nil {
		panic(err)
	}
	tlsCert, err := sm.TLSCertificate(cert)
	if err != nil {
		panic(err)
	}
	fmt.Println(tlsCert.Leaf.DNSNames, tlsCert.Leaf.IPAddresses)

	_, err = seed.PrivateCert("local-tls", ca, "localhost")
	fmt.Println(err != nil) // the name is taken
	// Output:
	// [localhost] [127.0.0.1]
	// true
}
