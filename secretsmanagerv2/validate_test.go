package secretsmanagerv2

import (
	"errors"
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
