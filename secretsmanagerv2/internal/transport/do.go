package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
)

// Call is one call of an operation, as a client hands it to Do.
type Call struct {
	// Op is the operation ID, such as "get_secret", for errors and logs.
	Op string
	// Method and URL are the request's.
	Method string
	URL    string
	// Body is the request body as it is sent (already encoded, maybe compressed); nil: none.
	Body []byte
	// Prepare sets the headers of each attempt and authenticates it; an error ends the call.
	Prepare func(req *http.Request) error

	// Client sends the requests. Unless FollowRedirects, a copy of it that refuses redirects is
	// used (see RefusingRedirects), and a redirect answer is an ErrRedirected error.
	Client          *http.Client
	FollowRedirects bool
	// RedirectHint ends the message of a redirect refused: what the caller may do about it.
	RedirectHint string
	// Retry is the retry policy; Limiter, when not nil, makes every attempt wait for a slot.
	Retry   Policy
	Limiter *Limiter
	// MaxBody bounds a response body (0: MaxResponseBody).
	MaxBody int64
	// Log, when not nil, writes each attempt and its answer to the debug log.
	Log Logger
	// AnswerError returns the error of an error answer: the cause the error of an interrupted
	// retry wait holds.
	AnswerError func(a *Answer) error
}

// Logger writes the attempts of a call to a debug log. sent holds the secrets of the request,
// to remove from whatever of the answer is logged.
type Logger interface {
	Request(req *http.Request, body []byte)
	Answer(resp *http.Response, body []byte, sent *Secrets)
}

// Answer is the answer of the last attempt of a call.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
	// Sent are the secrets of the request, to remove from what an error shows of the answer.
	Sent *Secrets
}

// Failure is the error of a call that failed without an answer to hand to the caller's decoding:
// ID is the discriminator of the go-sdk-core problem the client makes of it.
type Failure struct {
	ID  string
	Err error
}

// Error returns the message of the failure.
func (f *Failure) Error() string { return f.Err.Error() }

// Unwrap returns the cause.
func (f *Failure) Unwrap() error { return f.Err }

// Do sends c with its retry policy and its rate limiter, refuses a redirect, reads the body of
// the last answer within its bounds and returns it: an error answer too, with a nil error, for
// the client to turn into its error. A call that fails otherwise returns a *Failure, with the
// last answer when there was one (a redirect, a body that could not be read, an interrupted retry
// wait).
func Do(ctx context.Context, c *Call) (*Answer, error) {
	client := c.Client
	if !c.FollowRedirects {
		client = RefusingRedirects(client)
	} else if IsCheckRedirect(client.CheckRedirect) {
		ctx = followingRedirects(ctx)
	}
	maxBody := c.MaxBody
	if maxBody <= 0 {
		maxBody = MaxResponseBody
	}
	for attempt := 0; ; attempt++ {
		if err := c.Limiter.Wait(ctx); err != nil {
			return nil, &Failure{ID: "rate-limiter-wait", Err: err}
		}
		req, err := http.NewRequestWithContext(ctx, c.Method, c.URL, nil)
		if err != nil {
			return nil, &Failure{ID: "request-build-error", Err: fmt.Errorf("building the request: %w", err)}
		}
		req.Header["Accept-Encoding"] = gzipValue
		if c.Body != nil {
			setBody(req, c.Body)
		}
		if c.Prepare != nil {
			if err := c.Prepare(req); err != nil {
				return nil, &Failure{ID: "auth-failed", Err: err}
			}
		}
		sent := NewSecrets(c.Body, req.Header)
		if c.Log != nil {
			c.Log.Request(req, c.Body)
		}

		resp, err := client.Do(req) // #nosec G704 -- the URL is the configured service URL
		if err != nil {
			if wait, ok := c.Retry.ConnError(c.Method, attempt, err); ok {
				if err = Sleep(ctx, wait, err); err == nil {
					continue
				}
			} else if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return nil, &Failure{ID: "no-connection-made", Err: err}
		}
		observe(c.Limiter, resp)
		if !c.FollowRedirects && IsRedirect(resp) {
			_ = resp.Body.Close()
			return &Answer{Status: resp.StatusCode, Header: resp.Header, Sent: sent},
				&Failure{ID: "redirect-refused", Err: redirectError(c.Op, resp, c.RedirectHint)}
		}
		data, readErr := ReadBody(resp, maxBody)
		_ = resp.Body.Close()
		a := &Answer{Status: resp.StatusCode, Header: resp.Header, Body: data, Sent: sent}
		if c.Log != nil {
			c.Log.Answer(resp, data, sent)
		}

		if resp.StatusCode < 200 || resp.StatusCode >= 300 {
			if wait, ok := c.Retry.Status(c.Method, attempt, resp.StatusCode, resp.Header); ok {
				err := Sleep(ctx, wait, c.AnswerError(a))
				if err == nil {
					continue
				}
				return a, &Failure{ID: "retry-wait-interrupted", Err: err}
			}
			return a, nil
		}
		if readErr != nil {
			err := fmt.Errorf("reading the response body: %w", readErr)
			if wait, ok := c.Retry.ConnError(c.Method, attempt, readErr); ok && !errors.Is(readErr, ErrResponseTooLarge) {
				if err = Sleep(ctx, wait, err); err == nil {
					continue
				}
			} else if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return a, &Failure{ID: "cant-read-success-res-body", Err: err}
		}
		return a, nil
	}
}

// setBody gives req a body that can be read again (for a redirect followed).
func setBody(req *http.Request, body []byte) {
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
}

// observe adapts a rate limiter to an answer, and logs a change of its rate.
func observe(l *Limiter, resp *http.Response) {
	if l == nil {
		return
	}
	var wait time.Duration
	if resp.StatusCode == http.StatusTooManyRequests {
		wait, _ = After(resp.Header.Get("Retry-After"), time.Now())
	}
	if l.Observe(resp.StatusCode, wait) && core.GetLogger().IsLogLevelEnabled(core.LevelDebug) {
		core.GetLogger().Debug("rate limiter: answer %d: %s", resp.StatusCode, l.Stats())
	}
}

// WithTimeout bounds ctx (context.Background() when nil) by timeout when it has no deadline and
// timeout is positive.
func WithTimeout(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	if _, has := ctx.Deadline(); !has && timeout > 0 {
		return context.WithTimeout(ctx, timeout)
	}
	return ctx, func() {}
}

// NewAPIError returns the error of an error answer of the operation op: package
// secretsmanagerv2 sets it, when it is initialized, to the constructor of its *APIError, which
// every client of the module returns.
var NewAPIError func(op string, a *Answer) error
