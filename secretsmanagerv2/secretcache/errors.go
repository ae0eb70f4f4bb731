package secretcache

import (
	"errors"
	"fmt"
	"strings"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// ErrClosed is returned by the methods of a Cache after Close.
var ErrClosed = errors.New("secretcache: cache closed")

// ErrWrongType is matched (errors.Is) by the error of a typed helper, such as Payload or
// Certificate, asked for a secret of another type. It is secretsmanagerv2.ErrWrongType, which the
// client's value helpers return too.
var ErrWrongType = sm.ErrWrongType

// ErrNoValue is matched (errors.Is) by the error of a typed helper when the secret has no value of
// the kind asked for, such as a certificate without a private key or a public certificate not yet
// issued. It is secretsmanagerv2.ErrNoValue, which the client's value helpers return too.
var ErrNoValue = sm.ErrNoValue

// ErrExpired is matched (errors.Is) by the error of a read of dynamic credentials (iam_credentials,
// service_credentials) that were already expired when they arrived, by the cache's clock: they are
// never served. It usually means that the clock of this process is ahead of the service's.
var ErrExpired = errors.New("secretcache: dynamic credentials expired")

// KeyError is the error of a cache operation on one key: it names the key and wraps the cause,
// such as a *secretsmanagerv2.APIError (errors.Is(err, secretsmanagerv2.ErrNotFound) works
// through it). Its message holds identifiers and the service's message only, never a secret value.
type KeyError struct {
	// Key is the key the operation was for.
	Key Key
	// Err is the cause.
	Err error
}

// Error returns "secretcache: <key>: <cause>".
func (e *KeyError) Error() string {
	return "secretcache: " + e.Key.String() + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *KeyError) Unwrap() error { return e.Err }

// PrefetchError is the error of Prefetch when some keys could not be loaded: it lists every one of
// them and why. errors.Is and errors.As look through it into each failure, so that
// errors.Is(err, secretsmanagerv2.ErrNotFound) tells whether some secret does not exist.
type PrefetchError struct {
	// Failures lists the keys that failed, in the order they were given to Prefetch.
	Failures []*KeyError
	// Total is how many distinct keys Prefetch was asked for.
	Total int
}

// Error lists every failed key and its cause, one after the other.
func (e *PrefetchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "secretcache: prefetch: %d of %d secrets failed", len(e.Failures), e.Total)
	for i, f := range e.Failures {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Key.String())
		b.WriteString(": ")
		b.WriteString(f.Err.Error())
	}
	return b.String()
}

// Unwrap returns the failures, for errors.Is and errors.As.
func (e *PrefetchError) Unwrap() []error {
	errs := make([]error, len(e.Failures))
	for i, f := range e.Failures {
		errs[i] = f
	}
	return errs
}

// wrongType is the error of a helper asked for a secret of another type.
func wrongType(key Key, got, want string) error {
	if got == "" {
		got = "unknown"
	}
	return &KeyError{Key: key, Err: fmt.Errorf("%w: secret is of type %s, not %s", ErrWrongType, got, want)}
}
