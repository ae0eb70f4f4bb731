package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/common"
	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// DefaultTimeout bounds a whole call (its login, attempts and retry waits) when the caller's
// context has no deadline of its own, as for the v2 client. Change it with SetTimeout.
const DefaultTimeout = sm.DefaultTimeout

// maxResponseBody bounds how much of an answer is read.
var maxResponseBody = 64 << 20 // a variable so that tests can lower it

var componentInfo = common.GetComponentInfo()

// Options are the options of NewClient.
type Options struct {
	// URL is the instance's URL, such as https://{instance_id}.us-south.secrets-manager.appdomain.cloud
	// (the Vault API is under its /v1/). A trailing /api or /v1 is accepted.
	URL string

	// Authenticator gives the IBM Cloud IAM access token the client logs in with: any go-sdk-core
	// authenticator that sets an "Authorization: Bearer" header (core.IamAuthenticator with an API
	// key, core.ContainerAuthenticator, core.IamAssumeAuthenticator for a trusted profile,
	// core.VpcInstanceAuthenticator, core.BearerTokenAuthenticator, ...). The client logs in on its
	// first call, again before the Vault token's lease ends, and once more after an answer saying
	// the token is no longer valid.
	Authenticator core.Authenticator

	// Token is a Vault token to use as it is, instead of logging in first. With an Authenticator
	// too, the client logs in when Vault rejects it; without one, it never logs in.
	Token string

	// HTTPClient sends the requests; nil means a client like the v2 client's (TLS 1.2 or later,
	// connections kept for many goroutines). The client keeps a copy that refuses redirects.
	HTTPClient *http.Client
}

// Client is a client of the Vault-compatible API of a Secrets Manager instance. It is safe for
// concurrent use by many goroutines, which share one Vault token and one login at a time.
type Client struct {
	baseURL string
	http    *http.Client
	session *session

	mu      sync.RWMutex
	retry   transport.Policy
	timeout time.Duration
	limiter *sm.RateLimiter
}

// NewClient returns a client of the Vault API of the instance at options.URL. It needs an
// Authenticator, a Token, or both; it sends no request until its first call.
func NewClient(options *Options) (*Client, error) {
	if options == nil {
		return nil, fmt.Errorf("vault: %w: options must not be nil", sm.ErrInvalidInput)
	}
	base, err := checkURL(options.URL)
	if err != nil {
		return nil, err
	}
	if core.IsNil(options.Authenticator) && options.Token == "" {
		return nil, fmt.Errorf("vault: %w: an Authenticator (to log in with IAM) or a Token is required", sm.ErrInvalidInput)
	}
	hc := options.HTTPClient
	if hc == nil {
		hc = transport.NewHTTPClient()
	}
	c := &Client{baseURL: base, http: transport.RefusingRedirects(hc), timeout: DefaultTimeout}
	var auth core.Authenticator
	if !core.IsNil(options.Authenticator) {
		auth = options.Authenticator
	}
	c.session = newSession(c, auth, options.Token)
	return c, nil
}

// checkURL validates the instance URL (an absolute http or https URL, without a query or a
// fragment) and returns it without a trailing slash, /api or /v1.
func checkURL(s string) (string, error) {
	if err := transport.CheckURL(s, "https://{instance_id}.us-south.secrets-manager.appdomain.cloud"); err != nil {
		return "", fmt.Errorf("vault: %w: %w", sm.ErrInvalidInput, err)
	}
	base := strings.TrimRight(s, "/")
	for _, suffix := range []string{"/api", "/v1"} {
		base = strings.TrimSuffix(base, suffix)
	}
	return base, nil
}

// URL returns the instance URL the client sends its requests to.
func (c *Client) URL() string { return c.baseURL }

// EnableRetries turns on automatic retries with the v2 client's rules: at most maxRetries retries
// of one request (4 when 0 or less), each wait at most maxRetryInterval (30s when 0 or less); 429
// is retried for every method after its Retry-After; GET, PUT and DELETE are also retried on 500,
// 502, 503, 504 and connection errors; a POST is never sent twice once it may have reached the
// service, so a retry cannot create, rotate or lock twice.
func (c *Client) EnableRetries(maxRetries int, maxRetryInterval time.Duration) {
	if maxRetries <= 0 {
		maxRetries = transport.DefaultMaxRetries
	}
	if maxRetryInterval <= 0 {
		maxRetryInterval = transport.DefaultMaxInterval
	}
	c.mu.Lock()
	c.retry = transport.Policy{MaxRetries: maxRetries, MaxInterval: maxRetryInterval}
	c.mu.Unlock()
}

// DisableRetries turns automatic retries off (the default).
func (c *Client) DisableRetries() {
	c.mu.Lock()
	c.retry = transport.Policy{}
	c.mu.Unlock()
}

// SetTimeout sets how long one call may take in all when its context has no deadline; 0 or less
// means no limit. The default is DefaultTimeout.
func (c *Client) SetTimeout(timeout time.Duration) {
	c.mu.Lock()
	c.timeout = timeout
	c.mu.Unlock()
}

// SetRateLimiter makes every request of the client (every attempt, logins and retries included)
// wait for a slot of limiter, which may be shared with other clients (such as the v2 client's,
// through its GetRateLimiter); nil turns rate limiting off (the default). See
// secretsmanagerv2.RateLimiter for the waits and how it adapts to 429 answers.
func (c *Client) SetRateLimiter(limiter *sm.RateLimiter) {
	c.mu.Lock()
	c.limiter = limiter
	c.mu.Unlock()
}

// GetRateLimiter returns the client's rate limiter, or nil when it has none.
func (c *Client) GetRateLimiter() *sm.RateLimiter {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.limiter
}

// SetRateLimit gives the client a new rate limiter of requestsPerSecond with bursts of burst
// requests; a requestsPerSecond of 0 or less turns rate limiting off.
func (c *Client) SetRateLimit(requestsPerSecond float64, burst int) {
	var l *sm.RateLimiter
	if requestsPerSecond > 0 {
		l = sm.NewRateLimiter(requestsPerSecond, burst)
	}
	c.SetRateLimiter(l)
}

func (c *Client) settings() (transport.Policy, time.Duration) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.retry, c.timeout
}

// withTimeout bounds ctx by the client's timeout when it has no deadline.
func (c *Client) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	_, timeout := c.settings()
	return transport.WithTimeout(ctx, timeout)
}

// request is one call: its route, parameters and body.
type request struct {
	op     string
	params map[string]string
	query  neturl.Values
	body   interface{}
}

// call sends a request with the session's token, decodes a JSON answer into out (when not nil)
// and returns the status code. An answer that rejects the token makes it log in once and send
// the request once more.
func (c *Client) call(ctx context.Context, r request, out interface{}) error {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	route, ok := routeByOperation[r.op]
	if !ok {
		return fmt.Errorf("vault: no route %q", r.op) // a bug of this package
	}
	path, err := expand(route, r.params)
	if err != nil {
		return err
	}
	target := c.baseURL + path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	var body []byte
	if r.body != nil {
		if body, err = json.Marshal(r.body); err != nil {
			return core.SDKErrorf(fmt.Errorf("vault %s: encoding the request body: %w", r.op, err), "", "body-encode-error", componentInfo)
		}
	}
	for relogged := false; ; relogged = true {
		tok, err := c.session.token(ctx)
		if err != nil {
			return err
		}
		a, err := c.send(ctx, route, target, body, tok.value)
		if err != nil {
			return err
		}
		if (a.Status == http.StatusForbidden || a.Status == http.StatusUnauthorized) && !relogged && c.session.rejected(tok) {
			continue
		}
		return decodeAnswer(r.op, a, out)
	}
}

// documentsData is implemented by the answers that document a result (every Response but
// Response[NoData]): an empty body is then an error, unless the status is 204 No Content.
type documentsData interface{ documentsData() bool }

// decodeAnswer turns an answer into out, or into the v2 client's typed error.
func decodeAnswer(op string, a *transport.Answer, out interface{}) error {
	if a.Status < 200 || a.Status >= 300 {
		return apiError(op, a)
	}
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(a.Body)) == 0 {
		if d, ok := out.(documentsData); ok && d.documentsData() && a.Status != http.StatusNoContent {
			return core.SDKErrorf(fmt.Errorf("vault %s: %w: the service answered %d with an empty body: the operation documents a result",
				op, sm.ErrEmptyResponse, a.Status), "", "empty-response", componentInfo)
		}
		return nil
	}
	if err := json.Unmarshal(a.Body, out); err != nil {
		return core.SDKErrorf(fmt.Errorf("vault %s: decoding the answer: %w", op, transport.ScrubDecodeError(err)), "", "unmarshal-resp-error", componentInfo)
	}
	return nil
}

// apiError builds the error of a non-2xx answer: a *secretsmanagerv2.APIError (with its sentinel,
// such as ErrNotFound) whose message names the operation and the status. The message is Vault's,
// without any secret value of the request (a token, a payload) that it may echo.
func apiError(op string, a *transport.Answer) error {
	err := transport.NewAPIError(op, a)
	var e *sm.APIError
	if errors.As(err, &e) {
		return core.SDKErrorf(e, fmt.Sprintf("vault %s: %s (status %d)", op, e.Message, a.Status), "http-request-err", componentInfo)
	}
	return err
}

// send makes the request, with the client's retry policy and rate limiter (the loop of
// internal/transport, shared with the v2 client), and returns the last answer.
func (c *Client) send(ctx context.Context, route Route, target string, body []byte, token string) (*transport.Answer, error) {
	policy, _ := c.settings()
	call := &transport.Call{
		Op: route.Operation, Method: route.Method, URL: target, Body: body,
		Prepare: func(req *http.Request) error {
			h := req.Header
			h["Accept"] = acceptJSON
			h["User-Agent"] = userAgent
			if body != nil {
				h["Content-Type"] = acceptJSON
			}
			if token != "" {
				h.Set("X-Vault-Token", token)
			}
			return nil
		},
		Client: c.http, RedirectHint: "check the instance URL",
		Retry: policy, Limiter: c.GetRateLimiter(), MaxBody: int64(maxResponseBody),
		AnswerError: func(a *transport.Answer) error { return transport.NewAPIError(route.Operation, a) },
		Log:         debugLog{route},
	}
	a, err := transport.Do(ctx, call)
	if err != nil {
		var f *transport.Failure
		id := "http-request-err"
		if errors.As(err, &f) {
			id, err = f.ID, f.Err
		}
		return nil, core.SDKErrorf(fmt.Errorf("vault %s: %w", route.Operation, err), "", id, componentInfo)
	}
	return a, nil
}

// Header values of every request (with no spare capacity: a header added copies them).
var (
	acceptJSON = []string{"application/json"}
	userAgent  = []string{common.UserAgent()}
)

// debugLog logs each attempt at debug level: its operation, method, route template and status,
// never a path parameter, a header or a body.
type debugLog struct{ route Route }

// Request logs nothing: the answer's line says what was sent.
func (debugLog) Request(*http.Request, []byte) {}

// Answer logs the attempt and the status of its answer.
func (l debugLog) Answer(resp *http.Response, _ []byte, _ *transport.Secrets) {
	if core.GetLogger().IsLogLevelEnabled(core.LevelDebug) {
		core.GetLogger().Debug("vault %s: %s %s: status %d", l.route.Operation, l.route.Method, l.route.Path, resp.StatusCode)
	}
}
