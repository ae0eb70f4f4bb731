// Command vault logs in to the Vault-compatible API of Secrets Manager with an IBM Cloud IAM token,
// then creates an arbitrary secret, reads it back by name and deletes it, all through the Vault API
// (/v1/...).
//
//	go run ./examples/vault
//
// With no configuration it runs against a small in-memory Vault API (see fake.go). To use your own
// instance, set SECRETS_MANAGER_URL (such as https://{instance_id}.us-south.secrets-manager.appdomain.cloud)
// and SECRETS_MANAGER_APIKEY (an IBM Cloud API key). The example never prints a secret value or a token.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/vault"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "vault:", err)
		os.Exit(1)
	}
}

// newClient returns a Vault API client of your instance when SECRETS_MANAGER_URL is set, and
// otherwise of an in-memory server, which stop shuts down; and the name to give the secret.
func newClient(w io.Writer) (client *vault.Client, name string, stop func(), err error) {
	name = "sdk-example-vault"
	if url := os.Getenv("SECRETS_MANAGER_URL"); url != "" {
		// Reads SECRETS_MANAGER_APIKEY (or SECRETS_MANAGER_AUTH_TYPE, ...) from the environment.
		auth, err := core.GetAuthenticatorFromEnvironment(sm.DefaultServiceName)
		if err != nil || auth == nil {
			return nil, "", nil, fmt.Errorf("connecting to SECRETS_MANAGER_URL (is SECRETS_MANAGER_APIKEY set?): %v", err)
		}
		client, err = vault.NewClient(&vault.Options{URL: url, Authenticator: auth})
		if err != nil {
			return nil, "", nil, err
		}
		var b [3]byte
		_, _ = rand.Read(b[:])
		fmt.Fprintf(w, "Using the Vault API of the Secrets Manager instance at %s.\n", client.URL())
		return client, name + "-" + hex.EncodeToString(b[:]), func() {}, nil
	}
	srv := newFakeVaultAPI()
	client, err = vault.NewClient(&vault.Options{
		URL:           srv.URL,
		Authenticator: &core.BearerTokenAuthenticator{BearerToken: "example-iam-token"},
	})
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	fmt.Fprintln(w, "SECRETS_MANAGER_URL is not set: using an in-memory Vault API.")
	return client, name, srv.Close, nil
}

func run(ctx context.Context, w io.Writer) error {
	client, name, stop, err := newClient(w)
	if err != nil {
		return err
	}
	defer stop()

	// 1. Log in: the client turns an IAM access token into a Vault token, and keeps it. (Any call
	// logs in by itself; logging in first shows the policies.)
	login, err := client.Login(ctx)
	if err != nil {
		return fmt.Errorf("logging in: %w", err)
	}
	fmt.Fprintf(w, "Logged in with IAM: policies %v, token valid for %ds.\n", login.Auth.Policies, *login.Auth.LeaseDuration)

	// 2. Create an arbitrary secret in the default secret group.
	engine := client.Arbitrary()
	created, err := engine.Create(ctx, &vault.CreateArbitraryRequest{
		Name:        core.StringPtr(name),
		Description: core.StringPtr("Created by the Go SDK vault example."),
		Payload:     core.StringPtr("secret-data"),
		Labels:      []string{"sdk-example"},
	})
	if err != nil {
		return fmt.Errorf("creating the secret: %w", err)
	}
	id := *created.Data.ID
	defer func() {
		_, _ = engine.Delete(context.WithoutCancel(ctx), id) // clean up, even after a failure or Ctrl-C
	}()
	fmt.Fprintf(w, "Created arbitrary secret %q.\n", *created.Data.Name)

	// 3. Read it back by name, as Vault tooling does.
	got, err := engine.Get(ctx, name)
	if err != nil {
		return fmt.Errorf("reading the secret: %w", err)
	}
	fmt.Fprintf(w, "Read %q: state %d (%s), payload %s.\n", *got.Data.Name, *got.Data.State, *got.Data.StateDescription,
		masked(*got.Data.SecretData.Payload))

	// 4. Delete it.
	if _, err := engine.Delete(ctx, id); err != nil {
		return fmt.Errorf("deleting the secret: %w", err)
	}
	fmt.Fprintf(w, "Deleted %q.\n", name)
	return nil
}

// masked describes a secret value without revealing it.
func masked(value string) string {
	return fmt.Sprintf("<%d bytes>", len(value))
}
