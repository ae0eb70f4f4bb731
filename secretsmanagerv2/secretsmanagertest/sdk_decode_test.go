package secretsmanagertest_test

import (
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// TestSDKDecodesEverything reads every kind of secret, version and
// configuration through the SDK, so that each response shape is decoded
// into its model type.
func TestSDKDecodesEverything(t *testing.T) {
	c := newClient(t)
	_, key := testCert(t)
	for _, p := range []sm.ConfigurationPrototypeIntf{
		&sm.PrivateCertificateConfigurationRootCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_root_ca"),
			Name: core.StringPtr("root"), MaxTTL: core.StringPtr("8760h"), CommonName: core.StringPtr("Root"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PrivateCertificateConfigurationIntermediateCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_intermediate_ca"),
			Name: core.StringPtr("inter"), MaxTTL: core.StringPtr("4380h"), SigningMethod: core.StringPtr("internal"), Issuer: core.StringPtr("root"),
			CommonName: core.StringPtr("Inter"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PrivateCertificateConfigurationTemplatePrototype{ConfigType: core.StringPtr("private_cert_configuration_template"),
			Name: core.StringPtr("tmpl"), CertificateAuthority: core.StringPtr("inter"), AllowAnyName: core.BoolPtr(true),
			KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PublicCertificateConfigurationCALetsEncryptPrototype{ConfigType: core.StringPtr("public_cert_configuration_ca_lets_encrypt"),
			Name: core.StringPtr("le"), LetsEncryptEnvironment: core.StringPtr("staging"), LetsEncryptPrivateKey: core.StringPtr(key)},
		&sm.PublicCertificateConfigurationDNSCloudInternetServicesPrototype{ConfigType: core.StringPtr("public_cert_configuration_dns_cloud_internet_services"),
			Name: core.StringPtr("cis"), CloudInternetServicesCrn: core.StringPtr("crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::")},
		&sm.PublicCertificateConfigurationDNSClassicInfrastructurePrototype{ConfigType: core.StringPtr("public_cert_configuration_dns_classic_infrastructure"),
			Name: core.StringPtr("classic"), ClassicInfrastructureUsername: core.StringPtr("u"), ClassicInfrastructurePassword: core.StringPtr("p")},
		&sm.IAMCredentialsConfigurationPrototype{ConfigType: core.StringPtr("iam_credentials_configuration"), Name: core.StringPtr("iam"), ApiKey: core.StringPtr("k")},
	} {
		_, _, err := c.CreateConfiguration(c.NewCreateConfigurationOptions(p))
		require.NoError(t, err)
	}
	cfgs, _, err := c.ListConfigurations(c.NewListConfigurationsOptions())
	require.NoError(t, err)
	require.Len(t, cfgs.Configurations, 7)
	for _, n := range []string{"root", "inter", "tmpl", "le", "cis", "classic", "iam"} {
		got, _, err := c.GetConfiguration(c.NewGetConfigurationOptions(n))
		require.NoError(t, err, n)
		require.NotNil(t, got)
	}

	cert, pk := testCert(t)
	protos := []sm.SecretPrototypeIntf{
		&sm.ArbitrarySecretPrototype{SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr("arb"), Payload: core.StringPtr("p")},
		&sm.KVSecretPrototype{SecretType: core.StringPtr("kv"), Name: core.StringPtr("kv"), Data: map[string]interface{}{"k": "v"}},
		&sm.UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: core.StringPtr("up"), Username: core.StringPtr("u"),
			Rotation: &sm.CommonRotationPolicy{AutoRotate: core.BoolPtr(true), Interval: core.Int64Ptr(10), Unit: core.StringPtr("day")}},
		&sm.ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"), Name: core.StringPtr("ic"), Certificate: core.StringPtr(cert), PrivateKey: core.StringPtr(pk)},
		&sm.PrivateCertificatePrototype{SecretType: core.StringPtr("private_cert"), Name: core.StringPtr("pc"), CertificateTemplate: core.StringPtr("tmpl"), CommonName: core.StringPtr("x.example.com")},
		&sm.PublicCertificatePrototype{SecretType: core.StringPtr("public_cert"), Name: core.StringPtr("pub"), CommonName: core.StringPtr("example.com"),
			Ca: core.StringPtr("le"), Dns: core.StringPtr("cis"), KeyAlgorithm: core.StringPtr("EC256"),
			Rotation: &sm.PublicCertificateRotationPolicy{AutoRotate: core.BoolPtr(false), RotateKeys: core.BoolPtr(false)}},
		&sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"), Name: core.StringPtr("iamc"), TTL: core.StringPtr("1h"),
			ServiceID: core.StringPtr("ServiceId-1"), ReuseApiKey: core.BoolPtr(true)},
		&sm.ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"), Name: core.StringPtr("svc"),
			SourceService: &sm.ServiceCredentialsSecretSourceService{Instance: &sm.ServiceCredentialsSourceServiceInstance{
				Crn: core.StringPtr("crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::")}}},
	}
	versionProtos := []sm.SecretVersionPrototypeIntf{
		&sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("p2")},
		&sm.KVSecretVersionPrototype{Data: map[string]interface{}{"k": "v2"}},
		&sm.UsernamePasswordSecretVersionPrototype{},
		&sm.ImportedCertificateVersionPrototype{Certificate: core.StringPtr(cert)},
		&sm.PrivateCertificateVersionPrototype{},
		&sm.PublicCertificateVersionPrototype{Rotation: &sm.PublicCertificateRotationObject{RotateKeys: core.BoolPtr(true)}},
		&sm.IAMCredentialsSecretVersionPrototype{},
		&sm.ServiceCredentialsSecretVersionPrototype{},
	}
	for i, p := range protos {
		res, _, err := c.CreateSecret(c.NewCreateSecretOptions(p))
		require.NoError(t, err)
		var id string
		md, _, err := c.ListSecrets(c.NewListSecretsOptions())
		require.NoError(t, err)
		require.Len(t, md.Secrets, i+1)
		switch s := res.(type) {
		case *sm.ArbitrarySecret:
			id = *s.ID
		case *sm.KVSecret:
			id = *s.ID
		case *sm.UsernamePasswordSecret:
			id = *s.ID
			require.NotNil(t, s.NextRotationDate)
		case *sm.ImportedCertificate:
			id = *s.ID
		case *sm.PrivateCertificate:
			id = *s.ID
		case *sm.PublicCertificate:
			id = *s.ID
		case *sm.IAMCredentialsSecret:
			id = *s.ID
		case *sm.ServiceCredentialsSecret:
			id = *s.ID
		default:
			t.Fatalf("unexpected type %T", res)
		}
		_, _, err = c.GetSecret(c.NewGetSecretOptions(id))
		require.NoError(t, err)
		_, _, err = c.GetSecretMetadata(c.NewGetSecretMetadataOptions(id))
		require.NoError(t, err)
		_, _, err = c.CreateSecretVersion(c.NewCreateSecretVersionOptions(id, versionProtos[i]))
		require.NoError(t, err, "rotate %T", p)
		vs, _, err := c.ListSecretVersions(c.NewListSecretVersionsOptions(id))
		require.NoError(t, err)
		require.Len(t, vs.Versions, 2)
		for _, alias := range []string{"current", "previous"} {
			_, _, err = c.GetSecretVersion(c.NewGetSecretVersionOptions(id, alias))
			require.NoError(t, err)
			_, _, err = c.GetSecretVersionMetadata(c.NewGetSecretVersionMetadataOptions(id, alias))
			require.NoError(t, err)
		}
	}
}
