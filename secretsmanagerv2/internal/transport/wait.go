package transport

import (
	"context"
	"errors"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
)

// Sleep waits for d, or until ctx is done, whichever comes first. It returns nil after a full
// wait, else a *WaitError that matches the context's error and cause (the failure that made the
// wait necessary): at once, without waiting, when the deadline of ctx comes before the wait would
// end.
func Sleep(ctx context.Context, d time.Duration, cause error) error {
	if err := ctx.Err(); err != nil {
		return &WaitError{ctxErr: err, cause: cause}
	}
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return &WaitError{ctxErr: context.DeadlineExceeded, cause: cause}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return &WaitError{ctxErr: ctx.Err(), cause: cause}
	case <-t.C:
		return nil
	}
}

// WaitError is the error of a call whose wait before a retry was cut short by its context: it
// matches the context's error and the failure that made the retry necessary (the last answer).
type WaitError struct {
	ctxErr error
	cause  error
}

// Error says that the wait was interrupted, and why it was needed.
func (e *WaitError) Error() string {
	return e.ctxErr.Error() + " before the retry of a failed attempt: " + e.cause.Error()
}

// Unwrap returns the context's error and the cause of the retry.
func (e *WaitError) Unwrap() []error { return []error{e.ctxErr, e.cause} }

// The methods of go-sdk-core's Problem: a WaitError is the problem a *core.SDKProblem wraps,
// rather than the error answer inside it, so that the context's error stays in the chain.

// GetConsoleMessage returns the message for a user.
func (e *WaitError) GetConsoleMessage() string { return e.Error() }

// GetDebugMessage returns the message for a developer.
func (e *WaitError) GetDebugMessage() string { return e.Error() }

// GetID returns the problem's identifier: the cause's, when it has one.
func (e *WaitError) GetID() string {
	var p core.Problem
	if errors.As(e.cause, &p) {
		return p.GetID()
	}
	return "retry-wait-interrupted"
}
