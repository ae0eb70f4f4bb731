package secretsmanagerv2

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// redacted replaces a secret value in what the SDK shows.
const redacted = transport.Redacted

// sensitiveHeaders are the headers whose values are never logged.
var sensitiveHeaders = transport.SensitiveHeaders

func debugEnabled() bool {
	return core.GetLogger().IsLogLevelEnabled(core.LevelDebug)
}

// debugLog writes each attempt of a call and its answer to go-sdk-core's debug log, with every
// secret value redacted: the values of sensitive properties and headers, and whatever the answer
// echoes of the secrets the request carried.
type debugLog struct {
	gzipped bool // the request body is gzip-compressed: it is not shown
}

// Request logs an attempt.
func (l debugLog) Request(req *http.Request, body []byte) {
	shown := "<gzip-compressed body>"
	if !l.gzipped {
		shown = redactBody(body)
	}
	core.GetLogger().Debug("Request:\n%s %s\n%s\n%s\n", req.Method, req.URL.String(), formatHeaders(req.Header), shown)
}

// Answer logs the answer of an attempt.
func (debugLog) Answer(resp *http.Response, body []byte, sent *transport.Secrets) {
	core.GetLogger().Debug("Response:\n%s\n%s\n%s\n", resp.Status, formatHeaders(resp.Header), sent.Scrub(redactBody(body)))
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
func redactBody(body []byte) string { return transport.RedactBody(body) }
