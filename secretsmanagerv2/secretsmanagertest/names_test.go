package secretsmanagertest_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// TestNotFoundByNameSpeaksOfTheName checks the not-found messages of the lookups by name: they
// speak of the name, not of an ID, and say so when a group's ID is given where its name is taken,
// or its name where its ID is taken.
func TestNotFoundByNameSpeaksOfTheName(t *testing.T) {
	client, _ := secretsmanagertest.NewClient(t)
	seed := secretsmanagertest.NewSeeder(t, client)
	groupID := seed.Group("team")
	seed.InGroup(groupID).Arbitrary("token", "v")

	byName := func(group, name string) error {
		_, _, err := client.GetSecretByNameType(client.NewGetSecretByNameTypeOptions("arbitrary", name, group))
		require.ErrorIs(t, err, sm.ErrNotFound)
		return err
	}
	for _, c := range []struct {
		group, name, want string
	}{
		{"team", "missing", "A secret with name: missing was not found. (secret type arbitrary, secret group team)"},
		{"nobody", "token", "A secret group with name: nobody was not found."},
		{groupID, "token", "A secret group with name: " + groupID + " was not found. This path takes a secret group's name; " +
			groupID + ` is the ID of the secret group named "team".`},
		{"0b5571f7-21e6-42b7-91c5-3f5ac9793a46", "token", "A secret group with name: 0b5571f7-21e6-42b7-91c5-3f5ac9793a46 " +
			"was not found. This path takes a secret group's name; 0b5571f7-21e6-42b7-91c5-3f5ac9793a46 looks like an ID."},
	} {
		err := byName(c.group, c.name)
		require.ErrorContains(t, err, c.want)
		require.NotContains(t, err.Error(), "with id")
	}

	// A group name where secret_group_id takes an ID.
	_, err := secretsmanagertest.NewSeed(client).InGroup("team").Arbitrary("xy", "v")
	require.ErrorIs(t, err, sm.ErrBadRequest)
	require.ErrorContains(t, err, `property "secret_group_id" must be a UUID or "default": it takes the secret group's ID, not its name`)

	_, _, err = client.GetConfiguration(client.NewGetConfigurationOptions("no-such-ca"))
	require.ErrorIs(t, err, sm.ErrNotFound)
	require.ErrorContains(t, err, "A configuration with name: no-such-ca was not found.")
}
