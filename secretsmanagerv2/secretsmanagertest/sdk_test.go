package secretsmanagertest_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func newClient(t *testing.T, opts ...secretsmanagertest.Option) *sm.SecretsManagerV2 {
	t.Helper()
	srv := secretsmanagertest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	return c
}

func status(t *testing.T, resp *core.DetailedResponse) int {
	t.Helper()
	require.NotNil(t, resp)
	return resp.StatusCode
}

func createArbitrary(t *testing.T, c *sm.SecretsManagerV2, name, payload string, labels ...string) *sm.ArbitrarySecret {
	t.Helper()
	res, resp, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr("arbitrary"), Name: core.StringPtr(name), Payload: core.StringPtr(payload), Labels: labels}))
	require.NoError(t, err)
	require.Equal(t, 201, status(t, resp))
	return res.(*sm.ArbitrarySecret)
}

func TestSDKSecretGroups(t *testing.T) {
	c := newClient(t)
	g, resp, err := c.CreateSecretGroup(&sm.CreateSecretGroupOptions{Name: core.StringPtr("my-secret-group"), Description: core.StringPtr("d")})
	require.NoError(t, err)
	require.Equal(t, 201, status(t, resp))
	require.Equal(t, "my-secret-group", *g.Name)

	_, resp, err = c.CreateSecretGroup(c.NewCreateSecretGroupOptions("my-secret-group"))
	require.Error(t, err)
	require.Equal(t, 409, status(t, resp))

	list, _, err := c.ListSecretGroups(c.NewListSecretGroupsOptions())
	require.NoError(t, err)
	require.EqualValues(t, 2, *list.TotalCount)

	got, _, err := c.GetSecretGroup(c.NewGetSecretGroupOptions(*g.ID))
	require.NoError(t, err)
	require.Equal(t, *g.ID, *got.ID)

	patch, err := (&sm.SecretGroupPatch{Name: core.StringPtr("renamed")}).AsPatch()
	require.NoError(t, err)
	up, _, err := c.UpdateSecretGroup(c.NewUpdateSecretGroupOptions(*g.ID, patch))
	require.NoError(t, err)
	require.Equal(t, "renamed", *up.Name)

	resp, err = c.DeleteSecretGroup(c.NewDeleteSecretGroupOptions(*g.ID))
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
	_, resp, err = c.GetSecretGroup(c.NewGetSecretGroupOptions(*g.ID))
	require.Error(t, err)
	require.Equal(t, 404, status(t, resp))
}

func TestSDKSecretsAndVersions(t *testing.T) {
	c := newClient(t)
	s := createArbitrary(t, c, "example-arbitrary-secret", "secret-data", "dev")
	require.Equal(t, "secret-data", *s.Payload)
	require.EqualValues(t, 1, *s.VersionsTotal)

	got, _, err := c.GetSecret(c.NewGetSecretOptions(*s.ID))
	require.NoError(t, err)
	require.Equal(t, "secret-data", *got.(*sm.ArbitrarySecret).Payload)

	md, _, err := c.GetSecretMetadata(c.NewGetSecretMetadataOptions(*s.ID))
	require.NoError(t, err)
	require.Equal(t, "example-arbitrary-secret", *md.(*sm.ArbitrarySecretMetadata).Name)

	byName, _, err := c.GetSecretByNameType(c.NewGetSecretByNameTypeOptions("arbitrary", "example-arbitrary-secret", "default"))
	require.NoError(t, err)
	require.Equal(t, *s.ID, *byName.(*sm.ArbitrarySecret).ID)

	patch, err := (&sm.ArbitrarySecretMetadataPatch{Description: core.StringPtr("updated"), Labels: []string{"dev", "us-south"}}).AsPatch()
	require.NoError(t, err)
	um, _, err := c.UpdateSecretMetadata(c.NewUpdateSecretMetadataOptions(*s.ID, patch))
	require.NoError(t, err)
	require.Equal(t, "updated", *um.(*sm.ArbitrarySecretMetadata).Description)

	// Rotate.
	v, resp, err := c.CreateSecretVersion(c.NewCreateSecretVersionOptions(*s.ID, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v2")}))
	require.NoError(t, err)
	require.Equal(t, 201, status(t, resp))
	av := v.(*sm.ArbitrarySecretVersion)
	require.Equal(t, "current", *av.Alias)
	require.Equal(t, "v2", *av.Payload)

	versions, _, err := c.ListSecretVersions(c.NewListSecretVersionsOptions(*s.ID))
	require.NoError(t, err)
	require.EqualValues(t, 2, *versions.TotalCount)

	prev, _, err := c.GetSecretVersion(c.NewGetSecretVersionOptions(*s.ID, "previous"))
	require.NoError(t, err)
	require.Equal(t, "secret-data", *prev.(*sm.ArbitrarySecretVersion).Payload)

	vpatch, err := (&sm.SecretVersionMetadataPatch{VersionCustomMetadata: map[string]interface{}{"k": "v"}}).AsPatch()
	require.NoError(t, err)
	vm, _, err := c.UpdateSecretVersionMetadata(c.NewUpdateSecretVersionMetadataOptions(*s.ID, "previous", vpatch))
	require.NoError(t, err)
	require.Equal(t, "v", vm.(*sm.ArbitrarySecretVersionMetadata).VersionCustomMetadata["k"])

	resp, err = c.DeleteSecretVersionData(c.NewDeleteSecretVersionDataOptions(*s.ID, "previous"))
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
	gm, _, err := c.GetSecretVersionMetadata(c.NewGetSecretVersionMetadataOptions(*s.ID, "previous"))
	require.NoError(t, err)
	require.False(t, *gm.(*sm.ArbitrarySecretVersionMetadata).PayloadAvailable)

	resp, err = c.DeleteSecret(c.NewDeleteSecretOptions(*s.ID))
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
	_, resp, err = c.GetSecret(c.NewGetSecretOptions(*s.ID))
	require.Error(t, err)
	require.Equal(t, 404, status(t, resp))
}

func TestSDKAllSecretTypes(t *testing.T) {
	c := newClient(t)
	kv, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.KVSecretPrototype{SecretType: core.StringPtr("kv"),
		Name: core.StringPtr("kv"), Data: map[string]interface{}{"key1": "val1"}}))
	require.NoError(t, err)
	require.Equal(t, "val1", kv.(*sm.KVSecret).Data["key1"])

	up, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"),
		Name: core.StringPtr("up"), Username: core.StringPtr("admin"),
		PasswordGenerationPolicy: &sm.PasswordGenerationPolicy{Length: core.Int64Ptr(24), IncludeDigits: core.BoolPtr(true),
			IncludeSymbols: core.BoolPtr(false), IncludeUppercase: core.BoolPtr(false)}}))
	require.NoError(t, err)
	pw := *up.(*sm.UsernamePasswordSecret).Password
	require.Len(t, pw, 24)
	for _, r := range pw {
		require.True(t, unicode.IsLower(r) || unicode.IsDigit(r), "password %q breaks the policy", pw)
	}

	iam, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"),
		Name: core.StringPtr("iam"), TTL: core.StringPtr("1800"), AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: core.BoolPtr(false)}))
	require.NoError(t, err)
	require.NotEmpty(t, *iam.(*sm.IAMCredentialsSecret).ApiKey)

	svc, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"),
		Name: core.StringPtr("svc"), SourceService: &sm.ServiceCredentialsSecretSourceService{
			Instance: &sm.ServiceCredentialsSourceServiceInstance{Crn: core.StringPtr("crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::")}}}))
	require.NoError(t, err)
	require.NotEmpty(t, *svc.(*sm.ServiceCredentialsSecret).Credentials.Apikey)

	cert, key := testCert(t)
	ic, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"),
		Name: core.StringPtr("ic"), Certificate: core.StringPtr(cert), PrivateKey: core.StringPtr(key)}))
	require.NoError(t, err)
	require.Equal(t, "example.com", *ic.(*sm.ImportedCertificate).CommonName)
	require.True(t, *ic.(*sm.ImportedCertificate).PrivateKeyIncluded)

	_, acmeKey := secretsmanagertest.SelfSignedCertificate(t, "acme")
	_, _, err = c.CreateConfiguration(c.NewCreateConfigurationOptions(&sm.PublicCertificateConfigurationCALetsEncryptPrototype{
		ConfigType: core.StringPtr("public_cert_configuration_ca_lets_encrypt"), Name: core.StringPtr("le"),
		LetsEncryptEnvironment: core.StringPtr("staging"), LetsEncryptPrivateKey: core.StringPtr(acmeKey)}))
	require.NoError(t, err)
	pc, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.PublicCertificatePrototype{SecretType: core.StringPtr("public_cert"),
		Name: core.StringPtr("pc"), CommonName: core.StringPtr("example.com"), Ca: core.StringPtr("le"), Dns: core.StringPtr("manual"),
		KeyAlgorithm: core.StringPtr("EC256")}))
	require.NoError(t, err)
	require.Equal(t, "pre_activation", *pc.(*sm.PublicCertificate).StateDescription)
	act, _, err := c.CreateSecretAction(c.NewCreateSecretActionOptions(*pc.(*sm.PublicCertificate).ID,
		&sm.PublicCertificateActionValidateManualDNSPrototype{ActionType: core.StringPtr("public_cert_action_validate_dns_challenge")}))
	require.NoError(t, err)
	require.Equal(t, "public_cert_action_validate_dns_challenge", *act.(*sm.PublicCertificateActionValidateManualDNS).ActionType)
	pcGot, _, err := c.GetSecret(c.NewGetSecretOptions(*pc.(*sm.PublicCertificate).ID))
	require.NoError(t, err)
	require.Equal(t, "active", *pcGot.(*sm.PublicCertificate).StateDescription)
	require.NotEmpty(t, *pcGot.(*sm.PublicCertificate).Certificate)

	all, _, err := c.ListSecrets(c.NewListSecretsOptions())
	require.NoError(t, err)
	require.EqualValues(t, 6, *all.TotalCount)
}

func TestSDKLocks(t *testing.T) {
	c := newClient(t)
	s := createArbitrary(t, c, "locked", "v1")
	locks, resp, err := c.CreateSecretLocksBulk(c.NewCreateSecretLocksBulkOptions(*s.ID, []sm.SecretLockPrototype{
		{Name: core.StringPtr("lock-example-1"), Description: core.StringPtr("consumer 1")}}))
	require.NoError(t, err)
	require.Equal(t, 201, status(t, resp))
	require.Equal(t, []string{"lock-example-1"}, locks.Versions[0].Locks)

	// Deleting a locked secret: 412.
	resp, err = c.DeleteSecret(c.NewDeleteSecretOptions(*s.ID))
	require.Error(t, err)
	require.Equal(t, http.StatusPreconditionFailed, status(t, resp))

	// Rotate once (current locked is fine), then rotation is refused while previous is locked.
	_, _, err = c.CreateSecretVersion(c.NewCreateSecretVersionOptions(*s.ID, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v2")}))
	require.NoError(t, err)
	_, resp, err = c.CreateSecretVersion(c.NewCreateSecretVersionOptions(*s.ID, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v3")}))
	require.Error(t, err)
	require.Equal(t, http.StatusPreconditionFailed, status(t, resp))

	vl, _, err := c.ListSecretVersionLocks(c.NewListSecretVersionLocksOptions(*s.ID, "previous"))
	require.NoError(t, err)
	require.EqualValues(t, 1, *vl.TotalCount)

	opts := c.NewCreateSecretVersionLocksBulkOptions(*s.ID, "current", []sm.SecretLockPrototype{{Name: core.StringPtr("lock-example-1")}})
	opts.SetMode("remove_previous")
	locks, _, err = c.CreateSecretVersionLocksBulk(opts)
	require.NoError(t, err)
	require.Empty(t, locks.Versions[1].Locks)

	sl, _, err := c.ListSecretLocks(c.NewListSecretLocksOptions(*s.ID))
	require.NoError(t, err)
	require.EqualValues(t, 1, *sl.TotalCount)
	require.Equal(t, "lock-example-1", *sl.Locks[0].Name)

	all, _, err := c.ListSecretsLocks(c.NewListSecretsLocksOptions())
	require.NoError(t, err)
	require.EqualValues(t, 1, *all.TotalCount)

	dv := c.NewDeleteSecretVersionLocksBulkOptions(*s.ID, "current")
	dv.SetName([]string{"lock-example-1"})
	_, _, err = c.DeleteSecretVersionLocksBulk(dv)
	require.NoError(t, err)
	_, _, err = c.CreateSecretLocksBulk(c.NewCreateSecretLocksBulkOptions(*s.ID, []sm.SecretLockPrototype{{Name: core.StringPtr("lock-x")}}))
	require.NoError(t, err)
	_, _, err = c.DeleteSecretLocksBulk(c.NewDeleteSecretLocksBulkOptions(*s.ID))
	require.NoError(t, err)
	md, _, err := c.GetSecretMetadata(c.NewGetSecretMetadataOptions(*s.ID))
	require.NoError(t, err)
	require.EqualValues(t, 0, *md.(*sm.ArbitrarySecretMetadata).LocksTotal)
	resp, err = c.DeleteSecret(c.NewDeleteSecretOptions(*s.ID))
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
}

func TestSDKPagingAndFilters(t *testing.T) {
	c := newClient(t)
	for i := 0; i < 23; i++ {
		labels := []string{"all"}
		if i%2 == 0 {
			labels = append(labels, "even")
		}
		createArbitrary(t, c, fmt.Sprintf("s-%02d", i), "p", labels...)
	}
	page, _, err := c.ListSecrets(&sm.ListSecretsOptions{Limit: core.Int64Ptr(10), Offset: core.Int64Ptr(20), Sort: core.StringPtr("-name")})
	require.NoError(t, err)
	require.EqualValues(t, 23, *page.TotalCount)
	require.Len(t, page.Secrets, 3)
	require.Nil(t, page.Next)
	require.NotNil(t, page.Previous)

	pager, err := c.NewSecretsPager(&sm.ListSecretsOptions{Limit: core.Int64Ptr(5), MatchAllLabels: []string{"all", "even"}})
	require.NoError(t, err)
	items, err := pager.GetAll()
	require.NoError(t, err)
	require.Len(t, items, 12)

	res, _, err := c.ListSecrets(&sm.ListSecretsOptions{Search: core.StringPtr("s-1"), SecretTypes: []string{"arbitrary"}, Groups: []string{"default"}})
	require.NoError(t, err)
	require.EqualValues(t, 10, *res.TotalCount)

	_, resp, err := c.ListSecrets(&sm.ListSecretsOptions{Sort: core.StringPtr("payload")})
	require.Error(t, err)
	require.Equal(t, 400, status(t, resp))
}

func TestSDKPrivateCertificateChain(t *testing.T) {
	c := newClient(t)
	create := func(p sm.ConfigurationPrototypeIntf) sm.ConfigurationIntf {
		t.Helper()
		res, resp, err := c.CreateConfiguration(c.NewCreateConfigurationOptions(p))
		require.NoError(t, err)
		require.Equal(t, 201, status(t, resp))
		return res
	}
	root := create(&sm.PrivateCertificateConfigurationRootCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_root_ca"),
		Name: core.StringPtr("example-root-CA"), MaxTTL: core.StringPtr("43830h"), CommonName: core.StringPtr("Example Root"),
		KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)}).(*sm.PrivateCertificateConfigurationRootCA)
	require.Equal(t, "configured", *root.Status)
	inter := create(&sm.PrivateCertificateConfigurationIntermediateCAPrototype{ConfigType: core.StringPtr("private_cert_configuration_intermediate_ca"),
		Name: core.StringPtr("example-intermediate-CA"), MaxTTL: core.StringPtr("8760h"), SigningMethod: core.StringPtr("internal"),
		Issuer: core.StringPtr("example-root-CA"), CommonName: core.StringPtr("Example Intermediate"),
		KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)}).(*sm.PrivateCertificateConfigurationIntermediateCA)
	require.Equal(t, "example-root-CA", *inter.Issuer)
	create(&sm.PrivateCertificateConfigurationTemplatePrototype{ConfigType: core.StringPtr("private_cert_configuration_template"),
		Name: core.StringPtr("example-certificate-template"), CertificateAuthority: core.StringPtr("example-intermediate-CA"),
		AllowAnyName: core.BoolPtr(true), KeyType: core.StringPtr("rsa"), KeyBits: core.Int64Ptr(2048)})

	signAct, err := c.NewPrivateCertificateConfigurationActionSignIntermediatePrototype("private_cert_configuration_action_sign_intermediate", "example-intermediate-CA")
	require.NoError(t, err)
	ar, resp, err := c.CreateConfigurationAction(c.NewCreateConfigurationActionOptions("example-root-CA", signAct))
	require.NoError(t, err)
	require.Equal(t, 201, status(t, resp))
	require.Equal(t, "example-intermediate-CA", *ar.(*sm.PrivateCertificateConfigurationActionSignIntermediate).IntermediateCertificateAuthority)

	proto, err := c.NewPrivateCertificatePrototype("private_cert", "example-private-certificate", "example-certificate-template", "www.example.com")
	require.NoError(t, err)
	proto.AltNames = []string{"api.example.com"}
	res, _, err := c.CreateSecret(c.NewCreateSecretOptions(proto))
	require.NoError(t, err)
	pc := res.(*sm.PrivateCertificate)
	require.Equal(t, "RSA2048", *pc.KeyAlgorithm)
	require.Len(t, pc.CaChain, 2)

	roots, inters := x509.NewCertPool(), x509.NewCertPool()
	roots.AddCert(parse(t, pc.CaChain[1]))
	inters.AddCert(parse(t, pc.CaChain[0]))
	leaf := parse(t, *pc.Certificate)
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inters, DNSName: "api.example.com"})
	require.NoError(t, err)
	require.NoError(t, leaf.CheckSignatureFrom(parse(t, *pc.IssuingCa)))

	rv, _, err := c.CreateSecretVersionAction(c.NewCreateSecretVersionActionOptions(*pc.ID, "current",
		&sm.PrivateCertificateVersionActionRevokePrototype{ActionType: core.StringPtr("private_cert_action_revoke_certificate")}))
	require.NoError(t, err)
	require.NotZero(t, *rv.(*sm.PrivateCertificateVersionActionRevoke).RevocationTimeSeconds)

	ra, _, err := c.CreateSecretAction(c.NewCreateSecretActionOptions(*pc.ID,
		&sm.PrivateCertificateActionRevokePrototype{ActionType: core.StringPtr("private_cert_action_revoke_certificate")}))
	require.NoError(t, err)
	require.NotZero(t, *ra.(*sm.PrivateCertificateActionRevoke).RevocationTimeSeconds)

	crl, _, err := c.CreateConfigurationAction(c.NewCreateConfigurationActionOptions("example-intermediate-CA",
		&sm.PrivateCertificateConfigurationActionRotateCRLPrototype{ActionType: core.StringPtr("private_cert_configuration_action_rotate_crl")}))
	require.NoError(t, err)
	require.True(t, *crl.(*sm.PrivateCertificateConfigurationActionRotateCRL).Success)

	list, _, err := c.ListConfigurations(&sm.ListConfigurationsOptions{Sort: core.StringPtr("name")})
	require.NoError(t, err)
	require.EqualValues(t, 3, *list.TotalCount)

	getOpts := c.NewGetConfigurationOptions("example-certificate-template")
	getOpts.SetXSmAcceptConfigurationType("private_cert_configuration_template")
	got, _, err := c.GetConfiguration(getOpts)
	require.NoError(t, err)
	require.True(t, *got.(*sm.PrivateCertificateConfigurationTemplate).AllowAnyName)

	tpatch, err := (&sm.PrivateCertificateConfigurationTemplatePatch{ServerFlag: core.BoolPtr(false)}).AsPatch()
	require.NoError(t, err)
	updated, _, err := c.UpdateConfiguration(c.NewUpdateConfigurationOptions("example-certificate-template", tpatch))
	require.NoError(t, err)
	require.False(t, *updated.(*sm.PrivateCertificateConfigurationTemplate).ServerFlag)

	resp, err = c.DeleteConfiguration(c.NewDeleteConfigurationOptions("example-certificate-template"))
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
}

func TestSDKNotifications(t *testing.T) {
	c := newClient(t)
	crn := "crn:v1:bluemix:public:event-notifications:us-south:a/22018f3c34ff4ff193698d15ca316946:578ad1a4-2fd8-4e66-95d5-79a842ba91f8::"
	reg, resp, err := c.CreateNotificationsRegistration(c.NewCreateNotificationsRegistrationOptions(crn, "My Secrets Manager"))
	require.NoError(t, err)
	require.Equal(t, 201, status(t, resp))
	require.Equal(t, crn, *reg.EventNotificationsInstanceCrn)
	got, _, err := c.GetNotificationsRegistration(c.NewGetNotificationsRegistrationOptions())
	require.NoError(t, err)
	require.Equal(t, crn, *got.EventNotificationsInstanceCrn)
	resp, err = c.GetNotificationsRegistrationTest(c.NewGetNotificationsRegistrationTestOptions())
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
	resp, err = c.DeleteNotificationsRegistration(c.NewDeleteNotificationsRegistrationOptions())
	require.NoError(t, err)
	require.Equal(t, 204, status(t, resp))
}

func TestSDKAuth(t *testing.T) {
	srv := secretsmanagertest.NewServer(secretsmanagertest.WithToken("tok"))
	defer srv.Close()
	bad, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	_, resp, err := bad.ListSecrets(bad.NewListSecretsOptions())
	require.Error(t, err)
	require.Equal(t, 401, status(t, resp))
	good, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.BearerTokenAuthenticator{BearerToken: "tok"}})
	require.NoError(t, err)
	_, _, err = good.ListSecrets(good.NewListSecretsOptions())
	require.NoError(t, err)
}

func TestSDKConcurrency(t *testing.T) {
	c := newClient(t)
	const n = 64
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{SecretType: core.StringPtr("arbitrary"),
				Name: core.StringPtr(fmt.Sprintf("concurrent-%d", i)), Payload: core.StringPtr("v1")}))
			if err != nil {
				errs <- err
				return
			}
			id := *res.(*sm.ArbitrarySecret).ID
			if _, _, err := c.CreateSecretVersion(c.NewCreateSecretVersionOptions(id, &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v2")})); err != nil {
				errs <- err
				return
			}
			if _, _, err := c.ListSecrets(&sm.ListSecretsOptions{Limit: core.Int64Ptr(10)}); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	pager, err := c.NewSecretsPager(&sm.ListSecretsOptions{Limit: core.Int64Ptr(7)})
	require.NoError(t, err)
	all, err := pager.GetAll()
	require.NoError(t, err)
	require.Len(t, all, n)
	for _, s := range all {
		require.EqualValues(t, 2, *s.(*sm.ArbitrarySecretMetadata).VersionsTotal)
	}
}

func parse(t *testing.T, s string) *x509.Certificate {
	t.Helper()
	blk, _ := pem.Decode([]byte(s))
	require.NotNil(t, blk)
	c, err := x509.ParseCertificate(blk.Bytes)
	require.NoError(t, err)
	return c
}

func testCert(t *testing.T) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(42), Subject: pkix.Name{CommonName: "example.com"},
		DNSNames: []string{"example.com"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}))
}

// TestIAMCredentialsWithoutReuse checks the single-use keys of IAM credentials that do not reuse
// their API key: a new key on every read, no manual rotation, and no read while locked.
func TestIAMCredentialsWithoutReuse(t *testing.T) {
	srv := secretsmanagertest.NewServer()
	defer srv.Close()
	c, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	created, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"),
		Name: core.StringPtr("single-use"), TTL: core.StringPtr("1h"), AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: core.BoolPtr(false)}))
	require.NoError(t, err)
	id := created.Common().ID
	read := func() (string, error) {
		s, _, err := c.GetSecret(c.NewGetSecretOptions(id))
		if err != nil {
			return "", err
		}
		return *s.(*sm.IAMCredentialsSecret).ApiKey, nil
	}
	k1, err := read()
	require.NoError(t, err)
	k2, err := read()
	require.NoError(t, err)
	require.NotEqual(t, k1, k2, "a new key on every read")

	_, _, err = c.CreateSecretVersion(c.NewCreateSecretVersionOptions(id, &sm.IAMCredentialsSecretVersionPrototype{}))
	require.ErrorIs(t, err, sm.ErrBadRequest, "no manual rotation")

	_, _, err = c.CreateSecretLocksBulk(c.NewCreateSecretLocksBulkOptions(id, []sm.SecretLockPrototype{{Name: core.StringPtr("app")}}))
	require.NoError(t, err)
	_, err = read()
	require.ErrorIs(t, err, sm.ErrLocked, "reading would create a key: refused while locked")
	_, _, err = c.GetSecretMetadata(c.NewGetSecretMetadataOptions(id))
	require.NoError(t, err, "the metadata can still be read")
}
