package vault

import (
	"context"
	"net/http"
	"time"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/retry"
)

// The retry rules are the v2 client's (secretsmanagerv2.SecretsManagerV2.EnableRetries), from the
// module's internal/retry.

const (
	defaultMaxRetries       = retry.DefaultMaxRetries
	defaultMaxRetryInterval = retry.DefaultMaxInterval
)

// retryPolicy is a client's retry configuration; the zero value retries nothing.
type retryPolicy struct {
	maxRetries  int
	maxInterval time.Duration
}

func (p retryPolicy) rules() retry.Policy {
	return retry.Policy{MaxRetries: p.maxRetries, MaxInterval: p.maxInterval}
}

// retryStatus decides whether an error answer is retried, and after how long.
func (p retryPolicy) retryStatus(method string, attempt int, status int, header http.Header) (time.Duration, bool) {
	return p.rules().Status(method, attempt, status, header)
}

// retryConnError decides whether a transport error is retried.
func (p retryPolicy) retryConnError(method string, attempt int, err error) (time.Duration, bool) {
	return p.rules().ConnError(method, attempt, err)
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
