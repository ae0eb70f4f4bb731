package vault

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/internal/apicheck"
	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

func TestErrorsAreTheV2ClientErrors(t *testing.T) {
	cases := []struct {
		status   int
		sentinel error
	}{
		{400, sm.ErrBadRequest}, {401, sm.ErrUnauthorized}, {403, sm.ErrForbidden}, {404, sm.ErrNotFound},
		{409, sm.ErrConflict}, {412, sm.ErrLocked}, {429, sm.ErrRateLimited}, {500, nil},
	}
	for _, k := range cases {
		t.Run(fmt.Sprint(k.status), func(t *testing.T) {
			f := &fakeVault{}
			f.serve = func(string) (int, string) { return k.status, `{"errors":["first problem","second problem"]}` }
			c := fakeClient(t, f, Options{Token: "s.static"}) // no re-login: the answer is the error
			_, err := c.PrivateCert().InGroup("g").Delete(context.Background(), "id")
			require.Error(t, err)
			if k.sentinel != nil {
				require.ErrorIs(t, err, k.sentinel)
			}
			var apiErr *sm.APIError
			require.ErrorAs(t, err, &apiErr)
			require.Equal(t, k.status, apiErr.StatusCode)
			require.Equal(t, "delete_secret_in_group", apiErr.Operation)
			require.Equal(t, "first problem", apiErr.Message)
			require.Equal(t, []sm.ErrorDetail{{Message: "first problem"}, {Message: "second problem"}}, apiErr.Errors)
			var httpProblem *core.HTTPProblem
			require.ErrorAs(t, err, &httpProblem)
			require.Equal(t, fmt.Sprintf("vault delete_secret_in_group: first problem (status %d)", k.status), err.Error(),
				"the message names the operation and the status")
		})
	}
	t.Run("empty errors", func(t *testing.T) {
		f := &fakeVault{}
		f.serve = func(string) (int, string) { return 404, `{"errors":[]}` }
		c := fakeClient(t, f, Options{Token: "s.static"})
		_, err := c.KV().Get(context.Background(), "missing")
		require.ErrorIs(t, err, sm.ErrNotFound)
		require.EqualError(t, err, "vault get_secret: Not Found (status 404)")
	})
	t.Run("login refused", func(t *testing.T) {
		f := &fakeVault{loginFail: true}
		c := fakeClient(t, f, Options{})
		_, err := c.KV().Get(context.Background(), "s")
		require.EqualError(t, err, "vault login: IAM is unavailable (status 500)")
		logins, requests := f.counts()
		require.Equal(t, 1, logins, "a failed login is not retried without a retry policy")
		require.Equal(t, 0, requests)
	})
	t.Run("undecodable answer", func(t *testing.T) {
		f := &fakeVault{}
		f.serve = func(string) (int, string) { return 200, `{"data":{"name":7}}` }
		c := fakeClient(t, f, Options{Token: "s.static"})
		_, err := c.KV().Get(context.Background(), "s")
		require.ErrorContains(t, err, "vault get_secret: decoding the answer")
	})
}

func TestRetriesFollowTheV2Rules(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		post     bool
		attempts int32
	}{
		{"GET 503 is retried", 503, false, 3},
		{"POST 503 is not", 503, true, 1},
		{"POST 429 is", 429, true, 3},
		{"GET 404 is not", 404, false, 1},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var n atomic.Int32
				f := &fakeVault{}
				f.serve = func(string) (int, string) {
					if n.Add(1) < 3 {
						return k.status, `{"errors":["busy"]}`
					}
					return 200, `{"data":{}}`
				}
				c := fakeClient(t, f, Options{Token: "s.static"})
				c.EnableRetries(2, time.Second)
				var err error
				if k.post {
					_, err = c.KV().Rotate(context.Background(), "id", &RotateKVRequest{})
				} else {
					_, err = c.KV().Get(context.Background(), "id")
				}
				require.Equal(t, k.attempts, n.Load())
				require.Equal(t, k.attempts == 3, err == nil, "%v", err)
			})
		})
	}
}

func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeVault{}
		f.serve = func(string) (int, string) { return 503, `{"errors":["down"]}` }
		c := fakeClient(t, f, Options{Token: "s.static"})
		c.EnableRetries(100, 10*time.Second)
		c.SetTimeout(30 * time.Second)
		start := time.Now()
		_, err := c.KV().Get(context.Background(), "id")
		require.Error(t, err)
		require.LessOrEqual(t, time.Since(start), 30*time.Second, "the timeout bounds the attempts and waits")
		c.DisableRetries()
		_, requests := f.counts()
		_, _ = c.KV().Get(context.Background(), "id")
		_, after := f.counts()
		require.Equal(t, requests+1, after)
	})
}

func TestLocksPager(t *testing.T) {
	var offsets []string
	f := &fakeVault{}
	f.serve = func(string) (int, string) { return 200, "" }
	c := fakeClient(t, f, Options{Token: "s.static"})
	c.http.Transport = handlerTransport{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		offsets = append(offsets, r.URL.Query().Get("offset")+"/"+r.URL.Query().Get("limit")+"/"+r.URL.Query().Get("search"))
		off := map[string]int{"0": 0, "2": 2, "4": 4}[r.URL.Query().Get("offset")]
		var locks []Lock
		for i := off; i < min(off+2, 5); i++ {
			locks = append(locks, Lock{Name: core.StringPtr(fmt.Sprintf("lock-%d", i))})
		}
		_ = json.NewEncoder(w).Encode(Response[LockList]{Data: &LockList{Locks: locks, LocksTotal: i64(5)}})
	})}
	pager := c.UsernamePassword().InGroup("g").NewVersionLocksPager("id", CurrentVersion, &ListLocksOptions{Limit: i64(2), Search: core.StringPtr("lock")})
	var names []string
	for l, err := range pager.All(context.Background()) {
		require.NoError(t, err)
		names = append(names, *l.Name)
	}
	require.Equal(t, []string{"lock-0", "lock-1", "lock-2", "lock-3", "lock-4"}, names)
	require.Equal(t, []string{"0/2/lock", "2/2/lock", "4/2/lock"}, offsets)
	require.False(t, pager.HasNext())
	require.Equal(t, int64(5), *pager.TotalCount())
	_, err := pager.GetNext(context.Background())
	require.Error(t, err)

	offsets = nil
	all, err := c.Arbitrary().NewLocksPager("id", &ListLocksOptions{Limit: i64(2), Offset: i64(2)}).GetAll(context.Background())
	require.NoError(t, err)
	require.Len(t, all, 3)
	require.Equal(t, []string{"2/2/", "4/2/"}, offsets)

	// Breaking out of the loop stops the paging.
	offsets = nil
	for range c.Arbitrary().NewLocksPager("id", &ListLocksOptions{Limit: i64(2)}).All(context.Background()) {
		break
	}
	require.Len(t, offsets, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range c.Arbitrary().NewLocksPager("id", nil).Pages(ctx) {
		require.ErrorIs(t, err, context.Canceled)
	}
}

func TestModelsKeepUnknownProperties(t *testing.T) {
	in := `{"name":"n","state":0,"labels":[],"future_field":{"a":[1,2]},"secret_data":{"payload":"v","format":"x"},"versions":[{"id":"v1","new":true}]}`
	var s ArbitrarySecret
	require.NoError(t, json.Unmarshal([]byte(in), &s))
	require.Equal(t, `{"a":[1,2]}`, string(s.Extra["future_field"]))
	require.Equal(t, `"x"`, string(s.SecretData.Extra["format"]))
	require.Equal(t, `true`, string(s.Versions[0].Extra["new"]))
	require.Equal(t, int64(0), *s.State, "a state of 0 is kept")
	out, err := json.Marshal(s)
	require.NoError(t, err)
	require.JSONEq(t, in, string(out))

	// A request sends the properties of Extra too, for fields this release does not know.
	req := CreateKVRequest{Name: core.StringPtr("n"), Extra: map[string]json.RawMessage{"custom_metadata": json.RawMessage(`{"k":"v"}`), "name": json.RawMessage(`"ignored"`)}}
	out, err = json.Marshal(req)
	require.NoError(t, err)
	require.JSONEq(t, `{"name":"n","custom_metadata":{"k":"v"}}`, string(out), "a declared property wins over Extra")
	_, err = json.Marshal(CreateKVRequest{Extra: map[string]json.RawMessage{"bad": json.RawMessage(`{`)}})
	require.Error(t, err)
}

func TestDuration(t *testing.T) {
	cases := []struct {
		json    string
		seconds int64
		ok      bool
	}{
		{`"30m"`, 1800, true}, {`"2h45m"`, 9900, true}, {`"90d"`, 7776000, true}, {`1800`, 1800, true},
		{`"1800"`, 1800, true}, {`"12x"`, 0, false}, {`"h"`, 0, false}, {`7776000.0`, 7776000, true},
	}
	for _, k := range cases {
		var d Duration
		require.NoError(t, json.Unmarshal([]byte(k.json), &d), k.json)
		secs, ok := d.Seconds()
		require.Equal(t, k.ok, ok, k.json)
		require.Equal(t, k.seconds, secs, k.json)
	}
	var d Duration
	require.Error(t, json.Unmarshal([]byte(`true`), &d))
	out, _ := json.Marshal(DurationString("30m"))
	require.Equal(t, `"30m"`, string(out))
	out, _ = json.Marshal(DurationSeconds(60))
	require.Equal(t, `60`, string(out))
	require.Equal(t, "60", DurationSeconds(60).String())
	require.Equal(t, "1h", DurationString("1h").String())
}

func TestEveryExportedNameIsDocumented(t *testing.T) {
	missing, err := apicheck.Undocumented(".")
	require.NoError(t, err)
	require.Empty(t, missing)
}

// TestOnlyAllowedDependencies checks that the package imports only the standard library,
// go-sdk-core and this module, and that nothing it builds on imports HashiCorp's Vault.
func TestOnlyAllowedDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{range .Imports}}{{.}}\n{{end}}", ".").Output()
	require.NoError(t, err)
	var imports []string
	for _, imp := range strings.Fields(string(out)) {
		if strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") { // not the standard library
			imports = append(imports, imp)
			require.True(t, strings.HasPrefix(imp, "github.com/IBM/go-sdk-core/") ||
				strings.HasPrefix(imp, "github.com/IBM/secrets-manager-go-sdk/v2/"), "import %s", imp)
		}
	}
	require.Contains(t, imports, "github.com/IBM/go-sdk-core/v5/core", "the check sees the imports")
	deps, err := exec.Command("go", "list", "-deps", ".").Output()
	require.NoError(t, err)
	require.NotContains(t, string(deps), "github.com/hashicorp/vault")
}
