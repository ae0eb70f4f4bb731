package secretsmanagerv2

import (
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// RateLimiter is a client-side rate limiter that keeps a client (or several: the v2 client, its
// clones and the Vault-compatible client of package vault can share one) below a number of
// requests per second. The Secrets Manager API reference asks each client instance to stay below
// 20 requests per second.
//
// Make one with NewRateLimiter and give it to a client with SetRateLimiter, or use SetRateLimit.
// A RateLimiter is safe for concurrent use: every goroutine using the client, and every Clone of
// the client, shares it. Every attempt takes a slot, retries included. A call waits for its slot
// within its context: the wait ends when the context is done, and a wait that would end after the
// context's deadline is not started (the call fails at once, with an error that matches
// context.DeadlineExceeded and says so). A call that fails so sends nothing.
//
// The limiter adapts to the service: a 429 Too Many Requests answer halves the rate in force (at
// least the floor, a tenth of the configured rate, see RateLimiterStats.MinRate), and each answer
// that is not 429 raises a lowered rate by a twentieth of the configured rate, never above it. A
// Retry-After header on a 429 holds every request of the limiter back until it has passed (and
// the retry, when retries are enabled, waits for it as before).
//
// Stats tells the rate in force, the time spent waiting and the 429s seen; it is a slog.LogValuer,
// so slog.Any("rate_limiter", limiter.Stats()) logs its fields, and the client logs at debug level
// each change of the rate.
type RateLimiter = transport.Limiter

// RateLimiterStats are a RateLimiter's configuration (Rate, Burst, MinRate) and what it has done
// (CurrentRate, Requests, Waits, TotalWait, TooManyRequests), as its Stats method returns them.
type RateLimiterStats = transport.Stats

// ErrRateLimiterDeadline is matched by the error of a call that was not sent because its wait for
// the rate limiter would have ended after its context's deadline (the error also matches
// context.DeadlineExceeded).
var ErrRateLimiterDeadline = transport.ErrLimiterDeadline

// NewRateLimiter returns a rate limiter of requestsPerSecond (at least 0.001) that lets burst
// requests (at least 1) go at once after a quiet time. Give it to clients with SetRateLimiter.
func NewRateLimiter(requestsPerSecond float64, burst int) *RateLimiter {
	return transport.NewLimiter(requestsPerSecond, burst)
}

// SetRateLimiter makes every request of the client (every attempt, retries included) wait for a
// slot of limiter; nil turns rate limiting off (the default). The client's clones made after this
// call share the limiter, and so does any other client given the same limiter. See RateLimiter.
func (secretsManager *SecretsManagerV2) SetRateLimiter(limiter *RateLimiter) {
	secretsManager.update(func(s *clientSettings) { s.limiter = limiter })
}

// GetRateLimiter returns the client's rate limiter, or nil when it has none.
func (secretsManager *SecretsManagerV2) GetRateLimiter() *RateLimiter {
	return secretsManager.settings().limiter
}

// SetRateLimit gives the client a new rate limiter of requestsPerSecond with bursts of burst
// requests: SetRateLimiter(NewRateLimiter(requestsPerSecond, burst)). A requestsPerSecond of 0 or
// less turns rate limiting off.
func (secretsManager *SecretsManagerV2) SetRateLimit(requestsPerSecond float64, burst int) {
	if requestsPerSecond <= 0 {
		secretsManager.SetRateLimiter(nil)
		return
	}
	secretsManager.SetRateLimiter(NewRateLimiter(requestsPerSecond, burst))
}
