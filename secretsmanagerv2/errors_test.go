package secretsmanagerv2

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

func errorServer(t *testing.T, status int, header http.Header, body string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTypedErrors(t *testing.T) {
	cases := []struct {
		status   int
		sentinel error
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {412, ErrLocked}, {429, ErrRateLimited}, {500, nil},
	}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrLocked, ErrRateLimited, ErrInvalidInput}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.status), func(t *testing.T) {
			body := fmt.Sprintf(`{"errors":[{"code":"code_%d","message":"message %d","more_info":"https://cloud.ibm.com/apidocs/secrets-manager"},{"code":"second","message":"more"}],"status_code":%d,"trace":"trace-%d"}`, c.status, c.status, c.status, c.status)
			srv := errorServer(t, c.status, http.Header{"Retry-After": {"7"}}, body)
			sm := testClient(t, srv.URL)
			result, response, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
			require.Error(t, err)
			require.Nil(t, result)
			require.NotNil(t, response)
			require.Equal(t, c.status, response.StatusCode)
			for _, s := range all {
				require.Equal(t, s == c.sentinel, errors.Is(err, s), "errors.Is(err, %v)", s)
			}

			var apiErr *APIError
			require.True(t, errors.As(err, &apiErr))
			require.Equal(t, c.status, apiErr.StatusCode)
			require.Equal(t, fmt.Sprintf("code_%d", c.status), apiErr.Code)
			require.Equal(t, fmt.Sprintf("message %d", c.status), apiErr.Message)
			require.Len(t, apiErr.Errors, 2)
			require.Equal(t, fmt.Sprintf("trace-%d", c.status), apiErr.Trace)
			require.Equal(t, 7*time.Second, apiErr.RetryAfter)
			require.Equal(t, "get_secret", apiErr.Operation)
			require.Contains(t, err.Error(), fmt.Sprintf("message %d", c.status))
			want := fmt.Sprintf("secretsmanagerv2: get_secret: %d %s: message %d", c.status, http.StatusText(c.status), c.status)
			require.Equal(t, want, apiErr.Error())
			require.Equal(t, want, err.Error())

			// The official SDK's error types stay reachable.
			var sdkProblem *core.SDKProblem
			require.True(t, errors.As(err, &sdkProblem))
			var httpProblem *core.HTTPProblem
			require.True(t, errors.As(err, &httpProblem))
			require.Equal(t, c.status, httpProblem.Response.StatusCode)
			require.Equal(t, "get_secret", httpProblem.OperationID)
			require.NotEmpty(t, apiErr.GetID())
			require.NotEmpty(t, apiErr.GetConsoleMessage())
			require.NotEmpty(t, apiErr.GetDebugMessage())
		})
	}
}

func TestErrorWithoutServiceBody(t *testing.T) {
	srv := errorServer(t, http.StatusBadGateway, nil, "<html>bad gateway</html>")
	sm := testClient(t, srv.URL)
	_, response, err := sm.GetSecretGroup(sm.NewGetSecretGroupOptions("g"))
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, "Bad Gateway", apiErr.Message)
	require.Equal(t, []byte("<html>bad gateway</html>"), response.RawResult)

	srv = errorServer(t, http.StatusUnauthorized, nil, `{"error":"token expired"}`)
	_, _, err = testClient(t, srv.URL).GetSecretGroup(sm.NewGetSecretGroupOptions("g"))
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, "token expired", apiErr.Message)
	require.ErrorIs(t, err, ErrUnauthorized)
}

func TestInvalidInputNeverSendsARequest(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1) }))
	defer srv.Close()
	sm := testClient(t, srv.URL)
	_, _, err := sm.GetSecret(nil)
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "getSecretOptions cannot be nil")
	_, _, err = sm.GetSecret(&GetSecretOptions{})
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "ID")
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions(""))
	require.ErrorIs(t, err, ErrInvalidInput)
	_, _, err = sm.CreateSecret(sm.NewCreateSecretOptions((*ArbitrarySecretPrototype)(nil)))
	require.ErrorIs(t, err, ErrInvalidInput, "a typed nil prototype is missing")
	_, _, err = sm.CreateSecretLocksBulk(sm.NewCreateSecretLocksBulkOptions("s", []SecretLockPrototype{{}}))
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "Locks[0].Name")
	_, _, err = sm.ListSecrets(&ListSecretsOptions{Limit: core.Int64Ptr(0)})
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "between 1 and 1000")
	_, _, err = sm.ListSecrets(&ListSecretsOptions{Offset: core.Int64Ptr(-1)})
	require.ErrorIs(t, err, ErrInvalidInput)
	var sdkProblem *core.SDKProblem
	require.True(t, errors.As(err, &sdkProblem))
	require.Zero(t, requests.Load())
}

func TestNoAuthenticatorAndConnectionErrors(t *testing.T) {
	sm := &SecretsManagerV2{}
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
	require.Error(t, err)

	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	client := testClient(t, "http://"+addr)
	_, _, err = client.GetSecret(client.NewGetSecretOptions("x"))
	require.Error(t, err)
	var sdkProblem *core.SDKProblem
	require.True(t, errors.As(err, &sdkProblem))
}

func TestDecodeErrorKeepsRawResult(t *testing.T) {
	srv := errorServer(t, 200, nil, `{"secret_type":"arbitrary","state":"not a number"}`)
	sm := testClient(t, srv.URL)
	_, response, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
	require.Error(t, err)
	require.NotNil(t, response.RawResult)
	require.NotContains(t, err.Error(), "not a number", "decoding errors do not quote values")
}

func TestDefaultTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	sm := testClient(t, srv.URL)
	require.Equal(t, DefaultTimeout, sm.GetTimeout())
	sm.SetTimeout(50 * time.Millisecond)
	_, _, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// The caller's own deadline wins over the default.
	sm.SetTimeout(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, _, err = sm.GetSecretWithContext(ctx, sm.NewGetSecretOptions("x"))
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestNewAPIErrorReadsBothErrorForms(t *testing.T) {
	cases := []struct {
		name, body    string
		code, message string
		details       []ErrorDetail
	}{
		{"v2 objects", `{"errors":[{"code":"not_found","message":"Secret not found"}],"trace":"t-1"}`,
			"not_found", "Secret not found", []ErrorDetail{{Code: "not_found", Message: "Secret not found"}}},
		{"vault strings", `{"errors":["permission denied","second"]}`,
			"", "permission denied", []ErrorDetail{{Message: "permission denied"}, {Message: "second"}}},
		{"empty list", `{"errors":[]}`, "", "Forbidden", []ErrorDetail{}},
		{"not JSON", `oops`, "", "Forbidden", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newAPIError("vault_op", &transport.Answer{Status: 403, Header: http.Header{}, Body: []byte(c.body)})
			require.Equal(t, c.code, e.Code)
			require.Equal(t, c.message, e.Message)
			require.Equal(t, c.details, e.Errors)
			require.Equal(t, "vault_op", e.Operation)
			require.ErrorIs(t, e, ErrForbidden)
			var hp *core.HTTPProblem
			require.ErrorAs(t, e, &hp)
			require.NotEmpty(t, e.GetID(), "the problem methods work on a constructed APIError")
		})
	}
}
