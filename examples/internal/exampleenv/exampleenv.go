// Package exampleenv connects the runnable examples to Secrets Manager: to your instance when the
// SECRETS_MANAGER_URL and SECRETS_MANAGER_APIKEY environment variables are set, or else to an
// embedded in-memory server, so that every example runs out of the box.
package exampleenv

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// Env is an example's connection to Secrets Manager.
type Env struct {
	// Client is the SDK client to use.
	Client *sm.SecretsManagerV2
	// Embedded reports whether Client talks to the embedded in-memory server rather than to a real
	// instance.
	Embedded bool

	srv    *secretsmanagertest.Server
	suffix string
}

// Connect returns a client of the instance named by SECRETS_MANAGER_URL, authenticated with
// SECRETS_MANAGER_APIKEY (or any other configuration go-sdk-core reads, such as
// SECRETS_MANAGER_AUTH_TYPE), or, when SECRETS_MANAGER_URL is not set, of a new embedded in-memory
// server. It writes one line to w saying which. Call Close when done.
func Connect(w io.Writer) (*Env, error) {
	if os.Getenv("SECRETS_MANAGER_URL") == "" {
		srv := secretsmanagertest.NewServer()
		client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
			URL:           srv.URL,
			Authenticator: &core.NoAuthAuthenticator{},
		})
		if err != nil {
			srv.Close()
			return nil, err
		}
		fmt.Fprintln(w, "SECRETS_MANAGER_URL is not set: using an embedded in-memory Secrets Manager.")
		return &Env{Client: client, Embedded: true, srv: srv}, nil
	}

	// Reads SECRETS_MANAGER_URL, SECRETS_MANAGER_APIKEY, ... from the environment.
	client, err := sm.NewSecretsManagerV2UsingExternalConfig(&sm.SecretsManagerV2Options{})
	if err != nil {
		return nil, fmt.Errorf("connecting to the instance at SECRETS_MANAGER_URL (is SECRETS_MANAGER_APIKEY set?): %w", err)
	}
	var b [3]byte
	_, _ = rand.Read(b[:])
	fmt.Fprintf(w, "Using the Secrets Manager instance at %s.\n", client.GetServiceURL())
	return &Env{Client: client, suffix: hex.EncodeToString(b[:])}, nil
}

// Close stops the embedded server, if there is one.
func (e *Env) Close() {
	if e.srv != nil {
		e.srv.Close()
	}
}

// Name returns the name to give a secret that the example creates. On the embedded server it is
// base itself, so that the output is the same from run to run; on a real instance a random suffix is
// added, so that the example cannot collide with a secret of yours, with another run, or with a
// leftover of an interrupted run.
func (e *Env) Name(base string) string {
	if e.suffix == "" {
		return base
	}
	return base + "-" + e.suffix
}

// Size describes a secret value without revealing it, as in "<11 bytes>": the examples never print
// a secret value.
func Size(value string) string {
	if len(value) == 1 {
		return "<1 byte>"
	}
	return fmt.Sprintf("<%d bytes>", len(value))
}
