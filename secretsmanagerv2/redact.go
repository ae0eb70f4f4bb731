package secretsmanagerv2

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/IBM/go-sdk-core/v5/core"
)

const redacted = "[redacted]"

// sensitiveHeaders are the headers whose values are never logged.
var sensitiveHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Set-Cookie":          true,
	"X-Auth-Token":        true,
}

func debugEnabled() bool {
	return core.GetLogger().IsLogLevelEnabled(core.LevelDebug)
}

// logRequest writes a request to go-sdk-core's debug log with every secret value redacted.
func logRequest(req *http.Request, body []byte, gzipped bool) {
	if !debugEnabled() {
		return
	}
	shown := "<gzip-compressed body>"
	if !gzipped {
		shown = redactBody(body)
	}
	core.GetLogger().Debug("Request:\n%s %s\n%s\n%s\n", req.Method, req.URL.String(), formatHeaders(req.Header), shown)
}

// logResponse writes a response to go-sdk-core's debug log with every secret value redacted.
func logResponse(resp *http.Response, body []byte) {
	if !debugEnabled() {
		return
	}
	core.GetLogger().Debug("Response:\n%s\n%s\n%s\n", resp.Status, formatHeaders(resp.Header), redactBody(body))
}

func formatHeaders(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		if sensitiveHeaders[http.CanonicalHeaderKey(k)] {
			v = redacted
		}
		fmt.Fprintf(&b, "%s: %s\n", k, v)
	}
	return b.String()
}

// redactBody returns a JSON body with the values of its sensitive properties, at any depth,
// replaced; a body that is not JSON is not shown at all, since it cannot be redacted reliably.
func redactBody(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	var v interface{}
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Sprintf("<%d bytes of non-JSON body not shown>", len(body))
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return fmt.Sprintf("<%d bytes of body not shown>", len(body))
	}
	return string(out)
}

func redactValue(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, val := range t {
			if sensitiveKeys[strings.ToLower(k)] {
				t[k] = redacted
			} else {
				t[k] = redactValue(val)
			}
		}
	case []interface{}:
		for i := range t {
			t[i] = redactValue(t[i])
		}
	}
	return v
}
