package vault

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// The retry rules are the v2 client's (secretsmanagerv2.SecretsManagerV2.EnableRetries).
const (
	defaultMaxRetries       = 4
	defaultMaxRetryInterval = 30 * time.Second
	retryBaseWait           = 250 * time.Millisecond
)

// retryPolicy is a client's retry configuration; the zero value retries nothing.
type retryPolicy struct {
	maxRetries  int
	maxInterval time.Duration
}

// idempotent reports whether sending the request twice has the effect of sending it once.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// backoff is the jittered exponential wait before retry number attempt+1.
func (p retryPolicy) backoff(attempt int) time.Duration {
	d := retryBaseWait << min(attempt, 16)
	if d > p.maxInterval || d <= 0 {
		d = p.maxInterval
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// retryStatus decides whether an error answer is retried, and after how long: 429 for every
// method, 500, 502, 503 and 504 for the idempotent ones.
func (p retryPolicy) retryStatus(method string, attempt int, status int, header http.Header) (time.Duration, bool) {
	if attempt >= p.maxRetries {
		return 0, false
	}
	switch status {
	case http.StatusTooManyRequests:
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if !idempotent(method) {
			return 0, false
		}
	default:
		return 0, false
	}
	if d, ok := retryAfter(header.Get("Retry-After"), time.Now()); ok {
		return min(d, p.maxInterval), true
	}
	return p.backoff(attempt), true
}

// retryConnError decides whether a transport error is retried: a request that may have been sent
// only when repeating it is harmless, one that never left always.
func (p retryPolicy) retryConnError(method string, attempt int, err error) (time.Duration, bool) {
	if attempt >= p.maxRetries || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return 0, false
	}
	if idempotent(method) || notSent(err) {
		return p.backoff(attempt), true
	}
	return 0, false
}

// notSent reports whether err happened before any byte of the request could reach the service.
func notSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// retryAfter parses a Retry-After header: a number of seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, int64(24*time.Hour/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleepCtx waits for d, or until ctx is done.
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
