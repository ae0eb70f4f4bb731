package secretcache

import (
	"context"
	"crypto/tls"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// The typed helpers check the secret's type, then read its value with the client's value helpers
// (secretsmanagerv2.PayloadString, DecodePayload, UsernamePassword, APIKey, TLSCertificate), so
// that both give the same values and the same errors.

// Payload returns the payload of an arbitrary secret. Another type of secret gives an error that
// matches ErrWrongType.
func (c *Cache) Payload(ctx context.Context, key Key) (string, error) {
	s, err := c.typed(ctx, key, sm.SecretTypeArbitrary)
	if err != nil {
		return "", err
	}
	p, err := sm.PayloadString(s)
	return p, keyErr(key, err)
}

// KV returns the data of a key-value (kv) secret, as a deep copy the caller may modify (nested
// objects and arrays included). Another type of secret gives an error that matches ErrWrongType.
// To read it into a struct, use Decode.
func (c *Cache) KV(ctx context.Context, key Key) (map[string]interface{}, error) {
	s, err := c.typed(ctx, key, sm.SecretTypeKV)
	if err != nil {
		return nil, err
	}
	var m map[string]interface{}
	if err := sm.DecodePayload(s, &m); err != nil {
		return nil, keyErr(key, err)
	}
	return m, nil
}

// Decode decodes the JSON value of the secret of key into v, a pointer, as json.Unmarshal does
// and as secretsmanagerv2.DecodePayload does: the data of a kv secret, the payload of an arbitrary
// secret that holds JSON, the credentials of a service_credentials or custom_credentials secret.
// v is the caller's: it shares nothing with the cache.
//
//	var db struct {
//		Host string `json:"host"`
//		Port int    `json:"port"`
//	}
//	err := cache.Decode(ctx, secretcache.ByName(sm.SecretTypeKV, "db-config"), &db)
//
// A secret of another type (username_password, a certificate, iam_credentials) gives an error
// that matches ErrWrongType; an error never quotes the value.
func (c *Cache) Decode(ctx context.Context, key Key, v interface{}) error {
	s, err := c.Get(ctx, key)
	if err != nil {
		return err
	}
	return keyErr(key, sm.DecodePayload(s, v))
}

// Decode returns the JSON value of the secret of key decoded into a T, as Cache.Decode does:
//
//	db, err := secretcache.Decode[DBConfig](ctx, cache, secretcache.ByName(sm.SecretTypeKV, "db-config"))
func Decode[T any](ctx context.Context, c *Cache, key Key) (T, error) {
	var v T
	err := c.Decode(ctx, key, &v)
	return v, err
}

// UsernamePassword returns the username and password of a username_password secret. Another type
// of secret gives an error that matches ErrWrongType.
func (c *Cache) UsernamePassword(ctx context.Context, key Key) (username, password string, err error) {
	s, err := c.typed(ctx, key, sm.SecretTypeUsernamePassword)
	if err != nil {
		return "", "", err
	}
	username, password, err = sm.UsernamePassword(s)
	return username, password, keyErr(key, err)
}

// IAMCredentials returns the API key of an iam_credentials secret. The cache reads the secret
// again before its lease runs out (at two thirds of its remaining lifetime), so a key returned
// here has at least a third of its lifetime left when the cache is used regularly; do not keep it
// longer than needed, read it again. Another type of secret gives an error that matches
// ErrWrongType.
func (c *Cache) IAMCredentials(ctx context.Context, key Key) (apiKey string, err error) {
	s, err := c.typed(ctx, key, sm.SecretTypeIAMCredentials)
	if err != nil {
		return "", err
	}
	apiKey, err = sm.APIKey(s)
	return apiKey, keyErr(key, err)
}

// ServiceCredentials returns the credentials of a service_credentials secret, as a deep copy the
// caller may modify (its fields and its arbitrary properties are its own). Another type of secret
// gives an error that matches ErrWrongType.
func (c *Cache) ServiceCredentials(ctx context.Context, key Key) (*sm.ServiceCredentialsSecretCredentials, error) {
	s, err := c.typed(ctx, key, sm.SecretTypeServiceCredentials)
	if err != nil {
		return nil, err
	}
	out := new(sm.ServiceCredentialsSecretCredentials)
	if err := sm.DecodePayload(s, out); err != nil {
		return nil, keyErr(key, err)
	}
	return out, nil
}

// typed returns the secret of key when it is of type want; otherwise an error matching
// ErrWrongType.
func (c *Cache) typed(ctx context.Context, key Key, want sm.SecretType) (sm.SecretIntf, error) {
	s, err := c.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	if got := s.Common().Type(); got != want {
		return nil, wrongType(key, string(got), string(want))
	}
	return s, nil
}

// keyErr wraps the error of a value helper (nil stays nil) in a KeyError.
func keyErr(key Key, err error) error {
	if err == nil {
		return nil
	}
	return &KeyError{Key: key, Err: err}
}

// Certificate returns the certificate of a private_cert, public_cert or imported_cert secret as a
// *tls.Certificate: the certificate, then its chain (ca_chain or issuing_ca of a private
// certificate, intermediate of a public or imported one, without self-signed roots), with its
// private key, and Leaf set. It is parsed once per version and shared: do not modify it. Another
// type of secret gives an error that matches ErrWrongType; a certificate without a private key, or
// not issued yet, one that matches ErrNoValue.
func (c *Cache) Certificate(ctx context.Context, key Key) (*tls.Certificate, error) {
	v, err := c.get(ctx, key, false)
	if err != nil {
		return nil, err
	}
	return v.p.certificate(key)
}

// certificate parses the certificate of p, once.
func (p *payload) certificate(key Key) (*tls.Certificate, error) {
	p.certOnce.Do(func() { p.cert, p.certErr = buildCertificate(key, p.secret) })
	return p.cert, p.certErr
}

func buildCertificate(key Key, s sm.SecretIntf) (*tls.Certificate, error) {
	cert, err := sm.TLSCertificate(s)
	if err != nil {
		return nil, keyErr(key, err)
	}
	return cert, nil
}
