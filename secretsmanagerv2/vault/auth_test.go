package vault

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// handlerTransport serves requests with a handler in the calling goroutine: no network, so that
// a synctest bubble's clock moves as soon as every goroutine waits.
type handlerTransport struct{ h http.Handler }

func (ht handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	if r.Body == nil {
		r.Body = http.NoBody
	}
	w := httptest.NewRecorder()
	ht.h.ServeHTTP(w, r)
	return w.Result(), nil
}

// fakeVault is an in-memory Vault API: logins give s.token-N with a lease, and every other
// request is answered by serve with the token it carried.
type fakeVault struct {
	mu         sync.Mutex
	logins     int
	requests   int
	lease      int
	loginDelay time.Duration
	loginFail  bool
	serve      func(token string) (int, string)
	iamTokens  []string
}

func (f *fakeVault) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.URL.Path == "/v1/auth/ibmcloud/login" {
		f.mu.Lock()
		f.logins++
		n, lease, delay, fail := f.logins, f.lease, f.loginDelay, f.loginFail
		f.iamTokens = append(f.iamTokens, string(body))
		f.mu.Unlock()
		time.Sleep(delay)
		if fail {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"errors":["IAM is unavailable"]}`)
			return
		}
		_, _ = fmt.Fprintf(w, `{"request_id":"r","auth":{"client_token":"s.token-%d","lease_duration":%d,"renewable":true}}`, n, lease)
		return
	}
	f.mu.Lock()
	f.requests++
	serve := f.serve
	f.mu.Unlock()
	status, out := http.StatusOK, `{"data":{"name":"ok"}}`
	if serve != nil {
		status, out = serve(r.Header.Get("X-Vault-Token"))
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, out)
}

func (f *fakeVault) counts() (logins, requests int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logins, f.requests
}

func fakeClient(t *testing.T, f *fakeVault, opts Options) *Client {
	t.Helper()
	opts.URL = "https://instance.us-south.secrets-manager.appdomain.cloud"
	opts.HTTPClient = &http.Client{Transport: handlerTransport{f}}
	if opts.Authenticator == nil && opts.Token == "" {
		opts.Authenticator = &core.BearerTokenAuthenticator{BearerToken: "iam-access-token"}
	}
	c, err := NewClient(&opts)
	require.NoError(t, err)
	return c
}

// lastToken is the Vault token the last request carried.
func tokenSeen(f *fakeVault) (func(string) (int, string), func() string) {
	var mu sync.Mutex
	last := ""
	return func(tok string) (int, string) {
			mu.Lock()
			last = tok
			mu.Unlock()
			return 200, `{"data":{"name":"ok"}}`
		}, func() string {
			mu.Lock()
			defer mu.Unlock()
			return last
		}
}

func TestLoginSendsTheIAMTokenAndKeepsTheVaultToken(t *testing.T) {
	f := &fakeVault{lease: 3600}
	serve, last := tokenSeen(f)
	f.serve = serve
	c := fakeClient(t, f, Options{})
	ctx := context.Background()
	for range 3 {
		_, err := c.KV().Get(ctx, "s")
		require.NoError(t, err)
	}
	logins, requests := f.counts()
	require.Equal(t, 1, logins, "one login for many calls")
	require.Equal(t, 3, requests)
	require.Equal(t, "s.token-1", last())
	require.JSONEq(t, `{"token":"iam-access-token"}`, f.iamTokens[0])
}

func TestRenewsBeforeTheLeaseEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeVault{lease: 3600} // renewed 10 minutes before its end, at 50 minutes
		serve, last := tokenSeen(f)
		f.serve = serve
		c := fakeClient(t, f, Options{})
		ctx := context.Background()
		get := func() {
			_, err := c.KV().Get(ctx, "s")
			require.NoError(t, err)
		}
		get()
		require.Equal(t, "s.token-1", last())
		time.Sleep(50*time.Minute - time.Second)
		get()
		logins, _ := f.counts()
		require.Equal(t, 1, logins, "the token is kept until its renewal time")
		require.Equal(t, "s.token-1", last())
		time.Sleep(time.Second)
		get()
		logins, _ = f.counts()
		require.Equal(t, 2, logins, "a new login, ten minutes before the lease ends")
		require.Equal(t, "s.token-2", last())

		// A short lease is renewed after two thirds of it.
		f.mu.Lock()
		f.lease = 60
		f.mu.Unlock()
		time.Sleep(50 * time.Minute)
		get() // login 3, lease 60s
		time.Sleep(39 * time.Second)
		get()
		logins, _ = f.counts()
		require.Equal(t, 3, logins)
		time.Sleep(time.Second)
		get()
		logins, _ = f.counts()
		require.Equal(t, 4, logins, "renewed at 40s of a 60s lease")
	})
}

func TestConcurrentCallersShareOneLogin(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeVault{lease: 3600, loginDelay: time.Second} // the login takes a second: everyone waits for it
		c := fakeClient(t, f, Options{})
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for range 64 {
			wg.Go(func() {
				_, err := c.KV().Get(context.Background(), "s")
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		logins, requests := f.counts()
		require.Equal(t, 1, logins, "64 concurrent callers make one login")
		require.Equal(t, 64, requests)
	})
}

func TestReloginOnceAfterAnExpiredToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Logins take a second, so that all 64 callers send with the first token before the second.
		f := &fakeVault{lease: 3600, loginDelay: time.Second}
		f.serve = func(tok string) (int, string) {
			if tok == "s.token-1" { // revoked on the server's side
				return http.StatusForbidden, `{"errors":["permission denied"]}`
			}
			return http.StatusOK, `{"data":{"name":"ok"}}`
		}
		c := fakeClient(t, f, Options{})
		var wg sync.WaitGroup
		for range 64 {
			wg.Go(func() {
				resp, err := c.KV().Get(context.Background(), "s")
				require.NoError(t, err)
				require.Equal(t, "ok", *resp.Data.Name)
			})
		}
		wg.Wait()
		logins, requests := f.counts()
		require.Equal(t, 2, logins, "one login, and one more after the token was rejected, for 64 callers")
		require.Equal(t, 128, requests, "each caller sent its request twice")
	})
}

func TestNoLoginLoopOnAPersistent403(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeVault{lease: 3600}
		f.serve = func(string) (int, string) { return http.StatusForbidden, `{"errors":["permission denied"]}` }
		c := fakeClient(t, f, Options{})
		ctx := context.Background()
		_, err := c.KV().Get(ctx, "forbidden")
		require.ErrorIs(t, err, sm.ErrForbidden)
		logins, requests := f.counts()
		require.Equal(t, 2, logins, "one login again after the 403")
		require.Equal(t, 2, requests, "and one more try, no more")

		for range 5 {
			_, err = c.KV().Get(ctx, "forbidden")
			require.ErrorIs(t, err, sm.ErrForbidden)
		}
		logins, requests = f.counts()
		require.Equal(t, 2, logins, "no login again within a minute of the last one")
		require.Equal(t, 7, requests)

		time.Sleep(reloginInterval)
		_, err = c.KV().Get(ctx, "forbidden")
		require.ErrorIs(t, err, sm.ErrForbidden)
		logins, requests = f.counts()
		require.Equal(t, 3, logins, "a minute later, one more try with a new token")
		require.Equal(t, 9, requests)
	})
}

func TestGivenToken(t *testing.T) {
	t.Run("without an authenticator it is never replaced", func(t *testing.T) {
		f := &fakeVault{}
		f.serve = func(string) (int, string) { return http.StatusForbidden, `{"errors":["permission denied"]}` }
		c := fakeClient(t, f, Options{Token: "s.given"})
		_, err := c.KV().Get(context.Background(), "s")
		require.ErrorIs(t, err, sm.ErrForbidden)
		logins, requests := f.counts()
		require.Equal(t, 0, logins)
		require.Equal(t, 1, requests)
		_, err = c.Login(context.Background())
		require.ErrorIs(t, err, sm.ErrInvalidInput)
	})
	t.Run("with an authenticator it is replaced when rejected", func(t *testing.T) {
		f := &fakeVault{lease: 3600}
		var seen []string
		f.serve = func(tok string) (int, string) {
			seen = append(seen, tok)
			if tok == "s.given" {
				return http.StatusForbidden, `{"errors":["permission denied"]}`
			}
			return http.StatusOK, `{"data":{}}`
		}
		c := fakeClient(t, f, Options{Token: "s.given", Authenticator: &core.BearerTokenAuthenticator{BearerToken: "iam"}})
		_, err := c.KV().Get(context.Background(), "s")
		require.NoError(t, err)
		require.Equal(t, []string{"s.given", "s.token-1"}, seen)
	})
}

func TestFailedRenewalKeepsTheValidToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeVault{lease: 3600}
		serve, last := tokenSeen(f)
		f.serve = serve
		c := fakeClient(t, f, Options{})
		ctx := context.Background()
		_, err := c.KV().Get(ctx, "s")
		require.NoError(t, err)
		f.mu.Lock()
		f.loginFail = true
		f.mu.Unlock()
		time.Sleep(55 * time.Minute) // past the renewal time, before the end of the lease
		_, err = c.KV().Get(ctx, "s")
		require.NoError(t, err, "the old token still works while its lease lasts")
		require.Equal(t, "s.token-1", last())
		_, err = c.KV().Get(ctx, "s")
		require.NoError(t, err)
		logins, _ := f.counts()
		require.Equal(t, 2, logins, "no second try before renewRetryWait")
		time.Sleep(renewRetryWait)
		_, err = c.KV().Get(ctx, "s")
		require.NoError(t, err)
		logins, _ = f.counts()
		require.Equal(t, 3, logins)
		time.Sleep(5 * time.Minute) // the lease is over
		_, err = c.KV().Get(ctx, "s")
		require.Error(t, err)
		require.Contains(t, err.Error(), "vault login: IAM is unavailable (status 500)")
	})
}

func TestWaitingForTheLoginStopsWithTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeVault{lease: 3600, loginDelay: time.Minute}
		c := fakeClient(t, f, Options{})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := c.KV().Get(ctx, "s")
		require.ErrorIs(t, err, context.DeadlineExceeded)
		// The login goes on for the next caller.
		_, err = c.KV().Get(context.Background(), "s")
		require.NoError(t, err)
		logins, _ := f.counts()
		require.Equal(t, 1, logins)
	})
}

func TestAuthenticatorWithoutBearerToken(t *testing.T) {
	f := &fakeVault{}
	c := fakeClient(t, f, Options{Authenticator: &core.NoAuthAuthenticator{}})
	_, err := c.KV().Get(context.Background(), "s")
	require.ErrorIs(t, err, sm.ErrInvalidInput)
	require.Contains(t, err.Error(), `"noAuth" authenticator gave no bearer token`)
}

// TestNoTokenInLogsOrErrors runs logins and failing calls with debug logging on, and looks for the
// IAM token and the Vault tokens in the log, the errors and the printed answers.
func TestNoTokenInLogsOrErrors(t *testing.T) {
	var logs bytes.Buffer
	prev := core.GetLogger()
	core.SetLogger(core.NewLogger(core.LevelDebug, log.New(&logs, "", 0), log.New(&logs, "", 0)))
	t.Cleanup(func() { core.SetLogger(prev) })

	const iam = "iam-SECRET-access-token"
	f := &fakeVault{lease: 3600}
	f.serve = func(string) (int, string) { return http.StatusForbidden, `{"errors":["permission denied"]}` }
	c := fakeClient(t, f, Options{Authenticator: &core.BearerTokenAuthenticator{BearerToken: iam}})
	resp, err := c.Login(context.Background())
	require.NoError(t, err)
	var texts []string
	texts = append(texts, fmt.Sprintf("%v %+v %#v %s", resp, resp, resp.Auth, resp.Auth))
	_, err = c.KV().Get(context.Background(), "s")
	require.Error(t, err)
	texts = append(texts, err.Error(), fmt.Sprintf("%+v", err))
	f.mu.Lock()
	f.loginFail = true
	f.mu.Unlock()
	c2 := fakeClient(t, f, Options{Authenticator: &core.BearerTokenAuthenticator{BearerToken: iam}})
	_, err = c2.Login(context.Background())
	require.Error(t, err)
	texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), logs.String())
	require.Contains(t, logs.String(), "vault get_secret: GET /v1/ibmcloud/{secret_type}/secrets/{id}: status 403", "debug logging is on")
	for _, text := range texts {
		for _, secret := range []string{iam, "s.token-1", "s.token-2", "s.token-3"} {
			require.NotContains(t, text, secret)
		}
	}
	require.Contains(t, fmt.Sprint(LoginRequest{Token: core.StringPtr(iam)}), "[redacted]")
	require.NotContains(t, fmt.Sprintf("%#v", WrapInfo{Token: core.StringPtr(iam)}), iam)
}

func TestNewClientOptions(t *testing.T) {
	_, err := NewClient(nil)
	require.ErrorIs(t, err, sm.ErrInvalidInput)
	_, err = NewClient(&Options{URL: "https://x.example"})
	require.ErrorIs(t, err, sm.ErrInvalidInput, "an authenticator or a token is needed")
	_, err = NewClient(&Options{URL: "not a url", Token: "t"})
	require.ErrorIs(t, err, sm.ErrInvalidInput)
	for _, u := range []string{"https://x.example", "https://x.example/", "https://x.example/v1", "https://x.example/api/"} {
		c, err := NewClient(&Options{URL: u, Token: "t"})
		require.NoError(t, err)
		require.Equal(t, "https://x.example", c.URL(), u)
	}
	require.True(t, strings.HasPrefix(DefaultTimeout.String(), "1m"))
}
