package secretsmanagerv2_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// Tests of redact.go's debug log through the embedded server, with secrets of every type: they
// live in the external test package, since secretsmanagertest imports secretsmanagerv2. The tests
// of the redaction rules themselves are in redact_test.go.

// secretValues are the values the debug log must never show.
var secretValues = []string{"arbitrary-payload-value", "kv-value-123", "user-password-XYZ"}

func TestDebugLogHasNoSecretValues(t *testing.T) {
	var buf lockedBuffer
	logger := log.New(&buf, "", 0)
	core.SetLogger(core.NewLogger(core.LevelDebug, logger, logger))
	defer core.SetLogger(core.NewLogger(core.LevelError, log.New(&bytes.Buffer{}, "", 0), log.New(&bytes.Buffer{}, "", 0)))

	client, _ := secretsmanagertest.NewClient(t)
	protos := []sm.SecretPrototypeIntf{
		&sm.ArbitrarySecretPrototype{SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("log-arbitrary"), Payload: core.StringPtr(secretValues[0])},
		&sm.KVSecretPrototype{SecretType: core.StringPtr("kv"), Name: core.StringPtr("log-kv"), Data: map[string]interface{}{"key": secretValues[1], "nested": map[string]interface{}{"k": secretValues[1]}}},
		&sm.UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: core.StringPtr("log-userpass"), Username: core.StringPtr("alice"), Password: core.StringPtr(secretValues[2])},
		&sm.UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: core.StringPtr("log-generated"), Username: core.StringPtr("bob")},
		&sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"), Name: core.StringPtr("log-iam"), TTL: core.StringPtr("1h"), ReuseApiKey: core.BoolPtr(true), ServiceID: core.StringPtr("ServiceId-1"), AccessGroups: []string{"AccessGroupId-1"}},
		&sm.ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"), Name: core.StringPtr("log-svc"),
			SourceService: &sm.ServiceCredentialsSecretSourceService{Instance: &sm.ServiceCredentialsSourceServiceInstance{Crn: core.StringPtr("crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::")}, Role: &sm.ServiceCredentialsSourceServiceRole{Crn: core.StringPtr("crn:v1:bluemix:public:iam::::serviceRole:Writer")}}},
	}
	var generated []string
	for _, p := range protos {
		created, _, err := client.CreateSecret(client.NewCreateSecretOptions(p))
		require.NoError(t, err)
		got, _, err := client.GetSecret(client.NewGetSecretOptions(created.Common().ID))
		require.NoError(t, err)
		switch s := got.(type) {
		case *sm.UsernamePasswordSecret:
			generated = append(generated, *s.Password)
		case *sm.IAMCredentialsSecret:
			if s.ApiKey != nil {
				generated = append(generated, *s.ApiKey)
			}
		case *sm.ServiceCredentialsSecret:
			if s.Credentials != nil && s.Credentials.Apikey != nil {
				generated = append(generated, *s.Credentials.Apikey)
			}
		}
		_, _, err = client.CreateSecretVersion(client.NewCreateSecretVersionOptions(created.Common().ID, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr(secretValues[0])}))
		_ = err // rotation with an arbitrary payload only succeeds for arbitrary secrets; either way it is logged
	}
	require.GreaterOrEqual(t, len(generated), 3)

	// Certificates: imported, private (issued by CAs made through the configuration API) and public.
	certPEM, keyPEM := selfSignedPEM(t, "log.example.com")
	generated = append(generated, pemBody(keyPEM))
	ic, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"),
		Name: core.StringPtr("log-imported"), Certificate: core.StringPtr(certPEM), PrivateKey: core.StringPtr(keyPEM)}))
	require.NoError(t, err)
	_, _, err = client.GetSecret(client.NewGetSecretOptions(ic.Common().ID))
	require.NoError(t, err)
	configs := []sm.ConfigurationPrototypeIntf{
		&sm.PrivateCertificateConfigurationRootCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_root_ca"),
			Name: core.StringPtr("log-root"), MaxTTL: core.StringPtr("8760h"), CommonName: core.StringPtr("Log Root"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PrivateCertificateConfigurationIntermediateCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_intermediate_ca"),
			Name: core.StringPtr("log-inter"), MaxTTL: core.StringPtr("4380h"), SigningMethod: core.StringPtr("internal"), Issuer: core.StringPtr("log-root"),
			CommonName: core.StringPtr("Log Intermediate"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PrivateCertificateConfigurationTemplatePrototype{ConfigType: core.StringPtr("private_cert_configuration_template"),
			Name: core.StringPtr("log-template"), CertificateAuthority: core.StringPtr("log-inter"), AllowAnyName: core.BoolPtr(true)},
		&sm.PublicCertificateConfigurationCALetsEncryptPrototype{ConfigType: core.StringPtr("public_cert_configuration_ca_lets_encrypt"),
			Name: core.StringPtr("log-le"), LetsEncryptEnvironment: core.StringPtr("staging"), LetsEncryptPrivateKey: core.StringPtr(keyPEM)},
		&sm.PublicCertificateConfigurationDNSClassicInfrastructurePrototype{ConfigType: core.StringPtr("public_cert_configuration_dns_classic_infrastructure"),
			Name: core.StringPtr("log-classic"), ClassicInfrastructureUsername: core.StringPtr("user"), ClassicInfrastructurePassword: core.StringPtr("classic-password-QQQ")},
		&sm.PublicCertificateConfigurationDNSCloudInternetServicesPrototype{ConfigType: core.StringPtr("public_cert_configuration_dns_cloud_internet_services"),
			Name: core.StringPtr("log-cis"), CloudInternetServicesCrn: core.StringPtr("crn:v1:bluemix:public:internet-svcs:global:a/1:2::"), CloudInternetServicesApikey: core.StringPtr("cis-apikey-WWW")},
		&sm.IAMCredentialsConfigurationPrototype{ConfigType: core.StringPtr("iam_credentials_configuration"), Name: core.StringPtr("log-iam-config"), ApiKey: core.StringPtr("iam-config-apikey-EEE")},
	}
	generated = append(generated, "classic-password-QQQ", "cis-apikey-WWW", "iam-config-apikey-EEE")
	for _, c := range configs {
		created, _, err := client.CreateConfiguration(client.NewCreateConfigurationOptions(c))
		require.NoError(t, err)
		got, _, err := client.GetConfiguration(client.NewGetConfigurationOptions(created.Common().Name).SetXSmAcceptConfigurationType(created.Common().ConfigType))
		require.NoError(t, err)
		if ca, ok := got.(*sm.PrivateCertificateConfigurationRootCA); ok && ca.Data != nil {
			if d, ok := ca.Data.(*sm.PrivateCertificateCAData); ok && d.PrivateKey != nil {
				generated = append(generated, pemBody(*d.PrivateKey))
			}
		}
	}
	pc, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.PrivateCertificatePrototype{SecretType: core.StringPtr("private_cert"),
		Name: core.StringPtr("log-private"), CertificateTemplate: core.StringPtr("log-template"), CommonName: core.StringPtr("p.example.com")}))
	require.NoError(t, err)
	generated = append(generated, pemBody(*pc.(*sm.PrivateCertificate).PrivateKey))
	pub, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.PublicCertificatePrototype{SecretType: core.StringPtr("public_cert"),
		Name: core.StringPtr("log-public"), CommonName: core.StringPtr("example.com"), Ca: core.StringPtr("log-le"), Dns: core.StringPtr("log-cis")}))
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		got, _, err := client.GetSecret(client.NewGetSecretOptions(pub.Common().ID))
		require.NoError(t, err)
		if p := got.(*sm.PublicCertificate); p.PrivateKey != nil {
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
