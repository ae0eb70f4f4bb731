package secretsmanagerv2

// Tests of errors.go: the APIError of an error answer (its sentinels, fields and text), the text of
// every kind of error, and go-sdk-core's problem types kept reachable.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

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
			srv := NewFake(t, Answers(FakeAnswer{Status: c.status, Header: http.Header{"Retry-After": {"7"}}, Body: body}))
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
	srv := NewFake(t, FixedAnswer(http.StatusBadGateway, "<html>bad gateway</html>"))
	sm := testClient(t, srv.URL)
	_, response, err := sm.GetSecretGroup(sm.NewGetSecretGroupOptions("g"))
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, "Bad Gateway", apiErr.Message)
	require.Equal(t, []byte("<html>bad gateway</html>"), response.RawResult)

	srv = NewFake(t, FixedAnswer(http.StatusUnauthorized, `{"error":"token expired"}`))
	_, _, err = testClient(t, srv.URL).GetSecretGroup(sm.NewGetSecretGroupOptions("g"))
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, "token expired", apiErr.Message)
	require.ErrorIs(t, err, ErrUnauthorized)
}

func TestDecodeErrorKeepsRawResult(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, `{"secret_type":"arbitrary","state":"not a number"}`))
	sm := testClient(t, srv.URL)
	_, response, err := sm.GetSecret(sm.NewGetSecretOptions("x"))
	require.Error(t, err)
	require.NotNil(t, response.RawResult)
	require.NotContains(t, err.Error(), "not a number", "decoding errors do not quote values")
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

// TestErrorText checks that every kind of error names the package, the operation and what went
// wrong, and that errors.Is and errors.As see the same errors as before.
func TestErrorText(t *testing.T) {
	notFound := NewFake(t, FixedAnswer(404, `{"errors":[{"code":"not_found","message":"A resource with id: x was not found."}],"status_code":404,"trace":"t"}`))
	bare := NewFake(t, FixedAnswer(503, ``))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closedAddr := "http://" + l.Addr().String()
	require.NoError(t, l.Close())
	garbled := NewFake(t, FixedAnswer(200, `{"secret_type":"arbitrary","state":"not a number"}`))

	cases := []struct {
		name string
		call func(*SecretsManagerV2) error
		url  string
		want string // the whole message, or its start when prefix is true
		pre  bool
		is   error
	}{
		{"service error", func(c *SecretsManagerV2) error {
			_, _, err := c.GetSecret(c.NewGetSecretOptions("x"))
			return err
		}, notFound.URL, "secretsmanagerv2: get_secret: 404 Not Found: A resource with id: x was not found.", false, ErrNotFound},
		{"no body", func(c *SecretsManagerV2) error {
			_, err := c.DeleteSecret(c.NewDeleteSecretOptions("x"))
			return err
		}, bare.URL, "secretsmanagerv2: delete_secret: 503 Service Unavailable", false, nil},
		{"no connection", func(c *SecretsManagerV2) error {
			_, _, err := c.ListSecretGroups(c.NewListSecretGroupsOptions())
			return err
		}, closedAddr, "secretsmanagerv2: list_secret_groups: Get \"" + closedAddr, true, nil},
		{"undecodable answer", func(c *SecretsManagerV2) error {
			_, _, err := c.GetSecret(c.NewGetSecretOptions("x"))
			return err
		}, garbled.URL, "secretsmanagerv2: get_secret: decoding the response of get_secret", true, nil},
		{"cancelled", func(c *SecretsManagerV2) error {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, _, err := c.GetSecretWithContext(ctx, c.NewGetSecretOptions("x"))
			return err
		}, notFound.URL, "secretsmanagerv2: get_secret: ", true, context.Canceled},
		{"invalid input", func(c *SecretsManagerV2) error {
			_, _, err := c.GetSecret(c.NewGetSecretOptions(""))
			return err
		}, notFound.URL, "secretsmanagerv2: invalid input: GetSecretOptions: field ID is required", true, ErrInvalidInput},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call(testClient(t, c.url))
			require.Error(t, err)
			if c.pre {
				require.Truef(t, len(err.Error()) >= len(c.want) && err.Error()[:len(c.want)] == c.want, "%q does not start with %q", err.Error(), c.want)
			} else {
				require.Equal(t, c.want, err.Error())
			}
			var p *core.SDKProblem
			require.ErrorAs(t, err, &p)
			if c.is != nil {
				require.ErrorIs(t, err, c.is)
			}
		})
	}
}

// TestErrorTextKeepsProblemIdentity checks that the longer message does not change the identity
// go-sdk-core gives a problem: two errors of the same scenario still match with errors.Is.
func TestErrorTextKeepsProblemIdentity(t *testing.T) {
	srv := NewFake(t, FixedAnswer(404, `{"errors":[{"code":"not_found","message":"gone"}]}`))
	c := testClient(t, srv.URL)
	_, _, err1 := c.GetSecret(c.NewGetSecretOptions("a"))
	_, _, err2 := c.GetSecret(c.NewGetSecretOptions("b"))
	var p1 *core.SDKProblem
	require.ErrorAs(t, err1, &p1)
	require.ErrorIs(t, err2, p1)
	var h *core.HTTPProblem
	require.ErrorAs(t, err1, &h)
	require.Equal(t, "gone", h.Summary, "go-sdk-core's HTTPProblem keeps the service's own message")
}
