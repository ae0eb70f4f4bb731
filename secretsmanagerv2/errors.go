package secretsmanagerv2

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
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
	ErrRedirected = errors.New("secretsmanagerv2: redirect not followed")
	// ErrResponseTooLarge is matched by the error of a call whose answer is over the size limit of
	// a response body (64 MiB).
	ErrResponseTooLarge = errors.New("secretsmanagerv2: response too large")
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

// Error returns the service's message, with the status code.
func (e *APIError) Error() string {
	return fmt.Sprintf("%s (status %d)", e.Message, e.StatusCode)
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

// newAPIError builds the error of a non-2xx answer. Its message is the service's, never the
// request's content, so it carries no secret value. The operations return it wrapped in a
// *core.SDKProblem.
func newAPIError(operationID string, detailed *core.DetailedResponse, data []byte) *APIError {
	return NewAPIError(operationID, detailed, data)
}

// NewAPIError returns the *APIError of an answer with a non-2xx status, as the operations build
// it: operationID names the call, response holds the status code and headers, and body is the
// answer's body, read for the service's messages (the v2 form {"errors":[{"code":...,"message":...}]},
// or the Vault form {"errors":["..."]}). It is exported for the module's other clients (the
// Vault-compatible API in package vault); a program gets APIErrors from the operations.
func NewAPIError(operationID string, response *core.DetailedResponse, body []byte) *APIError {
	detailed, data := response, body
	e := &APIError{StatusCode: detailed.StatusCode, Operation: operationID, Response: detailed}
	var parsed errorBody
	if len(data) > 0 && json.Unmarshal(data, &parsed) == nil {
		if parsed.Errors != nil {
			e.Errors = make([]ErrorDetail, len(parsed.Errors))
			for i, item := range parsed.Errors {
				e.Errors[i] = ErrorDetail(item)
			}
		}
		e.Trace = parsed.Trace
		if len(e.Errors) > 0 {
			e.Code = e.Errors[0].Code
			e.Message = e.Errors[0].Message
		} else if parsed.Error != "" {
			e.Message = parsed.Error
		} else if parsed.Message != "" {
			e.Message = parsed.Message
		}
		var generic interface{}
		if json.Unmarshal(data, &generic) == nil {
			detailed.Result = generic
		}
	}
	if len(data) > 0 && detailed.Result == nil {
		detailed.RawResult = data
	}
	if e.Message == "" {
		e.Message = http.StatusText(detailed.StatusCode)
		if e.Message == "" {
			e.Message = "Unknown Error"
		}
	}
	if e.Trace == "" {
		e.Trace = detailed.Headers.Get("X-Correlation-Id")
	}
	if d, ok := retryAfter(detailed.Headers.Get("Retry-After"), time.Now()); ok {
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

// Error returns the message naming the option at fault.
func (e *inputError) Error() string { return e.msg }

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
