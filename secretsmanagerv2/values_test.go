package secretsmanagerv2

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testChain is a root CA, an intermediate CA it signed and a leaf certificate the intermediate
// signed, in PEM, with the leaf's private key.
type testChain struct {
	root, intermediate, leaf, leafKey string
	leafDER, intermediateDER          []byte
}

func newTestChain(t *testing.T) testChain {
	t.Helper()
	now := time.Now()
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		return k
	}
	rootKey, interKey, leafKey := newKey(), newKey(), newKey()
	rootTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Root"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)}
	rootDER, err := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &rootKey.PublicKey, rootKey)
	require.NoError(t, err)
	rootCert, _ := x509.ParseCertificate(rootDER)
	interTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Test Intermediate"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)}
	interDER, err := x509.CreateCertificate(rand.Reader, interTmpl, rootCert, &interKey.PublicKey, rootKey)
	require.NoError(t, err)
	interCert, _ := x509.ParseCertificate(interDER)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "app.example.com"},
		DNSNames: []string{"app.example.com"}, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, interCert, &leafKey.PublicKey, interKey)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(leafKey)
	require.NoError(t, err)
	enc := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	return testChain{root: enc("CERTIFICATE", rootDER), intermediate: enc("CERTIFICATE", interDER), leaf: enc("CERTIFICATE", leafDER),
		leafKey: enc("PRIVATE KEY", keyDER), leafDER: leafDER, intermediateDER: interDER}
}

// valueCase is one secret or version, as JSON, and what each helper gives for it.
type valueCase struct {
	name    string
	json    string
	version bool
	payload string // PayloadString's result, or "" when it fails
	decoded map[string]interface{}
	user    string
	pass    string
	apiKey  string
	cert    bool
}

func valueCases(t *testing.T, ch testChain) []valueCase {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	common := `"id":"i-1","name":"n","secret_group_id":"default","created_at":"2024-01-01T00:00:00Z","secret_id":"i-1"`
	cases := []valueCase{
		{name: "arbitrary", json: `{"secret_type":"arbitrary",` + common + `,"payload":"s3cr3t"}`, payload: "s3cr3t"},
		{name: "arbitrary JSON", json: `{"secret_type":"arbitrary",` + common + `,"payload":"{\"host\":\"db\",\"port\":5432}"}`,
			payload: `{"host":"db","port":5432}`, decoded: map[string]interface{}{"host": "db", "port": float64(5432)}},
		{name: "kv", json: `{"secret_type":"kv",` + common + `,"data":{"host":"db","port":5432}}`,
			payload: `{"host":"db","port":5432}`, decoded: map[string]interface{}{"host": "db", "port": float64(5432)}},
		{name: "username_password", json: `{"secret_type":"username_password",` + common + `,"username":"app","password":"pw"}`, user: "app", pass: "pw"},
		{name: "iam_credentials", json: `{"secret_type":"iam_credentials",` + common + `,"api_key":"iam-key"}`, payload: "iam-key", apiKey: "iam-key"},
		{name: "service_credentials", json: `{"secret_type":"service_credentials",` + common + `,"credentials":{"apikey":"svc-key","endpoints":"https://e"}}`,
			payload: `{"apikey":"svc-key","endpoints":"https://e"}`, decoded: map[string]interface{}{"apikey": "svc-key", "endpoints": "https://e"}, apiKey: "svc-key"},
		{name: "custom_credentials", json: `{"secret_type":"custom_credentials",` + common + `,"configuration":"c","credentials_content":{"token":"t0k","ttl":60}}`,
			payload: `{"token":"t0k","ttl":60}`, decoded: map[string]interface{}{"token": "t0k", "ttl": float64(60)}},
		{name: "imported_cert", json: `{"secret_type":"imported_cert",` + common + `,"certificate":` + q(ch.leaf) + `,"private_key":` + q(ch.leafKey) + `,"intermediate":` + q(ch.intermediate) + `}`, cert: true},
		{name: "public_cert", json: `{"secret_type":"public_cert",` + common + `,"certificate":` + q(ch.leaf) + `,"private_key":` + q(ch.leafKey) + `,"intermediate":` + q(ch.intermediate) + `}`, cert: true},
		{name: "private_cert", json: `{"secret_type":"private_cert",` + common + `,"certificate":` + q(ch.leaf) + `,"private_key":` + q(ch.leafKey) + `,"issuing_ca":` + q(ch.intermediate) + `,"ca_chain":[` + q(ch.intermediate) + `,` + q(ch.root) + `]}`, cert: true},
		{name: "imported_cert with its chain in certificate", json: `{"secret_type":"imported_cert",` + common + `,"certificate":` + q(ch.leaf+ch.intermediate) + `,"private_key":` + q(ch.leafKey) + `,"intermediate":` + q(ch.intermediate) + `}`, cert: true},
		{name: "public_cert with its chain in certificate", json: `{"secret_type":"public_cert",` + common + `,"certificate":` + q(ch.leaf+ch.intermediate) + `,"private_key":` + q(ch.leafKey) + `,"intermediate":` + q(ch.intermediate) + `}`, cert: true},
		{name: "private_cert issuing_ca in ca_chain too", json: `{"secret_type":"private_cert",` + common + `,"certificate":` + q(ch.leaf) + `,"private_key":` + q(ch.leafKey) + `,"issuing_ca":` + q(ch.intermediate) + `,"ca_chain":[` + q(ch.intermediate) + `,` + q(ch.intermediate) + `,` + q(ch.root) + `]}`, cert: true},
		{name: "private_cert issuing_ca only", json: `{"secret_type":"private_cert",` + common + `,"certificate":` + q(ch.leaf) + `,"private_key":` + q(ch.leafKey) + `,"issuing_ca":` + q(ch.intermediate) + `}`, cert: true},
		{name: "unknown type with a payload", json: `{"secret_type":"future_type",` + common + `,"payload":"p"}`, payload: "p"},
	}
	var all []valueCase
	for _, c := range cases {
		all = append(all, c)
		v := c
		v.name += " version"
		v.version = true
		all = append(all, v)
	}
	return all
}

func decodeCase(t *testing.T, c valueCase) SecretOrVersion {
	if c.version {
		v, err := decodeSecretVersionIntf([]byte(c.json))
		require.NoError(t, err)
		return v
	}
	s, err := decodeSecretIntf([]byte(c.json))
	require.NoError(t, err)
	return s
}

func TestValueHelpersOnEveryType(t *testing.T) {
	ch := newTestChain(t)
	for _, c := range valueCases(t, ch) {
		t.Run(c.name, func(t *testing.T) {
			s := decodeCase(t, c)

			got, err := PayloadString(s)
			b, errB := PayloadBytes(s)
			if c.payload != "" {
				require.NoError(t, err)
				require.Equal(t, c.payload, got)
				require.NoError(t, errB)
				require.Equal(t, c.payload, string(b))
			} else {
				require.ErrorIs(t, err, ErrWrongType)
				require.ErrorIs(t, errB, ErrWrongType)
				require.Contains(t, err.Error(), "secretsmanagerv2: PayloadString: ")
			}

			var decoded map[string]interface{}
			err = DecodePayload(s, &decoded)
			if c.decoded != nil {
				require.NoError(t, err)
				require.Equal(t, c.decoded, decoded)
			} else {
				require.Error(t, err)
			}

			user, pass, err := UsernamePassword(s)
			if c.pass != "" {
				require.NoError(t, err)
				require.Equal(t, c.user, user)
				require.Equal(t, c.pass, pass)
			} else {
				require.ErrorIs(t, err, ErrWrongType)
			}

			key, err := APIKey(s)
			if c.apiKey != "" {
				require.NoError(t, err)
				require.Equal(t, c.apiKey, key)
			} else {
				require.ErrorIs(t, err, ErrWrongType)
			}

			cert, err := TLSCertificate(s)
			if !c.cert {
				require.ErrorIs(t, err, ErrWrongType)
				require.Nil(t, cert)
				return
			}
			require.NoError(t, err)
			require.Len(t, cert.Certificate, 2, "the leaf and the intermediate, not the root")
			require.Equal(t, ch.leafDER, cert.Certificate[0])
			require.Equal(t, ch.intermediateDER, cert.Certificate[1])
			require.NotNil(t, cert.Leaf)
			require.Equal(t, "app.example.com", cert.Leaf.Subject.CommonName)
			require.NotNil(t, cert.PrivateKey)
		})
	}
}

func TestDecodePayloadIntoAStruct(t *testing.T) {
	var db struct {
		Host string `json:"host"`
		Port int    `json:"port"`
	}
	s, err := decodeSecretIntf([]byte(`{"secret_type":"kv","id":"x","data":{"host":"db","port":5432}}`))
	require.NoError(t, err)
	require.NoError(t, DecodePayload(s, &db))
	require.Equal(t, "db", db.Host)
	require.Equal(t, 5432, db.Port)

	// The decoded value is the caller's: changing it does not change the secret.
	var m map[string]interface{}
	require.NoError(t, DecodePayload(s, &m))
	m["host"] = "changed"
	require.Equal(t, "db", s.(*KVSecret).Data["host"])
}

// TestValueErrorsNeverQuoteTheValue checks that no helper's error shows the value it could not read.
func TestValueErrorsNeverQuoteTheValue(t *testing.T) {
	const secret = "98765-TOP-SECRET"
	notJSON := &ArbitrarySecret{SecretType: SecretTypeArbitrary.Ptr(), Name: strPtr("a"), Payload: strPtr(secret)}
	var v map[string]interface{}
	err := DecodePayload(notJSON, &v)
	require.Error(t, err)
	require.NotContains(t, err.Error(), secret)
	require.NotContains(t, err.Error(), "9")
	require.Contains(t, err.Error(), `secretsmanagerv2: DecodePayload: arbitrary secret "a": the payload is not JSON (syntax error at byte 6)`)

	wrongField := &KVSecret{SecretType: SecretTypeKV.Ptr(), Data: map[string]interface{}{"port": 98765}}
	var typed struct {
		Port string `json:"port"`
	}
	err = DecodePayload(wrongField, &typed)
	require.Error(t, err)
	require.NotContains(t, err.Error(), "98765")
	require.Contains(t, err.Error(), `the property "port" cannot be decoded into a Go string`)

	badKey := &ImportedCertificate{SecretType: SecretTypeImportedCert.Ptr(), Certificate: strPtr(newTestChain(t).leaf), PrivateKey: strPtr("-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n")}
	_, err = TLSCertificate(badKey)
	require.Error(t, err)
	require.NotContains(t, err.Error(), secret)
}

func TestValueHelperErrors(t *testing.T) {
	ch := newTestChain(t)
	var decoded map[string]interface{}
	cases := []struct {
		name string
		err  error
		is   error
		text string
	}{
		{"nil", func() error { _, err := PayloadString(nil); return err }(), ErrInvalidInput, "secretsmanagerv2: PayloadString: no secret given (nil)"},
		{"typed nil", func() error { _, err := PayloadString((*ArbitrarySecret)(nil)); return err }(), ErrInvalidInput, "no secret given"},
		{"not a secret", func() error { _, err := PayloadString("text"); return err }(), ErrWrongType, "string is not a secret"},
		{"metadata", func() error {
			_, err := PayloadString(&ArbitrarySecretMetadata{SecretType: SecretTypeArbitrary.Ptr(), Name: strPtr("m"), ID: strPtr("id-1")})
			return err
		}(), ErrNoValue, `secretsmanagerv2: PayloadString: arbitrary secret "m" (id-1): metadata has no value: read the secret with GetSecret`},
		{"version metadata", func() error {
			_, _, err := UsernamePassword(&UsernamePasswordSecretVersionMetadata{SecretType: SecretTypeUsernamePassword.Ptr()})
			return err
		}(), ErrNoValue, "version metadata has no value"},
		{"arbitrary without payload", func() error {
			_, err := PayloadString(&ArbitrarySecret{SecretType: SecretTypeArbitrary.Ptr()})
			return err
		}(), ErrNoValue, "has no payload"},
		{"password missing", func() error {
			_, _, err := UsernamePassword(&UsernamePasswordSecret{SecretType: SecretTypeUsernamePassword.Ptr()})
			return err
		}(), ErrNoValue, "has no password"},
		{"username_password payload", func() error {
			_, err := PayloadString(&UsernamePasswordSecret{SecretType: SecretTypeUsernamePassword.Ptr(), Password: strPtr("x")})
			return err
		}(), ErrWrongType, "read them with UsernamePassword"},
		{"certificate payload", func() error {
			_, err := PayloadBytes(&PrivateCertificate{SecretType: SecretTypePrivateCert.Ptr()})
			return err
		}(), ErrWrongType, "read it with TLSCertificate"},
		{"iam decode", func() error {
			return DecodePayload(&IAMCredentialsSecret{SecretType: SecretTypeIAMCredentials.Ptr(), ApiKey: strPtr("k")}, &decoded)
		}(), ErrWrongType, "read it with APIKey"},
		{"iam without key", func() error {
			_, err := APIKey(&IAMCredentialsSecret{SecretType: SecretTypeIAMCredentials.Ptr()})
			return err
		}(), ErrNoValue, "has no API key"},
		{"not issued", func() error {
			_, err := TLSCertificate(&PublicCertificate{SecretType: SecretTypePublicCert.Ptr()})
			return err
		}(), ErrNoValue, "not issued yet"},
		{"no private key", func() error {
			_, err := TLSCertificate(&ImportedCertificate{SecretType: SecretTypeImportedCert.Ptr(), Certificate: strPtr(ch.leaf)})
			return err
		}(), ErrNoValue, "has no private key"},
		{"not PEM", func() error {
			_, err := TLSCertificate(&ImportedCertificate{SecretType: SecretTypeImportedCert.Ptr(), Certificate: strPtr("x"), PrivateKey: strPtr("y")})
			return err
		}(), nil, "not PEM-encoded"},
		{"decode into a non-pointer", DecodePayload(&KVSecret{}, decoded), ErrInvalidInput, "non-nil pointer"},
		{"wrong type names the types", func() error { _, err := TLSCertificate(&KVSecret{SecretType: SecretTypeKV.Ptr()}); return err }(), ErrWrongType,
			"secret is of type kv, not private_cert, public_cert or imported_cert"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Error(t, c.err)
			if c.is != nil {
				require.ErrorIs(t, c.err, c.is)
			}
			require.Contains(t, c.err.Error(), c.text)
			require.True(t, strings.HasPrefix(c.err.Error(), "secretsmanagerv2: "), c.err.Error())
			for _, other := range []error{ErrWrongType, ErrNoValue, ErrInvalidInput} {
				if other != c.is {
					require.False(t, errors.Is(c.err, other), "%v also matches %v", c.err, other)
				}
			}
		})
	}
}

func strPtr(s string) *string { return &s }
