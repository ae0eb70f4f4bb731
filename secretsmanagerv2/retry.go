package secretsmanagerv2

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

const (
	defaultMaxRetries       = 4
	defaultMaxRetryInterval = 30 * time.Second
	// retryBaseWait is the first backoff step; each retry doubles it, up to the maximum interval.
	retryBaseWait = 250 * time.Millisecond
)

// retryPolicy is the retry configuration of a client; the zero value retries nothing.
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
	// Full jitter in [d/2, d): a fleet of clients does not retry in lockstep.
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// retryStatus decides whether an error answer is retried, and after how long.
func (p retryPolicy) retryStatus(method string, attempt int, resp *http.Response) (time.Duration, bool) {
	if attempt >= p.maxRetries {
		return 0, false
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		// The service refused the request without processing it: safe for every method.
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, p.maxInterval), true
		}
		return p.backoff(attempt), true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if idempotent(method) {
			if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				return min(d, p.maxInterval), true
			}
			return p.backoff(attempt), true
		}
	}
	return 0, false
}

// retryConnError decides whether a transport error is retried. A request that may have been sent
// is retried only when repeating it is harmless; one that never left (no connection) always may be.
func (p retryPolicy) retryConnError(method string, attempt int, err error) (time.Duration, bool) {
	if attempt >= p.maxRetries {
		return 0, false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
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
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}
