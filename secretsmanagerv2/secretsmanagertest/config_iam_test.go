package secretsmanagertest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNewConfigurationFields(t *testing.T) {
	c, _ := newRaw(t)
	iam := c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "iam_credentials_configuration", "name": "iam", "api_key": "k"})
	require.Equal(t, false, iam["disabled"])
	up := c.must(200, "PATCH", "/api/v2/configurations/iam", map[string]any{"disabled": true})
	require.Equal(t, true, up["disabled"])
	require.Equal(t, "k", up["api_key"])
	item := c.must(200, "GET", "/api/v2/configurations", nil)["configurations"].([]any)[0].(map[string]any)
	require.Equal(t, true, item["disabled"])
	require.NotContains(t, item, "api_key")
	c.must(400, "PATCH", "/api/v2/configurations/iam", map[string]any{"disabled": "yes"})
}
