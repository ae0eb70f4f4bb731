package secretsmanagerv2

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// Tests of validate.go and of the generated validate methods: bad input is an ErrInvalidInput
// naming the field before any request; a prototype is sent with its discriminator filled.

func TestInvalidInputNeverSendsARequest(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, ""))
	sm := testClient(t, srv.URL)
	_, _, err := sm.GetSecret(nil)
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "getSecretOptions cannot be nil")
	_, _, err = sm.GetSecret(&GetSecretOptions{})
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "ID")
	_, _, err = sm.GetSecret(sm.NewGetSecretOptions(""))
	require.ErrorIs(t, err, ErrInvalidInput)
	_, _, err = sm.CreateSecret(sm.NewCreateSecretOptions((*ArbitrarySecretPrototype)(nil)))
	require.ErrorIs(t, err, ErrInvalidInput, "a typed nil prototype is missing")
	_, _, err = sm.CreateSecretLocksBulk(sm.NewCreateSecretLocksBulkOptions("s", []SecretLockPrototype{{}}))
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "Locks[0].Name")
	_, _, err = sm.ListSecrets(&ListSecretsOptions{Limit: core.Int64Ptr(0)})
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Contains(t, err.Error(), "between 1 and 1000")
	_, _, err = sm.ListSecrets(&ListSecretsOptions{Offset: core.Int64Ptr(-1)})
	require.ErrorIs(t, err, ErrInvalidInput)
	var sdkProblem *core.SDKProblem
	require.True(t, errors.As(err, &sdkProblem))
	require.Zero(t, srv.Count())
}

// otValCase is one call that must fail validation.
type otValCase struct {
	name string
	want string // a substring of the error: the field's name
	call func(s *SecretsManagerV2) (*core.DetailedResponse, error)
}

func otValidationCases() []otValCase {
	m := (*SecretsManagerV2)(nil)
	patch := map[string]interface{}{"name": "n"}
	versionProto := otMust(m.NewArbitrarySecretVersionPrototype("p"))
	actionProto := otMust(m.NewPrivateCertificateActionRevokePrototype("private_cert_action_revoke_certificate"))
	versionActionProto := otMust(m.NewPrivateCertificateVersionActionRevokePrototype("private_cert_action_revoke_certificate"))
	taskPut := otMust(m.NewSecretTaskPrototypeUpdateSecretTaskCredentialsDeleted(SecretTaskPrototypeUpdateSecretTaskCredentialsDeleted_Status_CredentialsDeleted))
	configActionProto := otMust(m.NewPrivateCertificateConfigurationActionRotateCRLPrototype("private_cert_configuration_action_rotate_crl"))
	locks := []SecretLockPrototype{{Name: core.StringPtr("l")}}

	type call = func(s *SecretsManagerV2) (*core.DetailedResponse, error)

	var cases []otValCase
	add := func(name, want string, c call) { cases = append(cases, otValCase{name: name, want: want, call: c}) }

	// nil options, for all 41 operations.
	nilCalls := map[string]call{
		"CreateSecretGroup": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecretGroup(nil)
			return r, e
		},
		"ListSecretGroups": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecretGroups(nil)
			return r, e
		},
		"GetSecretGroup": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecretGroup(nil)
			return r, e
		},
		"UpdateSecretGroup": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.UpdateSecretGroup(nil)
			return r, e
		},
		"DeleteSecretGroup": func(s *SecretsManagerV2) (*core.DetailedResponse, error) { return s.DeleteSecretGroup(nil) },
		"CreateSecret": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecret(nil)
			return r, e
		},
		"ListSecrets": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecrets(nil)
			return r, e
		},
		"GetSecret": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecret(nil)
			return r, e
		},
		"DeleteSecret": func(s *SecretsManagerV2) (*core.DetailedResponse, error) { return s.DeleteSecret(nil) },
		"ListSecretTasks": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecretTasks(nil)
			return r, e
		},
		"GetSecretTask": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecretTask(nil)
			return r, e
		},
		"ReplaceSecretTask": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ReplaceSecretTask(nil)
			return r, e
		},
		"DeleteSecretTask": func(s *SecretsManagerV2) (*core.DetailedResponse, error) { return s.DeleteSecretTask(nil) },
		"GetSecretMetadata": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecretMetadata(nil)
			return r, e
		},
		"UpdateSecretMetadata": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.UpdateSecretMetadata(nil)
			return r, e
		},
		"CreateSecretAction": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecretAction(nil)
			return r, e
		},
		"GetSecretByNameType": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecretByNameType(nil)
			return r, e
		},
		"CreateSecretVersion": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecretVersion(nil)
			return r, e
		},
		"ListSecretVersions": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecretVersions(nil)
			return r, e
		},
		"GetSecretVersion": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecretVersion(nil)
			return r, e
		},
		"DeleteSecretVersionData": func(s *SecretsManagerV2) (*core.DetailedResponse, error) { return s.DeleteSecretVersionData(nil) },
		"GetSecretVersionMetadata": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetSecretVersionMetadata(nil)
			return r, e
		},
		"UpdateSecretVersionMetadata": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.UpdateSecretVersionMetadata(nil)
			return r, e
		},
		"CreateSecretVersionAction": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecretVersionAction(nil)
			return r, e
		},
		"ListSecretsLocks": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecretsLocks(nil)
			return r, e
		},
		"ListSecretLocks": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecretLocks(nil)
			return r, e
		},
		"CreateSecretLocksBulk": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecretLocksBulk(nil)
			return r, e
		},
		"DeleteSecretLocksBulk": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.DeleteSecretLocksBulk(nil)
			return r, e
		},
		"ListSecretVersionLocks": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListSecretVersionLocks(nil)
			return r, e
		},
		"CreateSecretVersionLocksBulk": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateSecretVersionLocksBulk(nil)
			return r, e
		},
		"DeleteSecretVersionLocksBulk": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.DeleteSecretVersionLocksBulk(nil)
			return r, e
		},
		"CreateConfiguration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateConfiguration(nil)
			return r, e
		},
		"ListConfigurations": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.ListConfigurations(nil)
			return r, e
		},
		"GetConfiguration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetConfiguration(nil)
			return r, e
		},
		"UpdateConfiguration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.UpdateConfiguration(nil)
			return r, e
		},
		"DeleteConfiguration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) { return s.DeleteConfiguration(nil) },
		"CreateConfigurationAction": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateConfigurationAction(nil)
			return r, e
		},
		"CreateNotificationsRegistration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.CreateNotificationsRegistration(nil)
			return r, e
		},
		"GetNotificationsRegistration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			_, r, e := s.GetNotificationsRegistration(nil)
			return r, e
		},
		"DeleteNotificationsRegistration": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return s.DeleteNotificationsRegistration(nil)
		},
		"GetNotificationsRegistrationTest": func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return s.GetNotificationsRegistrationTest(nil)
		},
	}
	for op, c := range nilCalls {
		add("nil/"+op, "cannot be nil", c)
	}

	// Missing required fields (nil), and empty path parameters ("").
	r2 := func(_ interface{}, r *core.DetailedResponse, e error) (*core.DetailedResponse, error) { return r, e }
	add("CreateSecretGroup/Name", "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretGroup(&CreateSecretGroupOptions{Description: core.StringPtr("d")}))
	})
	for _, id := range []*string{nil, core.StringPtr("")} {
		kind := "nil"
		if id != nil {
			kind = "empty"
		}
		add("GetSecretGroup/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetSecretGroup(&GetSecretGroupOptions{ID: id}))
		})
		add("UpdateSecretGroup/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.UpdateSecretGroup(&UpdateSecretGroupOptions{ID: id, SecretGroupPatch: patch}))
		})
		add("DeleteSecretGroup/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return s.DeleteSecretGroup(&DeleteSecretGroupOptions{ID: id})
		})
		add("GetSecret/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetSecret(&GetSecretOptions{ID: id}))
		})
		add("DeleteSecret/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return s.DeleteSecret(&DeleteSecretOptions{ID: id})
		})
		add("ListSecretTasks/SecretID/"+kind, "SecretID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.ListSecretTasks(&ListSecretTasksOptions{SecretID: id}))
		})
		add("GetSecretMetadata/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetSecretMetadata(&GetSecretMetadataOptions{ID: id}))
		})
		add("UpdateSecretMetadata/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.UpdateSecretMetadata(&UpdateSecretMetadataOptions{ID: id, SecretMetadataPatch: patch}))
		})
		add("CreateSecretAction/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.CreateSecretAction(&CreateSecretActionOptions{ID: id, SecretActionPrototype: actionProto}))
		})
		add("GetSecretByNameType/SecretType/"+kind, "SecretType", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetSecretByNameType(&GetSecretByNameTypeOptions{SecretType: id, Name: core.StringPtr("n"), SecretGroupName: core.StringPtr("g")}))
		})
		add("GetSecretByNameType/Name/"+kind, "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetSecretByNameType(&GetSecretByNameTypeOptions{SecretType: core.StringPtr("kv"), Name: id, SecretGroupName: core.StringPtr("g")}))
		})
		add("GetSecretByNameType/SecretGroupName/"+kind, "SecretGroupName", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetSecretByNameType(&GetSecretByNameTypeOptions{SecretType: core.StringPtr("kv"), Name: core.StringPtr("n"), SecretGroupName: id}))
		})
		add("CreateSecretVersion/SecretID/"+kind, "SecretID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.CreateSecretVersion(&CreateSecretVersionOptions{SecretID: id, SecretVersionPrototype: versionProto}))
		})
		add("ListSecretVersions/SecretID/"+kind, "SecretID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.ListSecretVersions(&ListSecretVersionsOptions{SecretID: id}))
		})
		add("ListSecretLocks/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.ListSecretLocks(&ListSecretLocksOptions{ID: id}))
		})
		add("CreateSecretLocksBulk/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.CreateSecretLocksBulk(&CreateSecretLocksBulkOptions{ID: id, Locks: locks}))
		})
		add("DeleteSecretLocksBulk/ID/"+kind, "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.DeleteSecretLocksBulk(&DeleteSecretLocksBulkOptions{ID: id}))
		})
		add("GetConfiguration/Name/"+kind, "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.GetConfiguration(&GetConfigurationOptions{Name: id}))
		})
		add("UpdateConfiguration/Name/"+kind, "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.UpdateConfiguration(&UpdateConfigurationOptions{Name: id, ConfigurationPatch: patch}))
		})
		add("DeleteConfiguration/Name/"+kind, "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return s.DeleteConfiguration(&DeleteConfigurationOptions{Name: id})
		})
		add("CreateConfigurationAction/Name/"+kind, "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
			return r2(s.CreateConfigurationAction(&CreateConfigurationActionOptions{Name: id, ConfigActionPrototype: configActionProto}))
		})

		// Operations with a secret ID and a version ID: each one left out in turn.
		for _, which := range []string{"SecretID", "ID"} {
			sid, vid := core.StringPtr("s"), core.StringPtr("v")
			if which == "SecretID" {
				sid = id
			} else {
				vid = id
			}
			suffix := "/" + which + "/" + kind
			add("GetSecretVersion"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.GetSecretVersion(&GetSecretVersionOptions{SecretID: sid, ID: vid}))
			})
			add("DeleteSecretVersionData"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return s.DeleteSecretVersionData(&DeleteSecretVersionDataOptions{SecretID: sid, ID: vid})
			})
			add("GetSecretTask"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.GetSecretTask(&GetSecretTaskOptions{SecretID: sid, ID: vid}))
			})
			add("ReplaceSecretTask"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.ReplaceSecretTask(&ReplaceSecretTaskOptions{SecretID: sid, ID: vid, TaskPut: taskPut}))
			})
			add("DeleteSecretTask"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return s.DeleteSecretTask(&DeleteSecretTaskOptions{SecretID: sid, ID: vid})
			})
			add("GetSecretVersionMetadata"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.GetSecretVersionMetadata(&GetSecretVersionMetadataOptions{SecretID: sid, ID: vid}))
			})
			add("UpdateSecretVersionMetadata"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.UpdateSecretVersionMetadata(&UpdateSecretVersionMetadataOptions{SecretID: sid, ID: vid, SecretVersionMetadataPatch: patch}))
			})
			add("CreateSecretVersionAction"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.CreateSecretVersionAction(&CreateSecretVersionActionOptions{SecretID: sid, ID: vid, SecretVersionActionPrototype: versionActionProto}))
			})
			add("ListSecretVersionLocks"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.ListSecretVersionLocks(&ListSecretVersionLocksOptions{SecretID: sid, ID: vid}))
			})
			add("CreateSecretVersionLocksBulk"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.CreateSecretVersionLocksBulk(&CreateSecretVersionLocksBulkOptions{SecretID: sid, ID: vid, Locks: locks}))
			})
			add("DeleteSecretVersionLocksBulk"+suffix, which, func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
				return r2(s.DeleteSecretVersionLocksBulk(&DeleteSecretVersionLocksBulkOptions{SecretID: sid, ID: vid}))
			})
		}
	}

	// Empty path parameters given to the constructors.
	add("ReplaceSecretTask/TaskPut/nil", "TaskPut", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ReplaceSecretTask(s.NewReplaceSecretTaskOptions("x", "sm-task-1", nil)))
	})
	add("GetSecret/ctor-empty", "ID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.GetSecret(s.NewGetSecretOptions("")))
	})
	add("GetSecretVersion/ctor-empty", "SecretID", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.GetSecretVersion(s.NewGetSecretVersionOptions("", "v")))
	})
	add("GetSecretByNameType/ctor-empty", "SecretGroupName", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.GetSecretByNameType(s.NewGetSecretByNameTypeOptions("kv", "n", "")))
	})
	add("DeleteConfiguration/ctor-empty", "Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return s.DeleteConfiguration(s.NewDeleteConfigurationOptions(""))
	})

	// Missing bodies.
	add("CreateSecret/SecretPrototype/nil", "SecretPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecret(s.NewCreateSecretOptions(nil)))
	})
	add("CreateSecret/SecretPrototype/typed-nil", "SecretPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecret(s.NewCreateSecretOptions((*ArbitrarySecretPrototype)(nil))))
	})
	add("UpdateSecretGroup/SecretGroupPatch", "SecretGroupPatch", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.UpdateSecretGroup(s.NewUpdateSecretGroupOptions("g", nil)))
	})
	add("UpdateSecretMetadata/SecretMetadataPatch", "SecretMetadataPatch", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.UpdateSecretMetadata(s.NewUpdateSecretMetadataOptions("x", nil)))
	})
	add("CreateSecretAction/SecretActionPrototype", "SecretActionPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretAction(s.NewCreateSecretActionOptions("x", nil)))
	})
	add("CreateSecretVersion/SecretVersionPrototype", "SecretVersionPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretVersion(s.NewCreateSecretVersionOptions("x", nil)))
	})
	add("UpdateSecretVersionMetadata/SecretVersionMetadataPatch", "SecretVersionMetadataPatch", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.UpdateSecretVersionMetadata(s.NewUpdateSecretVersionMetadataOptions("x", "v", nil)))
	})
	add("CreateSecretVersionAction/SecretVersionActionPrototype", "SecretVersionActionPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretVersionAction(s.NewCreateSecretVersionActionOptions("x", "v", nil)))
	})
	add("CreateSecretLocksBulk/Locks", "Locks", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretLocksBulk(s.NewCreateSecretLocksBulkOptions("x", nil)))
	})
	add("CreateSecretLocksBulk/Locks[0].Name", "Locks[0].Name", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretLocksBulk(s.NewCreateSecretLocksBulkOptions("x", []SecretLockPrototype{{Description: core.StringPtr("d")}})))
	})
	add("CreateSecretVersionLocksBulk/Locks", "Locks", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateSecretVersionLocksBulk(s.NewCreateSecretVersionLocksBulkOptions("x", "v", nil)))
	})
	add("CreateConfiguration/ConfigurationPrototype", "ConfigurationPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateConfiguration(s.NewCreateConfigurationOptions(nil)))
	})
	add("UpdateConfiguration/ConfigurationPatch", "ConfigurationPatch", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.UpdateConfiguration(s.NewUpdateConfigurationOptions("c", nil)))
	})
	add("CreateConfigurationAction/ConfigActionPrototype", "ConfigActionPrototype", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateConfigurationAction(s.NewCreateConfigurationActionOptions("c", nil)))
	})
	add("CreateNotificationsRegistration/EventNotificationsInstanceCrn", "EventNotificationsInstanceCrn", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateNotificationsRegistration(&CreateNotificationsRegistrationOptions{EventNotificationsSourceName: core.StringPtr("n")}))
	})
	add("CreateNotificationsRegistration/EventNotificationsSourceName", "EventNotificationsSourceName", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.CreateNotificationsRegistration(&CreateNotificationsRegistrationOptions{EventNotificationsInstanceCrn: core.StringPtr("crn")}))
	})

	// Values outside the documented ranges.
	add("ListSecrets/Limit/0", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecrets(s.NewListSecretsOptions().SetLimit(0)))
	})
	add("ListSecrets/Limit/1001", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecrets(s.NewListSecretsOptions().SetLimit(1001)))
	})
	add("ListSecrets/Offset/-1", "Offset", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecrets(s.NewListSecretsOptions().SetOffset(-1)))
	})
	add("ListSecretsLocks/Limit/0", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretsLocks(s.NewListSecretsLocksOptions().SetLimit(0)))
	})
	add("ListSecretsLocks/Limit/1001", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretsLocks(s.NewListSecretsLocksOptions().SetLimit(1001)))
	})
	add("ListSecretsLocks/Offset/-1", "Offset", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretsLocks(s.NewListSecretsLocksOptions().SetOffset(-1)))
	})
	add("ListSecretLocks/Limit/0", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretLocks(s.NewListSecretLocksOptions("x").SetLimit(0)))
	})
	add("ListSecretLocks/Limit/101", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretLocks(s.NewListSecretLocksOptions("x").SetLimit(101)))
	})
	add("ListSecretLocks/Offset/-1", "Offset", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretLocks(s.NewListSecretLocksOptions("x").SetOffset(-1)))
	})
	add("ListSecretVersionLocks/Limit/101", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretVersionLocks(s.NewListSecretVersionLocksOptions("x", "v").SetLimit(101)))
	})
	add("ListSecretVersionLocks/Offset/-1", "Offset", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListSecretVersionLocks(s.NewListSecretVersionLocksOptions("x", "v").SetOffset(-1)))
	})
	add("ListConfigurations/Limit/1001", "Limit", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListConfigurations(s.NewListConfigurationsOptions().SetLimit(1001)))
	})
	add("ListConfigurations/Offset/-1", "Offset", func(s *SecretsManagerV2) (*core.DetailedResponse, error) {
		return r2(s.ListConfigurations(s.NewListConfigurationsOptions().SetOffset(-1)))
	})

	return cases
}

func TestValidation(t *testing.T) {
	srv := NewFake(t, FixedAnswer(200, `{}`))
	s := srv.Client(t)

	cases := otValidationCases()
	nilOps := map[string]bool{}
	for _, c := range cases {
		if op, ok := strings.CutPrefix(c.name, "nil/"); ok {
			nilOps[op] = true
		}
	}
	require.Len(t, nilOps, 41, "a nil-options case for every operation")

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(srv.Requests())
			var (
				resp *core.DetailedResponse
				err  error
			)
			require.NotPanics(t, func() { resp, err = c.call(s) })
			require.Error(t, err)
			require.True(t, errors.Is(err, ErrInvalidInput), "errors.Is(err, ErrInvalidInput) for %v", err)
			require.Contains(t, err.Error(), c.want)
			require.Nil(t, resp)
			require.Len(t, srv.Requests(), before, "no request may reach the server")
		})
	}

	// Positive control: the same server does count requests, and the range edges are accepted.
	t.Run("control/range-edges-accepted", func(t *testing.T) {
		_, _, err := s.ListSecrets(s.NewListSecretsOptions().SetLimit(1000).SetOffset(0))
		require.NoError(t, err)
		_, _, err = s.ListSecretLocks(s.NewListSecretLocksOptions("x").SetLimit(100))
		require.NoError(t, err)
		_, _, err = s.ListSecretsLocks(s.NewListSecretsLocksOptions().SetLimit(1))
		require.NoError(t, err)
		require.Len(t, srv.Requests(), 3)
	})
	require.Len(t, srv.Requests(), 3, "only the control requests reached the server")
}

// TestPrototypesFillTheirDiscriminator checks that a request model whose discriminator is nil is
// sent with the only value its Go type allows, that an explicit value is sent as given, and that the
// caller's value is not changed.
func TestPrototypesFillTheirDiscriminator(t *testing.T) {
	cases := []struct {
		name string
		call func(s *SecretsManagerV2) error
		key  string
		want string
	}{
		{"secret prototype", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&ArbitrarySecretPrototype{Name: core.StringPtr("n"), Payload: core.StringPtr("p")}))
			return err
		}, "secret_type", "arbitrary"},
		{"explicit value sent as given", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&KVSecretPrototype{SecretType: core.StringPtr("kv-v2"), Name: core.StringPtr("n"), Data: map[string]interface{}{}}))
			return err
		}, "secret_type", "kv-v2"},
		{"configuration prototype", func(s *SecretsManagerV2) error {
			p := &CustomCredentialsConfigurationPrototype{Name: core.StringPtr("c"),
				CodeEngine: &CustomCredentialsConfigurationCodeEngine{JobName: core.StringPtr("j"), ProjectID: core.StringPtr("p"), Region: core.StringPtr("eu-de")}}
			_, _, err := s.CreateConfiguration(s.NewCreateConfigurationOptions(p))
			return err
		}, "config_type", "custom_credentials_configuration"},
		{"configuration action", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateConfigurationAction(s.NewCreateConfigurationActionOptions("ca", &PrivateCertificateConfigurationActionRotatePrototype{}))
			return err
		}, "action_type", "private_cert_configuration_action_rotate_intermediate"},
		{"secret action", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecretAction(s.NewCreateSecretActionOptions("x", &PrivateCertificateActionRevokePrototype{}))
			return err
		}, "action_type", "private_cert_action_revoke_certificate"},
		{"version action", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecretVersionAction(s.NewCreateSecretVersionActionOptions("x", "v", &PrivateCertificateVersionActionRevokePrototype{}))
			return err
		}, "action_type", "private_cert_action_revoke_certificate"},
		{"task update", func(s *SecretsManagerV2) error {
			_, _, err := s.ReplaceSecretTask(s.NewReplaceSecretTaskOptions("x", "t", &SecretTaskPrototypeUpdateSecretTaskCredentialsDeleted{}))
			return err
		}, "status", "credentials_deleted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := NewFake(t, FixedAnswer(201, `{}`))
			// The answer {} names no type: only what was sent matters here.
			_ = c.call(srv.Client(t))
			var body map[string]interface{}
			require.NoError(t, json.Unmarshal(srv.Last(t).Body, &body))
			require.Equal(t, c.want, body[c.key])
		})
	}
	t.Run("the caller's value is not changed", func(t *testing.T) {
		srv := NewFake(t, FixedAnswer(201, `{}`))
		s := srv.Client(t)
		p := &UsernamePasswordSecretPrototype{Name: core.StringPtr("n"), Username: core.StringPtr("u")}
		_, _, _ = s.CreateSecret(s.NewCreateSecretOptions(p))
		require.Nil(t, p.SecretType)
		require.Contains(t, string(srv.Last(t).Body), `"secret_type":"username_password"`)
	})
}

// TestRequestModelsAreCheckedBeforeSending checks that a missing required property of a request
// model, at any depth, is an ErrInvalidInput naming the field and the type, and that nothing is sent.
func TestRequestModelsAreCheckedBeforeSending(t *testing.T) {
	cases := []struct {
		name string
		call func(s *SecretsManagerV2) error
		msg  string
	}{
		{"prototype without payload", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&ArbitrarySecretPrototype{Name: core.StringPtr("n")}))
			return err
		}, "ArbitrarySecretPrototype: field Payload is required"},
		{"prototype with an empty name", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&ArbitrarySecretPrototype{Name: core.StringPtr(""), Payload: core.StringPtr("p")}))
			return err
		}, "ArbitrarySecretPrototype: field Name is required"},
		{"kv prototype without data", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecret(s.NewCreateSecretOptions(&KVSecretPrototype{Name: core.StringPtr("n")}))
			return err
		}, "KVSecretPrototype: field Data is required"},
		{"nested model", func(s *SecretsManagerV2) error {
			p := &CustomCredentialsConfigurationPrototype{Name: core.StringPtr("c"),
				CodeEngine: &CustomCredentialsConfigurationCodeEngine{ProjectID: core.StringPtr("p"), Region: core.StringPtr("eu-de")}}
			_, _, err := s.CreateConfiguration(s.NewCreateConfigurationOptions(p))
			return err
		}, "CustomCredentialsConfigurationCodeEngine: field CodeEngine.JobName is required"},
		{"polymorphic nested model", func(s *SecretsManagerV2) error {
			p := &PrivateCertificateConfigurationRootCAPrototype{Name: core.StringPtr("ca"), CommonName: core.StringPtr("example.com"),
				MaxTTL: core.StringPtr("8760h"), CryptoKey: &PrivateCertificateCryptoKey{Provider: &PrivateCertificateCryptoProviderHPCS{InstanceCrn: core.StringPtr("crn")}}}
			_, _, err := s.CreateConfiguration(s.NewCreateConfigurationOptions(p))
			return err
		}, "PrivateCertificateCryptoProviderHPCS: field CryptoKey.Provider.PinIamCredentialsSecretID is required"},
		{"list of models", func(s *SecretsManagerV2) error {
			locks := []SecretLockPrototype{{Name: core.StringPtr("a")}, {}}
			_, _, err := s.CreateSecretLocksBulk(s.NewCreateSecretLocksBulkOptions("x", locks))
			return err
		}, "SecretLockPrototype: field Locks[1].Name is required"},
		{"task update without credentials", func(s *SecretsManagerV2) error {
			_, _, err := s.ReplaceSecretTask(s.NewReplaceSecretTaskOptions("x", "t", &SecretTaskPrototypeUpdateSecretTaskCredentialsCreated{}))
			return err
		}, "SecretTaskPrototypeUpdateSecretTaskCredentialsCreated: field Credentials is required"},
		{"version prototype", func(s *SecretsManagerV2) error {
			_, _, err := s.CreateSecretVersion(s.NewCreateSecretVersionOptions("x", &ArbitrarySecretVersionPrototype{}))
			return err
		}, "ArbitrarySecretVersionPrototype: field Payload is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := NewFake(t, FixedAnswer(201, `{}`))
			err := c.call(srv.Client(t))
			require.ErrorIs(t, err, ErrInvalidInput)
			require.Contains(t, err.Error(), c.msg)
			require.Empty(t, srv.Requests(), "nothing may be sent")
		})
	}
}
