package secretsmanagertest

import (
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"strings"
)

// limitBody bounds the body of r to maxBodyBytes and, when the request says its body is
// gzip-compressed (Content-Encoding: gzip, as the SDK's SetEnableGzipCompression(true) sends it),
// inflates it, bounding the inflated bytes too (a larger body reads as an *http.MaxBytesError: 413).
// Another content encoding is refused (415).
func limitBody(w http.ResponseWriter, r *http.Request) *apiError {
	if r.Body == nil {
		r.Body = http.NoBody
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		return nil
	case "gzip", "x-gzip":
		r.Body = &gzipBody{compressed: r.Body, left: maxBodyBytes}
		r.Header.Del("Content-Encoding")
		return nil
	default:
		return newError(http.StatusUnsupportedMediaType, "The Content-Encoding "+enc+" is not supported: send the body as is or gzip-compressed.")
	}
}

// errBadGzip is the error of reading a gzip body that is not valid gzip.
var errBadGzip = errors.New("the request body is not valid gzip")

// gzipBody inflates a gzip request body, at most left bytes of it.
type gzipBody struct {
	compressed io.ReadCloser
	zr         *gzip.Reader
	left       int64
	err        error
}

// Read reads inflated bytes, failing past the limit.
func (b *gzipBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.zr == nil {
		zr, err := gzip.NewReader(b.compressed)
		if err != nil {
			b.err = readErr(err)
			return 0, b.err
		}
		b.zr = zr
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.zr.Read(p)
	if int64(n) > b.left {
		n, b.err = int(b.left), &http.MaxBytesError{Limit: maxBodyBytes}
		b.left = 0
		return n, b.err
	}
	b.left -= int64(n)
	if err != nil && err != io.EOF {
		b.err = readErr(err)
		return n, b.err
	}
	return n, err
}

// readErr keeps a size error of the compressed body as it is and names any other error a gzip
// error.
func readErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return errBadGzip
}

// Close closes the compressed body.
func (b *gzipBody) Close() error { return b.compressed.Close() }
