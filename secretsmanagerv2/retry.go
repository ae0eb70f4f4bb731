package secretsmanagerv2

import (
	"net/http"
	"time"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/retry"
)

// The retry rules live in internal/retry, shared with the Vault-compatible client (package vault):
// 429 for every method, 500, 502, 503 and 504 and broken connections for the idempotent ones, a
// connection that was never made for any, with jittered exponential waits and Retry-After.

const (
	defaultMaxRetries       = retry.DefaultMaxRetries
	defaultMaxRetryInterval = retry.DefaultMaxInterval
)

// retryPolicy is the retry configuration of a client; the zero value retries nothing.
type retryPolicy struct {
	maxRetries  int
	maxInterval time.Duration
}

func (p retryPolicy) rules() retry.Policy {
	return retry.Policy{MaxRetries: p.maxRetries, MaxInterval: p.maxInterval}
}

// backoff is the jittered exponential wait before retry number attempt+1.
func (p retryPolicy) backoff(attempt int) time.Duration { return p.rules().Backoff(attempt) }

// retryStatus decides whether an error answer is retried, and after how long.
func (p retryPolicy) retryStatus(method string, attempt int, resp *http.Response) (time.Duration, bool) {
	return p.rules().Status(method, attempt, resp.StatusCode, resp.Header)
}

// retryConnError decides whether a transport error is retried.
func (p retryPolicy) retryConnError(method string, attempt int, err error) (time.Duration, bool) {
	return p.rules().ConnError(method, attempt, err)
}

// retryAfter parses a Retry-After header: a number of seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) { return retry.After(v, now) }
