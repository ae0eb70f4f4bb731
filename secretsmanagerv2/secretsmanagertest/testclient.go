package secretsmanagertest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/inprocess"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// NewClient starts a Server configured by opts, returns a client of it ready to use, and closes the
// server when the test ends (tb.Cleanup): one line instead of the server, the client and the
// deferred Close.
//
//	client, _ := secretsmanagertest.NewClient(t)
//	secretsmanagertest.NewSeeder(t, client).Arbitrary("api-token", "t0k3n")
//
// When opts require a token (WithToken, WithReadOnlyToken), the client gets a read-write token of
// its own. The server is returned for what the client does not cover: its URL for other clients,
// a raw HTTP request.
func NewClient(tb testing.TB, opts ...Option) (*sm.SecretsManagerV2, *Server) {
	tb.Helper()
	opts, auth := clientAuth(opts)
	srv := NewServer(opts...)
	tb.Cleanup(srv.Close)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: auth})
	if err != nil {
		tb.Fatalf("secretsmanagertest: NewClient: %v", err)
	}
	return client, srv
}

// NewInProcessClient returns a client of a new Handler configured by opts, and the handler. The
// client hands each request to the handler in-process, with no network connection, so it works
// inside a testing/synctest bubble, where time is fake and a test of leases, renewals or retry waits
// runs at once:
//
//	synctest.Test(t, func(t *testing.T) {
//		client, _ := secretsmanagertest.NewInProcessClient(t)
//		cache := secretcache.New(client)
//		defer cache.Close()
//		...
//		time.Sleep(20 * time.Minute) // fake time: returns at once
//	})
//
// Injected faults that break connections (Break) need a real connection: use NewClient for them.
func NewInProcessClient(tb testing.TB, opts ...Option) (*sm.SecretsManagerV2, *Handler) {
	tb.Helper()
	opts, auth := clientAuth(opts)
	h := NewHandler(opts...)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: "http://secretsmanagertest.invalid", Authenticator: auth})
	if err != nil {
		tb.Fatalf("secretsmanagertest: NewInProcessClient: %v", err)
	}
	client.Service.SetHTTPClient(&http.Client{Transport: inprocess.Transport(h)})
	return client, h
}

// clientAuth returns the authenticator of a test client: none, or, when opts require a token, a
// read-write token of its own, added to the options it returns.
func clientAuth(opts []Option) ([]Option, core.Authenticator) {
	if !requiresToken(opts) {
		return opts, &core.NoAuthAuthenticator{}
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	token := "secretsmanagertest-" + hex.EncodeToString(b[:])
	return append(opts[:len(opts):len(opts)], WithToken(token)), &core.BearerTokenAuthenticator{BearerToken: token}
}

// requiresToken reports whether opts make the server require a bearer token.
func requiresToken(opts []Option) bool {
	c := config{tokens: map[string]bool{}}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return len(c.tokens) > 0
}
