package secretsmanagertest_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/inprocess"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// TestInProcessClient checks that the in-process client reaches its handler without a network, with
// a token of its own when the handler requires one, and inside a synctest bubble on fake time.
func TestInProcessClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, h := secretsmanagertest.NewInProcessClient(t, secretsmanagertest.WithToken("someone-else"))
		require.NotNil(t, h)
		created, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
			Name: core.StringPtr("in-process"), Payload: core.StringPtr("v")}))
		require.NoError(t, err)
		start := time.Now()
		time.Sleep(48 * time.Hour) // fake time: returns at once
		got, _, err := client.GetSecret(client.NewGetSecretOptions(created.Common().ID))
		require.NoError(t, err)
		require.Equal(t, "in-process", got.Common().Name)
		require.Equal(t, 48*time.Hour, time.Since(start))

		other, _ := secretsmanagertest.NewInProcessClient(t)
		other.Service.SetHTTPClient(client.Service.Client) // the same handler, without the token
		_, _, err = other.GetSecret(other.NewGetSecretOptions(created.Common().ID))
		require.ErrorIs(t, err, sm.ErrUnauthorized)
	})
}

// TestInProcessClientAsOverANetwork checks that the in-process client fails as a client over a
// network does: a call whose context ends while the server delays gets the context's error (not
// the handler's unwritten answer), and a connection cut gives a connection error (not a panic).
func TestInProcessClientAsOverANetwork(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, h := secretsmanagertest.NewInProcessClient(t)
		created, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
			Name: core.StringPtr("slow"), Payload: core.StringPtr("v")}))
		require.NoError(t, err)

		delay := h.InjectFault(secretsmanagertest.Fault{Method: "GET", Delay: time.Minute})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		_, _, err = client.GetSecretWithContext(ctx, client.NewGetSecretOptions(created.Common().ID))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.NotErrorIs(t, err, sm.ErrEmptyResponse)
		require.Equal(t, time.Second, time.Since(start))
		delay.Remove()

		h.InjectFault(secretsmanagertest.Fault{Method: "GET", Break: secretsmanagertest.ResetBeforeHeaders})
		_, _, err = client.GetSecret(client.NewGetSecretOptions(created.Common().ID))
		require.ErrorIs(t, err, inprocess.ErrConnectionReset)
		require.NotErrorIs(t, err, sm.ErrEmptyResponse)
	})
}
