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
	policy, timeout := secretsManager.settings()
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

	for attempt := 0; ; attempt++ {
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

		resp, err := service.Client.Do(req) // #nosec G704 -- the URL is the configured service URL
		if err != nil {
			if wait, ok := policy.retryConnError(r.method, attempt, err); ok && sleepCtx(ctx, wait) == nil {
				continue
			}
			if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return nil, core.SDKErrorf(err, "", "no-connection-made", componentInfo)
		}
		data, readErr := readBody(resp)
		_ = resp.Body.Close()
		detailed := &core.DetailedResponse{StatusCode: resp.StatusCode, Headers: resp.Header}
		logResponse(resp, data)

		if resp.StatusCode < 200 || resp.StatusCode >= 300 {
			if wait, ok := policy.retryStatus(r.method, attempt, resp); ok && sleepCtx(ctx, wait) == nil {
				continue
			}
			return detailed, newAPIError(r.operationID, detailed, data)
		}
		if readErr != nil {
			return detailed, core.SDKErrorf(fmt.Errorf("reading the response body: %w", readErr), "", "cant-read-success-res-body", componentInfo)
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

// setBody gives req a body that can be read again (for a redirect).
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
	for i := 0; i+1 < len(r.paramHeaders); i += 2 {
		h.Set(r.paramHeaders[i], r.paramHeaders[i+1])
	}
	for k, v := range r.headers {
		h.Set(k, v)
	}
	for k, v := range secretsManager.Service.DefaultHeaders {
		h.Set(k, strings.Join(v, ""))
	}
	if host := h.Get("Host"); host != "" {
		req.Host = host
	}
}

// readBody reads a response body (at most maxResponseBody bytes), sized by its Content-Length.
func readBody(resp *http.Response) ([]byte, error) {
	n := resp.ContentLength
	if n < 0 || n > maxResponseBody {
		return io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	}
	buf := make([]byte, n+1) // one more byte, to see the end of the body in the same read loop
	read := 0
	for {
		m, err := resp.Body.Read(buf[read:])
		read += m
		if err == io.EOF {
			return buf[:read], nil
		}
		if err != nil {
			return buf[:read], err
		}
		if read == len(buf) { // longer than announced
			rest, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody-int64(read)))
			return append(buf, rest...), err
		}
	}
}

// sleepCtx waits for d, or until ctx is done, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
