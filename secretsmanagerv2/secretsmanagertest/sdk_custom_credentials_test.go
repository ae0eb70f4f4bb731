package secretsmanagertest_test

import (
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/go-openapi/strfmt"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// TestSDKCustomCredentials drives a custom credentials secret through the
// SDK, the test playing the credentials provider: creation, a task
// completed with ReplaceSecretTask, a failed and a successful rotation, the
// deletion of each version's credentials, then deletion (also forced).
func TestSDKCustomCredentials(t *testing.T) {
	c := newClient(t, secretsmanagertest.WithCodeEngineJob(secretsmanagertest.CodeEngineJob{
		Region: "eu-de", ProjectID: "8a3f52d0-14c6-4c7b-a0e9-77d1b3e5c208", JobName: "pd-key-provider",
		Env: map[string]string{"SMIN_SERVICE_NAME": "type:string, required:true", "SMOUT_API_KEY": "type:string, required:true"}}))

	ce, err := c.NewCustomCredentialsConfigurationCodeEngine("pd-key-provider", "8a3f52d0-14c6-4c7b-a0e9-77d1b3e5c208", "eu-de")
	require.NoError(t, err)
	cp, err := c.NewCustomCredentialsConfigurationPrototype("pagerduty-keys", "custom_credentials_configuration", ce)
	require.NoError(t, err)
	cfg, _, err := c.CreateConfiguration(c.NewCreateConfigurationOptions(cp))
	require.NoError(t, err)
	cc := cfg.(*sm.CustomCredentialsConfiguration)
	require.Equal(t, "10m", *cc.TaskTimeout)
	require.Equal(t, "service_name", *cc.Schema.Parameters[0].Name)
	require.Equal(t, "SM_SERVICE_NAME_VALUE", *cc.Schema.Parameters[0].EnvVariableName)
	require.Equal(t, "api_key", *cc.Schema.Credentials[0].Name)

	create := func(name string) *sm.CustomCredentialsSecret {
		t.Helper()
		p, err := c.NewCustomCredentialsSecretPrototype(name, "custom_credentials", "pagerduty-keys")
		require.NoError(t, err)
		p.Parameters = map[string]interface{}{"service_name": "billing-api"}
		p.TTL = core.StringPtr("30d")
		res, resp, err := c.CreateSecret(c.NewCreateSecretOptions(p))
		require.NoError(t, err)
		require.Equal(t, 201, resp.StatusCode)
		return res.(*sm.CustomCredentialsSecret)
	}
	tasks := func(id string) []sm.SecretTask {
		t.Helper()
		l, _, err := c.ListSecretTasks(c.NewListSecretTasksOptions(id))
		require.NoError(t, err)
		return l.Tasks
	}
	provide := func(id string, task sm.SecretTask, credID, key string) *sm.SecretTask {
		t.Helper()
		creds, err := c.NewCustomCredentialsNewCredentials(credID, map[string]interface{}{"api_key": key})
		require.NoError(t, err)
		put, err := c.NewSecretTaskPrototypeUpdateSecretTaskCredentialsCreated("credentials_created", creds)
		require.NoError(t, err)
		res, _, err := c.ReplaceSecretTask(c.NewReplaceSecretTaskOptions(id, *task.ID, put))
		require.NoError(t, err)
		return res
	}
	deleted := func(id string, task sm.SecretTask) {
		t.Helper()
		put, err := c.NewSecretTaskPrototypeUpdateSecretTaskCredentialsDeleted("credentials_deleted")
		require.NoError(t, err)
		res, _, err := c.ReplaceSecretTask(c.NewReplaceSecretTaskOptions(id, *task.ID, put))
		require.NoError(t, err)
		require.Equal(t, "credentials_deleted", *res.Status)
	}

	// Created: pre_activation, with a create_credentials task.
	s := create("pd-oncall-api-key")
	id := *s.ID
	require.EqualValues(t, 0, *s.State)
	require.Equal(t, "pre_activation", *s.StateDescription)
	require.EqualValues(t, 1, *s.TaskCount)
	ts := tasks(id)
	require.Len(t, ts, 1)
	require.Equal(t, *s.ProcessingTaskID, *ts[0].ID)
	require.Equal(t, "create_credentials", *ts[0].Type)
	require.Equal(t, "secret_creation", *ts[0].Trigger)
	got, _, err := c.GetSecretTask(c.NewGetSecretTaskOptions(id, *ts[0].ID))
	require.NoError(t, err)
	require.Equal(t, "processing", *got.Status)

	// The provider reports the credentials: the secret is active.
	done := provide(id, ts[0], "PD-KEY-1", "secret-1")
	require.Equal(t, "credentials_created", *done.Status)
	res, _, err := c.GetSecret(c.NewGetSecretOptions(id))
	require.NoError(t, err)
	active := res.(*sm.CustomCredentialsSecret)
	require.Equal(t, "active", *active.StateDescription)
	require.Equal(t, "secret-1", active.CredentialsContent["api_key"])
	require.NotNil(t, active.ExpirationDate)
	v, _, err := c.GetSecretVersion(c.NewGetSecretVersionOptions(id, "current"))
	require.NoError(t, err)
	require.Equal(t, "PD-KEY-1", *v.(*sm.CustomCredentialsSecretVersion).CredentialsID)

	// A rotation queues a task; the provider fails it.
	rv, resp, err := c.CreateSecretVersion(c.NewCreateSecretVersionOptions(id, &sm.CustomCredentialsSecretVersionPrototype{}))
	require.NoError(t, err)
	require.Equal(t, 201, resp.StatusCode)
	require.False(t, *rv.(*sm.CustomCredentialsSecretVersion).PayloadAvailable)
	ts = tasks(id)
	require.Len(t, ts, 2)
	require.Equal(t, "manual_secret_rotation", *ts[1].Trigger)
	te, err := c.NewSecretTaskError("PD-401", "token rejected")
	require.NoError(t, err)
	fail, err := c.NewSecretTaskPrototypeUpdateSecretTaskFailed("failed", []sm.SecretTaskError{*te})
	require.NoError(t, err)
	failed, _, err := c.ReplaceSecretTask(c.NewReplaceSecretTaskOptions(id, *ts[1].ID, fail))
	require.NoError(t, err)
	require.Equal(t, "PD-401", *failed.Errors[0].Code)
	md, _, err := c.GetSecretMetadata(c.NewGetSecretMetadataOptions(id))
	require.NoError(t, err)
	require.True(t, *md.(*sm.CustomCredentialsSecretMetadata).LastRotationFailed)
	require.Equal(t, *ts[1].ID, *md.(*sm.CustomCredentialsSecretMetadata).LastFailedTaskID)
	// A finished task accepts no update.
	_, _, err = c.ReplaceSecretTask(c.NewReplaceSecretTaskOptions(id, *ts[1].ID, fail))
	require.ErrorIs(t, err, sm.ErrBadRequest)

	// Rotate again, successfully.
	_, _, err = c.CreateSecretVersion(c.NewCreateSecretVersionOptions(id, &sm.CustomCredentialsSecretVersionPrototype{}))
	require.NoError(t, err)
	provide(id, tasks(id)[2], "PD-KEY-2", "secret-2")
	res, _, err = c.GetSecret(c.NewGetSecretOptions(id))
	require.NoError(t, err)
	require.Equal(t, "secret-2", res.(*sm.CustomCredentialsSecret).CredentialsContent["api_key"])
	require.False(t, *res.(*sm.CustomCredentialsSecret).LastRotationFailed)
	vs, _, err := c.ListSecretVersions(c.NewListSecretVersionsOptions(id))
	require.NoError(t, err)
	require.EqualValues(t, 2, *vs.TotalCount)

	// Deleting: refused while versions hold credentials; delete them through tasks first.
	_, err = c.DeleteSecret(c.NewDeleteSecretOptions(id))
	require.ErrorIs(t, err, sm.ErrConflict)
	for _, alias := range []string{"previous", "current"} {
		_, err = c.DeleteSecretVersionData(c.NewDeleteSecretVersionDataOptions(id, alias))
		require.NoError(t, err)
	}
	ts = tasks(id)
	require.Len(t, ts, 5)
	for _, task := range ts[3:] {
		require.Equal(t, "delete_credentials", *task.Type)
		require.Equal(t, "secret_version_data_deletion", *task.Trigger)
		deleted(id, task)
	}
	resp, err = c.DeleteSecret(c.NewDeleteSecretOptions(id))
	require.NoError(t, err)
	require.Equal(t, 204, resp.StatusCode)

	// force_delete deletes a secret at once; a queued task can be cancelled.
	f := create("forced")
	_, _, err = c.CreateSecretVersion(c.NewCreateSecretVersionOptions(*f.ID, &sm.CustomCredentialsSecretVersionPrototype{}))
	require.NoError(t, err)
	ft := tasks(*f.ID)
	require.Equal(t, "queued", *ft[1].Status)
	resp, err = c.DeleteSecretTask(c.NewDeleteSecretTaskOptions(*f.ID, *ft[1].ID))
	require.NoError(t, err)
	require.Equal(t, 204, resp.StatusCode)
	require.Len(t, tasks(*f.ID), 1)
	_, err = c.DeleteSecret(c.NewDeleteSecretOptions(*f.ID))
	require.ErrorIs(t, err, sm.ErrConflict)
	resp, err = c.DeleteSecret(c.NewDeleteSecretOptions(*f.ID).SetForceDelete(true))
	require.NoError(t, err)
	require.Equal(t, 204, resp.StatusCode)
	_, _, err = c.GetSecret(c.NewGetSecretOptions(*f.ID))
	require.ErrorIs(t, err, sm.ErrNotFound)
}

// TestSDKNewShapes decodes the other v2.0.22 additions through the SDK:
// crypto_key, referenced_by, retrieved_at, the rotate-intermediate action
// and managed CSRs.
func TestSDKNewShapes(t *testing.T) {
	c := newClient(t)
	pin, _, err := c.CreateSecret(c.NewCreateSecretOptions(&sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"),
		Name: core.StringPtr("hsm-pin"), TTL: core.StringPtr("1d"), ServiceID: core.StringPtr("ServiceId-1"), ReuseApiKey: core.BoolPtr(true),
		AccountID: core.StringPtr("9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b")}))
	require.NoError(t, err)
	pinID := *pin.(*sm.IAMCredentialsSecret).ID
	require.Equal(t, "9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b", *pin.(*sm.IAMCredentialsSecret).AccountID)
	require.Equal(t, int64(0), time0(pin.(*sm.IAMCredentialsSecret).RetrievedAt))

	hpcs, err := c.NewPrivateCertificateCryptoProviderHPCS("hyper_protect_crypto_services",
		"crn:v1:bluemix:public:hs-crypto:eu-de:a/4f0d1c2b3a4958677d6e5f4a3b2c1d0e:d2c7a915-48e3-4b0f-9a6c-1e5b3f8d7024::", pinID, "keystore-1")
	require.NoError(t, err)
	key, err := c.NewPrivateCertificateCryptoKey(hpcs)
	require.NoError(t, err)
	key.Label = core.StringPtr("root-key")
	root, _, err := c.CreateConfiguration(c.NewCreateConfigurationOptions(&sm.PrivateCertificateConfigurationRootCAPrototype{
		ConfigType: core.StringPtr("private_cert_configuration_root_ca"), Name: core.StringPtr("root"), CommonName: core.StringPtr("Root"),
		MaxTTL: core.StringPtr("8760h"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256), CryptoKey: key}))
	require.NoError(t, err)
	rc := root.(*sm.PrivateCertificateConfigurationRootCA)
	require.Equal(t, "root-key", *rc.CryptoKey.Label)
	require.Equal(t, pinID, *rc.CryptoKey.Provider.(*sm.PrivateCertificateCryptoProviderHPCS).PinIamCredentialsSecretID)
	md, _, err := c.GetSecretMetadata(c.NewGetSecretMetadataOptions(pinID))
	require.NoError(t, err)
	require.Equal(t, []string{"root"}, md.(*sm.IAMCredentialsSecretMetadata).ReferencedBy)

	_, _, err = c.CreateConfiguration(c.NewCreateConfigurationOptions(&sm.PrivateCertificateConfigurationIntermediateCAPrototype{
		ConfigType: core.StringPtr("private_cert_configuration_intermediate_ca"), Name: core.StringPtr("inter"),
		CommonName: core.StringPtr("Inter"), MaxTTL: core.StringPtr("4380h"), SigningMethod: core.StringPtr("internal"),
		Issuer: core.StringPtr("root"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)}))
	require.NoError(t, err)
	rot, err := c.NewPrivateCertificateConfigurationActionRotatePrototype("private_cert_configuration_action_rotate_intermediate")
	require.NoError(t, err)
	ar, resp, err := c.CreateConfigurationAction(c.NewCreateConfigurationActionOptions("inter", rot))
	require.NoError(t, err)
	require.Equal(t, 201, resp.StatusCode)
	rotated := ar.(*sm.PrivateCertificateConfigurationActionRotate)
	require.Equal(t, "inter", *rotated.Name)
	require.Equal(t, "Inter", *rotated.Config.CommonName)
	require.Contains(t, *rotated.Config.Data.Certificate, "BEGIN CERTIFICATE")

	ip, err := c.NewImportedCertificatePrototype("imported_cert", "managed")
	require.NoError(t, err)
	ip.ManagedCsr = &sm.ImportedCertificateManagedCsr{CommonName: core.StringPtr("shop.example.com"), KeyType: core.StringPtr("ec")}
	ic, _, err := c.CreateSecret(c.NewCreateSecretOptions(ip))
	require.NoError(t, err)
	imp := ic.(*sm.ImportedCertificate)
	require.Equal(t, "pre_activation", *imp.StateDescription)
	require.Equal(t, *imp.Csr, *imp.ManagedCsr.Csr)
	require.Contains(t, *imp.ManagedCsr.PrivateKey, "PRIVATE KEY")

	got, _, err := c.GetSecret(c.NewGetSecretOptions(pinID))
	require.NoError(t, err)
	require.NotZero(t, time0(got.(*sm.IAMCredentialsSecret).RetrievedAt))
	list, _, err := c.ListSecrets(&sm.ListSecretsOptions{Sort: core.StringPtr("-retrieved_at")})
	require.NoError(t, err)
	require.Equal(t, pinID, *list.Secrets[0].(*sm.IAMCredentialsSecretMetadata).ID)
	cfgs, _, err := c.ListConfigurations(&sm.ListConfigurationsOptions{SecretTypes: []string{"private_cert"}})
	require.NoError(t, err)
	require.EqualValues(t, 2, *cfgs.TotalCount)
}

func time0(d *strfmt.DateTime) int64 {
	if d == nil {
		return -1
	}
	return time.Time(*d).Unix()
}
