package secretsmanagertest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// noteKind is a secret type of the test: an arbitrary secret under another name, whose Vault
// rendering calls its payload a note. It is all a new type needs, for both APIs.
type noteKind struct{ arbitraryKind }

func (k *noteKind) clone() secretKind { return shallow(k) }
func (k *noteKind) vaultRender(_, sd, m map[string]any, _ *secret, _ bool) {
	sd["note"] = m["payload"]
}

// notebookConfig is a configuration type of the test, of the test_note secret type: a classic
// infrastructure DNS configuration under another name, with Vault routes of its own.
type notebookConfig struct{ dnsClassicConfig }

func (k notebookConfig) clone() configKind { return k }
func (notebookConfig) secretType() string  { return "test_note" }
func (notebookConfig) vaultRoute() (string, []string) {
	return "notebooks", []string{"notebook"}
}
func (notebookConfig) vaultRender(m map[string]any) (string, map[string]any) {
	return "notebook", vaultPlainConfig(m)
}

// TestNewSecretTypeIsOneKindAndOneLine checks that a secret type is one kind and one line in
// secretKinds for the v2 and the Vault API alike: the Vault API serves it, renders it and lists
// it through its kind, with no other change; the same for a configuration type in configKinds.
func TestNewSecretTypeIsOneKindAndOneLine(t *testing.T) {
	secretKinds["test_note"] = func() secretKind { return &noteKind{} }
	configKinds["test_notebook"] = func() configKind { return notebookConfig{} }
	t.Cleanup(func() {
		delete(secretKinds, "test_note")
		delete(configKinds, "test_notebook")
	})

	c, _ := newVaultRaw(t)
	c.login("iam")
	v2 := &rawClient{t: t, base: c.base, hc: c.hc}
	v2.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "test_note", "name": "n1", "payload": "hello"})
	got := c.must(200, "GET", "/v1/ibmcloud/test_note/secrets/n1", nil)
	require.Equal(t, map[string]any{"note": "hello"}, got["secret_data"])
	c.must(200, "POST", "/v1/ibmcloud/test_note/secrets", map[string]any{"name": "n2", "payload": "p2"})
	require.Len(t, c.must(200, "GET", "/v1/ibmcloud/test_note/secrets", nil)["secrets"], 2)
	require.Contains(t, vaultSecretTypesNow(), "test_note")

	// Its configuration type, one config kind and one line in configKinds, has its Vault routes.
	nb := c.must(200, "PUT", "/v1/ibmcloud/test_note/config/notebooks", map[string]any{"name": "nb", "type": "notebook",
		"config": map[string]any{"classic_infrastructure_username": "u", "classic_infrastructure_password": "p"}})
	require.Equal(t, "notebook", nb["type"])
	require.Equal(t, "u", nb["config"].(map[string]any)["classic_infrastructure_username"])
	require.EqualValues(t, 1, v2.must(200, "GET", "/api/v2/configurations?secret_types=public_cert,test_note", nil)["total_count"])
	c.must(204, "DELETE", "/v1/ibmcloud/test_note/config/notebooks/nb", nil)

	// A kind without the Vault methods has no engine: custom_credentials.
	c.fails(403, "GET", "/v1/ibmcloud/custom_credentials/secrets", nil)
	require.NotContains(t, vaultSecretTypesNow(), "custom_credentials")
	require.Equal(t, vaultSecretTypes, []string{"arbitrary", "iam_credentials", "imported_cert", "kv",
		"private_cert", "public_cert", "service_credentials", "username_password"})
}

// vaultSecretTypesNow returns the secret types the Vault API serves now.
func vaultSecretTypesNow() []string {
	var out []string
	for typ := range secretKinds {
		if vaultKindOf(typ) != nil {
			out = append(out, typ)
		}
	}
	return out
}
