package vault

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/common"
	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/retry"
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
	retry   retry.Policy
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
		hc = newHTTPClient()
	}
	c := &Client{baseURL: base, http: noRedirects(hc), timeout: DefaultTimeout}
	var auth core.Authenticator
	if !core.IsNil(options.Authenticator) {
		auth = options.Authenticator
	}
	c.session = newSession(c, auth, options.Token)
	return c, nil
}

// checkURL validates the instance URL and returns it without a trailing slash, /api or /v1.
func checkURL(s string) (string, error) {
	u, err := neturl.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("vault: %w: the URL %q must be an absolute http or https URL, such as https://{instance_id}.us-south.secrets-manager.appdomain.cloud", sm.ErrInvalidInput, s)
	}
	base := strings.TrimRight(s, "/")
	for _, suffix := range []string{"/api", "/v1"} {
		base = strings.TrimSuffix(base, suffix)
	}
	return base, nil
}

func newHTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
	}}
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
		maxRetries = retry.DefaultMaxRetries
	}
	if maxRetryInterval <= 0 {
		maxRetryInterval = retry.DefaultMaxInterval
	}
	c.mu.Lock()
	c.retry = retry.Policy{MaxRetries: maxRetries, MaxInterval: maxRetryInterval}
	c.mu.Unlock()
}

// DisableRetries turns automatic retries off (the default).
func (c *Client) DisableRetries() {
	c.mu.Lock()
	c.retry = retry.Policy{}
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

func (c *Client) settings() (retry.Policy, time.Duration) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.retry, c.timeout
}

// withTimeout bounds ctx by the client's timeout when it has no deadline.
func (c *Client) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	if _, ok := ctx.Deadline(); !ok {
		if _, timeout := c.settings(); timeout > 0 {
			return context.WithTimeout(ctx, timeout)
		}
	}
	return ctx, func() {}
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
		status, header, data, err := c.send(ctx, route, target, body, tok.value)
		if err != nil {
			return err
		}
		if (status == http.StatusForbidden || status == http.StatusUnauthorized) && !relogged && c.session.rejected(tok) {
			continue
		}
		return decodeAnswer(r.op, status, header, data, out)
	}
}

// decodeAnswer turns an answer into out, or into the v2 client's typed error.
func decodeAnswer(op string, status int, header http.Header, data []byte, out interface{}) error {
	if status < 200 || status >= 300 {
		return apiError(op, status, header, data)
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return core.SDKErrorf(fmt.Errorf("vault %s: decoding the answer: %w", op, err), "", "unmarshal-resp-error", componentInfo)
	}
	return nil
}

// apiError builds the error of a non-2xx answer: a *secretsmanagerv2.APIError (with its sentinel,
// such as ErrNotFound) whose message names the operation and the status. The message is Vault's,
// never a token or a request's content.
func apiError(op string, status int, header http.Header, data []byte) error {
	e := sm.NewAPIError(op, &core.DetailedResponse{StatusCode: status, Headers: header}, data)
	return core.SDKErrorf(e, fmt.Sprintf("vault %s: %s (status %d)", op, e.Message, status), "http-request-err", componentInfo)
}

// send makes the request, with the retry policy, and returns the last answer.
func (c *Client) send(ctx context.Context, route Route, target string, body []byte, token string) (int, http.Header, []byte, error) {
	policy, _ := c.settings()
	limiter := c.GetRateLimiter()
	for attempt := 0; ; attempt++ {
		if err := limiter.Wait(ctx); err != nil {
			return 0, nil, nil, core.SDKErrorf(fmt.Errorf("vault %s: %w", route.Operation, err), "", "rate-limiter-wait", componentInfo)
		}
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := http.NewRequestWithContext(ctx, route.Method, target, rd)
		if err != nil {
			return 0, nil, nil, core.SDKErrorf(fmt.Errorf("vault %s: building the request: %w", route.Operation, err), "", "request-build-error", componentInfo)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", common.UserAgent())
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("X-Vault-Token", token)
		}
		resp, err := c.http.Do(req) // #nosec G704 -- the URL is the configured instance URL
		if err != nil {
			if wait, ok := policy.ConnError(route.Method, attempt, err); ok && sleepCtx(ctx, wait) == nil {
				continue
			}
			if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return 0, nil, nil, core.SDKErrorf(fmt.Errorf("vault %s: %w", route.Operation, err), "", "no-connection-made", componentInfo)
		}
		if limiter != nil {
			var wait time.Duration
			if resp.StatusCode == http.StatusTooManyRequests {
				wait, _ = retry.After(resp.Header.Get("Retry-After"), time.Now())
			}
			limiter.Observe(resp.StatusCode, wait)
		}
		if resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.StatusCode != http.StatusNotModified {
			_ = resp.Body.Close()
			return 0, nil, nil, core.SDKErrorf(fmt.Errorf("vault %s: %w: the service answered %d %s",
				route.Operation, sm.ErrRedirected, resp.StatusCode, http.StatusText(resp.StatusCode)), "", "redirect-refused", componentInfo)
		}
		data, readErr := readAnswer(resp.Body)
		_ = resp.Body.Close()
		logAnswer(route, resp.StatusCode)
		if resp.StatusCode < 200 || resp.StatusCode >= 300 {
			if wait, ok := policy.Status(route.Method, attempt, resp.StatusCode, resp.Header); ok {
				if err := sleepCtx(ctx, wait); err != nil {
					// The wait was cut short: the context's error, with the last answer still reachable.
					return 0, nil, nil, fmt.Errorf("%w: %w", err, apiError(route.Operation, resp.StatusCode, resp.Header, data))
				}
				continue
			}
			return resp.StatusCode, resp.Header, data, nil
		}
		if readErr != nil {
			if wait, ok := policy.ConnError(route.Method, attempt, readErr); ok && !errors.Is(readErr, sm.ErrResponseTooLarge) && sleepCtx(ctx, wait) == nil {
				continue
			}
			return 0, nil, nil, core.SDKErrorf(fmt.Errorf("vault %s: reading the answer: %w", route.Operation, readErr), "", "cant-read-success-res-body", componentInfo)
		}
		return resp.StatusCode, resp.Header, data, nil
	}
}

// noRedirects returns a copy of hc that hands a redirect back instead of following it: the API
// never redirects, and following one would send the Vault token and the body elsewhere.
func noRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// readAnswer reads a body of at most maxResponseBody bytes; a longer one is an error matching
// secretsmanagerv2.ErrResponseTooLarge.
func readAnswer(body io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(body, int64(maxResponseBody)+1))
	if err == nil && len(data) > maxResponseBody {
		return nil, fmt.Errorf("%w: the answer is over the limit of %d bytes", sm.ErrResponseTooLarge, maxResponseBody)
	}
	return data, err
}

// logAnswer logs a request at debug level: its operation, method, route template and status,
// never a path parameter, a header or a body.
func logAnswer(route Route, status int) {
	if core.GetLogger().IsLogLevelEnabled(core.LevelDebug) {
		core.GetLogger().Debug("vault %s: %s %s: status %d", route.Operation, route.Method, route.Path, status)
	}
}
