// Command startup shows how a service reads its secrets at start-up with secretcache: it loads
// every secret it needs at once (Prefetch), fails fast with the list of what is missing, then
// reads them typed. The cache keeps them current afterwards: a rotated secret is picked up after
// the TTL, and a TLS server configured with GetCertificateFunc presents a rotated certificate
// without a restart.
//
// Without SECRETS_MANAGER_URL, it runs against an embedded in-memory Secrets Manager
// (secretsmanagertest) in which it first creates demo secrets. With SECRETS_MANAGER_URL and
// SECRETS_MANAGER_APIKEY set, it reads a real instance (IAM authentication), from the secret group
// named by APP_SECRET_GROUP ("default" when unset), these secrets, which must exist:
//
//	app-db          username_password
//	app-api-token   arbitrary
//	app-config      kv
//	app-tls         private_cert (or set APP_TLS_SECRET_TYPE to imported_cert or public_cert)
//
// It never prints a secret value: only lengths and non-secret properties.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

// The names of the secrets the service needs.
const (
	dbSecret     = "app-db"
	tokenSecret  = "app-api-token"
	configSecret = "app-config"
	tlsSecret    = "app-tls"
)

// run reads the service's secrets, as a service would at start-up, and reports on w.
func run(ctx context.Context, w io.Writer) error {
	client, group, tlsType, cleanup, err := connect(ctx, w)
	if err != nil {
		return err
	}
	defer cleanup()

	cache := secretcache.New(client,
		secretcache.WithTTL(5*time.Minute),
		secretcache.WithStaleFor(30*time.Minute),
		secretcache.WithErrorHook(func(key secretcache.Key, err error) {
			// The error holds no secret value: it is safe to log.
			fmt.Fprintf(w, "warning: cannot refresh %s: %v\n", key, err)
		}))
	defer cache.Close()

	db := secretcache.ByName(sm.SecretTypeUsernamePassword, dbSecret).InGroup(group)
	token := secretcache.ByName(sm.SecretTypeArbitrary, tokenSecret).InGroup(group)
	config := secretcache.ByName(sm.SecretTypeKV, configSecret).InGroup(group)
	cert := secretcache.ByName(tlsType, tlsSecret).InGroup(group)

	// Load everything at once, with a deadline: a service that lacks a secret should not start.
	startCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	start := time.Now()
	if err := cache.Prefetch(startCtx, db, token, config, cert); err != nil {
		var pe *secretcache.PrefetchError
		if errors.As(err, &pe) {
			for _, f := range pe.Failures {
				fmt.Fprintf(w, "missing secret %s: %v\n", f.Key, f.Err)
			}
		}
		return err
	}
	fmt.Fprintf(w, "loaded %d secrets in %v\n", cache.Len(), time.Since(start).Round(time.Millisecond))

	// From here on, every read is served from memory.
	user, password, err := cache.UsernamePassword(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "database: user %q, password of %d characters\n", user, len(password))

	apiToken, err := cache.Payload(ctx, token)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "api token: %s\n", mask(apiToken))

	settings, err := cache.KV(ctx, config)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(settings))
	for k := range settings {
		names = append(names, k)
	}
	slices.Sort(names)
	fmt.Fprintf(w, "config: keys %s\n", strings.Join(names, ", "))

	c, err := cache.Certificate(ctx, cert)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "tls: certificate for %s, chain of %d, valid until %s\n",
		c.Leaf.Subject.CommonName, len(c.Certificate), c.Leaf.NotAfter.UTC().Format(time.DateOnly))

	// A TLS server would use the cache directly, and follow the certificate's rotations.
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: cache.GetCertificateFunc(cert)}
	served, err := tlsConfig.GetCertificate(&tls.ClientHelloInfo{ServerName: c.Leaf.Subject.CommonName})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "tls: server certificate ready (same as loaded: %t)\n", served == c)

	fmt.Fprintln(w, "ready")
	return nil
}

// mask shows the length of a secret value and nothing of its content.
func mask(s string) string {
	return fmt.Sprintf("%s (%d characters)", strings.Repeat("*", min(len(s), 8)), len(s))
}

// connect returns a client of the real instance named by the environment, or of an embedded one
// filled with demo secrets, with the secret group and the certificate's secret type to read.
func connect(ctx context.Context, w io.Writer) (client *sm.SecretsManagerV2, group string, tlsType sm.SecretType, cleanup func(), err error) {
	group, tlsType = secretcache.DefaultGroup, sm.SecretTypePrivateCert
	if g := os.Getenv("APP_SECRET_GROUP"); g != "" {
		group = g
	}
	if t := os.Getenv("APP_TLS_SECRET_TYPE"); t != "" {
		tlsType = sm.SecretType(t)
	}
	if os.Getenv("SECRETS_MANAGER_URL") != "" {
		if os.Getenv("SECRETS_MANAGER_APIKEY") == "" && os.Getenv("SECRETS_MANAGER_AUTH_TYPE") == "" {
			return nil, "", "", nil, errors.New("SECRETS_MANAGER_URL is set but SECRETS_MANAGER_APIKEY is not")
		}
		// Reads SECRETS_MANAGER_URL and SECRETS_MANAGER_APIKEY (IAM authentication by default).
		client, err = sm.NewSecretsManagerV2UsingExternalConfig(&sm.SecretsManagerV2Options{ServiceName: sm.DefaultServiceName})
		if err != nil {
			return nil, "", "", nil, err
		}
		fmt.Fprintf(w, "using Secrets Manager at %s\n", client.GetServiceURL())
		return client, group, tlsType, func() {}, nil
	}

	srv := secretsmanagertest.NewServer()
	client, err = sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err == nil {
		err = seedDemo(ctx, client)
	}
	if err != nil {
		srv.Close()
		return nil, "", "", nil, err
	}
	fmt.Fprintln(w, "using an embedded Secrets Manager with demo secrets (set SECRETS_MANAGER_URL and SECRETS_MANAGER_APIKEY to use yours)")
	return client, "default", "private_cert", srv.Close, nil
}

// Demo secret values of the embedded instance. They are never printed.
const (
	demoDBPassword = "demo-Pa55w0rd-never-printed"
	demoAPIToken   = "demo-token-3f9c1d7e2b8a4c06"
	demoConfigKey  = "demo-config-signing-key-91ab"
)

// seedDemo creates the demo secrets in an embedded instance: a username and password, an API
// token, a kv configuration, and a private certificate issued by a root and an intermediate CA.
// secretsmanagertest.NewSeed is the seeding of tests, with errors returned instead of a failed test.
func seedDemo(ctx context.Context, c *sm.SecretsManagerV2) error {
	seed := secretsmanagertest.NewSeed(c).WithContext(ctx)
	if _, err := seed.UsernamePassword(dbSecret, "app", demoDBPassword); err != nil {
		return err
	}
	if _, err := seed.Arbitrary(tokenSecret, demoAPIToken); err != nil {
		return err
	}
	if _, err := seed.KV(configSecret, map[string]interface{}{
		"endpoint": "https://api.example.com", "signing_key": demoConfigKey, "timeout_seconds": 30}); err != nil {
		return err
	}
	ca, err := seed.PrivateCA("demo") // root, intermediate and template
	if err != nil {
		return err
	}
	_, err = seed.PrivateCert(tlsSecret, ca, "app.example.com", "127.0.0.1")
	return err
}
