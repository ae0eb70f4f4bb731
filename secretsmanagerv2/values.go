package secretsmanagerv2

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"reflect"
)

// Reading a secret's value without a type switch: GetSecret, GetSecretByNameType, CreateSecret,
// GetSecretVersion and CreateSecretVersion return interfaces; the functions of this file take what
// they return and give its value in the form asked for:
//
//	s, _, err := client.GetSecretByNameTypeWithContext(ctx, client.NewGetSecretByNameTypeOptions(
//		sm.SecretTypeUsernamePassword.String(), "app-db", "default"))
//	user, password, err := sm.UsernamePassword(s)
//
// Each returns an error matching ErrWrongType when the secret's type has no value of that form,
// and one matching ErrNoValue when it has none yet (a certificate not issued, a metadata-only
// answer). Their messages name the secret, never its value.

// ErrWrongType is matched (errors.Is) by the error of a value helper, such as UsernamePassword or
// TLSCertificate, given a secret whose type has no value of the form asked for.
var ErrWrongType = errors.New("secretsmanagerv2: wrong secret type")

// ErrNoValue is matched (errors.Is) by the error of a value helper given a secret without the
// value asked for: metadata (read with GetSecretMetadata or listed), a certificate not issued yet,
// a certificate without its private key.
var ErrNoValue = errors.New("secretsmanagerv2: secret has no such value")

// SecretOrVersion is what the value helpers (PayloadString, PayloadBytes, DecodePayload,
// UsernamePassword, APIKey, TLSCertificate) read: a SecretIntf (from GetSecret,
// GetSecretByNameType, CreateSecret) or a SecretVersionIntf (from GetSecretVersion,
// CreateSecretVersion), or one of their concrete types. Metadata has no value: give it, and the
// helpers return an error matching ErrNoValue.
type SecretOrVersion = interface{}

// PayloadString returns the value of a secret whose value is one text or one JSON document:
//
//   - arbitrary: the payload;
//   - iam_credentials: the API key;
//   - kv: the data, as a JSON object;
//   - service_credentials: the credentials, as a JSON object;
//   - custom_credentials: the credentials content, as a JSON object.
//
// A username_password secret or a certificate has more than one part: read it with
// UsernamePassword or TLSCertificate (PayloadString returns an error matching ErrWrongType).
func PayloadString(s SecretOrVersion) (string, error) {
	b, err := payload("PayloadString", s)
	return string(b), err
}

// PayloadBytes returns the value PayloadString returns, as bytes: the payload of an arbitrary
// secret, the API key of an iam_credentials secret, the JSON of the data of a kv secret and of the
// credentials of a service_credentials or custom_credentials secret. The slice is the caller's.
func PayloadBytes(s SecretOrVersion) ([]byte, error) {
	return payload("PayloadBytes", s)
}

// DecodePayload decodes the JSON value of a secret into v, a pointer, as json.Unmarshal does: the
// data of a kv secret, the credentials of a service_credentials or custom_credentials secret, or
// the payload of an arbitrary secret that holds JSON.
//
//	var db struct {
//		Host string `json:"host"`
//		Port int    `json:"port"`
//	}
//	err := sm.DecodePayload(secret, &db)
//
// An error never quotes the value: a payload that is not JSON, or a property of the wrong type,
// is reported by its position or its name only.
func DecodePayload(s SecretOrVersion, v interface{}) error {
	if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &valueError{fn: "DecodePayload", what: fmt.Sprintf("the target must be a non-nil pointer, not %T", v), err: ErrInvalidInput}
	}
	p, err := extract("DecodePayload", s)
	if err != nil {
		return err
	}
	var data []byte
	switch {
	case p.object != nil:
		if data, err = json.Marshal(p.object); err != nil {
			return p.fail("the value cannot be encoded as JSON", nil)
		}
	case p.text != nil && p.typ != SecretTypeIAMCredentials:
		data = []byte(*p.text)
	default:
		return p.noPayload()
	}
	if err := json.Unmarshal(data, v); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return p.fail(fmt.Sprintf("the payload is not JSON (syntax error at byte %d)", syntax.Offset), nil)
		case errors.As(err, &typ):
			// json's own message quotes numbers: name the property and the Go type only.
			return p.fail(fmt.Sprintf("the property %q cannot be decoded into a Go %s", typ.Field, typ.Type), nil)
		default:
			return p.fail("decoding the payload: "+err.Error(), nil)
		}
	}
	return nil
}

// UsernamePassword returns the username and password of a username_password secret or version.
func UsernamePassword(s SecretOrVersion) (username, password string, err error) {
	p, err := extract("UsernamePassword", s)
	if err != nil {
		return "", "", err
	}
	if p.password == nil {
		if p.typ == SecretTypeUsernamePassword || p.typ == "" {
			return "", "", p.fail("the secret has no password", ErrNoValue)
		}
		return "", "", p.wrongType(SecretTypeUsernamePassword)
	}
	if p.username != nil {
		username = *p.username
	}
	return username, *p.password, nil
}

// APIKey returns the API key of an iam_credentials secret, or the apikey of the credentials of a
// service_credentials secret. An IAM API key that is not reused is made on every read of the
// secret: keep it no longer than needed.
func APIKey(s SecretOrVersion) (string, error) {
	p, err := extract("APIKey", s)
	if err != nil {
		return "", err
	}
	if p.apiKey == nil || *p.apiKey == "" {
		if p.typ == SecretTypeIAMCredentials || p.typ == SecretTypeServiceCredentials || p.typ == "" {
			return "", p.fail("the secret has no API key", ErrNoValue)
		}
		return "", p.wrongType(SecretTypeIAMCredentials, SecretTypeServiceCredentials)
	}
	return *p.apiKey, nil
}

// TLSCertificate returns the certificate of a private_cert, public_cert or imported_cert secret
// or version as a *tls.Certificate, ready for tls.Config.Certificates or GetCertificate: the
// certificate, then its chain (the ca_chain or issuing_ca of a private certificate, the
// intermediate of a public or imported one; roots left out, since a server does not send them),
// with its private key, and Leaf set. A certificate not issued yet, or without its private key,
// gives an error matching ErrNoValue.
func TLSCertificate(s SecretOrVersion) (*tls.Certificate, error) {
	p, err := extract("TLSCertificate", s)
	if err != nil {
		return nil, err
	}
	isCert := p.typ == SecretTypePrivateCert || p.typ == SecretTypePublicCert || p.typ == SecretTypeImportedCert
	if !isCert && p.cert == nil {
		return nil, p.wrongType(SecretTypePrivateCert, SecretTypePublicCert, SecretTypeImportedCert)
	}
	if p.cert == nil || *p.cert == "" {
		return nil, p.fail("the secret has no certificate (not issued yet?)", ErrNoValue)
	}
	if p.key == nil || *p.key == "" {
		return nil, p.fail("the certificate has no private key", ErrNoValue)
	}
	leafDER, ok := firstCertDER([]byte(*p.cert))
	if !ok {
		return nil, p.fail("the certificate is not PEM-encoded", nil)
	}
	full := bytes.TrimSpace([]byte(*p.cert))
	// Each certificate goes once: a certificate field that already holds its chain keeps it, and
	// the chain fields add only what it lacks.
	sent := map[string]bool{string(leafDER): true}
	for rest := full; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		sent[string(b.Bytes)] = true
	}
	for _, pemText := range p.chain {
		rest := []byte(pemText)
		for {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type != "CERTIFICATE" || sent[string(b.Bytes)] || selfSigned(b.Bytes) {
				continue
			}
			sent[string(b.Bytes)] = true
			full = append(full, '\n')
			full = append(full, pem.EncodeToMemory(b)...)
		}
	}
	cert, err := tls.X509KeyPair(full, []byte(*p.key))
	if err != nil {
		// crypto/tls's messages describe the problem, never the key material.
		return nil, p.fail("invalid certificate or private key: "+err.Error(), nil)
	}
	return &cert, nil
}

// parts are the value properties of a secret or version, whatever its concrete type.
type parts struct {
	fn       string     // the helper's name, for messages
	typ      SecretType // "" for a base model of an unknown type with no secret_type
	id, name string     // for messages
	text     *string    // arbitrary payload or IAM API key
	object   interface{}
	username *string
	password *string
	apiKey   *string
	cert     *string
	key      *string
	chain    []string
}

// extract reads the value properties of s.
func extract(fn string, s SecretOrVersion) (*parts, error) {
	if s == nil || reflect.ValueOf(s).Kind() == reflect.Pointer && reflect.ValueOf(s).IsNil() {
		return nil, &valueError{fn: fn, what: "no secret given (nil)", err: ErrInvalidInput}
	}
	p := &parts{fn: fn}
	switch v := s.(type) {
	case SecretIntf:
		c := v.Common()
		p.typ, p.id, p.name = c.Type(), c.ID, c.Name
	case SecretVersionIntf:
		c := v.Common()
		p.typ, p.id, p.name = c.Type(), c.SecretID, c.SecretName
	case SecretMetadataIntf:
		c := v.Common()
		return nil, &valueError{fn: fn, what: fmt.Sprintf("%s: metadata has no value: read the secret with GetSecret", describe(c.Type(), c.Name, c.ID)), err: ErrNoValue}
	case SecretVersionMetadataIntf:
		c := v.Common()
		return nil, &valueError{fn: fn, what: fmt.Sprintf("%s: version metadata has no value: read the version with GetSecretVersion", describe(c.Type(), c.SecretName, c.SecretID)), err: ErrNoValue}
	default:
		return nil, &valueError{fn: fn, what: fmt.Sprintf("%T is not a secret or a secret version", s), err: ErrWrongType}
	}
	switch v := s.(type) {
	case *ArbitrarySecret:
		p.text = v.Payload
	case *ArbitrarySecretVersion:
		p.text = v.Payload
	case *KVSecret:
		p.setObject(v.Data)
	case *KVSecretVersion:
		p.setObject(v.Data)
	case *UsernamePasswordSecret:
		p.username, p.password = v.Username, v.Password
	case *UsernamePasswordSecretVersion:
		p.username, p.password = v.Username, v.Password
	case *IAMCredentialsSecret:
		p.text, p.apiKey = v.ApiKey, v.ApiKey
	case *IAMCredentialsSecretVersion:
		p.text, p.apiKey = v.ApiKey, v.ApiKey
	case *ServiceCredentialsSecret:
		p.setCredentials(v.Credentials)
	case *ServiceCredentialsSecretVersion:
		p.setCredentials(v.Credentials)
	case *CustomCredentialsSecret:
		p.setObject(v.CredentialsContent)
	case *CustomCredentialsSecretVersion:
		p.setObject(v.CredentialsContent)
	case *ImportedCertificate:
		p.cert, p.key = v.Certificate, v.PrivateKey
		p.chain = chainOf(nil, nil, v.Intermediate)
	case *ImportedCertificateVersion:
		p.cert, p.key = v.Certificate, v.PrivateKey
		p.chain = chainOf(nil, nil, v.Intermediate)
	case *PublicCertificate:
		p.cert, p.key = v.Certificate, v.PrivateKey
		p.chain = chainOf(nil, nil, v.Intermediate)
	case *PublicCertificateVersion:
		p.cert, p.key = v.Certificate, v.PrivateKey
		p.chain = chainOf(nil, nil, v.Intermediate)
	case *PrivateCertificate:
		p.cert, p.key = v.Certificate, v.PrivateKey
		p.chain = chainOf(v.CaChain, v.IssuingCa, nil)
	case *PrivateCertificateVersion:
		p.cert, p.key = v.Certificate, v.PrivateKey
		p.chain = chainOf(v.CaChain, v.IssuingCa, nil)
	case *Secret:
		// A type this release does not know (or a base model built by hand): every value
		// property the base model has is read.
		p.base(v.Payload, v.Data, v.Username, v.Password, v.ApiKey, v.Credentials, v.Certificate, v.PrivateKey, v.Intermediate, v.IssuingCa, v.CaChain)
		p.setObject(v.CredentialsContent)
	case *SecretVersion:
		p.base(v.Payload, v.Data, v.Username, v.Password, v.ApiKey, v.Credentials, v.Certificate, v.PrivateKey, v.Intermediate, v.IssuingCa, v.CaChain)
		p.setObject(v.CredentialsContent)
	}
	return p, nil
}

func (p *parts) setObject(m map[string]interface{}) {
	if m != nil {
		p.object = m
	}
}

func (p *parts) setCredentials(c *ServiceCredentialsSecretCredentials) {
	if c != nil {
		p.object = c
		p.apiKey = c.Apikey
	}
}

func (p *parts) base(payload *string, data map[string]interface{}, username, password, apiKey *string,
	creds *ServiceCredentialsSecretCredentials, cert, key, intermediate, issuingCA *string, caChain []string) {
	p.text = payload
	p.setObject(data)
	p.username, p.password = username, password
	p.setCredentials(creds)
	if apiKey != nil {
		p.apiKey = apiKey
		if p.text == nil {
			p.text = apiKey
		}
	}
	p.cert, p.key = cert, key
	p.chain = chainOf(caChain, issuingCA, intermediate)
}

// chainOf lists the PEM texts of a certificate's chain: the CA chain of a private certificate
// (or its issuing CA when it has none), the intermediate of a public or imported one.
func chainOf(caChain []string, issuingCA, intermediate *string) []string {
	var chain []string
	switch {
	case len(caChain) > 0:
		chain = caChain
	case issuingCA != nil:
		chain = []string{*issuingCA}
	}
	if intermediate != nil {
		chain = append(chain[:len(chain):len(chain)], *intermediate)
	}
	return chain
}

// payload returns the value of PayloadString and PayloadBytes.
func payload(fn string, s SecretOrVersion) ([]byte, error) {
	p, err := extract(fn, s)
	if err != nil {
		return nil, err
	}
	switch {
	case p.text != nil:
		return []byte(*p.text), nil
	case p.object != nil:
		b, err := json.Marshal(p.object)
		if err != nil {
			return nil, p.fail("the value cannot be encoded as JSON", nil)
		}
		return b, nil
	}
	return nil, p.noPayload()
}

// noPayload is the error of PayloadString, PayloadBytes and DecodePayload for a secret without one.
func (p *parts) noPayload() error {
	switch p.typ {
	case SecretTypeUsernamePassword:
		return p.fail("a username_password secret has two values: read them with UsernamePassword", ErrWrongType)
	case SecretTypePrivateCert, SecretTypePublicCert, SecretTypeImportedCert:
		return p.fail(fmt.Sprintf("a %s secret is a certificate: read it with TLSCertificate", p.typ), ErrWrongType)
	case SecretTypeIAMCredentials:
		if p.fn == "DecodePayload" {
			return p.fail("an iam_credentials secret holds an API key, not JSON: read it with APIKey", ErrWrongType)
		}
	}
	return p.fail("the secret has no payload", ErrNoValue)
}

func (p *parts) wrongType(want ...SecretType) error {
	names := ""
	for i, w := range want {
		switch {
		case i == 0:
		case i == len(want)-1:
			names += " or "
		default:
			names += ", "
		}
		names += string(w)
	}
	got := "unknown"
	if p.typ != "" {
		got = string(p.typ)
	}
	return &valueError{fn: p.fn, what: describe("", p.name, p.id) + " is of type " + got + ", not " + names, err: ErrWrongType}
}

// fail returns an error about the secret of p, matching is (when not nil).
func (p *parts) fail(what string, is error) error {
	return &valueError{fn: p.fn, what: describe(p.typ, p.name, p.id) + ": " + what, err: is}
}

// describe names a secret for an error message: its type, name and ID, never its value.
func describe(typ SecretType, name, id string) string {
	s := "secret"
	if typ != "" {
		s = string(typ) + " secret"
	}
	if name != "" {
		s += fmt.Sprintf(" %q", name)
	}
	if id != "" {
		s += " (" + id + ")"
	}
	return s
}

// valueError is the error of a value helper.
type valueError struct {
	fn   string
	what string
	err  error
}

// Error returns "secretsmanagerv2: <helper>: <secret>: <what is wrong>".
func (e *valueError) Error() string { return errPrefix + e.fn + ": " + e.what }

// Unwrap returns ErrWrongType, ErrNoValue or ErrInvalidInput, or nil.
func (e *valueError) Unwrap() error { return e.err }

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
