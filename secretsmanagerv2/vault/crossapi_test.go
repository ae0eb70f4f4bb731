package vault

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// The embedded server serves the Vault API and the v2 API over one store: what one API makes,
// the other reads, rotates, locks and deletes.

// newBothClients starts an embedded server and returns a v2 client and a Vault client of it.
func newBothClients(t *testing.T) (*sm.SecretsManagerV2, *Client) {
	t.Helper()
	srv := secretsmanagertest.NewServer()
	t.Cleanup(srv.Close)
	v2, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	c, err := NewClient(&Options{URL: srv.URL, Authenticator: &core.BearerTokenAuthenticator{BearerToken: "iam-token"}})
	require.NoError(t, err)
	return v2, c
}

// field returns the value at a dotted path of v written as JSON.
func field(t *testing.T, v interface{}, path string) interface{} {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var cur interface{}
	require.NoError(t, json.Unmarshal(b, &cur))
	for _, p := range strings.Split(path, ".") {
		m, ok := cur.(map[string]interface{})
		require.True(t, ok, "%s in %s", path, b)
		cur = m[p]
	}
	return cur
}

// crossCase is a secret type with what it takes to make, rotate and read a secret of it through
// each API, and where each API puts its value.
type crossCase struct {
	typ         SecretType
	create      func(name, group string) sm.SecretPrototypeIntf // through v2
	vaultCreate map[string]interface{}                          // through Vault (the name is added)
	v2Rotate    sm.SecretVersionPrototypeIntf
	vaultRotate map[string]interface{}
	v2Value     string // the path of the value in a v2 secret
	vaultValue  string // the path of the value in a Vault secret
}

func crossCases(t *testing.T) []crossCase {
	pki := newTestPKI(t)
	const source = "crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:4a22e3f1-2b6d-4a4b-9c6e-9bd0a4e5d2f7::"
	return []crossCase{
		{typ: Arbitrary,
			create: func(n, g string) sm.SecretPrototypeIntf {
				return &sm.ArbitrarySecretPrototype{SecretType: core.StringPtr("arbitrary"), Name: &n, SecretGroupID: &g, Payload: core.StringPtr("v1")}
			},
			vaultCreate: map[string]interface{}{"payload": "v1"},
			v2Rotate:    &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v2-through-v2")},
			vaultRotate: map[string]interface{}{"payload": "v2-through-vault"},
			v2Value:     "payload", vaultValue: "secret_data.payload"},
		{typ: KV,
			create: func(n, g string) sm.SecretPrototypeIntf {
				return &sm.KVSecretPrototype{SecretType: core.StringPtr("kv"), Name: &n, SecretGroupID: &g, Data: map[string]interface{}{"k": "v1"}}
			},
			vaultCreate: map[string]interface{}{"payload": map[string]interface{}{"k": "v1"}},
			v2Rotate:    &sm.KVSecretVersionPrototype{Data: map[string]interface{}{"k": "v2-through-v2"}},
			vaultRotate: map[string]interface{}{"payload": map[string]interface{}{"k": "v2-through-vault"}},
			v2Value:     "data", vaultValue: "secret_data.payload"},
		{typ: UsernamePassword,
			create: func(n, g string) sm.SecretPrototypeIntf {
				return &sm.UsernamePasswordSecretPrototype{SecretType: core.StringPtr("username_password"), Name: &n, SecretGroupID: &g,
					Username: core.StringPtr("app"), Password: core.StringPtr("first-password")}
			},
			vaultCreate: map[string]interface{}{"username": "app", "password": "first-password"},
			v2Rotate:    &sm.UsernamePasswordSecretVersionPrototype{Password: core.StringPtr("password-through-v2")},
			vaultRotate: map[string]interface{}{"password": "password-through-vault"},
			v2Value:     "password", vaultValue: "secret_data.password"},
		{typ: ImportedCert,
			create: func(n, g string) sm.SecretPrototypeIntf {
				return &sm.ImportedCertificatePrototype{SecretType: core.StringPtr("imported_cert"), Name: &n, SecretGroupID: &g,
					Certificate: &pki.cert, PrivateKey: &pki.key, Intermediate: &pki.intermediate}
			},
			vaultCreate: map[string]interface{}{"certificate": pki.cert, "private_key": pki.key, "intermediate": pki.intermediate},
			v2Rotate:    &sm.ImportedCertificateVersionPrototype{Certificate: &pki.rotCert, PrivateKey: &pki.rotKey},
			vaultRotate: map[string]interface{}{"certificate": pki.rotCert, "private_key": pki.rotKey},
			v2Value:     "certificate", vaultValue: "secret_data.certificate"},
		{typ: ServiceCredentials,
			create: func(n, g string) sm.SecretPrototypeIntf {
				return &sm.ServiceCredentialsSecretPrototype{SecretType: core.StringPtr("service_credentials"), Name: &n, SecretGroupID: &g,
					SourceService: &sm.ServiceCredentialsSecretSourceService{Instance: &sm.ServiceCredentialsSourceServiceInstance{Crn: core.StringPtr(source)}},
					TTL:           core.StringPtr("86400")}
			},
			vaultCreate: map[string]interface{}{"source_crn": source, "role": "crn:v1:bluemix:public:iam::::serviceRole:Writer", "ttl": "1d"},
			v2Rotate:    &sm.ServiceCredentialsSecretVersionPrototype{},
			vaultRotate: map[string]interface{}{},
			v2Value:     "credentials.apikey", vaultValue: "secret_data.apikey"},
		{typ: IAMCredentials,
			create: func(n, g string) sm.SecretPrototypeIntf {
				return &sm.IAMCredentialsSecretPrototype{SecretType: core.StringPtr("iam_credentials"), Name: &n, SecretGroupID: &g,
					AccessGroups: []string{"AccessGroupId-0529f490-129c-4877-a2a0-b57f50d3e53b"}, TTL: core.StringPtr("1h"), ReuseApiKey: core.BoolPtr(true)}
			},
			vaultCreate: map[string]interface{}{"access_groups": []string{"AccessGroupId-0529f490-129c-4877-a2a0-b57f50d3e53b"}, "ttl": 3600, "reuse_api_key": true},
			v2Rotate:    &sm.IAMCredentialsSecretVersionPrototype{},
			vaultRotate: map[string]interface{}{},
			v2Value:     "api_key", vaultValue: "api_key"},
	}
}

// TestSecretMadeThroughV2IsUsedThroughVault makes a secret of each type in a group through the v2
// API, then reads it (by name and by ID), rotates it, locks it and deletes it through the Vault
// API, each step seen through the v2 API.
func TestSecretMadeThroughV2IsUsedThroughVault(t *testing.T) {
	v2, c := newBothClients(t)
	ctx := context.Background()
	grp, _, err := v2.CreateSecretGroup(&sm.CreateSecretGroupOptions{Name: core.StringPtr("cross-api")})
	require.NoError(t, err)
	gid := *grp.ID
	vg, err := c.GetSecretGroup(ctx, gid)
	require.NoError(t, err)
	require.Equal(t, "cross-api", *vg.Data.Name, "a group made through v2 is a Vault group")

	for _, k := range crossCases(t) {
		t.Run(string(k.typ), func(t *testing.T) {
			name := "from-v2-" + strings.ReplaceAll(string(k.typ), "_", "-")
			made, _, err := v2.CreateSecret(&sm.CreateSecretOptions{SecretPrototype: k.create(name, gid)})
			require.NoError(t, err)
			id := field(t, made, "id").(string)
			engine := c.Engine(k.typ).InGroup(gid)

			byName, err := engine.Get(ctx, name)
			require.NoError(t, err)
			require.Equal(t, id, *byName.Data.ID)
			require.Equal(t, gid, *byName.Data.SecretGroupID)
			byID, err := c.Engine(k.typ).Get(ctx, id)
			require.NoError(t, err)
			require.NotNil(t, field(t, byID.Data, k.vaultValue), "the value through Vault")
			if k.typ != IAMCredentials && k.typ != ServiceCredentials {
				require.Equal(t, field(t, made, k.v2Value), field(t, byID.Data, k.vaultValue), "the same value")
			}

			rotated, err := engine.Rotate(ctx, id, &k.vaultRotate)
			require.NoError(t, err)
			require.EqualValues(t, 2, *rotated.Data.VersionsTotal)
			now, _, err := v2.GetSecret(&sm.GetSecretOptions{ID: &id})
			require.NoError(t, err)
			require.EqualValues(t, 2, field(t, now, "versions_total"), "the rotation made a v2 version")
			if k.typ != IAMCredentials { // IAM credentials: each read through Vault's creds route is a read of the key
				require.Equal(t, field(t, now, k.v2Value), field(t, rotated.Data, k.vaultValue), "the new value through v2")
			}

			locked, err := engine.Lock(ctx, id, &LockRequest{Locks: []LockSpec{{Name: core.StringPtr("vault-lock")}}}, LockDefault)
			require.NoError(t, err)
			require.Equal(t, []string{"vault-lock"}, locked.Data.Versions[0].Locks)
			_, err = v2.DeleteSecret(&sm.DeleteSecretOptions{ID: &id})
			require.ErrorIs(t, err, sm.ErrLocked, "a Vault lock blocks a v2 delete")
			locks, _, err := v2.ListSecretLocks(&sm.ListSecretLocksOptions{ID: &id})
			require.NoError(t, err)
			require.Len(t, locks.Locks, 1)
			require.Equal(t, "vault-lock", *locks.Locks[0].Name)

			_, _, err = v2.DeleteSecretLocksBulk(&sm.DeleteSecretLocksBulkOptions{ID: &id, Name: []string{"vault-lock"}})
			require.NoError(t, err)
			_, err = engine.Delete(ctx, id)
			require.NoError(t, err)
			_, _, err = v2.GetSecret(&sm.GetSecretOptions{ID: &id})
			require.ErrorIs(t, err, sm.ErrNotFound, "deleted through Vault")
		})
	}
}

// TestSecretMadeThroughVaultIsUsedThroughV2 makes a secret of each type through the Vault API,
// then reads it, changes it, rotates it, locks it and deletes it through the v2 API, each step seen
// through the Vault API.
func TestSecretMadeThroughVaultIsUsedThroughV2(t *testing.T) {
	v2, c := newBothClients(t)
	ctx := context.Background()
	for _, k := range crossCases(t) {
		t.Run(string(k.typ), func(t *testing.T) {
			name := "from-vault-" + strings.ReplaceAll(string(k.typ), "_", "-")
			body := map[string]interface{}{"name": name}
			for key, v := range k.vaultCreate {
				body[key] = v
			}
			engine := c.Engine(k.typ)
			made, err := engine.Create(ctx, &body)
			require.NoError(t, err)
			id := *made.Data.ID
			require.Nil(t, made.Data.SecretGroupID, "the default group")

			got, _, err := v2.GetSecretByNameType(&sm.GetSecretByNameTypeOptions{SecretType: core.StringPtr(string(k.typ)),
				Name: &name, SecretGroupName: core.StringPtr("default")})
			require.NoError(t, err)
			require.Equal(t, id, field(t, got, "id"))
			require.Equal(t, "default", field(t, got, "secret_group_id"))
			if k.typ != IAMCredentials {
				require.Equal(t, field(t, got, k.v2Value), field(t, made.Data, k.vaultValue), "the same value")
			}

			_, _, err = v2.UpdateSecretMetadata(&sm.UpdateSecretMetadataOptions{ID: &id,
				SecretMetadataPatch: map[string]interface{}{"description": "changed through v2"}})
			require.NoError(t, err)
			meta, err := engine.GetMetadata(ctx, id)
			require.NoError(t, err)
			require.Equal(t, "changed through v2", *meta.Data.Description)
			renamed, err := engine.UpdateMetadata(ctx, id, &UpdateMetadataRequest{Name: core.StringPtr(name + "-renamed")})
			require.NoError(t, err)
			require.Equal(t, name+"-renamed", *renamed.Data.Name)
			got, _, err = v2.GetSecret(&sm.GetSecretOptions{ID: &id})
			require.NoError(t, err)
			require.Equal(t, name+"-renamed", field(t, got, "name"), "renamed through Vault")

			version, _, err := v2.CreateSecretVersion(&sm.CreateSecretVersionOptions{SecretID: &id, SecretVersionPrototype: k.v2Rotate})
			require.NoError(t, err)
			now, err := engine.Get(ctx, id)
			require.NoError(t, err)
			require.EqualValues(t, 2, *now.Data.VersionsTotal, "the v2 version is a Vault version")
			require.Len(t, field(t, now.Data, "versions"), 2)
			if k.typ != IAMCredentials {
				require.Equal(t, field(t, version, k.v2Value), field(t, now.Data, k.vaultValue), "the new value through Vault")
			}

			_, _, err = v2.CreateSecretLocksBulk(&sm.CreateSecretLocksBulkOptions{ID: &id,
				Locks: []sm.SecretLockPrototype{{Name: core.StringPtr("v2-lock"), Attributes: map[string]interface{}{"app": "a"}}}})
			require.NoError(t, err)
			_, err = engine.Delete(ctx, id)
			require.ErrorIs(t, err, sm.ErrLocked, "a v2 lock blocks a Vault delete")
			var apiErr *sm.APIError
			require.ErrorAs(t, err, &apiErr)
			require.Equal(t, 412, apiErr.StatusCode)
			locks, err := engine.ListLocks(ctx, id, nil)
			require.NoError(t, err)
			require.EqualValues(t, 1, *locks.Data.LocksTotal)
			require.Equal(t, "v2-lock", *locks.Data.Locks[0].Name)
			require.Equal(t, map[string]interface{}{"app": "a"}, locks.Data.Locks[0].Attributes)
			require.Equal(t, CurrentVersion, *locks.Data.Locks[0].SecretVersionAlias)

			_, err = engine.Unlock(ctx, id, &UnlockRequest{Locks: []string{"*"}})
			require.NoError(t, err)
			_, err = v2.DeleteSecret(&sm.DeleteSecretOptions{ID: &id})
			require.NoError(t, err)
			_, err = engine.Get(ctx, id)
			require.ErrorIs(t, err, sm.ErrNotFound, "deleted through v2")
		})
	}
}

// TestRotationBlockedByALockOfTheOtherAPI checks that a lock on the previous version, set through
// either API, refuses a rotation through the other (412), as the locking document says.
func TestRotationBlockedByALockOfTheOtherAPI(t *testing.T) {
	v2, c := newBothClients(t)
	ctx := context.Background()
	made, err := c.Arbitrary().Create(ctx, &CreateArbitraryRequest{Name: core.StringPtr("rot"), Payload: core.StringPtr("v1")})
	require.NoError(t, err)
	id := *made.Data.ID
	_, err = c.Arbitrary().Rotate(ctx, id, &RotateArbitraryRequest{Payload: core.StringPtr("v2")})
	require.NoError(t, err)

	_, err = c.Arbitrary().LockVersion(ctx, id, PreviousVersion, &LockRequest{Locks: []LockSpec{{Name: core.StringPtr("old-app")}}}, LockDefault)
	require.NoError(t, err)
	_, _, err = v2.CreateSecretVersion(&sm.CreateSecretVersionOptions{SecretID: &id,
		SecretVersionPrototype: &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v3")}})
	require.ErrorIs(t, err, sm.ErrLocked)

	// An exclusive lock through Vault moves the lock to the current version.
	res, err := c.Arbitrary().Lock(ctx, id, &LockRequest{Locks: []LockSpec{{Name: core.StringPtr("old-app")}}}, LockExclusive)
	require.NoError(t, err)
	require.Len(t, res.Data.Versions, 2)
	require.Equal(t, []string{"old-app"}, res.Data.Versions[0].Locks)
	require.Empty(t, res.Data.Versions[1].Locks)
	_, _, err = v2.CreateSecretVersion(&sm.CreateSecretVersionOptions{SecretID: &id,
		SecretVersionPrototype: &sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("v3")}})
	require.NoError(t, err, "the previous version holds no lock any more")

	// Now the previous version (v2 of the secret) is locked: Vault's rotation is refused.
	_, err = c.Arbitrary().Rotate(ctx, id, &RotateArbitraryRequest{Payload: core.StringPtr("v4")})
	require.ErrorIs(t, err, sm.ErrLocked)
	_, _, err = v2.DeleteSecretLocksBulk(&sm.DeleteSecretLocksBulkOptions{ID: &id})
	require.NoError(t, err)
	_, err = c.Arbitrary().Rotate(ctx, id, &RotateArbitraryRequest{Payload: core.StringPtr("v4")})
	require.NoError(t, err)
}

// TestGroupsAndConfigurationsAcrossAPIs checks that groups and configurations made through one
// API are those of the other.
func TestGroupsAndConfigurationsAcrossAPIs(t *testing.T) {
	v2, c := newBothClients(t)
	ctx := context.Background()
	g, err := c.CreateSecretGroup(ctx, &SecretGroupRequest{Name: core.StringPtr("from-vault"), Description: core.StringPtr("d")})
	require.NoError(t, err)
	require.Equal(t, SecretGroupType, *g.Data.Type)
	got, _, err := v2.GetSecretGroup(&sm.GetSecretGroupOptions{ID: g.Data.ID})
	require.NoError(t, err)
	require.Equal(t, "from-vault", *got.Name)
	require.Equal(t, "d", *got.Description)

	_, err = c.AddConfiguration(ctx, PrivateCert, RootCertificateAuthorities, &Configuration{Name: core.StringPtr("vault-root"),
		Config: &ConfigurationDetails{CommonName: core.StringPtr("example.com"), KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)}})
	require.NoError(t, err)
	tpl, err := c.AddConfiguration(ctx, PrivateCert, CertificateTemplates, &Configuration{Name: core.StringPtr("vault-template"),
		Type: core.StringPtr("certificate_template"), Config: &ConfigurationDetails{CertificateAuthority: core.StringPtr("vault-root"),
			AllowAnyName: core.BoolPtr(true), MaxTTL: DurationString("720h")}})
	require.NoError(t, err)
	require.Equal(t, "vault-root", *tpl.Data.Config.CertificateAuthority)
	secs, ok := tpl.Data.Config.MaxTTL.Seconds()
	require.True(t, ok)
	require.EqualValues(t, 720*3600, secs, "a duration in seconds")
	require.True(t, *tpl.Data.Config.AllowAnyName)

	list, _, err := v2.ListConfigurations(&sm.ListConfigurationsOptions{})
	require.NoError(t, err)
	var names []string
	for _, cfg := range list.Configurations {
		names = append(names, field(t, cfg, "name").(string)+"/"+field(t, cfg, "config_type").(string))
	}
	require.ElementsMatch(t, []string{"vault-root/private_cert_configuration_root_ca", "vault-template/private_cert_configuration_template"}, names)

	// A private certificate issued with them, through v2, is a Vault secret.
	made, _, err := v2.CreateSecret(&sm.CreateSecretOptions{SecretPrototype: &sm.PrivateCertificatePrototype{
		SecretType: core.StringPtr("private_cert"), Name: core.StringPtr("cert"), CertificateTemplate: core.StringPtr("vault-template"),
		CommonName: core.StringPtr("app.example.com")}})
	require.NoError(t, err)
	cert, err := c.PrivateCert().Get(ctx, "cert")
	require.NoError(t, err)
	require.Equal(t, field(t, made, "certificate"), *cert.Data.SecretData.Certificate)
	require.Equal(t, "app.example.com", *cert.Data.CommonName)
	require.Equal(t, "vault-root", *cert.Data.CertificateAuthority)

	err = c.DeleteConfiguration(ctx, PrivateCert, RootCertificateAuthorities, "vault-root")
	require.True(t, errors.Is(err, sm.ErrConflict), "the template uses it: %v", err)
}
