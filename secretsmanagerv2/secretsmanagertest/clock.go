package secretsmanagertest

import (
	"fmt"
	"sync/atomic"
	"time"
)

// clockOffset is how far a Handler's clock is ahead of the clock it was
// given (time.Now by default): AdvanceClock moves it.
type clockOffset struct{ d atomic.Int64 }

func (c *clockOffset) get() time.Duration  { return time.Duration(c.d.Load()) }
func (c *clockOffset) set(d time.Duration) { c.d.Store(int64(d)) }

// wrap returns now moved by the offset.
func (c *clockOffset) wrap(now func() time.Time) func() time.Time {
	return func() time.Time { return now().Add(c.get()) }
}

// Now returns the time of the handler's clock: the real time (or the
// synctest bubble's) plus what AdvanceClock added.
func (h *Handler) Now() time.Time { return h.cfg.now().UTC() }

// AdvanceClock moves the handler's clock d ahead (d must not be negative)
// and returns the new time. Everything that depends on time follows on the
// next request that looks at it: expiration dates, automatic rotations
// (next_rotation_date), leases of iam_credentials and custom_credentials,
// task time-outs, certificate validity, public certificate orders, Vault
// login tokens and the access tokens of the IAM endpoint. With a data file
// the new offset is on disk before AdvanceClock returns.
func (h *Handler) AdvanceClock(d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, fmt.Errorf("secretsmanagertest: AdvanceClock(%v): the clock only moves forward", d)
	}
	h.mu.Lock()
	h.clock.set(h.clock.get() + d)
	t, err := h.persistCommit(nil)
	now := h.Now()
	h.mu.Unlock()
	if err == nil {
		err = h.persistWait(t)
	}
	return now, err
}
