package secretsmanagertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRetrievedAtAndVersionExpiration(t *testing.T) {
	c, _ := newRaw(t)
	a := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "aa",
		"payload": "p", "expiration_date": "2030-01-01T00:00:00Z"})
	b := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "username_password", "name": "bb",
		"username": "u", "expiration_date": "2031-01-01T00:00:00Z"})
	iam := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "cc",
		"ttl": "2h", "access_groups": []string{"AccessGroupId-1"}, "reuse_api_key": true,
		"account_id": "9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b"})
	epoch := "1970-01-01T00:00:00Z"
	for _, s := range []map[string]any{a, b, iam} {
		require.Equal(t, epoch, s["retrieved_at"], "never read")
		require.Equal(t, []any{}, s["referenced_by"])
	}
	// Versions carry their expiration date.
	require.Equal(t, "2030-01-01T00:00:00Z", c.must(200, "GET", "/api/v2/secrets/"+str(a["id"])+"/versions/current/metadata", nil)["expiration_date"])
	require.Equal(t, "2031-01-01T00:00:00Z", c.must(200, "GET", "/api/v2/secrets/"+str(b["id"])+"/versions/current/metadata", nil)["expiration_date"])
	iv := c.must(200, "GET", "/api/v2/secrets/"+str(iam["id"])+"/versions/current/metadata", nil)
	require.Equal(t, iam["expiration_date"], iv["expiration_date"])
	require.Equal(t, "9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b", iam["account_id"])
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "dd",
		"ttl": "2h", "service_id": "s", "account_id": "NOT-an-account"})

	// Metadata reads do not count as retrievals; data reads do.
	bp := "/api/v2/secrets/" + str(b["id"])
	require.Equal(t, epoch, c.must(200, "GET", bp+"/metadata", nil)["retrieved_at"])
	c.must(200, "GET", "/api/v2/secrets/"+str(iam["id"])+"/versions/current", nil)
	read := c.must(200, "GET", bp, nil)
	ra, err := time.Parse(time.RFC3339, str(read["retrieved_at"]))
	require.NoError(t, err)
	require.WithinDuration(t, time.Now(), ra, time.Minute)
	require.Equal(t, read["retrieved_at"], c.must(200, "GET", bp+"/metadata", nil)["retrieved_at"])
	names := func(q string) []string {
		var out []string
		for _, s := range c.must(200, "GET", "/api/v2/secrets?"+q, nil)["secrets"].([]any) {
			out = append(out, str(s.(map[string]any)["name"]))
		}
		return out
	}
	require.Equal(t, []string{"aa", "cc", "bb"}, names("sort=retrieved_at"))
	require.Equal(t, "aa", names("sort=-retrieved_at")[2])
}
