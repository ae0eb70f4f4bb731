package secretsmanagerv2

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
	"github.com/stretchr/testify/require"
)

func TestUnknownSecretTypeDecodesIntoBase(t *testing.T) {
	body := `{"secret_type":"quantum_key","id":"c1","name":"my-custom","secret_group_id":"default","labels":["a"],"versions_total":2,"state":1,"created_at":"2024-01-01T00:00:00Z","brand_new_field":{"x":1}}`
	v, err := decodeSecretIntf([]byte(body))
	require.NoError(t, err)
	s, ok := v.(*Secret)
	require.True(t, ok, "decoded into the base model, got %T", v)
	require.Equal(t, "quantum_key", *s.SecretType)
	require.Equal(t, "my-custom", *s.Name)
	c := s.Common()
	require.Equal(t, "c1", c.ID)
	require.EqualValues(t, 2, c.VersionsTotal)
	require.Equal(t, []string{"a"}, c.Labels)
	require.JSONEq(t, body, string(s.RawJSON()), "the original object is available")

	known, err := decodeSecretIntf([]byte(`{"secret_type":"kv","id":"k"}`))
	require.NoError(t, err)
	require.IsType(t, &KVSecret{}, known)

	_, err = decodeSecretIntf([]byte(`{"id":"no-type"}`))
	require.ErrorContains(t, err, `"secret_type" property is missing`)
	_, err = decodeSecretIntf([]byte(`{"secret_type":null}`))
	require.ErrorContains(t, err, "missing")
	_, err = decodeSecretIntf([]byte(`{"secret_type":7}`))
	require.ErrorContains(t, err, "not a string")
	_, err = decodeSecretIntf([]byte(`[1]`))
	require.Error(t, err)
}

func TestUnknownTypesForEveryPolymorphicResult(t *testing.T) {
	decoders := map[string]func([]byte) (interface{}, error){
		"SecretMetadataIntf":        func(b []byte) (interface{}, error) { return decodeSecretMetadataIntf(b) },
		"SecretVersionIntf":         func(b []byte) (interface{}, error) { return decodeSecretVersionIntf(b) },
		"SecretVersionMetadataIntf": func(b []byte) (interface{}, error) { return decodeSecretVersionMetadataIntf(b) },
		"ConfigurationIntf":         func(b []byte) (interface{}, error) { return decodeConfigurationIntf(b) },
		"ConfigurationMetadataIntf": func(b []byte) (interface{}, error) { return decodeConfigurationMetadataIntf(b) },
		"ConfigurationActionIntf":   func(b []byte) (interface{}, error) { return decodeConfigurationActionIntf(b) },
		"SecretActionIntf":          func(b []byte) (interface{}, error) { return decodeSecretActionIntf(b) },
		"VersionActionIntf":         func(b []byte) (interface{}, error) { return decodeVersionActionIntf(b) },
		// Request bodies decode the same way (the embedded server relies on it).
		"SecretPrototypeIntf":              func(b []byte) (interface{}, error) { return decodeSecretPrototypeIntf(b) },
		"ConfigurationPrototypeIntf":       func(b []byte) (interface{}, error) { return decodeConfigurationPrototypeIntf(b) },
		"ConfigurationActionPrototypeIntf": func(b []byte) (interface{}, error) { return decodeConfigurationActionPrototypeIntf(b) },
		"SecretActionPrototypeIntf":        func(b []byte) (interface{}, error) { return decodeSecretActionPrototypeIntf(b) },
		"SecretVersionActionPrototypeIntf": func(b []byte) (interface{}, error) { return decodeSecretVersionActionPrototypeIntf(b) },
	}
	want := map[string]string{
		"SecretMetadataIntf": "*secretsmanagerv2.SecretMetadata", "SecretVersionIntf": "*secretsmanagerv2.SecretVersion",
		"SecretVersionMetadataIntf": "*secretsmanagerv2.SecretVersionMetadata", "ConfigurationIntf": "*secretsmanagerv2.Configuration",
		"ConfigurationMetadataIntf": "*secretsmanagerv2.ConfigurationMetadata", "ConfigurationActionIntf": "*secretsmanagerv2.ConfigurationAction",
		"SecretActionIntf": "*secretsmanagerv2.SecretAction", "VersionActionIntf": "*secretsmanagerv2.VersionAction",
		"SecretPrototypeIntf": "*secretsmanagerv2.SecretPrototype", "ConfigurationPrototypeIntf": "*secretsmanagerv2.ConfigurationPrototype",
		"ConfigurationActionPrototypeIntf": "*secretsmanagerv2.ConfigurationActionPrototype",
		"SecretActionPrototypeIntf":        "*secretsmanagerv2.SecretActionPrototype",
		"SecretVersionActionPrototypeIntf": "*secretsmanagerv2.SecretVersionActionPrototype",
	}
	body := []byte(`{"secret_type":"future","config_type":"future","action_type":"future","name":"n","id":"i"}`)
	for name, decode := range decoders {
		v, err := decode(body)
		require.NoError(t, err, name)
		require.Equal(t, want[name], fmt.Sprintf("%T", v), name)
		raw := v.(interface{ RawJSON() json.RawMessage }).RawJSON()
		require.JSONEq(t, string(body), string(raw))
	}
}

func TestListPageWithUnknownTypeKeepsEveryItem(t *testing.T) {
	page := `{"limit":10,"offset":0,"total_count":4,"first":{"href":"f"},"last":{"href":"l"},"secrets":[
		{"secret_type":"arbitrary","id":"1","name":"a"},
		{"secret_type":"quantum_key","id":"2","name":"b"},
		{"id":"3","name":"c"},
		{"secret_type":"kv","id":"4","name":"d","state":"broken"}]}`
	srv := errorServer(t, 200, nil, page)
	sm := testClient(t, srv.URL)
	result, _, err := sm.ListSecrets(sm.NewListSecretsOptions())
	require.NoError(t, err)
	require.Len(t, result.Secrets, 4)
	require.IsType(t, &ArbitrarySecretMetadata{}, result.Secrets[0])
	require.IsType(t, &SecretMetadata{}, result.Secrets[1])
	require.IsType(t, &SecretMetadata{}, result.Secrets[2], "no discriminator: kept as the base with its JSON")
	require.NotNil(t, result.Secrets[2].(*SecretMetadata).RawJSON())
	require.IsType(t, &SecretMetadata{}, result.Secrets[3], "an item that does not fit its type is kept too")
	for i, s := range result.Secrets {
		require.Equal(t, fmt.Sprint(i+1), s.Common().ID)
	}

	pager, err := sm.NewSecretsPager(nil)
	require.NoError(t, err)
	all, err := pager.GetAll()
	require.NoError(t, err)
	require.Len(t, all, 4)
}

func TestMalformedPagesAreErrors(t *testing.T) {
	for _, body := range []string{
		`{"secrets":[{"secret_type":"kv"} {"secret_type":"kv"}]}`,
		`{"secrets":[{"secret_type":"kv"},`,
		`{"secrets":{"a":1}}`,
		`{"secrets":[]`,
		`{"total_count":"x","secrets":[]}`,
	} {
		_, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(body))
		require.Error(t, err, body)
	}
	page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(`{"total_count":0,"secrets":[]}`))
	require.NoError(t, err)
	require.NotNil(t, page.Secrets)
	require.Empty(t, page.Secrets)
	page, err = decodeModel[SecretMetadataPaginatedCollection]([]byte(` { "secrets" : null , "total_count" : 1 } `))
	require.NoError(t, err)
	require.Nil(t, page.Secrets)
	require.EqualValues(t, 1, *page.TotalCount)
}

// secretValues are the values the debug log must never show.
var secretValues = []string{"arbitrary-payload-value", "kv-value-123", "user-password-XYZ"}

func TestDebugLogHasNoSecretValues(t *testing.T) {
	var buf syncBuffer
	logger := log.New(&buf, "", 0)
	core.SetLogger(core.NewLogger(core.LevelDebug, logger, logger))
	defer core.SetLogger(core.NewLogger(core.LevelError, log.New(&bytes.Buffer{}, "", 0), log.New(&bytes.Buffer{}, "", 0)))

	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	sm := testClient(t, srv.URL)
	protos := []SecretPrototypeIntf{
		&ArbitrarySecretPrototype{SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("log-arbitrary"), Payload: core.StringPtr(secretValues[0])},
		&KVSecretPrototype{SecretType: core.StringPtr("kv"), Name: core.StringPtr("log-kv"), Data: map[string]interface{}{"key": secretValues[1], "nested": map[string]interface{}{"k": secretValues[1]}}},
		&UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: core.StringPtr("log-userpass"), Username: core.StringPtr("alice"), Password: core.StringPtr(secretValues[2])},
		&UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: core.StringPtr("log-generated"), Username: core.StringPtr("bob")},
		&IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"), Name: core.StringPtr("log-iam"), TTL: core.StringPtr("1h"), ReuseApiKey: core.BoolPtr(true), ServiceID: core.StringPtr("ServiceId-1"), AccessGroups: []string{"AccessGroupId-1"}},
		&ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"), Name: core.StringPtr("log-svc"),
			SourceService: &ServiceCredentialsSecretSourceService{Instance: &ServiceCredentialsSourceServiceInstance{Crn: core.StringPtr("crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::")}, Role: &ServiceCredentialsSourceServiceRole{Crn: core.StringPtr("crn:v1:bluemix:public:iam::::serviceRole:Writer")}}},
	}
	var generated []string
	for _, p := range protos {
		created, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(p))
		require.NoError(t, err)
		got, _, err := sm.GetSecret(sm.NewGetSecretOptions(created.Common().ID))
		require.NoError(t, err)
		switch s := got.(type) {
		case *UsernamePasswordSecret:
			generated = append(generated, *s.Password)
		case *IAMCredentialsSecret:
			if s.ApiKey != nil {
				generated = append(generated, *s.ApiKey)
			}
		case *ServiceCredentialsSecret:
			if s.Credentials != nil && s.Credentials.Apikey != nil {
				generated = append(generated, *s.Credentials.Apikey)
			}
		}
		_, _, err = sm.CreateSecretVersion(sm.NewCreateSecretVersionOptions(created.Common().ID, &ArbitrarySecretVersionPrototype{Payload: core.StringPtr(secretValues[0])}))
		_ = err // rotation with an arbitrary payload only succeeds for arbitrary secrets; either way it is logged
	}
	require.GreaterOrEqual(t, len(generated), 3)

	// Certificates: imported, private (issued by CAs made through the configuration API) and public.
	certPEM, keyPEM := selfSignedPEM(t, "log.example.com")
	generated = append(generated, pemBody(keyPEM))
	ic, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(&ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"),
		Name: core.StringPtr("log-imported"), Certificate: core.StringPtr(certPEM), PrivateKey: core.StringPtr(keyPEM)}))
	require.NoError(t, err)
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions(ic.Common().ID))
	require.NoError(t, err)
	configs := []ConfigurationPrototypeIntf{
		&PrivateCertificateConfigurationRootCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_root_ca"),
			Name: core.StringPtr("log-root"), MaxTTL: core.StringPtr("8760h"), CommonName: core.StringPtr("Log Root"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&PrivateCertificateConfigurationIntermediateCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_intermediate_ca"),
			Name: core.StringPtr("log-inter"), MaxTTL: core.StringPtr("4380h"), SigningMethod: core.StringPtr("internal"), Issuer: core.StringPtr("log-root"),
			CommonName: core.StringPtr("Log Intermediate"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&PrivateCertificateConfigurationTemplatePrototype{ConfigType: core.StringPtr("private_cert_configuration_template"),
			Name: core.StringPtr("log-template"), CertificateAuthority: core.StringPtr("log-inter"), AllowAnyName: core.BoolPtr(true)},
		&PublicCertificateConfigurationCALetsEncryptPrototype{ConfigType: core.StringPtr("public_cert_configuration_ca_lets_encrypt"),
			Name: core.StringPtr("log-le"), LetsEncryptEnvironment: core.StringPtr("staging"), LetsEncryptPrivateKey: core.StringPtr(keyPEM)},
		&PublicCertificateConfigurationDNSClassicInfrastructurePrototype{ConfigType: core.StringPtr("public_cert_configuration_dns_classic_infrastructure"),
			Name: core.StringPtr("log-classic"), ClassicInfrastructureUsername: core.StringPtr("user"), ClassicInfrastructurePassword: core.StringPtr("classic-password-QQQ")},
		&PublicCertificateConfigurationDNSCloudInternetServicesPrototype{ConfigType: core.StringPtr("public_cert_configuration_dns_cloud_internet_services"),
			Name: core.StringPtr("log-cis"), CloudInternetServicesCrn: core.StringPtr("crn:v1:bluemix:public:internet-svcs:global:a/1:2::"), CloudInternetServicesApikey: core.StringPtr("cis-apikey-WWW")},
		&IAMCredentialsConfigurationPrototype{ConfigType: core.StringPtr("iam_credentials_configuration"), Name: core.StringPtr("log-iam-config"), ApiKey: core.StringPtr("iam-config-apikey-EEE")},
	}
	generated = append(generated, "classic-password-QQQ", "cis-apikey-WWW", "iam-config-apikey-EEE")
	for _, c := range configs {
		created, _, err := sm.CreateConfiguration(sm.NewCreateConfigurationOptions(c))
		require.NoError(t, err)
		got, _, err := sm.GetConfiguration(sm.NewGetConfigurationOptions(created.Common().Name).SetXSmAcceptConfigurationType(created.Common().ConfigType))
		require.NoError(t, err)
		if ca, ok := got.(*PrivateCertificateConfigurationRootCA); ok && ca.Data != nil {
			if d, ok := ca.Data.(*PrivateCertificateCAData); ok && d.PrivateKey != nil {
				generated = append(generated, pemBody(*d.PrivateKey))
			}
		}
	}
	pc, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(&PrivateCertificatePrototype{SecretType: core.StringPtr("private_cert"),
		Name: core.StringPtr("log-private"), CertificateTemplate: core.StringPtr("log-template"), CommonName: core.StringPtr("p.example.com")}))
	require.NoError(t, err)
	generated = append(generated, pemBody(*pc.(*PrivateCertificate).PrivateKey))
	pub, _, err := sm.CreateSecret(sm.NewCreateSecretOptions(&PublicCertificatePrototype{SecretType: core.StringPtr("public_cert"),
		Name: core.StringPtr("log-public"), CommonName: core.StringPtr("example.com"), Ca: core.StringPtr("log-le"), Dns: core.StringPtr("log-cis")}))
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		got, _, err := sm.GetSecret(sm.NewGetSecretOptions(pub.Common().ID))
		require.NoError(t, err)
		if p := got.(*PublicCertificate); p.PrivateKey != nil {
			generated = append(generated, pemBody(*p.PrivateKey))
			break
		}
	}
	out := buf.String()
	require.Contains(t, out, "log-arbitrary", "the rest of the log stays readable")
	require.Contains(t, out, "POST")
	for i, v := range append(secretValues, generated...) {
		require.False(t, strings.Contains(out, v), "the debug log shows secret value number %d", i)
	}
}

// selfSignedPEM returns a self-signed certificate and its key, PEM-encoded.
func selfSignedPEM(t *testing.T, cn string) (string, string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: cn}, DNSNames: []string{cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}))
}

// pemBody returns the first base64 line of a PEM block: what a leaked key would show in a log.
func pemBody(p string) string {
	lines := strings.Split(strings.TrimSpace(p), "\n")
	if len(lines) < 2 {
		return p
	}
	return lines[1]
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRedactBody(t *testing.T) {
	in := `{"name":"n","payload":"p1","data":{"k":"v"},"nested":[{"private_key":"pk","certificate":"c"}],"credentials":{"apikey":"a"}}`
	out := redactBody([]byte(in))
	for _, v := range []string{"p1", `"v"`, "pk", `"a"`} {
		require.NotContains(t, out, v)
	}
	require.Contains(t, out, `"certificate":"c"`)
	require.Contains(t, out, `"name":"n"`)
	require.NotContains(t, redactBody([]byte("password=hunter2")), "hunter2")
	h := http.Header{"Authorization": {"Bearer tok"}, "X-Other": {"ok"}}
	require.NotContains(t, formatHeaders(h), "tok")
	require.Contains(t, formatHeaders(h), "ok")
}

func TestSharedClientUnderConcurrency(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"secret_type":"arbitrary","id":%q,"payload":"x"}`, strings.TrimPrefix(r.URL.Path, "/api/v2/secrets/"))
	}))
	defer srv.Close()
	sm := testClient(t, srv.URL)
	sm.EnableRetries(2, 10*time.Millisecond)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				id := fmt.Sprintf("g%d-%d", g, i)
				s, _, err := sm.GetSecretWithContext(context.Background(), sm.NewGetSecretOptions(id))
				if err != nil {
					errs <- err
					return
				}
				if s.Common().ID != id {
					errs <- fmt.Errorf("got %s want %s", s.Common().ID, id)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

func TestEscapedKeysInPages(t *testing.T) {
	page, err := decodeModel[SecretMetadataPaginatedCollection]([]byte(`{"se\u0063rets":[{"secret_\u0074ype":"kv","id":"a"}],"total_count":1}`))
	require.NoError(t, err)
	require.Len(t, page.Secrets, 1)
	require.IsType(t, &KVSecretMetadata{}, page.Secrets[0])
}
