package secretsmanagertest

import (
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"

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
	var auth core.Authenticator = &core.NoAuthAuthenticator{}
	if requiresToken(opts) {
		var b [16]byte
		_, _ = rand.Read(b[:])
		token := "secretsmanagertest-" + hex.EncodeToString(b[:])
		opts = append(opts[:len(opts):len(opts)], WithToken(token))
		auth = &core.BearerTokenAuthenticator{BearerToken: token}
	}
	srv := NewServer(opts...)
	tb.Cleanup(srv.Close)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: auth})
	if err != nil {
		tb.Fatalf("secretsmanagertest: NewClient: %v", err)
	}
	return client, srv
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
