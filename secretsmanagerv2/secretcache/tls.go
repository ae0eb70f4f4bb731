package secretcache

import (
	"crypto/tls"
)

// GetCertificateFunc returns a function for tls.Config.GetCertificate that serves the certificate
// of key (a private_cert, public_cert or imported_cert secret) from the cache:
//
//	srv.TLSConfig = &tls.Config{GetCertificate: cache.GetCertificateFunc(key)}
//
// A handshake never waits for a refresh: when the cached certificate is due for a check, the
// handshake is served it while the cache checks the secret in the background; once a rotated
// certificate is loaded, the next handshakes get it. No restart is needed and no handshake fails
// because of a rotation. Only when nothing can be served (the first handshake before any load, or
// a certificate past the stale bound of WithStaleFor) does the handshake load the secret itself,
// bounded by the handshake's context. Call Prefetch with key at start-up to load it before the
// first handshake.
//
// Go's TLS server calls GetCertificate only when the client sends a server name (SNI) or when
// tls.Config.Certificates is empty.
func (c *Cache) GetCertificateFunc(key Key) func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
		ctx := hello.Context()
		v, err := c.get(ctx, key, true)
		if err != nil {
			return nil, err
		}
		return v.p.certificate(key)
	}
}
