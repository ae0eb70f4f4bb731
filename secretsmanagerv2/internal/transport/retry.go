package transport

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
	// DefaultMaxRetries is the number of retries when a client enables them without a number.
	DefaultMaxRetries = 4
	// DefaultMaxInterval caps a wait when a client enables retries without a maximum.
	DefaultMaxInterval = 30 * time.Second
	// baseWait is the first backoff step; each retry doubles it, up to the maximum interval.
	baseWait = 250 * time.Millisecond
	// maxRetryAfter caps a Retry-After header.
	maxRetryAfter = 24 * time.Hour
)

// Policy is a client's retry configuration; the zero value retries nothing.
type Policy struct {
	MaxRetries  int
	MaxInterval time.Duration
}

// Idempotent reports whether sending the request twice has the effect of sending it once.
func Idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// Backoff is the jittered exponential wait before retry number attempt+1.
func (p Policy) Backoff(attempt int) time.Duration {
	d := baseWait << min(attempt, 16)
	if d > p.MaxInterval || d <= 0 {
		d = p.MaxInterval
	}
	// Full jitter in [d/2, d): a fleet of clients does not retry in lockstep.
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// Status decides whether an error answer is retried, and after how long: 429 for every method
// (the service refused the request without processing it), 500, 502, 503 and 504 for the
// idempotent ones. A Retry-After header is honoured up to the maximum interval.
func (p Policy) Status(method string, attempt, status int, header http.Header) (time.Duration, bool) {
	if attempt >= p.MaxRetries {
		return 0, false
	}
	switch status {
	case http.StatusTooManyRequests:
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if !Idempotent(method) {
			return 0, false
		}
	default:
		return 0, false
	}
	if d, ok := After(header.Get("Retry-After"), time.Now()); ok {
		return min(d, p.MaxInterval), true
	}
	return p.Backoff(attempt), true
}

// ConnError decides whether a transport error is retried. A request that may have been sent is
// retried only when repeating it is harmless; one that never left (no connection) always may be.
func (p Policy) ConnError(method string, attempt int, err error) (time.Duration, bool) {
	if attempt >= p.MaxRetries || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return 0, false
	}
	if Idempotent(method) || notSent(err) {
		return p.Backoff(attempt), true
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

// After parses a Retry-After header: a number of seconds or an HTTP date, at most a day.
func After(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}
