package secretcache

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// Payload returns the payload of an arbitrary secret. Another type of secret gives an error that
// matches ErrWrongType.
func (c *Cache) Payload(ctx context.Context, key Key) (string, error) {
	s, err := c.Get(ctx, key)
	if err != nil {
		return "", err
	}
	a, ok := s.(*sm.ArbitrarySecret)
	if !ok {
		return "", wrongType(key, s.Common().SecretType, sm.Secret_SecretType_Arbitrary)
	}
	if a.Payload == nil {
		return "", noValue(key, "the arbitrary secret has no payload")
	}
	return *a.Payload, nil
}

// KV returns the data of a key-value (kv) secret, as a deep copy the caller may modify (nested
// objects and arrays included). Another type of secret gives an error that matches ErrWrongType.
func (c *Cache) KV(ctx context.Context, key Key) (map[string]interface{}, error) {
	s, err := c.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	kv, ok := s.(*sm.KVSecret)
	if !ok {
		return nil, wrongType(key, s.Common().SecretType, sm.Secret_SecretType_Kv)
	}
	if kv.Data == nil {
		return nil, noValue(key, "the kv secret has no data")
	}
	return cloneValue(kv.Data).(map[string]interface{}), nil
}

// UsernamePassword returns the username and password of a username_password secret. Another type
// of secret gives an error that matches ErrWrongType.
func (c *Cache) UsernamePassword(ctx context.Context, key Key) (username, password string, err error) {
	s, err := c.Get(ctx, key)
	if err != nil {
		return "", "", err
	}
	up, ok := s.(*sm.UsernamePasswordSecret)
	if !ok {
		return "", "", wrongType(key, s.Common().SecretType, sm.Secret_SecretType_UsernamePassword)
	}
	if up.Password == nil {
		return "", "", noValue(key, "the username_password secret has no password")
	}
	if up.Username != nil {
		username = *up.Username
	}
	return username, *up.Password, nil
}

// IAMCredentials returns the API key of an iam_credentials secret. The cache reads the secret
// again before its lease runs out (at two thirds of its remaining lifetime), so a key returned
// here has at least a third of its lifetime left when the cache is used regularly; do not keep it
// longer than needed, read it again. Another type of secret gives an error that matches
// ErrWrongType.
func (c *Cache) IAMCredentials(ctx context.Context, key Key) (apiKey string, err error) {
	s, err := c.Get(ctx, key)
	if err != nil {
		return "", err
	}
	iam, ok := s.(*sm.IAMCredentialsSecret)
	if !ok {
		return "", wrongType(key, s.Common().SecretType, sm.Secret_SecretType_IamCredentials)
	}
	if iam.ApiKey == nil || *iam.ApiKey == "" {
		return "", noValue(key, "the iam_credentials secret has no API key")
	}
	return *iam.ApiKey, nil
}

// ServiceCredentials returns the credentials of a service_credentials secret, as a deep copy the
// caller may modify (its fields and its arbitrary properties are its own). Another type of secret
// gives an error that matches ErrWrongType.
func (c *Cache) ServiceCredentials(ctx context.Context, key Key) (*sm.ServiceCredentialsSecretCredentials, error) {
	s, err := c.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	sc, ok := s.(*sm.ServiceCredentialsSecret)
	if !ok {
		return nil, wrongType(key, s.Common().SecretType, sm.Secret_SecretType_ServiceCredentials)
	}
	if sc.Credentials == nil {
		return nil, noValue(key, "the service_credentials secret has no credentials")
	}
	return cloneCredentials(key, sc.Credentials)
}

// cloneCredentials returns a deep copy of c, by encoding and decoding it: the copy shares no
// pointer, map or slice with c, whatever fields the model has, its arbitrary properties included.
func cloneCredentials(key Key, c *sm.ServiceCredentialsSecretCredentials) (*sm.ServiceCredentialsSecretCredentials, error) {
	data, err := json.Marshal(c)
	if err == nil {
		out := new(sm.ServiceCredentialsSecretCredentials)
		if err = json.Unmarshal(data, out); err == nil {
			return out, nil
		}
	}
	return nil, &KeyError{Key: key, Err: fmt.Errorf("copying the service credentials: %w", err)}
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
	var certPEM, keyPEM *string
	var chain []string
	switch v := s.(type) {
	case *sm.PrivateCertificate:
		certPEM, keyPEM = v.Certificate, v.PrivateKey
		if len(v.CaChain) > 0 {
			chain = v.CaChain
		} else if v.IssuingCa != nil {
			chain = []string{*v.IssuingCa}
		}
	case *sm.PublicCertificate:
		certPEM, keyPEM = v.Certificate, v.PrivateKey
		if v.Intermediate != nil {
			chain = []string{*v.Intermediate}
		}
	case *sm.ImportedCertificate:
		certPEM, keyPEM = v.Certificate, v.PrivateKey
		if v.Intermediate != nil {
			chain = []string{*v.Intermediate}
		}
	default:
		return nil, wrongType(key, s.Common().SecretType, "private_cert, public_cert or imported_cert")
	}
	if certPEM == nil || *certPEM == "" {
		return nil, noValue(key, "the secret has no certificate (not issued yet?)")
	}
	if keyPEM == nil || *keyPEM == "" {
		return nil, noValue(key, "the certificate has no private key")
	}
	leafDER, ok := firstCertDER([]byte(*certPEM))
	if !ok {
		return nil, &KeyError{Key: key, Err: fmt.Errorf("the certificate is not PEM-encoded")}
	}
	full := bytes.TrimSpace([]byte(*certPEM))
	for _, pemText := range chain {
		rest := []byte(pemText)
		for {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type != "CERTIFICATE" || bytes.Equal(b.Bytes, leafDER) || selfSigned(b.Bytes) {
				continue
			}
			full = append(full, '\n')
			full = append(full, pem.EncodeToMemory(b)...)
		}
	}
	cert, err := tls.X509KeyPair(full, []byte(*keyPEM))
	if err != nil {
		// crypto/tls's messages describe the problem, never the key material.
		return nil, &KeyError{Key: key, Err: fmt.Errorf("invalid certificate or private key: %w", err)}
	}
	return &cert, nil
}

func firstCertDER(data []byte) ([]byte, bool) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, false
		}
		if b.Type == "CERTIFICATE" {
			return b.Bytes, true
		}
	}
}

// selfSigned reports whether der is a self-signed (root) certificate, which a server does not send.
func selfSigned(der []byte) bool {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return false
	}
	return bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignatureFrom(c) == nil
}

// cloneValue copies the maps and slices of a decoded JSON value.
func cloneValue(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, x := range t {
			m[k] = cloneValue(x)
		}
		return m
	case []interface{}:
		s := make([]interface{}, len(t))
		for i, x := range t {
			s[i] = cloneValue(x)
		}
		return s
	default:
		return v
	}
}
