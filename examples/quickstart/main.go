// Command quickstart is the first thing to run with this SDK: it creates two secrets, reads one
// back, rotates it, lists them and deletes them.
//
//	go run ./examples/quickstart
//
// With no configuration it runs against an embedded in-memory Secrets Manager. To use your own
// instance, set SECRETS_MANAGER_URL (such as https://{instance_id}.us-south.secrets-manager.appdomain.cloud)
// and SECRETS_MANAGER_APIKEY (an IBM Cloud API key). The example never prints a secret value.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// newClient returns a client of your instance when SECRETS_MANAGER_URL is set, and otherwise of an
// embedded in-memory server, which stop shuts down.
func newClient(w io.Writer) (client *sm.SecretsManagerV2, stop func(), err error) {
	if os.Getenv("SECRETS_MANAGER_URL") != "" {
		// Reads SECRETS_MANAGER_URL and SECRETS_MANAGER_APIKEY from the environment.
		client, err = sm.NewSecretsManagerV2UsingExternalConfig(&sm.SecretsManagerV2Options{})
		if err != nil {
			return nil, nil, fmt.Errorf("connecting to SECRETS_MANAGER_URL (is SECRETS_MANAGER_APIKEY set?): %w", err)
		}
		fmt.Fprintf(w, "Using the Secrets Manager instance at %s.\n", client.GetServiceURL())
		return client, func() {}, nil
	}
	srv := secretsmanagertest.NewServer()
	client, err = sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
		URL:           srv.URL,
		Authenticator: &core.NoAuthAuthenticator{},
	})
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	fmt.Fprintln(w, "SECRETS_MANAGER_URL is not set: using an embedded in-memory Secrets Manager.")
	return client, srv.Close, nil
}

func run(ctx context.Context, w io.Writer) error {
	client, stop, err := newClient(w)
	if err != nil {
		return err
	}
	defer stop()

	// Every secret this example creates is deleted at the end, even when a step fails.
	var created []sm.SecretCommon
	defer func() {
		ctx := context.WithoutCancel(ctx) // clean up even after Ctrl-C
		for _, s := range created {
			_, _ = client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(s.ID))
		}
	}()

	// 1. Create an arbitrary secret: a single string value.
	secret, _, err := client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType:  core.StringPtr(sm.ArbitrarySecretPrototype_SecretType_Arbitrary),
		Name:        core.StringPtr("sdk-example-quickstart-arbitrary"),
		Description: core.StringPtr("Created by the Go SDK quickstart example."),
		Payload:     core.StringPtr("secret-data"),
	}))
	if err != nil {
		return fmt.Errorf("creating the arbitrary secret: %w", err)
	}
	arbitraryID := secret.Common().ID
	created = append(created, secret.Common())
	fmt.Fprintf(w, "Created %s secret %q (id %s).\n", secret.Common().SecretType, secret.Common().Name, arbitraryID)

	// 2. Create a key-value secret: a JSON object.
	secret, _, err = client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.KVSecretPrototype{
		SecretType: core.StringPtr(sm.KVSecretPrototype_SecretType_Kv),
		Name:       core.StringPtr("sdk-example-quickstart-kv"),
		Data:       map[string]interface{}{"username": "app", "password": "s3cr3t-pa55w0rd"},
	}))
	if err != nil {
		return fmt.Errorf("creating the kv secret: %w", err)
	}
	created = append(created, secret.Common())
	fmt.Fprintf(w, "Created %s secret %q (id %s).\n", secret.Common().SecretType, secret.Common().Name, secret.Common().ID)

	// 3. Read the arbitrary secret back. GetSecret returns a SecretIntf; sm.PayloadString reads its
	// value whatever its concrete type (and says so when the type has no single payload).
	got, _, err := client.GetSecretWithContext(ctx, client.NewGetSecretOptions(arbitraryID))
	if err != nil {
		return fmt.Errorf("reading the arbitrary secret: %w", err)
	}
	payload, err := sm.PayloadString(got)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Read %q back: state %s, payload: %s.\n",
		got.Common().Name, got.Common().StateDescription, masked(payload))

	// 4. Rotate the arbitrary secret: CreateSecretVersion with a version prototype of its type makes
	// a new version, which becomes the current one (the one GetSecret reads).
	rotated := "secret-data-2"
	version, _, err := client.CreateSecretVersionWithContext(ctx, client.NewCreateSecretVersionOptions(arbitraryID,
		&sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr(rotated)}))
	if err != nil {
		return fmt.Errorf("rotating the arbitrary secret: %w", err)
	}
	got, _, err = client.GetSecretWithContext(ctx, client.NewGetSecretOptions(arbitraryID))
	if err != nil {
		return fmt.Errorf("reading the rotated secret: %w", err)
	}
	if payload, err = sm.PayloadString(got); err != nil {
		return err
	}
	fmt.Fprintf(w, "Rotated %q: version %s is current, %d versions, payload: %s.\n",
		got.Common().Name, version.Common().ID, got.Common().VersionsTotal, masked(payload))

	// 5. List the secrets, a page at a time behind the scenes. The search keeps the list to this
	// example's secrets; leave it out to list them all.
	pager, err := client.NewSecretsPager(&sm.ListSecretsOptions{
		Search: core.StringPtr("sdk-example-quickstart"),
		Sort:   core.StringPtr("name"),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Secrets:")
	for s, err := range pager.All(ctx) {
		if err != nil {
			return fmt.Errorf("listing the secrets: %w", err)
		}
		fmt.Fprintf(w, "  %-34s %s\n", s.Common().Name, s.Common().SecretType)
	}

	// 6. Clean up.
	for len(created) > 0 {
		s := created[0]
		if _, err := client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(s.ID)); err != nil {
			return fmt.Errorf("deleting %q: %w", s.Name, err)
		}
		created = created[1:]
		fmt.Fprintf(w, "Deleted %q.\n", s.Name)
	}
	return nil
}

// masked describes a secret value without revealing it.
func masked(value string) string {
	return fmt.Sprintf("<%d bytes>", len(value))
}
