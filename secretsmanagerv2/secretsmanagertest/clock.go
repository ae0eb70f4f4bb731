package secretsmanagertest

import (
	"encoding/json"
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

// stateDestroyed is the state of a secret past its expiration date.
const stateDestroyed = 5

// timeDriven applies to sec what the clock made due, on every lookup of the
// secret (after its kind's refresh): an automatic rotation whose
// next_rotation_date has come makes a new version (auto_rotated true) and
// schedules the next one; a secret past its expiration_date is destroyed
// (state 5, its data gone), unless that date came before the secret was
// created; leased credentials (iam_credentials, service_credentials) are
// left to their kinds. Secrets with tasks (custom_credentials) do both
// through their tasks. It records the secret (store.touch) before changing it.
func (s *store) timeDriven(sec *secret) {
	if sec.kind.tasks() != nil {
		return
	}
	now := s.now()
	if r := sec.kind.rotation(); r != nil && r.next != nil && !now.Before(*r.next) && sec.state == 1 &&
		(sec.expiration == nil || now.Before(*sec.expiration)) {
		if prev := sec.previous(); prev != nil && len(prev.locks) > 0 {
			return // the rotation would push a locked version out: it waits
		}
		due := *r.next
		v := s.blankVersion()
		v.createdAt = due
		v.autoRotated = true
		s.touch(sec)
		pending, e := sec.kind.newVersion(s, sec, v, &body{m: map[string]json.RawMessage{}}, true)
		if e == errKeyNeeded {
			return // the request runs again with the key (Handler.run)
		}
		if e == nil && !pending {
			s.addVersion(sec, v)
			sec.updatedAt = due
		}
		r.reschedule(due)
		if r.next != nil && !now.Before(*r.next) {
			r.reschedule(now) // one rotation for the intervals missed
		}
	}
	// An expiration date already past when the secret was made (the API
	// reference's examples use 2020 dates, accepted as is) is not applied.
	// Leased credentials (a ttl) are the kinds' business: a new key or new
	// credentials with their own expiration on the next read or rotation.
	leased := sec.typ == "iam_credentials" || sec.typ == "service_credentials"
	if !leased && sec.expiration != nil && !now.Before(*sec.expiration) && sec.expiration.After(sec.createdAt) && sec.state != stateDestroyed {
		s.touch(sec)
		sec.state = stateDestroyed
		sec.updatedAt = *sec.expiration
		for _, v := range sec.versions {
			v.eraseData()
		}
		if r := sec.kind.rotation(); r != nil {
			r.next = nil
		}
	}
}
