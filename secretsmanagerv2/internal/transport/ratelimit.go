package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"
)

// The adaptation rules of a Limiter.
const (
	// decreaseFactor multiplies the current rate on a 429 answer.
	decreaseFactor = 0.5
	// floorFraction of the configured rate is the least the rate is lowered to (and at most
	// floorMax requests per second): a limiter throttled again and again still lets requests out.
	floorFraction = 0.1
	// increaseFraction of the configured rate is added to the current rate for each good answer
	// (a status that is not 429) once the rate was lowered, up to the configured rate: after a 429
	// halved it, about ten good answers bring it back.
	increaseFraction = 0.05
)

// Limiter is a client-side rate limiter: a token bucket of Burst tokens refilled at the current
// rate, which lowers itself on 429 answers and raises itself again while answers are good. It is
// safe for concurrent use, and one Limiter can be shared by several clients.
type Limiter struct {
	mu         sync.Mutex
	configured float64 // requests per second
	rate       float64 // current requests per second, in [floor, configured]
	floor      float64
	burst      float64
	// tokens is the bucket's content at time last; it is negative while attempts wait for the
	// slots promised to them.
	tokens float64
	// last is when tokens was counted; during a Retry-After it is the end of the pause, in the
	// future, and the bucket does not fill before then.
	last time.Time
	// retake is closed when a 429 takes back the slots promised so far: the attempts waiting for
	// them reserve again, at the lowered rate and after the Retry-After.
	retake chan struct{}

	requests  int64
	throttled int64
	waits     int64
	waited    time.Duration
}

// NewLimiter returns a limiter of requestsPerSecond (at least 0.001) with bursts of burst requests
// (at least 1).
func NewLimiter(requestsPerSecond float64, burst int) *Limiter {
	if math.IsNaN(requestsPerSecond) || requestsPerSecond < 0.001 {
		requestsPerSecond = 0.001
	}
	if math.IsInf(requestsPerSecond, 1) {
		requestsPerSecond = math.MaxFloat64
	}
	if burst < 1 {
		burst = 1
	}
	return &Limiter{
		configured: requestsPerSecond,
		rate:       requestsPerSecond,
		floor:      requestsPerSecond * floorFraction,
		burst:      float64(burst),
		tokens:     float64(burst),
		retake:     make(chan struct{}),
	}
}

// Stats are a Limiter's configuration and what it has done.
type Stats struct {
	// Rate is the configured rate, in requests per second.
	Rate float64
	// CurrentRate is the rate in force, lowered after 429 answers, in requests per second.
	CurrentRate float64
	// MinRate is the floor below which 429 answers do not lower the rate.
	MinRate float64
	// Burst is the number of requests that may go at once after a quiet time.
	Burst int
	// Requests counts the attempts that went through the limiter, retries included.
	Requests int64
	// Waits counts the attempts that had to wait.
	Waits int64
	// TotalWait is the time the attempts spent waiting for the limiter, added up.
	TotalWait time.Duration
	// TooManyRequests counts the 429 answers seen.
	TooManyRequests int64
}

// LogValue describes the stats as a slog group, so that slog.Any("rate_limiter", stats) logs
// its fields.
func (s Stats) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Float64("rate", s.Rate),
		slog.Float64("current_rate", s.CurrentRate),
		slog.Int("burst", s.Burst),
		slog.Int64("requests", s.Requests),
		slog.Int64("waits", s.Waits),
		slog.Duration("total_wait", s.TotalWait),
		slog.Int64("too_many_requests", s.TooManyRequests),
	)
}

// String describes the stats on one line.
func (s Stats) String() string {
	return fmt.Sprintf("rate %.3g/s (configured %.3g/s, burst %d), %d requests, %d waited %s in all, %d answered 429",
		s.CurrentRate, s.Rate, s.Burst, s.Requests, s.Waits, s.TotalWait, s.TooManyRequests)
}

// Stats returns the limiter's configuration and counters.
func (l *Limiter) Stats() Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return Stats{
		Rate: l.configured, CurrentRate: l.rate, MinRate: l.floor, Burst: int(l.burst),
		Requests: l.requests, Waits: l.waits, TotalWait: l.waited, TooManyRequests: l.throttled,
	}
}

// ErrLimiterDeadline is matched by the error of a wait for the limiter that would end after the
// context's deadline; the error matches context.DeadlineExceeded too.
var ErrLimiterDeadline = errors.New("the rate limiter's wait would end after the context's deadline")

// limiterWaitError is the error of a wait that was refused or interrupted.
type limiterWaitError struct {
	wait   time.Duration
	ctxErr error
	early  bool // refused before waiting: the deadline comes first
}

// Error says how long the wait was and why it did not take place.
func (e *limiterWaitError) Error() string {
	if e.early {
		return fmt.Sprintf("the rate limiter's wait of %s would end after the context's deadline: not sent", e.wait.Round(time.Millisecond))
	}
	return fmt.Sprintf("%v while waiting %s for the rate limiter: not sent", e.ctxErr, e.wait.Round(time.Millisecond))
}

// Unwrap returns the context's error (and ErrLimiterDeadline for a wait refused).
func (e *limiterWaitError) Unwrap() []error {
	if e.early {
		return []error{ErrLimiterDeadline, e.ctxErr}
	}
	return []error{e.ctxErr}
}

// refill brings the bucket up to now. l.mu is held.
func (l *Limiter) refill(now time.Time) {
	if l.last.IsZero() {
		l.last = now
		return
	}
	if elapsed := now.Sub(l.last); elapsed > 0 {
		l.tokens = min(l.burst, l.tokens+elapsed.Seconds()*l.rate)
		l.last = now
	}
}

// slot returns how long from now the next free slot is: after a Retry-After pause, once the
// bucket holds a token. l.mu is held.
func (l *Limiter) slot(now time.Time) time.Duration {
	l.refill(now)
	wait := max(0, l.last.Sub(now))
	if l.tokens < 1 {
		wait += time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
	}
	return wait
}

// Wait takes a slot for one attempt, waiting for it as long as needed. It fails at once, without
// waiting, when the wait would end after the deadline of ctx, and as soon as ctx is done; the
// error then matches the context's error. An attempt waiting when a 429 lowers the rate reserves
// again, at the new rate and after the Retry-After. A nil Limiter never waits.
func (l *Limiter) Wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return &limiterWaitError{ctxErr: err}
	}
	var since, until time.Time // when the attempt began to wait, and the slot it was promised
	for {
		now := time.Now()
		l.mu.Lock()
		wait := l.slot(now)
		if deadline, ok := ctx.Deadline(); ok && wait > 0 && deadline.Sub(now) < wait {
			l.mu.Unlock()
			return &limiterWaitError{wait: wait, ctxErr: context.DeadlineExceeded, early: true}
		}
		l.tokens--
		switch {
		case !since.IsZero(): // a slot taken back by a 429: the wait moves to the new slot
			l.waited += now.Add(wait).Sub(until)
		case wait > 0:
			l.waits++
			l.waited += wait
			since = now
			fallthrough
		default:
			l.requests++
		}
		until = now.Add(wait)
		retake := l.retake
		l.mu.Unlock()
		if wait <= 0 {
			return nil
		}
		t := time.NewTimer(wait)
		select { // a slot promised is kept, given back when ctx ends, or retaken by a 429
		case <-t.C:
			return nil
		case <-retake:
			t.Stop()
			continue
		case <-ctx.Done():
			t.Stop()
			l.mu.Lock()
			if l.retake == retake {
				l.tokens = min(l.burst, l.tokens+1) // the slot is given back
			}
			l.mu.Unlock()
			return &limiterWaitError{wait: wait, ctxErr: ctx.Err()}
		}
	}
}

// Observe adapts the limiter to an answer's status: a 429 lowers the rate by half (not below
// the floor) and, with a Retry-After of retryAfter, holds every request back until it has passed;
// any other status raises a lowered rate a little, up to the configured rate. It returns whether
// the rate changed. A nil Limiter ignores it.
func (l *Limiter) Observe(status int, retryAfter time.Duration) bool {
	if l == nil {
		return false
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refill(now)
	old := l.rate
	if status == 429 {
		l.throttled++
		l.rate = max(l.floor, l.rate*decreaseFactor)
		// Every slot promised so far is taken back: the attempts waiting reserve again, so that
		// they too come at the new rate, after the pause.
		close(l.retake)
		l.retake = make(chan struct{})
		if until := now.Add(retryAfter); until.After(l.last) {
			// Held back until the Retry-After has passed; one attempt may go then.
			l.last, l.tokens = until, 1
		} else if !l.last.After(now) {
			// The bucket empties: the attempts that follow come at the new rate.
			l.tokens = 0
		} else {
			// An earlier Retry-After still holds.
			l.tokens = 1
		}
	} else if l.rate < l.configured {
		l.rate = min(l.configured, l.rate+l.configured*increaseFraction)
	}
	return l.rate != old
}
