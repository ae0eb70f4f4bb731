package vault

import (
	"context"
	"time"
)

// The retry rules are the v2 client's (secretsmanagerv2.SecretsManagerV2.EnableRetries): the
// Client holds a retry.Policy of the module's internal/retry.

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
