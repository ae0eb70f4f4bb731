package secretsmanagerv2

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// Sentinel errors for the answers a caller usually handles: test for them with errors.Is, as in
// errors.Is(err, secretsmanagerv2.ErrNotFound).
var (
	// ErrBadRequest is matched by a 400 Bad Request answer: invalid input.
	ErrBadRequest = errors.New("secretsmanagerv2: bad request")
	// ErrUnauthorized is matched by a 401 Unauthorized answer: missing or invalid credentials.
	ErrUnauthorized = errors.New("secretsmanagerv2: unauthorized")
	// ErrForbidden is matched by a 403 Forbidden answer: the caller may not do this.
	ErrForbidden = errors.New("secretsmanagerv2: forbidden")
	// ErrNotFound is matched by a 404 Not Found answer: no such secret, version, group, lock or configuration.
	ErrNotFound = errors.New("secretsmanagerv2: not found")
	// ErrConflict is matched by a 409 Conflict answer, such as a name already taken.
	ErrConflict = errors.New("secretsmanagerv2: conflict")
	// ErrLocked is matched by a 412 Precondition Failed answer: the secret or version is locked.
	ErrLocked = errors.New("secretsmanagerv2: locked")
	// ErrRateLimited is matched by a 429 Too Many Requests answer.
	ErrRateLimited = errors.New("secretsmanagerv2: rate limited")
	// ErrInvalidInput is matched by an error returned before any request is sent, because the
	// options are nil, a required field is missing, a path parameter is empty or a value is out of range.
	ErrInvalidInput = errors.New("secretsmanagerv2: invalid input")
	// ErrRedirected is matched by the error of a call answered with a redirect (301, 302, 303, 307
	// or 308 with a Location), which the client did not follow: the API never redirects, see
	// SetFollowRedirects.
	ErrRedirected = transport.ErrRedirected
	// ErrEmptyResponse is matched by the error of a call answered with a success status and an
	// empty body, by an operation that documents a result (only the operations without one, such
	// as DeleteSecret, take an empty answer).
	ErrEmptyResponse = errors.New("secretsmanagerv2: empty response")
	// ErrResponseTooLarge is matched by the error of a call whose answer is over the size limit of
	// a response body: 64 MiB as received, and 64 MiB (and 128 times the bytes received) once
	// inflated, for a gzip-compressed answer.
	ErrResponseTooLarge = transport.ErrResponseTooLarge
)

var statusSentinels = map[int]error{
	http.StatusBadRequest:         ErrBadRequest,
	http.StatusUnauthorized:       ErrUnauthorized,
	http.StatusForbidden:          ErrForbidden,
	http.StatusNotFound:           ErrNotFound,
	http.StatusConflict:           ErrConflict,
	http.StatusPreconditionFailed: ErrLocked,
	http.StatusTooManyRequests:    ErrRateLimited,
}

// ErrorDetail is one entry of the "errors" list of an error answer.
type ErrorDetail struct {
	Code     string `json:"code,omitempty"`
	Message  string `json:"message,omitempty"`
	MoreInfo string `json:"more_info,omitempty"`
}

// APIError is an error answer of the service. Get it with errors.As:
//
//	var apiErr *secretsmanagerv2.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == 412 { ... }
//
// It wraps the *core.HTTPProblem go-sdk-core users know, which errors.As also finds, and it is
// itself wrapped in the *core.SDKProblem that the operations return, as the official SDK does.
type APIError struct {
	// StatusCode is the HTTP status code of the answer.
	StatusCode int
	// Operation is the operation ID of the call, such as "get_secret".
	Operation string
	// Code is the service's error code, such as "not_found" (the first of Errors).
	Code string
	// Message is the service's error message (the first of Errors), or the HTTP status text.
	Message string
	// Errors lists every error the service gave.
	Errors []ErrorDetail
	// Trace is the service's trace ID of the request, for IBM support.
	Trace string
	// RetryAfter is the wait the service asked for with a Retry-After header, or 0.
	RetryAfter time.Duration
	// Response is the answer: status code, headers and body (as RawResult or Result).
	Response *core.DetailedResponse

	problem *core.HTTPProblem
}

// Error returns "secretsmanagerv2: <operation>: <status code> <status text>: <service's message>",
// such as "secretsmanagerv2: get_secret: 404 Not Found: A resource with id: ... was not found.",
// so that a log line tells which call failed and how. The message is the service's, never a secret
// value. The message part is left out when the service gave none.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(errPrefix)
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	status := http.StatusText(e.StatusCode)
	if status != "" {
		b.WriteByte(' ')
		b.WriteString(status)
	}
	if e.Message != "" && e.Message != status {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// errPrefix starts the message of every error this package makes.
const errPrefix = "secretsmanagerv2: "

// callError is the error of an operation that failed other than with an error answer: a
// *core.SDKProblem whose summary names the call, "secretsmanagerv2: <op>: <what failed>", so that a
// connection failure, a timeout or a decoding error says which call it ended.
func callError(operationID string, err error, discriminator string) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, errPrefix) {
		msg = errPrefix + operationID + ": " + msg
	}
	return core.SDKErrorf(err, msg, discriminator, componentInfo)
}

// Unwrap returns the errors this one stands for: the sentinel of its status code (ErrNotFound, ...)
// and go-sdk-core's *core.HTTPProblem.
func (e *APIError) Unwrap() []error {
	errs := make([]error, 0, 2)
	if s := statusSentinels[e.StatusCode]; s != nil {
		errs = append(errs, s)
	}
	if e.problem != nil {
		errs = append(errs, e.problem)
	}
	return errs
}

// GetConsoleMessage returns the message for a user (part of go-sdk-core's Problem interface).
func (e *APIError) GetConsoleMessage() string {
	return e.problem.GetConsoleMessage()
}

// GetDebugMessage returns the message for a developer (part of go-sdk-core's Problem interface).
func (e *APIError) GetDebugMessage() string {
	return e.problem.GetDebugMessage()
}

// GetID returns the problem's identifier (part of go-sdk-core's Problem interface).
func (e *APIError) GetID() string {
	return e.problem.GetID()
}

// errorBody is the shape of the service's error answers.
type errorBody struct {
	Errors     []errorItem `json:"errors"`
	StatusCode int         `json:"status_code"`
	Trace      string      `json:"trace"`
	// Some gateways answer {"error": "..."} or {"message": "..."} instead.
	Error   string `json:"error"`
	Message string `json:"message"`
}

// errorItem is one entry of the "errors" list: an object (the v2 API) or a plain string (the
// Vault-compatible API answers {"errors":["permission denied"]}), which becomes the Message.
type errorItem ErrorDetail

// UnmarshalJSON accepts an error object or a string.
func (i *errorItem) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, &i.Message)
	}
	return json.Unmarshal(data, (*ErrorDetail)(i))
}

// What an error keeps of an answer: its memory is bounded whatever the answer's size.
const (
	// maxErrorDetails is how many entries of the "errors" list an APIError keeps.
	maxErrorDetails = 32
	// maxErrorText bounds each string an APIError keeps (a longer one is cut, ending in "...").
	maxErrorText = 4 << 10
	// maxErrorRaw bounds the RawResult of an error answer that is not JSON.
	maxErrorRaw = 64 << 10
)

func init() {
	transport.SetSensitiveKeys(sensitiveKeys)
	transport.NewAPIError = func(op string, a *transport.Answer) error { return newAPIError(op, a) }
}

// errorText returns s scrubbed of the request's secrets and cut to maxErrorText bytes, in memory
// of its own (not a part of the answer's body).
func errorText(s string, sent *transport.Secrets) string {
	if len(s) > maxErrorText {
		cut := maxErrorText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strings.Clone(sent.Scrub(s))
}

// newAPIError builds the error of a non-2xx answer of the operation operationID: the v2 form of
// error answers {"errors":[{"code":...,"message":...}]}, the Vault form {"errors":["..."]}, or a
// gateway's {"error":...} or {"message":...}. Its message is the service's, with every secret
// value of the request removed (a server may quote the request), cut to a bounded size. Its
// Response holds the status code, the headers and, as Result, the documented parts of the answer
// (errors, status_code, trace, error, message) or, as RawResult, the first 64 KiB of an answer
// that is not JSON. The operations return it wrapped in a *core.SDKProblem.
func newAPIError(operationID string, a *transport.Answer) *APIError {
	detailed := &core.DetailedResponse{StatusCode: a.Status, Headers: a.Header}
	e := &APIError{StatusCode: a.Status, Operation: operationID, Response: detailed}
	data := a.Body
	var parsed errorBody
	if len(data) > 0 && json.Unmarshal(data, &parsed) == nil {
		result := map[string]interface{}{}
		if parsed.Errors != nil {
			n := min(len(parsed.Errors), maxErrorDetails)
			e.Errors = make([]ErrorDetail, n)
			list := make([]interface{}, n)
			for i, item := range parsed.Errors[:n] {
				d := ErrorDetail{Code: errorText(item.Code, a.Sent), Message: errorText(item.Message, a.Sent), MoreInfo: errorText(item.MoreInfo, a.Sent)}
				e.Errors[i] = d
				m := map[string]interface{}{}
				for k, v := range map[string]string{"code": d.Code, "message": d.Message, "more_info": d.MoreInfo} {
					if v != "" {
						m[k] = v
					}
				}
				list[i] = m
			}
			result["errors"] = list
		}
		e.Trace = errorText(parsed.Trace, a.Sent)
		if e.Trace != "" {
			result["trace"] = e.Trace
		}
		if parsed.StatusCode != 0 {
			result["status_code"] = float64(parsed.StatusCode)
		}
		gatewayError, gatewayMessage := errorText(parsed.Error, a.Sent), errorText(parsed.Message, a.Sent)
		if gatewayError != "" {
			result["error"] = gatewayError
		}
		if gatewayMessage != "" {
			result["message"] = gatewayMessage
		}
		if len(e.Errors) > 0 {
			e.Code = e.Errors[0].Code
			e.Message = e.Errors[0].Message
		} else if gatewayError != "" {
			e.Message = gatewayError
		} else if gatewayMessage != "" {
			e.Message = gatewayMessage
		}
		detailed.Result = result
	} else if len(data) > 0 {
		raw := data[:min(len(data), maxErrorRaw)]
		if !a.Sent.Empty() {
			raw = []byte(a.Sent.Scrub(string(raw)))
		} else {
			raw = bytes.Clone(raw)
		}
		detailed.RawResult = raw
	}
	if e.Message == "" {
		e.Message = http.StatusText(a.Status)
		if e.Message == "" {
			e.Message = "Unknown Error"
		}
	}
	// The message of go-sdk-core's HTTPProblem stays the service's own, as the official SDK's;
	// the SDKProblem the operation returns reads as e.Error() does.
	if e.Trace == "" {
		e.Trace = a.Header.Get("X-Correlation-Id")
	}
	if d, ok := transport.After(a.Header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}
	e.problem = &core.HTTPProblem{
		IBMProblem:  core.IBMErrorf(nil, core.NewProblemComponent(serviceName, serviceVersion), e.Message, ""),
		OperationID: operationID,
		Response:    detailed,
	}
	return e
}

// inputError is an error about the options of a call, found before any request is sent.
type inputError struct {
	msg string
}

// Error returns "secretsmanagerv2: invalid input: " and the message naming the option at fault.
func (e *inputError) Error() string { return ErrInvalidInput.Error() + ": " + e.msg }

// Unwrap makes errors.Is(err, ErrInvalidInput) true.
func (e *inputError) Unwrap() error { return ErrInvalidInput }

// validationProblem wraps an input error into the *core.SDKProblem the official SDK returns.
func validationProblem(err error) error {
	return core.SDKErrorf(err, "", "struct-validation-error", componentInfo)
}

func nilOptionsError(param string) error {
	return &inputError{msg: fmt.Sprintf("%s cannot be nil", param)}
}

func missingFieldError(owner, field string) error {
	return &inputError{msg: fmt.Sprintf("%s: field %s is required", owner, field)}
}

func emptyPathParamError(owner, field string) error {
	return &inputError{msg: fmt.Sprintf("%s: field %s is required and must not be empty: it is a path parameter", owner, field)}
}

// checkRange checks an optional integer parameter against its documented range.
func checkRange(owner, field string, v, lo, hi *int64) error {
	if v == nil {
		return nil
	}
	if (lo != nil && *v < *lo) || (hi != nil && *v > *hi) {
		var want string
		switch {
		case lo != nil && hi != nil:
			want = fmt.Sprintf("between %d and %d", *lo, *hi)
		case lo != nil:
			want = fmt.Sprintf("at least %d", *lo)
		default:
			want = fmt.Sprintf("at most %d", *hi)
		}
		return &inputError{msg: fmt.Sprintf("%s: field %s is %d; it must be %s", owner, field, *v, want)}
	}
	return nil
}

// errNoMoreResults is returned by a pager asked for a page after the last one.
var errNoMoreResults = errors.New("no more results available")
