package secretsmanagerv2_test

// Tests of invoke.go's request loop against the embedded server's injected faults (cancelled and
// bounded retry waits, Retry-After on fake time, what the server sees of each fault). They live in
// the external test package, since secretsmanagertest imports secretsmanagerv2. The tests on
// scripted answers are in invoke_test.go.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/inprocess"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// inProcessClient returns a client of h through sm.InProcess (secretsmanagertest.NewInProcessClient's
// transport answers a request whose client gave up with the handler's empty answer, where a client
// over a network sees its context's error).
func inProcessClient(t *testing.T, h http.Handler) *sm.SecretsManagerV2 {
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: "http://secrets-manager.test", Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	client.Service.Client.Transport = inprocess.Transport(h)
	return client
}

// counted wraps h, counting the requests of each method.
func counted(h http.Handler) (http.Handler, map[string]*atomic.Int64) {
	n := map[string]*atomic.Int64{}
	for _, m := range []string{"GET", "POST", "PATCH", "PUT", "DELETE"} {
		n[m] = new(atomic.Int64)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n[r.Method].Add(1)
		h.ServeHTTP(w, r)
	}), n
}

func createArbitrary(t *testing.T, client *sm.SecretsManagerV2, name string) string {
	t.Helper()
	s, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr(name), Payload: core.StringPtr("payload-" + name)}))
	require.NoError(t, err)
	return *s.(*sm.ArbitrarySecret).ID
}

func TestCancelDuringRetryWait(t *testing.T) {
	for _, c := range []struct {
		name    string
		status  int
		call    func(client *sm.SecretsManagerV2) (context.Context, func())
		wantErr error
		waited  time.Duration
	}{
		{"cancel", 503, func(client *sm.SecretsManagerV2) (context.Context, func()) {
			client.SetTimeout(0) // no limit but the context's
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(5*time.Second, cancel)
			return ctx, cancel
		}, context.Canceled, 5 * time.Second},
		{"deadline of the context", 429, func(client *sm.SecretsManagerV2) (context.Context, func()) {
			return context.WithTimeout(context.Background(), 10*time.Second)
		}, context.DeadlineExceeded, 0}, // a wait that would end past the deadline is not started
		{"timeout of the client", 503, func(client *sm.SecretsManagerV2) (context.Context, func()) {
			client.SetTimeout(10 * time.Second)
			return context.Background(), func() {}
		}, context.DeadlineExceeded, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := secretsmanagertest.NewHandler()
				h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: c.status, RetryAfter: "3600"})
				client := inProcessClient(t, h)
				client.EnableRetries(3, 2*time.Hour)
				ctx, cancel := c.call(client)
				defer cancel()
				start := time.Now()
				_, resp, err := client.GetSecretGroupWithContext(ctx, client.NewGetSecretGroupOptions("default"))
				require.Equal(t, c.waited, time.Since(start))
				require.ErrorIs(t, err, c.wantErr)
				var apiErr *sm.APIError
				require.ErrorAs(t, err, &apiErr, "the last answer is still there")
				require.Equal(t, c.status, apiErr.StatusCode)
				require.Equal(t, time.Hour, apiErr.RetryAfter)
				require.Equal(t, c.status, resp.StatusCode)
				if c.status == 429 {
					require.ErrorIs(t, err, sm.ErrRateLimited)
				}
			})
		})
	}
}

// TestRetryAfterInFakeTime checks, in a synctest bubble, that the waits are what Retry-After says.
func TestRetryAfterInFakeTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := secretsmanagertest.NewHandler()
		f := h.InjectFault(secretsmanagertest.Fault{Method: "GET", Status: 503, RetryAfter: "2", Times: 2})
		client := inProcessClient(t, h)
		client.EnableRetries(3, time.Minute)
		start := time.Now()
		_, _, err := client.GetSecretGroup(client.NewGetSecretGroupOptions("default"))
		require.NoError(t, err)
		require.Equal(t, 4*time.Second, time.Since(start))
		require.Equal(t, 2, f.Hits())

		// Added latency counts against the call's timeout.
		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Delay: time.Minute})
		client.SetTimeout(30 * time.Second)
		start = time.Now()
		_, _, err = client.GetSecretGroup(client.NewGetSecretGroupOptions("default"))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, 30*time.Second, time.Since(start))
	})
}

// TestFaultsAgainstRetries gives the figures of the README: what the server sees of each fault,
// for each method, with retries enabled (3 retries).

func TestFaultsAgainstRetries(t *testing.T) {
	type call struct {
		method, path string
		do           func(client *sm.SecretsManagerV2, id string) error
	}
	calls := []call{
		{"GET", "/api/v2/secrets/*", func(client *sm.SecretsManagerV2, id string) error {
			_, _, err := client.GetSecret(client.NewGetSecretOptions(id))
			return err
		}},
		{"DELETE", "/api/v2/secrets/*", func(client *sm.SecretsManagerV2, id string) error {
			_, err := client.DeleteSecret(client.NewDeleteSecretOptions(id))
			return err
		}},
		{"POST", "/api/v2/secrets", func(client *sm.SecretsManagerV2, id string) error {
			_, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
				SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("new"), Payload: core.StringPtr("p")}))
			return err
		}},
		{"PATCH", "/api/v2/secrets/*/metadata", func(client *sm.SecretsManagerV2, id string) error {
			_, _, err := client.UpdateSecretMetadata(client.NewUpdateSecretMetadataOptions(id, map[string]interface{}{"description": "d"}))
			return err
		}},
	}
	faults := []struct {
		name  string
		fault secretsmanagertest.Fault
		// want is the number of requests the server sees per method, negative when the call fails.
		want map[string]int
	}{
		{"503 x2", secretsmanagertest.Fault{Status: 503, Times: 2}, map[string]int{"GET": 3, "DELETE": 3, "POST": -1, "PATCH": -1}},
		{"429 x2, Retry-After 0", secretsmanagertest.Fault{Status: 429, RetryAfter: "0", Times: 2}, map[string]int{"GET": 3, "DELETE": 3, "POST": 3, "PATCH": 3}},
		{"reset before headers x1", secretsmanagertest.Fault{Break: secretsmanagertest.ResetBeforeHeaders, Times: 1}, map[string]int{"GET": 2, "DELETE": 2, "POST": -1, "PATCH": -1}},
		{"reset during body x1", secretsmanagertest.Fault{Break: secretsmanagertest.ResetDuringBody, Times: 1}, map[string]int{"GET": 2, "DELETE": 1, "POST": -1, "PATCH": -1}},
		{"truncated body x1", secretsmanagertest.Fault{Break: secretsmanagertest.TruncateBody, Times: 1}, map[string]int{"GET": 2, "DELETE": 1, "POST": -1, "PATCH": -1}},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| fault | GET | DELETE | POST | PATCH |\n| --- | --- | --- | --- | --- |\n")
	for _, f := range faults {
		fmt.Fprintf(&table, "| %s |", f.name)
		for _, c := range calls {
			h := secretsmanagertest.NewHandler()
			handler, seen := counted(h)
			srv := httptest.NewServer(handler)
			client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
			require.NoError(t, err)
			client.EnableRetries(3, time.Millisecond)
			id := createArbitrary(t, client, "secret")
			seen["POST"].Store(0)
			fault := f.fault
			fault.Method, fault.Path = c.method, c.path
			inj := h.InjectFault(fault)
			err = c.do(client, id)
			n := int(seen[c.method].Load())
			want := f.want[c.method]
			if want < 0 {
				require.Error(t, err, "%s %s", f.name, c.method)
				require.Equal(t, -want, n, "%s %s: sent once", f.name, c.method)
				fmt.Fprintf(&table, " %d, fails |", n)
			} else {
				require.NoError(t, err, "%s %s", f.name, c.method)
				require.Equal(t, want, n, "%s %s", f.name, c.method)
				fmt.Fprintf(&table, " %d, succeeds |", n)
			}
			require.Equal(t, max(1, min(fault.Times, n)), inj.Hits())
			srv.Close()
		}
		table.WriteString("\n")
	}
	t.Logf("requests the server saw per call, with EnableRetries(3, 1ms):\n%s", table.String())
}
