package secretsmanagerv2

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/common"
)

const (
	serviceName    = "secrets_manager"
	serviceVersion = "V2"

	contentTypeJSON       = "application/json"
	contentTypeMergePatch = "application/merge-patch+json"

	// maxResponseBody bounds how much of a response body is read (64 MiB: far above any page).
	maxResponseBody = 64 << 20

	// maxRedirects is how many redirects are followed, when they are (SetFollowRedirects), by a
	// client whose CheckRedirect is checkRedirect: as many as Go's default policy allows.
	maxRedirects = 10
)

// componentInfo names this SDK in the problems it reports.
var componentInfo = common.GetComponentInfo()

// apiRequest describes one call, as the generated operations fill it in.
type apiRequest struct {
	operationID  string
	method       string
	path         string // already escaped
	query        url.Values
	headers      map[string]string // the caller's Options.Headers
	paramHeaders []string          // header parameters of the operation: name, value, name, value...
	accept       bool              // the operation answers with JSON
	contentType  string
	body         interface{}
}

func minTLSConfig() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12}
}

// pathEscape escapes a path parameter so that it stays one path segment: "/", "?", "#" and "%" are
// percent-encoded, and so are the dots of a "." or ".." segment, so no ID can change the route.
func pathEscape(s string) string {
	e := url.PathEscape(s)
	if e == "." || e == ".." {
		return strings.Repeat("%2E", len(e))
	}
	return e
}

// joinList encodes a list query parameter as the API expects it: comma-separated.
func joinList(values []string) string {
	return strings.Join(values, ",")
}

// requestURL joins the service URL and an operation path. The API reference's examples set the
// service URL to ".../api" while every path starts with "/api/v2": both reach the same place.
func requestURL(serviceURL, path string) string {
	base := strings.TrimRight(serviceURL, "/")
	if strings.HasSuffix(base, "/api") && strings.HasPrefix(path, "/api/") {
		base = base[:len(base)-len("/api")]
	}
	return base + path
}

// invoke sends a request, with the client's retry policy, and hands a successful JSON answer to
// decode. It returns the DetailedResponse of the last attempt, also on error.
func (secretsManager *SecretsManagerV2) invoke(ctx context.Context, r *apiRequest, decode func([]byte) error) (_ *core.DetailedResponse, err error) {
	defer func() { err = withOperation(r.operationID, err) }() // name the operation in every error
	if ctx == nil {
		ctx = context.Background()
	}
	service := secretsManager.Service
	if service == nil || service.Options == nil || core.IsNil(service.Options.Authenticator) {
		return nil, core.SDKErrorf(errors.New("the client has no authenticator: construct it with NewSecretsManagerV2"), "", "missing-auth", componentInfo)
	}
	serviceURL := service.GetServiceURL()
	if serviceURL == "" {
		return nil, core.SDKErrorf(errors.New(core.ERRORMSG_SERVICE_URL_MISSING+": set it with SetServiceURL"), "", "no-url", componentInfo)
	}
	if strings.ContainsAny(serviceURL, "?#") { // set on the core.BaseService, past SetServiceURL's check
		return nil, core.SDKErrorf(checkServiceURL(serviceURL), "", "url-set-error", componentInfo)
	}
	cfg := secretsManager.settings()
	policy, timeout := cfg.retry, cfg.timeout
	maxBody := cfg.maxBody
	if maxBody <= 0 {
		maxBody = maxResponseBody
	}
	if timeout > 0 {
		if _, has := ctx.Deadline(); !has {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
	}

	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return nil, core.SDKErrorf(fmt.Errorf("encoding the request body: %w", err), "", "body-encode-error", componentInfo)
		}
	}
	target := requestURL(serviceURL, r.path)
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	gzipBody := body != nil && service.GetEnableGzipCompression()
	if gzipBody {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(body)
		_ = zw.Close()
		body = buf.Bytes()
	}

	client := service.Client
	if client == nil {
		return nil, core.SDKErrorf(errors.New("the client has no HTTP client: construct it with NewSecretsManagerV2"), "", "no-http-client", componentInfo)
	}
	if !cfg.followRedirects {
		client = refusingRedirects(client)
	} else if isCheckRedirect(client.CheckRedirect) {
		ctx = context.WithValue(ctx, followRedirectsKey{}, true)
	}

	for attempt := 0; ; attempt++ {
		if err := cfg.limiter.Wait(ctx); err != nil {
			return nil, core.SDKErrorf(err, "", "rate-limiter-wait", componentInfo)
		}
		req, err := http.NewRequestWithContext(ctx, r.method, target, nil)
		if err != nil {
			return nil, core.SDKErrorf(fmt.Errorf("building the request: %w", err), "", "request-build-error", componentInfo)
		}
		secretsManager.setHeaders(req, r, gzipBody)
		if body != nil {
			setBody(req, body)
		}
		if err = service.Options.Authenticator.Authenticate(req); err != nil {
			return nil, core.SDKErrorf(err, fmt.Sprintf("authentication failed: %s", err.Error()), "auth-failed", componentInfo)
		}
		logRequest(req, body, gzipBody)

		resp, err := client.Do(req) // #nosec G704 -- the URL is the configured service URL
		if err != nil {
			if wait, ok := policy.retryConnError(r.method, attempt, err); ok {
				if err = sleepCtx(ctx, wait, err); err == nil {
					continue
				}
			} else if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return nil, core.SDKErrorf(err, "", "no-connection-made", componentInfo)
		}
		observeLimit(cfg.limiter, resp)
		if !cfg.followRedirects && isRedirect(resp) {
			_ = resp.Body.Close()
			detailed := &core.DetailedResponse{StatusCode: resp.StatusCode, Headers: resp.Header}
			return detailed, core.SDKErrorf(redirectError(r.operationID, resp), "", "redirect-refused", componentInfo)
		}
		data, readErr := readBody(resp, maxBody)
		_ = resp.Body.Close()
		detailed := &core.DetailedResponse{StatusCode: resp.StatusCode, Headers: resp.Header}
		logResponse(resp, data)

		if resp.StatusCode < 200 || resp.StatusCode >= 300 {
			apiErr := newAPIError(r.operationID, detailed, data)
			if wait, ok := policy.retryStatus(r.method, attempt, resp); ok {
				err := sleepCtx(ctx, wait, apiErr)
				if err == nil {
					continue
				}
				return detailed, core.SDKErrorf(err, "", "retry-wait-interrupted", componentInfo)
			}
			return detailed, core.SDKErrorf(apiErr, apiErr.Error(), "http-request-err", componentInfo)
		}
		if readErr != nil {
			err := fmt.Errorf("reading the response body: %w", readErr)
			if wait, ok := policy.retryConnError(r.method, attempt, readErr); ok && !errors.Is(readErr, ErrResponseTooLarge) {
				if err = sleepCtx(ctx, wait, err); err == nil {
					continue
				}
			} else if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return detailed, core.SDKErrorf(err, "", "cant-read-success-res-body", componentInfo)
		}
		if decode != nil && len(bytes.TrimSpace(data)) > 0 {
			if err := decode(data); err != nil {
				detailed.RawResult = data
				return detailed, core.SDKErrorf(fmt.Errorf("decoding the response of %s: %w", r.operationID, err), "", "unmarshal-resp-error", componentInfo)
			}
		}
		return detailed, nil
	}
}

// observeLimit adapts a rate limiter to an answer, and logs a change of its rate.
func observeLimit(l *RateLimiter, resp *http.Response) {
	if l == nil {
		return
	}
	var wait time.Duration
	if resp.StatusCode == http.StatusTooManyRequests {
		wait, _ = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	if l.Observe(resp.StatusCode, wait) && debugEnabled() {
		core.GetLogger().Debug("rate limiter: answer %d: %s", resp.StatusCode, l.Stats())
	}
}

// setBody gives req a body that can be read again (for a redirect followed with SetFollowRedirects).
func setBody(req *http.Request, body []byte) {
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
}

// Header values shared by every request. Each slice has no spare capacity, so that a header added
// to a request (Header.Add) copies it instead of writing into it.
var (
	userAgentValue        = []string{common.UserAgent()}
	acceptJSONValue       = []string{contentTypeJSON}
	contentTypeJSONValue  = []string{contentTypeJSON}
	contentTypeMergeValue = []string{contentTypeMergePatch}
	gzipValue             = []string{"gzip"}
	analyticsValues       sync.Map // operation ID -> []string
)

// analyticsValue returns the X-IBMCloud-SDK-Analytics header value of an operation, computed once.
func analyticsValue(operationID string) []string {
	if v, ok := analyticsValues.Load(operationID); ok {
		return v.([]string)
	}
	v := []string{common.AnalyticsHeader(serviceName, serviceVersion, operationID)}
	analyticsValues.Store(operationID, v)
	return v
}

func (secretsManager *SecretsManagerV2) setHeaders(req *http.Request, r *apiRequest, gzipBody bool) {
	h := make(http.Header, 6+len(r.headers))
	req.Header = h
	h["User-Agent"] = userAgentValue
	h["X-Ibmcloud-Sdk-Analytics"] = analyticsValue(r.operationID)
	if r.accept {
		h["Accept"] = acceptJSONValue
	}
	switch r.contentType {
	case contentTypeJSON:
		h["Content-Type"] = contentTypeJSONValue
	case contentTypeMergePatch:
		h["Content-Type"] = contentTypeMergeValue
	}
	if gzipBody {
		h["Content-Encoding"] = gzipValue
	}
	// Default headers replace the SDK's; the operation's header parameters and the call's own
	// headers replace them.
	for k, v := range secretsManager.Service.DefaultHeaders {
		h.Set(k, strings.Join(v, ""))
	}
	for i := 0; i+1 < len(r.paramHeaders); i += 2 {
		h.Set(r.paramHeaders[i], r.paramHeaders[i+1])
	}
	for k, v := range r.headers {
		h.Set(k, v)
	}
	if host := h.Get("Host"); host != "" {
		req.Host = host
	}
}

// readBody reads a response body, at most limit bytes. Its buffer grows with the bytes received,
// not with what Content-Length announces: an answer that announces more than it sends costs what
// it sends. A body over the limit is an error that matches ErrResponseTooLarge, and one shorter
// than announced is io.ErrUnexpectedEOF.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	n := resp.ContentLength
	if n > limit {
		return nil, fmt.Errorf("%w: the answer announces %d bytes, over the limit of %d bytes", ErrResponseTooLarge, n, limit)
	}
	size := int64(512) // unknown length: start small
	if n >= 0 {
		size = min(n+1, readChunk) // one more byte, to see the end of the body in the same read loop
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			next := 2 * int64(cap(buf))
			if n >= 0 && int64(len(buf)) <= n && 2*next > n+1 {
				next = n + 1 // the announced size, once half of it (at least) has arrived
			}
			next = min(next, limit+1)
			grown := make([]byte, len(buf), next)
			copy(grown, buf)
			buf = grown
		}
		m, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if int64(len(buf)) > limit {
			return nil, fmt.Errorf("%w: the body of the answer is over the limit of %d bytes", ErrResponseTooLarge, limit)
		}
		if err == io.EOF {
			if n >= 0 && int64(len(buf)) < n {
				return buf, io.ErrUnexpectedEOF
			}
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// readChunk bounds the buffer first allocated for a body of announced length: past it, the buffer
// doubles as the bytes arrive.
const readChunk = 64 << 10

// sleepCtx waits for d, or until ctx is done, whichever comes first. It returns nil after a full
// wait, else the context's error joined with cause (the failure that made the wait necessary): at
// once, without waiting, when the deadline of ctx comes before the wait would end.
func sleepCtx(ctx context.Context, d time.Duration, cause error) error {
	interrupted := func(ctxErr error) error {
		return &retryWaitError{ctxErr: ctxErr, cause: cause}
	}
	if err := ctx.Err(); err != nil {
		return interrupted(err)
	}
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return interrupted(context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return interrupted(ctx.Err())
	case <-t.C:
		return nil
	}
}

// retryWaitError is the error of a call whose wait before a retry was cut short by its context: it
// matches the context's error and the failure that made the retry necessary (the last answer).
type retryWaitError struct {
	ctxErr error
	cause  error
}

// Error says that the wait was interrupted, and why it was needed.
func (e *retryWaitError) Error() string {
	return e.ctxErr.Error() + " before the retry of a failed attempt: " + e.cause.Error()
}

// Unwrap returns the context's error and the cause of the retry.
func (e *retryWaitError) Unwrap() []error { return []error{e.ctxErr, e.cause} }

// The methods of go-sdk-core's Problem: a retryWaitError is the problem a *core.SDKProblem wraps,
// rather than the *APIError inside it, so that the context's error stays in the chain.

// GetConsoleMessage returns the message for a user.
func (e *retryWaitError) GetConsoleMessage() string { return e.Error() }

// GetDebugMessage returns the message for a developer.
func (e *retryWaitError) GetDebugMessage() string { return e.Error() }

// GetID returns the problem's identifier: the cause's, when it has one.
func (e *retryWaitError) GetID() string {
	var p core.Problem
	if errors.As(e.cause, &p) {
		return p.GetID()
	}
	return "retry-wait-interrupted"
}

// followRedirectsKey marks, in a request's context, a call that follows redirects
// (SetFollowRedirects) with a client whose CheckRedirect is checkRedirect.
type followRedirectsKey struct{}

// checkRedirect is the CheckRedirect of the HTTP clients this SDK makes: it refuses every redirect
// (the answer is handed back as it is, and the call reports it as an ErrRedirected error),
// unless the call follows redirects (SetFollowRedirects), then it allows as many as Go's default.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if req.Context().Value(followRedirectsKey{}) != nil {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
	return http.ErrUseLastResponse
}

var checkRedirectPC = reflect.ValueOf(checkRedirect).Pointer()

// isCheckRedirect reports whether f is checkRedirect.
func isCheckRedirect(f func(*http.Request, []*http.Request) error) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == checkRedirectPC
}

// refusingRedirects returns client, or, when it may follow redirects (a client the user set), a
// copy of it that shares its transport and refuses them.
func refusingRedirects(client *http.Client) *http.Client {
	if isCheckRedirect(client.CheckRedirect) {
		return client
	}
	c := *client
	c.CheckRedirect = checkRedirect
	return &c
}

// isRedirect reports whether resp is a redirect that an HTTP client would follow.
func isRedirect(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return resp.Header.Get("Location") != ""
	}
	return false
}

// redirectError describes a redirect answer that was not followed: its status and its target
// (without the target's user information or query, which may hold credentials).
func redirectError(operationID string, resp *http.Response) error {
	var target string
	if u, err := resp.Location(); err == nil {
		query := u.RawQuery != "" || u.ForceQuery
		u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
		target = u.String()
		if query {
			target += "?..."
		}
	} else {
		target = "an invalid Location"
	}
	return fmt.Errorf("%w: %s was answered %d %s, to %s; the Secrets Manager API never redirects, so the SDK does not follow it "+
		"(the request, its body and its credentials were not sent there): check the service URL, or call SetFollowRedirects(true) to follow redirects",
		ErrRedirected, operationID, resp.StatusCode, http.StatusText(resp.StatusCode), target)
}
