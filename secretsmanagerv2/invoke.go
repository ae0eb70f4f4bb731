package secretsmanagerv2

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/common"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

const (
	serviceName    = "secrets_manager"
	serviceVersion = "V2"

	contentTypeJSON       = "application/json"
	contentTypeMergePatch = "application/merge-patch+json"

	// maxResponseBody bounds how much of a response body is read (64 MiB: far above any page).
	maxResponseBody = transport.MaxResponseBody
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

// pathEscape escapes a path parameter so that it stays one path segment (see transport.PathEscape).
var pathEscape = transport.PathEscape

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

// invoke sends a request with the client's retry policy and rate limiter (the loop of
// internal/transport, shared with the Vault client), and hands a successful JSON answer to
// decode; an operation with a result (decode not nil) answered with an empty body fails. It
// returns the DetailedResponse of the last attempt, also on error. Every error names the operation.
func (secretsManager *SecretsManagerV2) invoke(ctx context.Context, r *apiRequest, decode func([]byte) error) (*core.DetailedResponse, error) {
	fail := func(err error, discriminator string) error { return callError(r.operationID, err, discriminator) }
	service := secretsManager.Service
	if service == nil || service.Options == nil || core.IsNil(service.Options.Authenticator) {
		return nil, fail(errors.New("the client has no authenticator: construct it with NewSecretsManagerV2"), "missing-auth")
	}
	serviceURL := service.GetServiceURL()
	if serviceURL == "" {
		return nil, fail(errors.New(core.ERRORMSG_SERVICE_URL_MISSING+": set it with SetServiceURL"), "no-url")
	}
	if strings.ContainsAny(serviceURL, "?#") { // set on the core.BaseService, past SetServiceURL's check
		return nil, fail(checkServiceURL(serviceURL), "url-set-error")
	}
	client := service.Client
	if client == nil {
		return nil, fail(errors.New("the client has no HTTP client: construct it with NewSecretsManagerV2"), "no-http-client")
	}
	cfg := secretsManager.settings()
	ctx, cancel := transport.WithTimeout(ctx, cfg.timeout)
	defer cancel()

	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return nil, fail(fmt.Errorf("encoding the request body: %w", err), "body-encode-error")
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
	authenticator := service.Options.Authenticator
	call := &transport.Call{
		Op: r.operationID, Method: r.method, URL: target, Body: body,
		Prepare: func(req *http.Request) error {
			secretsManager.setHeaders(req, r, gzipBody)
			return authenticator.Authenticate(req)
		},
		Client: client, FollowRedirects: cfg.followRedirects,
		RedirectHint: "check the service URL, or call SetFollowRedirects(true) to follow redirects",
		Retry:        cfg.retry, Limiter: cfg.limiter, MaxBody: cfg.maxBody,
		AnswerError: func(a *transport.Answer) error { return newAPIError(r.operationID, a) },
	}
	if debugEnabled() {
		call.Log = debugLog{gzipped: gzipBody}
	}
	a, err := transport.Do(ctx, call)
	var detailed *core.DetailedResponse
	if a != nil {
		detailed = &core.DetailedResponse{StatusCode: a.Status, Headers: a.Header}
	}
	if err != nil {
		var f *transport.Failure
		if errors.As(err, &f) {
			var apiErr *APIError
			if errors.As(f.Err, &apiErr) {
				detailed = apiErr.Response
			}
			if f.ID == "auth-failed" {
				return nil, core.SDKErrorf(f.Err, errPrefix+r.operationID+": authentication failed: "+f.Err.Error(), f.ID, componentInfo)
			}
			return detailed, fail(f.Err, f.ID)
		}
		return detailed, fail(err, "http-request-err")
	}
	if a.Status < 200 || a.Status >= 300 {
		apiErr := newAPIError(r.operationID, a)
		return apiErr.Response, core.SDKErrorf(apiErr, apiErr.Error(), "http-request-err", componentInfo)
	}
	if decode != nil {
		if len(bytes.TrimSpace(a.Body)) == 0 {
			return detailed, fail(fmt.Errorf("%w: %s answered %d with an empty body: the operation documents a result", ErrEmptyResponse, r.operationID, a.Status), "empty-response")
		}
		if err := decode(a.Body); err != nil {
			detailed.RawResult = a.Body
			return detailed, fail(fmt.Errorf("decoding the response of %s: %w", r.operationID, transport.ScrubDecodeError(err)), "unmarshal-resp-error")
		}
	}
	return detailed, nil
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

// setHeaders sets the headers of an attempt: the SDK's, then the default headers, the operation's
// header parameters and the call's own headers, each replacing the ones before.
func (secretsManager *SecretsManagerV2) setHeaders(req *http.Request, r *apiRequest, gzipBody bool) {
	h := req.Header
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

