package secretsmanagerv2_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// newExampleClient returns a client of an in-memory Secrets Manager holding a few secrets.
func newExampleClient() (*sm.SecretsManagerV2, func()) {
	srv := secretsmanagertest.NewServer()
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"db-password", "api-token", "signing-key"} {
		_, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
			SecretType: core.StringPtr(sm.ArbitrarySecretPrototype_SecretType_Arbitrary),
			Name:       core.StringPtr(name),
			Payload:    core.StringPtr("value of " + name),
		}))
		if err != nil {
			panic(err)
		}
	}
	return client, srv.Close
}

// Range over every secret, page after page: the next page is fetched only when the loop needs it.
func ExampleSecretsPager_All() {
	client, stop := newExampleClient()
	defer stop()

	pager, err := client.NewSecretsPager(&sm.ListSecretsOptions{Sort: core.StringPtr("name"), Limit: core.Int64Ptr(2)})
	if err != nil {
		panic(err)
	}
	for secret, err := range pager.All(context.Background()) {
		if err != nil {
			panic(err)
		}
		c := secret.Common()
		fmt.Println(c.Name, c.SecretType, c.VersionsTotal)
	}
	// Output:
	// api-token arbitrary 1
	// db-password arbitrary 1
	// signing-key arbitrary 1
}

// Tell the errors a caller handles apart with errors.Is, and read the service's answer with errors.As.
func ExampleAPIError() {
	client, stop := newExampleClient()
	defer stop()

	_, _, err := client.GetSecret(client.NewGetSecretOptions("0b5571f7-21e6-42b7-91c5-3f5ac9793a46"))
	switch {
	case errors.Is(err, sm.ErrNotFound):
		fmt.Println("no such secret")
	case err != nil:
		panic(err)
	}
	var apiErr *sm.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}
	_, _, err = client.GetSecret(client.NewGetSecretOptions(""))
	fmt.Println(errors.Is(err, sm.ErrInvalidInput))
	// Output:
	// no such secret
	// 404 not_found
	// true
}
