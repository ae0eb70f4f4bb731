package transport

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

const (
	// MaxResponseBody bounds how much of a response body is read (64 MiB: far above any page),
	// as received and once inflated.
	MaxResponseBody = 64 << 20

	// MaxInflateRatio bounds how much larger than its bytes received a gzip-compressed body may
	// inflate: JSON compresses about ten times, a "gzip bomb" a thousand times. A body that would
	// inflate further is an error matching ErrResponseTooLarge, found after inflating at most
	// MaxInflateRatio times the bytes received.
	MaxInflateRatio = 128

	// readChunk bounds the buffer first allocated for a body of announced length: past it, the
	// buffer doubles as the bytes arrive.
	readChunk = 64 << 10
)

var (
	// ErrRedirected is matched by the error of a call answered with a redirect that was not
	// followed.
	ErrRedirected = errors.New("secretsmanagerv2: redirect not followed")
	// ErrResponseTooLarge is matched by the error of a call whose answer is over the size limit.
	ErrResponseTooLarge = errors.New("secretsmanagerv2: response too large")
)

// gzipValue is the value of the Accept-Encoding header of every request: the client inflates a
// compressed answer itself (see ReadBody), so that what it holds is bounded by what it received.
var gzipValue = []string{"gzip"}

// ReadBody reads a response body, at most limit bytes as received and at most limit bytes (and
// MaxInflateRatio times the bytes received) once inflated, when the answer is gzip-compressed.
// Its buffer grows with the bytes received, not with what Content-Length announces: an answer
// that announces more than it sends costs what it sends. A body over a limit is an error that
// matches ErrResponseTooLarge, and one shorter than announced is io.ErrUnexpectedEOF (with the
// bytes received).
func ReadBody(resp *http.Response, limit int64) ([]byte, error) {
	data, err := readLimited(resp.Body, resp.ContentLength, limit)
	if resp.Uncompressed || !strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		return data, err
	}
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("inflating the gzip-compressed answer: %w", err)
	}
	bound := min(limit, MaxInflateRatio*int64(len(data)))
	inflated, err := readLimited(zr, -1, bound)
	if err != nil {
		if errors.Is(err, ErrResponseTooLarge) {
			return nil, fmt.Errorf("%w: the gzip-compressed answer of %d bytes inflates to more than %d bytes", ErrResponseTooLarge, len(data), bound)
		}
		return nil, fmt.Errorf("inflating the gzip-compressed answer: %w", err)
	}
	// As Go's transport does when it inflates an answer itself.
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
	return inflated, nil
}

// readLimited reads r, whose length is n (-1: unknown), at most limit bytes.
func readLimited(r io.Reader, n, limit int64) ([]byte, error) {
	if n > limit {
		return nil, fmt.Errorf("%w: the answer announces %d bytes, over the limit of %d bytes", ErrResponseTooLarge, n, limit)
	}
	size := int64(512) // unknown length: start small
	if n >= 0 {
		size = min(n+1, readChunk) // one more byte, to see the end of the body in the same read loop
	}
	buf := make([]byte, 0, min(size, limit+1))
	for {
		if len(buf) == cap(buf) {
			next := max(2*int64(cap(buf)), 512)
			if n >= 0 && int64(len(buf)) <= n && 2*next > n+1 {
				next = n + 1 // the announced size, once half of it (at least) has arrived
			}
			next = min(next, limit+1)
			grown := make([]byte, len(buf), next)
			copy(grown, buf)
			buf = grown
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if int64(len(buf)) > limit {
			return nil, fmt.Errorf("%w: the body of the answer is over the limit of %d bytes", ErrResponseTooLarge, limit)
		}
		if err == io.EOF {
			if n >= 0 && int64(len(buf)) < n {
				return buf, io.ErrUnexpectedEOF
			}
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
