package secretsmanagertest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// faultEnv is a server, a raw HTTP client of it that opens a new connection per request (so
// that Go's transport never replays a request on its own), and an SDK client with retries.
type faultEnv struct {
	srv *secretsmanagertest.Server
	raw *http.Client
	sdk *sm.SecretsManagerV2
}

func newFaultEnv(t *testing.T) *faultEnv {
	t.Helper()
	srv := secretsmanagertest.NewServer()
	t.Cleanup(srv.Close)
	sdk, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	raw := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	t.Cleanup(raw.CloseIdleConnections)
	return &faultEnv{srv: srv, raw: raw, sdk: sdk}
}

func (e *faultEnv) do(t *testing.T, method, path, body string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.raw.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

// arbitrary creates an arbitrary secret through the SDK and returns its ID.
func (e *faultEnv) arbitrary(t *testing.T, name string) string {
	t.Helper()
	s, _, err := e.sdk.CreateSecret(e.sdk.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr(name), Payload: core.StringPtr("payload-" + name)}))
	require.NoError(t, err)
	return *s.(*sm.ArbitrarySecret).ID
}

func (e *faultEnv) secretCount(t *testing.T) int64 {
	t.Helper()
	list, _, err := e.sdk.ListSecrets(e.sdk.NewListSecretsOptions())
	require.NoError(t, err)
	return *list.TotalCount
}

const createBody = `{"secret_type":"arbitrary","name":"%s","payload":"p"}`

func TestFaultStatusRetryAfterAndTimes(t *testing.T) {
	e := newFaultEnv(t)
	id := e.arbitrary(t, "s1")
	f := e.srv.InjectFault(secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets/*", Status: 503, RetryAfter: "7", Times: 2})

	for i := 0; i < 2; i++ {
		resp, body, err := e.do(t, "GET", "/api/v2/secrets/"+id, "")
		require.NoError(t, err)
		require.Equal(t, 503, resp.StatusCode)
		require.Equal(t, "7", resp.Header.Get("Retry-After"))
		require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		var apiErr struct {
			Errors []struct {
				Code, Message string
			}
			StatusCode int `json:"status_code"`
			Trace      string
		}
		require.NoError(t, json.Unmarshal(body, &apiErr))
		require.Equal(t, 503, apiErr.StatusCode)
		require.Equal(t, "injected_fault", apiErr.Errors[0].Code)
		require.Contains(t, apiErr.Errors[0].Message, "Service Unavailable")
		require.NotEmpty(t, apiErr.Trace)
	}
	require.Equal(t, 2, f.Hits())

	resp, _, err := e.do(t, "GET", "/api/v2/secrets/"+id, "")
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode, "Times used up: served as usual")
	require.Equal(t, 2, f.Hits())
	require.Equal(t, secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets/*", Status: 503, RetryAfter: "7", Times: 2}, f.Fault())
}

func TestFaultMatching(t *testing.T) {
	e := newFaultEnv(t)
	id := e.arbitrary(t, "s1")
	get := e.srv.InjectFault(secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets/*", Status: 500})
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/v2/secrets/" + id, 500},
		{"GET", "/api/v2/secrets/" + id + "/", 500}, // slashes around the path do not matter
		{"GET", "/api/v2/secrets/" + id + "/metadata", 200},
		{"GET", "/api/v2/secrets", 200},
		{"GET", "/api/v2/secret_groups/default", 200},
		{"DELETE", "/api/v2/secrets/00000000-0000-4000-8000-000000000000", 404},
	} {
		resp, _, err := e.do(t, c.method, c.path, "")
		require.NoError(t, err)
		require.Equal(t, c.want, resp.StatusCode, "%s %s", c.method, c.path)
	}
	require.Equal(t, 2, get.Hits())

	// The first fault that matches applies; an empty Method or Path matches everything.
	all := e.srv.InjectFault(secretsmanagertest.Fault{Status: 429})
	resp, _, err := e.do(t, "GET", "/api/v2/secrets/"+id, "")
	require.NoError(t, err)
	require.Equal(t, 500, resp.StatusCode)
	resp, _, err = e.do(t, "POST", "/api/v2/secret_groups", `{"name":"g"}`)
	require.NoError(t, err)
	require.Equal(t, 429, resp.StatusCode)
	require.Equal(t, 1, all.Hits())

	get.Remove()
	resp, _, err = e.do(t, "GET", "/api/v2/secrets/"+id, "")
	require.NoError(t, err)
	require.Equal(t, 429, resp.StatusCode)
	e.srv.ClearFaults()
	resp, _, err = e.do(t, "GET", "/api/v2/secrets/"+id, "")
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	require.Equal(t, 3, get.Hits())
	require.Equal(t, 2, all.Hits())
}

func TestFaultStatusDoesNotServe(t *testing.T) {
	e := newFaultEnv(t)
	e.srv.InjectFault(secretsmanagertest.Fault{Method: "POST", Status: 502, Times: 1})
	resp, _, err := e.do(t, "POST", "/api/v2/secrets", fmt.Sprintf(createBody, "a"))
	require.NoError(t, err)
	require.Equal(t, 502, resp.StatusCode)
	require.Zero(t, e.secretCount(t), "a status fault answers without serving")
}

func TestFaultResetBeforeHeaders(t *testing.T) {
	e := newFaultEnv(t)
	f := e.srv.InjectFault(secretsmanagertest.Fault{Method: "POST", Path: "/api/v2/secrets", Break: secretsmanagertest.ResetBeforeHeaders, Times: 1})
	resp, _, err := e.do(t, "POST", "/api/v2/secrets", fmt.Sprintf(createBody, "a"))
	require.Error(t, err, "no answer at all")
	require.Nil(t, resp)
	require.Equal(t, 1, f.Hits())
	require.Zero(t, e.secretCount(t), "the request was not served")
}

func TestFaultCutBodies(t *testing.T) {
	for _, c := range []struct {
		brk     secretsmanagertest.Break
		wantErr func(error) bool
	}{
		{secretsmanagertest.ResetDuringBody, func(err error) bool { return strings.Contains(err.Error(), "reset by peer") }},
		{secretsmanagertest.TruncateBody, func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }},
	} {
		t.Run(c.brk.String(), func(t *testing.T) {
			e := newFaultEnv(t)
			id := e.arbitrary(t, "s1")
			_, whole, err := e.do(t, "GET", "/api/v2/secrets/"+id, "")
			require.NoError(t, err)

			e.srv.InjectFault(secretsmanagertest.Fault{Method: "GET", Path: "/api/v2/secrets/*", Break: c.brk})
			resp, part, err := e.do(t, "GET", "/api/v2/secrets/"+id, "")
			require.Error(t, err)
			require.True(t, c.wantErr(err), "%v", err)
			require.Equal(t, 200, resp.StatusCode, "the status and headers arrive")
			require.EqualValues(t, len(whole), resp.ContentLength, "the whole length is announced")
			require.Equal(t, whole[:len(whole)/2], part, "half the body arrives")

			// The request is served: a POST cut this way has created its secret.
			e.srv.InjectFault(secretsmanagertest.Fault{Method: "POST", Path: "/api/v2/secrets", Break: c.brk})
			_, _, err = e.do(t, "POST", "/api/v2/secrets", fmt.Sprintf(createBody, "created-anyway"))
			require.Error(t, err)
			e.srv.ClearFaults()
			require.EqualValues(t, 2, e.secretCount(t))
		})
	}
}

// TestFaultDelay runs the handler in a synctest bubble, where the delay passes in fake time.
func TestFaultDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := secretsmanagertest.NewHandler()
		h.InjectFault(secretsmanagertest.Fault{Path: "/api/v2/secret_groups", Delay: 3 * time.Second})
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v2/secret_groups", nil))
		require.Equal(t, 200, rec.Code, "a delay alone serves the request")
		require.Equal(t, 3*time.Second, time.Since(start))

		// A client that gives up ends the delay: nothing is answered.
		h.InjectFault(secretsmanagertest.Fault{Path: "/api/v2/secrets", Delay: time.Hour, Status: 500})
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start = time.Now()
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v2/secrets", nil).WithContext(ctx))
		require.Equal(t, 2*time.Second, time.Since(start))
		require.False(t, rec.Flushed)
		require.Empty(t, rec.Body.Bytes())
	})
}

// TestFaultWithoutConnection checks the faults when the handler has no connection to take over
// (a recorder, or HTTP/2): the handler is aborted with http.ErrAbortHandler.
func TestFaultWithoutConnection(t *testing.T) {
	h := secretsmanagertest.NewHandler()
	for _, brk := range []secretsmanagertest.Break{secretsmanagertest.ResetBeforeHeaders, secretsmanagertest.TruncateBody} {
		f := h.InjectFault(secretsmanagertest.Fault{Break: brk})
		rec := httptest.NewRecorder()
		require.PanicsWithValue(t, http.ErrAbortHandler, func() {
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v2/secret_groups", nil))
		})
		if brk == secretsmanagertest.TruncateBody {
			require.Equal(t, 200, rec.Code)
			require.NotEmpty(t, rec.Header().Get("Content-Length"))
			require.Less(t, rec.Body.Len(), len(rec.Header().Get("Content-Length"))+1000)
		}
		f.Remove()
	}
}

func TestFaultRejectsNonsense(t *testing.T) {
	h := secretsmanagertest.NewHandler()
	require.Panics(t, func() { h.InjectFault(secretsmanagertest.Fault{Status: 42}) })
	require.Panics(t, func() { h.InjectFault(secretsmanagertest.Fault{Times: -1}) })
	require.Panics(t, func() { h.InjectFault(secretsmanagertest.Fault{Delay: -time.Second}) })
	require.Panics(t, func() { h.InjectFault(secretsmanagertest.Fault{Break: 9}) })
	require.Equal(t, "Break(9)", secretsmanagertest.Break(9).String())
}

// ExampleServer_InjectFault tests a client's retries against a service that answers the first two
// reads with 503 Service Unavailable.
func ExampleServer_InjectFault() {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err != nil {
		panic(err)
	}
	client.EnableRetries(3, 10*time.Millisecond)

	fault := srv.InjectFault(secretsmanagertest.Fault{
		Method: "GET", Path: "/api/v2/secret_groups/*",
		Status: 503, RetryAfter: "0", Times: 2,
	})
	group, _, err := client.GetSecretGroup(client.NewGetSecretGroupOptions("default"))
	if err != nil {
		panic(err)
	}
	fmt.Println(*group.Name, "after", fault.Hits(), "failures")
	// Output: default after 2 failures
}
