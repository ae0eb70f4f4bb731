// Package inprocess serves HTTP requests with a handler in the calling goroutine, without a
// network: the transport of the embedded server's in-process clients and of the tests' fake.
package inprocess

import (
	"errors"
	"net/http"
	"net/http/httptest"
)

// ErrConnectionReset is the error of a request whose handler cut the connection
// (panicked with http.ErrAbortHandler), as a server over a network resets it.
var ErrConnectionReset = errors.New("connection reset by the in-process server")

// Transport returns an http.RoundTripper that serves each request with h in the calling
// goroutine: in a synctest bubble, time then passes only when every goroutine waits. It fails as
// a round trip over a network would: with the request's context error when the client gave up
// before the answer, and with ErrConnectionReset when the handler cut the connection.
func Transport(h http.Handler) http.RoundTripper { return transport{h} }

type transport struct{ h http.Handler }

// RoundTrip serves req with the handler and returns its answer.
func (t transport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	if req.Body == nil {
		req.Body = http.NoBody
	}
	defer func() {
		if p := recover(); p != nil {
			if p != http.ErrAbortHandler {
				panic(p)
			}
			resp, err = nil, ErrConnectionReset
		}
	}()
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	if err := req.Context().Err(); err != nil {
		return nil, err // the client gave up: the answer is lost
	}
	resp = rec.Result()
	resp.Request = req
	return resp, nil
}
