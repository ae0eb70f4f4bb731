package vault

// The values of the Vault API's secret models, in the forms a program uses: the client's value
// helpers (secretsmanagerv2.DecodePayload, UsernamePassword, TLSCertificate) take the v2 models,
// these methods take the Vault ones.
//
//	resp, err := client.KV().Get(ctx, id)
//	var cfg struct{ Host string }
//	err = resp.Data.Decode(&cfg)

import (
	"crypto/tls"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// Decode decodes the data of the kv secret (its secret_data.payload) into v, a pointer, as
// json.Unmarshal does. A secret read without its data (listed, or metadata) gives an error matching
// secretsmanagerv2.ErrNoValue; an error never quotes the data.
func (s *KVSecret) Decode(v interface{}) error {
	if s == nil {
		return sm.DecodePayload((*sm.KVSecret)(nil), v)
	}
	m := &sm.KVSecret{ID: s.ID, Name: s.Name, SecretType: sm.SecretTypeKV.Ptr()}
	if s.SecretData != nil {
		m.Data = s.SecretData.Payload
	}
	return sm.DecodePayload(m, v)
}

// Decode decodes the payload of the arbitrary secret, a JSON document, into v, a pointer, as
// json.Unmarshal does. A payload that is not JSON gives an error that says where, never what.
func (s *ArbitrarySecret) Decode(v interface{}) error {
	if s == nil {
		return sm.DecodePayload((*sm.ArbitrarySecret)(nil), v)
	}
	m := &sm.ArbitrarySecret{ID: s.ID, Name: s.Name, SecretType: sm.SecretTypeArbitrary.Ptr()}
	if s.SecretData != nil {
		m.Payload = s.SecretData.Payload
	}
	return sm.DecodePayload(m, v)
}

// UsernamePassword returns the username and password of the secret. A secret read without its
// data gives an error matching secretsmanagerv2.ErrNoValue.
func (s *UsernamePasswordSecret) UsernamePassword() (username, password string, err error) {
	if s == nil {
		return sm.UsernamePassword((*sm.UsernamePasswordSecret)(nil))
	}
	m := &sm.UsernamePasswordSecret{ID: s.ID, Name: s.Name, SecretType: sm.SecretTypeUsernamePassword.Ptr()}
	if s.SecretData != nil {
		m.Username, m.Password = s.SecretData.Username, s.SecretData.Password
	}
	return sm.UsernamePassword(m)
}

// TLSCertificate returns the imported certificate as a *tls.Certificate, with its intermediate and
// private key, and Leaf set, as secretsmanagerv2.TLSCertificate does.
func (s *ImportedCertSecret) TLSCertificate() (*tls.Certificate, error) {
	if s == nil {
		return sm.TLSCertificate((*sm.ImportedCertificate)(nil))
	}
	m := &sm.ImportedCertificate{ID: s.ID, Name: s.Name, SecretType: sm.SecretTypeImportedCert.Ptr()}
	if d := s.SecretData; d != nil {
		m.Certificate, m.PrivateKey, m.Intermediate = d.Certificate, d.PrivateKey, d.Intermediate
	}
	return sm.TLSCertificate(m)
}

// TLSCertificate returns the public certificate as a *tls.Certificate, with its intermediate and
// private key, and Leaf set, as secretsmanagerv2.TLSCertificate does. A certificate not issued yet
// gives an error matching secretsmanagerv2.ErrNoValue.
func (s *PublicCertSecret) TLSCertificate() (*tls.Certificate, error) {
	if s == nil {
		return sm.TLSCertificate((*sm.PublicCertificate)(nil))
	}
	m := &sm.PublicCertificate{ID: s.ID, Name: s.Name, SecretType: sm.SecretTypePublicCert.Ptr()}
	if d := s.SecretData; d != nil {
		m.Certificate, m.PrivateKey, m.Intermediate = d.Certificate, d.PrivateKey, d.Intermediate
	}
	return sm.TLSCertificate(m)
}

// TLSCertificate returns the private certificate as a *tls.Certificate, with its CA chain (or
// issuing CA) and private key, and Leaf set, as secretsmanagerv2.TLSCertificate does.
func (s *PrivateCertSecret) TLSCertificate() (*tls.Certificate, error) {
	if s == nil {
		return sm.TLSCertificate((*sm.PrivateCertificate)(nil))
	}
	m := &sm.PrivateCertificate{ID: s.ID, Name: s.Name, SecretType: sm.SecretTypePrivateCert.Ptr()}
	if d := s.SecretData; d != nil {
		m.Certificate, m.PrivateKey, m.IssuingCa, m.CaChain = d.Certificate, d.PrivateKey, d.IssuingCA, d.CAChain
	}
	return sm.TLSCertificate(m)
}
