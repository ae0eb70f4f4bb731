package secretsmanagertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// vaultRaw sends raw requests to the Vault API of a handler, with a Vault token.
type vaultRaw struct {
	t     *testing.T
	base  string
	hc    *http.Client
	token string
}

func newVaultRaw(t *testing.T, opts ...Option) (*vaultRaw, *Handler) {
	t.Helper()
	h := NewHandler(opts...)
	return &vaultRaw{t: t, base: "http://sm.test", hc: &http.Client{Transport: handlerTransport{h}}}, h
}

// envelopeKeys are the properties of every Vault answer with a body.
var envelopeKeys = []string{"auth", "data", "lease_duration", "lease_id", "renewable", "request_id", "warnings", "wrap_info"}

// do sends a request (body nil, a string sent as is, or a value sent as JSON)
// and returns the status and the decoded body. It checks the body's form:
// the Vault envelope for 200, {"errors":["..."]} for an error, none for 204.
func (c *vaultRaw) do(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(c.t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	require.NoError(c.t, err)
	if c.token != "" {
		req.Header.Set("X-Vault-Token", c.token)
	}
	resp, err := c.hc.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	if resp.StatusCode == http.StatusNoContent {
		require.Empty(c.t, raw)
		return resp.StatusCode, nil
	}
	var out map[string]any
	require.NoError(c.t, json.Unmarshal(raw, &out), "body: %s", raw)
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if resp.StatusCode >= 300 {
		require.Equal(c.t, []string{"errors"}, keys, "the Vault error form: %s", raw)
		errs, ok := out["errors"].([]any)
		require.True(c.t, ok && len(errs) == 1, "%s", raw)
		require.IsType(c.t, "", errs[0])
	} else {
		require.Equal(c.t, envelopeKeys, keys, "the Vault envelope: %s", raw)
		require.Regexp(c.t, reUUID, out["request_id"])
	}
	return resp.StatusCode, out
}

// must sends a request, requires the status and returns the answer's data
// (or, for a login, its auth).
func (c *vaultRaw) must(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	got, out := c.do(method, path, body)
	require.Equal(c.t, status, got, "%s %s: %v", method, path, out)
	if out == nil {
		return nil
	}
	if a, ok := out["auth"].(map[string]any); ok {
		return a
	}
	if got >= 300 {
		return out
	}
	d, _ := out["data"].(map[string]any)
	return d
}

// fails requires an error answer with status and returns its message.
func (c *vaultRaw) fails(status int, method, path string, body any) string {
	c.t.Helper()
	out := c.must(status, method, path, body)
	return out["errors"].([]any)[0].(string)
}

// login logs in with an IAM token and keeps the Vault token; it returns the auth.
func (c *vaultRaw) login(iam string) map[string]any {
	c.t.Helper()
	auth := c.must(200, "PUT", "/v1/auth/ibmcloud/login", map[string]any{"token": iam})
	c.token = auth["client_token"].(string)
	return auth
}

func TestVaultLoginAcceptsAnyTokenWithoutConfiguredTokens(t *testing.T) {
	c, h := newVaultRaw(t)
	auth := c.login("any-iam-token")
	require.Regexp(t, `^s\.[A-Za-z0-9]{24}$`, auth["client_token"])
	require.Equal(t, []any{"default", "instance-manager"}, auth["policies"])
	require.Equal(t, auth["policies"], auth["token_policies"])
	require.EqualValues(t, 3600, auth["lease_duration"])
	require.Equal(t, true, auth["renewable"])
	require.Equal(t, "service", auth["token_type"])
	md := auth["metadata"].(map[string]any)
	require.Equal(t, h.cfg.account, md["bss_acc"])
	require.Contains(t, md["resource"], h.cfg.instanceID)

	// The login answer is the envelope with data null.
	_, out := c.do("PUT", "/v1/auth/ibmcloud/login", map[string]any{"token": "another"})
	require.Nil(t, out["data"])
	require.NotEqual(t, c.token, out["auth"].(map[string]any)["client_token"], "each login gives a new token")

	for _, body := range []any{nil, `{}`, map[string]any{"token": ""}, map[string]any{"token": 42}, `[1]`} {
		c.fails(400, "PUT", "/v1/auth/ibmcloud/login", body)
	}
	c.fails(405, "GET", "/v1/auth/ibmcloud/login", nil)
	c.must(200, "POST", "/v1/auth/ibmcloud/login", map[string]any{"token": "x"}) // POST is PUT, as in Vault
}

func TestVaultLoginWithConfiguredTokens(t *testing.T) {
	c, _ := newVaultRaw(t, WithToken("rw-token"), WithReadOnlyToken("ro-token"))
	require.Equal(t, "permission denied", c.fails(403, "PUT", "/v1/auth/ibmcloud/login", map[string]any{"token": "other"}))

	rw := c.login("rw-token")
	require.Equal(t, []any{"default", "instance-manager"}, rw["policies"])
	created := c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "s1", "payload": "v"})

	ro := c.login("ro-token")
	require.Equal(t, []any{"default", "instance-reader"}, ro["policies"])
	c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/s1", nil)
	c.must(200, "LIST", "/v1/ibmcloud/arbitrary/secrets", nil)
	c.must(200, "GET", "/v1/auth/ibmcloud/manage/groups", nil)
	for _, r := range []struct{ method, path string }{
		{"POST", "/v1/ibmcloud/arbitrary/secrets"},
		{"PUT", "/v1/ibmcloud/arbitrary/secrets/s1/metadata"},
		{"POST", "/v1/ibmcloud/arbitrary/secrets/s1/rotate"},
		{"DELETE", "/v1/ibmcloud/arbitrary/secrets/s1"},
		{"POST", "/v1/ibmcloud/arbitrary/locks/s1/lock"},
		{"PUT", "/v1/auth/ibmcloud/manage/login"},
		{"POST", "/v1/auth/ibmcloud/manage/groups"},
	} {
		require.Equal(t, "permission denied", c.fails(403, r.method, r.path, map[string]any{"name": "s2", "payload": "v"}), "%s %s", r.method, r.path)
	}
	c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/"+created["id"].(string), nil)
}

func TestVaultRequiresAValidToken(t *testing.T) {
	c, h := newVaultRaw(t)
	paths := []string{"/v1/ibmcloud/arbitrary/secrets", "/v1/auth/ibmcloud/manage/login", "/v1/auth/ibmcloud/manage/groups"}
	for _, tok := range []string{"", "s.unknown"} {
		c.token = tok
		for _, p := range paths {
			require.Equal(t, "permission denied", c.fails(403, "GET", p, nil))
		}
	}
	c.login("iam")
	for _, p := range paths {
		c.must(200, "GET", p, nil)
	}
	c2 := *c
	c2.login("iam")
	require.Equal(t, 2, h.RevokeVaultTokens())
	for _, cc := range []*vaultRaw{c, &c2} {
		cc.fails(403, "GET", paths[0], nil)
	}
	c.login("iam")
	c.must(200, "GET", paths[0], nil)
}

func TestVaultTokenLease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newVaultRaw(t)
		require.EqualValues(t, 3600, c.login("iam")["lease_duration"])
		cfg := c.must(200, "GET", "/v1/auth/ibmcloud/manage/login", nil)
		require.Equal(t, map[string]any{"token_ttl": "1h0m0s", "token_max_ttl": "24h0m0s"}, cfg["login"])

		c.must(204, "PUT", "/v1/auth/ibmcloud/manage/login", map[string]any{"token_ttl": "30m", "token_max_ttl": "2h"})
		cfg = c.must(200, "GET", "/v1/auth/ibmcloud/manage/login", nil)
		require.Equal(t, map[string]any{"token_ttl": "30m0s", "token_max_ttl": "2h0m0s"}, cfg["login"])
		old := c.token
		require.EqualValues(t, 1800, c.login("iam")["lease_duration"], "the lease of the login configuration")

		time.Sleep(30*time.Minute - time.Second)
		c.must(200, "GET", "/v1/ibmcloud/kv/secrets", nil)
		oldClient := *c
		oldClient.token = old
		oldClient.must(200, "GET", "/v1/ibmcloud/kv/secrets", nil) // the first token, one hour long, still lives
		time.Sleep(time.Second)
		require.Equal(t, "permission denied", c.fails(403, "GET", "/v1/ibmcloud/kv/secrets", nil), "expired")
		time.Sleep(30 * time.Minute)
		oldClient.fails(403, "GET", "/v1/ibmcloud/kv/secrets", nil)

		c.login("iam")
		c.must(204, "PUT", "/v1/auth/ibmcloud/manage/login", map[string]any{"token_ttl": 7200}) // seconds, up to token_max_ttl
		require.EqualValues(t, 7200, c.login("iam")["lease_duration"])
		c.must(204, "PUT", "/v1/auth/ibmcloud/manage/login", map[string]any{"token_ttl": 1800})
		require.EqualValues(t, 1800, c.login("iam")["lease_duration"])
		c.must(204, "PUT", "/v1/auth/ibmcloud/manage/login", map[string]any{"token_ttl": "1h2m3s"})
		require.EqualValues(t, 3723, c.login("iam")["lease_duration"])
		for _, bad := range []map[string]any{{"token_ttl": "3h"}, {"token_max_ttl": "10m"}, {"token_ttl": "soon"}, {"token_max_ttl": true},
			// Units the Vault API document excludes (it allows s, m and h), and a number as a string.
			{"token_ttl": "1d"}, {"token_ttl": "500ms"}, {"token_ttl": "1.5h"}, {"token_ttl": "1800"}, {"token_max_ttl": "2d"},
			{"token_ttl": "30m2h"}, {"token_ttl": "1us"}, {"token_ttl": 1.5}, {"token_ttl": -5}} {
			msg := c.fails(400, "PUT", "/v1/auth/ibmcloud/manage/login", bad)
			require.Contains(t, msg, "token_", "%v", bad)
		}
		require.EqualValues(t, 3723, c.login("iam")["lease_duration"], "a refused configuration changes nothing")
	})
}

func TestWithVaultTokenTTL(t *testing.T) {
	c, _ := newVaultRaw(t, WithVaultTokenTTL(10*time.Minute))
	require.EqualValues(t, 600, c.login("iam")["lease_duration"])
	c, _ = newVaultRaw(t, WithVaultTokenTTL(500*time.Millisecond))
	require.EqualValues(t, 1, c.login("iam")["lease_duration"], "a lease is never 0 (never expires, to a Vault client)")
	c2, _ := newVaultRaw(t, WithVaultTokenTTL(48*time.Hour))
	require.EqualValues(t, 48*3600, c2.login("iam")["lease_duration"])
	require.Equal(t, "48h0m0s", c2.must(200, "GET", "/v1/auth/ibmcloud/manage/login", nil)["login"].(map[string]any)["token_max_ttl"])
}

// TestVaultOtherPathsAreForbidden checks that a path outside the routes of
// the Vault API document answers 403, as the service does, and a route
// called with a method it does not have 405.
func TestVaultOtherPathsAreForbidden(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	for _, p := range []string{
		"/v1", "/v1/", "/v1/sys/health", "/v1/sys/mounts", "/v1/secret/data/app", "/v1/auth/token/renew-self",
		"/v1/auth/token/lookup-self", "/v1/auth/ibmcloud", "/v1/auth/ibmcloud/manage", "/v1/auth/ibmcloud/manage/other",
		"/v1/auth/ibmcloud/manage/groups/a/b", "/v1/ibmcloud", "/v1/ibmcloud/arbitrary", "/v1/ibmcloud/custom_credentials/secrets",
		"/v1/ibmcloud/unknown/secrets", "/v1/ibmcloud/arbitrary/other", "/v1/ibmcloud/arbitrary/secrets/a/b",
		"/v1/ibmcloud/arbitrary/secrets/groups/g/a/b/c", "/v1/ibmcloud/arbitrary/roles/x", "/v1/ibmcloud/kv/creds/x",
		"/v1/ibmcloud/iam_credentials/roles", "/v1/ibmcloud/arbitrary/locks", "/v1/ibmcloud/arbitrary/locks/x/other",
		"/v1/ibmcloud/arbitrary/locks/x/versions/current/other", "/v1/ibmcloud/arbitrary/config/root",
		"/v1/ibmcloud/public_cert/config/root", "/v1/ibmcloud/public_cert/config/root_certificate_authorities",
		"/v1/ibmcloud/private_cert/config/dns_providers", "/v1/ibmcloud/iam_credentials/config/other",
		"/v1/ibmcloud/private_cert/config", "/v1/ibmcloud/private_cert/config/certificate_templates/a/b",
	} {
		for _, m := range []string{"GET", "PUT", "DELETE"} {
			require.Equal(t, "permission denied", c.fails(403, m, p, `{}`), "%s %s", m, p)
		}
	}
	for _, r := range []struct{ method, path string }{
		{"DELETE", "/v1/ibmcloud/arbitrary/secrets"}, {"PUT", "/v1/ibmcloud/arbitrary/secrets/x"},
		{"GET", "/v1/ibmcloud/arbitrary/secrets/x/rotate"}, {"DELETE", "/v1/ibmcloud/arbitrary/secrets/x/metadata"},
		{"GET", "/v1/ibmcloud/arbitrary/locks/x/lock"}, {"PUT", "/v1/ibmcloud/arbitrary/locks/x"},
		{"DELETE", "/v1/auth/ibmcloud/manage/login"}, {"PATCH", "/v1/ibmcloud/arbitrary/secrets"},
		{"GET", "/v1/ibmcloud/public_cert/config/dns_providers"}, {"GET", "/v1/ibmcloud/public_cert/config/dns_providers/x"},
		{"DELETE", "/v1/ibmcloud/iam_credentials/config/root"},
	} {
		require.Equal(t, "unsupported operation", c.fails(405, r.method, r.path, nil), "%s %s", r.method, r.path)
	}
}

// TestVaultGroupsOfRoutes checks which secrets a route sees: the route of
// the default group creates there, lists every group and finds a secret of
// any group by ID; a group's route sees that group only; an engine sees its
// secret type only.
func TestVaultGroupsOfRoutes(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	g := c.must(200, "POST", "/v1/auth/ibmcloud/manage/groups", map[string]any{"name": "team-a"})["id"].(string)
	g2 := c.must(200, "POST", "/v1/auth/ibmcloud/manage/groups", map[string]any{"name": "team-b"})["id"].(string)
	inDefault := c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "same", "payload": "d"})
	inGroup := c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets/groups/"+g, map[string]any{"name": "same", "payload": "g"})
	require.NotContains(t, inDefault, "secret_group_id", "no group ID for the default group")
	require.Equal(t, g, inGroup["secret_group_id"])
	gid := inGroup["id"].(string)

	payload := func(d map[string]any) any { return d["secret_data"].(map[string]any)["payload"] }
	require.Equal(t, "d", payload(c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/same", nil)))
	require.Equal(t, "g", payload(c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/"+g+"/same", nil)))
	require.Equal(t, "g", payload(c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/"+gid, nil)), "by ID on the default route")
	require.Equal(t, "g", payload(c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/"+g+"/"+gid, nil)))
	c.fails(404, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/"+g2+"/"+gid, nil)
	c.fails(404, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/"+g2+"/same", nil)
	c.fails(404, "GET", "/v1/ibmcloud/kv/secrets/"+gid, nil)
	c.fails(404, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/"+newUUID()+"/same", nil)
	c.fails(400, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/not-a-group/same", nil)

	list := c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets", nil)
	require.EqualValues(t, 2, list["secrets_total"])
	require.Len(t, list["secrets"], 2)
	require.NotContains(t, list["secrets"].([]any)[0], "secret_data", "a list has no secret data")
	list = c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/groups/"+g, nil)
	require.EqualValues(t, 1, list["secrets_total"])
	require.Equal(t, gid, list["secrets"].([]any)[0].(map[string]any)["id"])
	require.EqualValues(t, 0, c.must(200, "GET", "/v1/ibmcloud/kv/secrets", nil)["secrets_total"])

	groups := c.must(200, "GET", "/v1/auth/ibmcloud/manage/groups", nil)["groups"].([]any)
	require.Len(t, groups, 2, "the default group is not listed")
	require.Equal(t, "team-a", groups[0].(map[string]any)["name"])
	require.Contains(t, c.fails(409, "DELETE", "/v1/auth/ibmcloud/manage/groups/"+g, nil), "not empty")
	c.must(200, "DELETE", "/v1/ibmcloud/arbitrary/secrets/groups/"+g+"/"+gid, nil)
	c.must(200, "DELETE", "/v1/auth/ibmcloud/manage/groups/"+g, nil)
	c.fails(404, "GET", "/v1/auth/ibmcloud/manage/groups/"+g, nil)
}

// TestVaultErrors checks the statuses of errors: 400 invalid input, 404
// unknown, 409 conflict, 412 locked.
func TestVaultErrors(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "s1", "payload": "v1"})
	require.Contains(t, c.fails(409, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "s1", "payload": "v"}), "already exists")
	c.fails(400, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "s2"})
	c.fails(400, "POST", "/v1/ibmcloud/arbitrary/secrets", `{"name":`)
	c.fails(400, "POST", "/v1/ibmcloud/kv/secrets", map[string]any{"name": "k"})
	c.fails(400, "POST", "/v1/ibmcloud/service_credentials/secrets", map[string]any{"name": "sc"})
	c.fails(400, "POST", "/v1/ibmcloud/iam_credentials/roles/r1", map[string]any{"name": "other", "ttl": "1h", "access_groups": []string{"AccessGroupId-1"}})
	c.fails(404, "GET", "/v1/ibmcloud/arbitrary/secrets/missing", nil)
	c.fails(404, "GET", "/v1/ibmcloud/arbitrary/secrets/missing/metadata", nil)
	c.fails(404, "DELETE", "/v1/ibmcloud/arbitrary/secrets/missing", nil)
	c.fails(404, "GET", "/v1/ibmcloud/arbitrary/locks/missing", nil)
	c.fails(413, "POST", "/v1/ibmcloud/arbitrary/secrets", `{"name":"big","payload":"`+strings.Repeat("x", maxBodyBytes)+`"}`)

	c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets/s1/rotate", map[string]any{"payload": "v2"})
	c.must(200, "POST", "/v1/ibmcloud/arbitrary/locks/s1/versions/previous/lock", map[string]any{"locks": []any{map[string]any{"name": "app-1"}}})
	require.Contains(t, c.fails(412, "POST", "/v1/ibmcloud/arbitrary/secrets/s1/rotate", map[string]any{"payload": "v3"}), "locked")
	require.Contains(t, c.fails(412, "DELETE", "/v1/ibmcloud/arbitrary/secrets/s1", nil), "locked")
	c.fails(400, "POST", "/v1/ibmcloud/arbitrary/locks/s1/lock", map[string]any{"locks": []any{map[string]any{"name": "1-bad name"}}})
	c.fails(400, "POST", "/v1/ibmcloud/arbitrary/locks/s1/lock", map[string]any{})
	c.fails(400, "POST", "/v1/ibmcloud/arbitrary/locks/s1/unlock", map[string]any{"locks": "app-1"})
	for _, bad := range []string{"", "app-1,app-2", "1-bad"} {
		c.fails(400, "POST", "/v1/ibmcloud/arbitrary/locks/s1/versions/previous/unlock", map[string]any{"locks": []string{bad}})
	}
	c.fails(404, "POST", "/v1/ibmcloud/arbitrary/locks/s1/versions/"+newUUID()+"/lock", map[string]any{"locks": []any{map[string]any{"name": "app-2"}}})

	// Unlocking the secret works on its current version: the previous one stays locked.
	res := c.must(200, "POST", "/v1/ibmcloud/arbitrary/locks/s1/unlock", map[string]any{"locks": []string{"*"}})
	require.Len(t, res["versions"], 2)
	require.Equal(t, []any{"app-1"}, res["versions"].([]any)[1].(map[string]any)["locks"])
	res = c.must(200, "POST", "/v1/ibmcloud/arbitrary/locks/s1/versions/previous/unlock", map[string]any{"locks": []string{}})
	require.Equal(t, []any{"app-1"}, res["versions"].([]any)[1].(map[string]any)["locks"], "an empty list deletes no lock")
	c.must(200, "POST", "/v1/ibmcloud/arbitrary/locks/s1/versions/previous/unlock", map[string]any{"locks": []string{"*"}})
	c.must(200, "DELETE", "/v1/ibmcloud/arbitrary/secrets/s1", nil)
}

// TestVaultPolicies checks that the rotation policy of a type with a v2
// rotation policy is that policy, and that of a type without one is kept by
// the Vault API.
func TestVaultPolicies(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, h := newVaultRaw(t)
		c.login("iam")
		up := c.must(200, "POST", "/v1/ibmcloud/username_password/secrets", map[string]any{"name": "db", "username": "u"})
		require.Equal(t, []any{}, c.must(200, "GET", "/v1/ibmcloud/username_password/secrets/db/policies", nil)["policies"])
		set := map[string]any{"policies": []any{map[string]any{"type": vaultPolicyType, "rotation": map[string]any{"interval": 10, "unit": "day"}}}}
		time.Sleep(time.Minute)
		got := c.must(200, "PUT", "/v1/ibmcloud/username_password/secrets/db/policies", set)["policies"].([]any)
		require.Len(t, got, 1)
		p := got[0].(map[string]any)
		require.Equal(t, up["id"], p["id"])
		require.Equal(t, map[string]any{"interval": float64(10), "unit": "day"}, p["rotation"])
		require.Equal(t, vaultPolicyType, p["type"])
		require.Equal(t, fmtTime(time.Now()), p["creation_date"])

		// The v2 API sees it as the secret's rotation policy.
		h.mu.Lock()
		r := h.st.secrets[up["id"].(string)].kind.rotation()
		require.True(t, r.policy.autoRotate)
		require.EqualValues(t, 10, r.policy.interval)
		require.NotNil(t, r.next)
		h.mu.Unlock()
		require.Equal(t, got, c.must(200, "GET", "/v1/ibmcloud/username_password/secrets/"+up["id"].(string)+"/policies", nil)["policies"])

		// An arbitrary secret has no v2 rotation policy: the Vault API keeps it.
		c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "a1", "payload": "v"})
		c.must(200, "PUT", "/v1/ibmcloud/arbitrary/secrets/a1/policies", set)
		require.Len(t, c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/a1/policies", nil)["policies"], 1)
		c.must(200, "PUT", "/v1/ibmcloud/arbitrary/secrets/a1/policies", map[string]any{"policies": []any{}})
		require.Empty(t, c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/a1/policies", nil)["policies"])

		c.must(200, "PUT", "/v1/ibmcloud/username_password/secrets/db/policies", map[string]any{"policies": []any{}})
		require.Empty(t, c.must(200, "GET", "/v1/ibmcloud/username_password/secrets/db/policies", nil)["policies"])
		for _, bad := range []any{
			map[string]any{},
			map[string]any{"policies": []any{map[string]any{"rotation": map[string]any{"interval": 0, "unit": "day"}}}},
			map[string]any{"policies": []any{map[string]any{"rotation": map[string]any{"interval": 1, "unit": "year"}}}},
			map[string]any{"policies": []any{map[string]any{"type": "other", "rotation": map[string]any{"interval": 1, "unit": "day"}}}},
			map[string]any{"policies": []any{map[string]any{}}},
			map[string]any{"policies": []any{set["policies"].([]any)[0], set["policies"].([]any)[0]}},
		} {
			c.fails(400, "PUT", "/v1/ibmcloud/username_password/secrets/db/policies", bad)
		}
	})
}

// TestVaultConfigurations checks the engine configurations: they are the v2
// configurations, under the Vault names.
func TestVaultConfigurations(t *testing.T) {
	c, h := newVaultRaw(t)
	c.login("iam")
	c.fails(404, "GET", "/v1/ibmcloud/iam_credentials/config/root", nil)
	c.fails(400, "PUT", "/v1/ibmcloud/iam_credentials/config/root", map[string]any{})
	require.Nil(t, c.must(200, "PUT", "/v1/ibmcloud/iam_credentials/config/root", map[string]any{"api_key": "key-1"}))
	hash1 := c.must(200, "GET", "/v1/ibmcloud/iam_credentials/config/root", nil)["api_key_hash"]
	require.Regexp(t, `^[0-9a-f]{64}$`, hash1)
	c.must(200, "PUT", "/v1/ibmcloud/iam_credentials/config/root", map[string]any{"api_key": "key-2"})
	require.NotEqual(t, hash1, c.must(200, "GET", "/v1/ibmcloud/iam_credentials/config/root", nil)["api_key_hash"])
	h.mu.Lock()
	require.Len(t, h.st.findConfigs(iamConfigName, cfgIAM), 1, "one v2 iam_credentials_configuration")
	require.Equal(t, "key-2", h.st.findConfigs(iamConfigName, cfgIAM)[0].attrs["api_key"])
	h.mu.Unlock()

	_, key := selfSignedCert(t, "acme")
	ca := c.must(200, "PUT", "/v1/ibmcloud/public_cert/config/certificate_authorities",
		map[string]any{"name": "le", "type": "letsencrypt-stage", "config": map[string]any{"private_key": key}})
	require.Equal(t, map[string]any{"name": "le", "type": "letsencrypt-stage", "config": map[string]any{"private_key": key}}, ca)
	ca = c.must(200, "PUT", "/v1/ibmcloud/public_cert/config/certificate_authorities",
		map[string]any{"name": "le", "type": "letsencrypt", "config": map[string]any{"private_key": key}})
	require.Equal(t, "letsencrypt", ca["type"], "PUT updates the configuration of that name")
	c.fails(400, "PUT", "/v1/ibmcloud/public_cert/config/certificate_authorities",
		map[string]any{"name": "le2", "type": "cis", "config": map[string]any{"private_key": key}})
	c.fails(400, "PUT", "/v1/ibmcloud/public_cert/config/certificate_authorities",
		map[string]any{"name": "le2", "type": "letsencrypt", "config": map[string]any{"private_key": "not a key"}})

	root := c.must(200, "POST", "/v1/ibmcloud/private_cert/config/root_certificate_authorities", map[string]any{
		"name": "root", "type": "root_certificate_authority",
		"config": map[string]any{"common_name": "example.com", "max_ttl": "8760h", "crl_expiry": 3600, "alt_names": "a.example.com,b.example.com"}})
	cfg := root["config"].(map[string]any)
	require.EqualValues(t, 8760*3600, cfg["max_ttl"])
	require.EqualValues(t, 3600, cfg["crl_expiry"])
	require.Equal(t, "a.example.com,b.example.com", cfg["alt_names"])
	require.Equal(t, "configured", cfg["status"])
	data := cfg["data"].(map[string]any)
	require.Contains(t, data["certificate"], "BEGIN CERTIFICATE")
	require.Regexp(t, `^[0-9a-f]{2}(:[0-9a-f]{2})+$`, data["serial_number"])
	require.NotContains(t, cfg, "serial_number")
	require.NotContains(t, cfg, "max_ttl_seconds")

	tpl := c.must(200, "POST", "/v1/ibmcloud/private_cert/config/certificate_templates", map[string]any{
		"name": "tpl", "config": map[string]any{"certificate_authority": "root", "allow_any_name": true, "max_ttl": "720h"}})
	require.Equal(t, "certificate_template", tpl["type"], "the only type of the path is the default")
	require.Contains(t, c.fails(409, "DELETE", "/v1/ibmcloud/private_cert/config/root_certificate_authorities/root", nil), "used by")
	c.must(204, "DELETE", "/v1/ibmcloud/private_cert/config/certificate_templates/tpl", nil)
	c.fails(404, "DELETE", "/v1/ibmcloud/private_cert/config/certificate_templates/tpl", nil)
	c.fails(404, "DELETE", "/v1/ibmcloud/private_cert/config/intermediate_certificate_authorities/root", nil)
	c.must(204, "DELETE", "/v1/ibmcloud/private_cert/config/root_certificate_authorities/root", nil)

	dns := c.must(200, "PUT", "/v1/ibmcloud/public_cert/config/dns_providers", map[string]any{"name": "cis", "type": "cis",
		"config": map[string]any{"cis_crn": "crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"}})
	require.Equal(t, "cis", dns["type"])
	h.mu.Lock()
	require.Len(t, h.st.findConfigs("cis", cfgDNSCIS), 1, "a v2 configuration")
	h.mu.Unlock()
	c.must(204, "DELETE", "/v1/ibmcloud/public_cert/config/dns_providers/cis", nil)
}

// TestVaultConcurrentRequests runs Vault and v2 requests on one handler from
// many goroutines (for the race detector).
func TestVaultConcurrentRequests(t *testing.T) {
	c, h := newVaultRaw(t)
	c.login("iam")
	v2 := &rawClient{t: t, base: "http://sm.test", hc: &http.Client{Transport: handlerTransport{h}}}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "c" + string(rune('a'+i))
			c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": name, "payload": "v"})
			c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets/"+name+"/rotate", map[string]any{"payload": "w"})
			c.must(200, "POST", "/v1/ibmcloud/arbitrary/locks/"+name+"/lock", map[string]any{"locks": []any{map[string]any{"name": "l1"}}})
			v2.must(200, "GET", "/api/v2/secrets_locks", nil)
			c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets", nil)
		}()
	}
	wg.Wait()
	require.EqualValues(t, 8, c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets", nil)["secrets_total"])
}

// TestVaultBadInputNeverFails sends malformed bodies to every route of the
// Vault API that reads one: each must get a 4xx answer (never a 5xx, which
// would be a recovered panic), and the state must stay usable.
func TestVaultBadInputNeverFails(t *testing.T) {
	c, _ := newVaultRaw(t)
	c.login("iam")
	g := c.must(200, "POST", "/v1/auth/ibmcloud/manage/groups", map[string]any{"name": "grp"})["id"].(string)
	id := c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets", map[string]any{"name": "keep", "payload": "p"})["id"].(string)
	c.must(200, "POST", "/v1/ibmcloud/arbitrary/secrets/keep/rotate", map[string]any{"payload": "p2"})
	c.must(200, "POST", "/v1/ibmcloud/username_password/secrets", map[string]any{"name": "up", "username": "u"})
	routes := []struct{ method, path string }{
		{"PUT", "/v1/auth/ibmcloud/login"},
		{"PUT", "/v1/auth/ibmcloud/manage/login"},
		{"POST", "/v1/auth/ibmcloud/manage/groups"},
		{"PUT", "/v1/auth/ibmcloud/manage/groups/" + g},
		{"POST", "/v1/ibmcloud/iam_credentials/roles/role-1"},
		{"POST", "/v1/ibmcloud/iam_credentials/roles/groups/" + g + "/role-2"},
		{"PUT", "/v1/ibmcloud/arbitrary/secrets/" + id + "/metadata"},
		{"POST", "/v1/ibmcloud/arbitrary/secrets/" + id + "/rotate"},
		{"PUT", "/v1/ibmcloud/arbitrary/secrets/" + id + "/policies"},
		{"PUT", "/v1/ibmcloud/username_password/secrets/up/policies"},
		{"PUT", "/v1/ibmcloud/iam_credentials/config/root"},
	}
	for _, typ := range vaultSecretTypes {
		routes = append(routes, struct{ method, path string }{"POST", "/v1/ibmcloud/" + typ + "/secrets"})
	}
	for _, op := range []string{"lock", "lock_exclusive", "lock_exclusive_delete", "unlock"} {
		routes = append(routes, struct{ method, path string }{"POST", "/v1/ibmcloud/arbitrary/locks/" + id + "/" + op},
			struct{ method, path string }{"POST", "/v1/ibmcloud/arbitrary/locks/" + id + "/versions/previous/" + op})
	}
	for typ, kinds := range vaultConfigs {
		for kind := range kinds {
			routes = append(routes, struct{ method, path string }{"PUT", "/v1/ibmcloud/" + typ + "/config/" + kind})
		}
	}
	bodies := []string{
		"", "null", "[]", "{", "123", `"str"`, "{}", `{"token":["x"]}`,
		`{"name": 12, "payload": [], "locks": "x", "policies": 5, "config": "x", "type": 5, "token_ttl": true, "api_key": 5}`,
		`{"name": null, "description": null, "payload": null, "locks": null, "policies": null, "config": null, "expiration_date": null}`,
		`{"locks": [{"name": null}]}`, `{"locks": [1]}`, `{"locks": [{"name": "ok-lock", "attributes": 5}]}`, `{"locks": ["*", 5]}`,
		`{"policies": [{"rotation": 5}]}`, `{"policies": [null]}`, `{"policies": [{"rotation": {"interval": "x", "unit": 1}}]}`,
		`{"name": "x", "type": "root_certificate_authority", "config": {"max_ttl": [], "alt_names": 5, "crl_expiry": -1, "common_name": "c"}}`,
		`{"name": "x", "type": "letsencrypt", "config": {"private_key": 5}}`, `{"name": "x", "type": "cis", "config": {"cis_crn": "bad"}}`,
		`{"name": "x", "config": {"certificate_authority": "none", "max_ttl": 1e300}}`,
		`{"name": "s", "source_crn": 5}`, `{"name": "s", "source_crn": "crn:v1:x", "parameters": "x", "ttl": {}}`,
		`{"name": "s", "payload": {"a": 1}, "rotate_keys": "x", "ttl": -5}`, `{"name": "s", "access_groups": "x", "ttl": 1e30}`,
		`{"name": "s", "certificate": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "private_key": 1}`,
		`{"name": "s", "certificate_template": "none", "common_name": "x", "rotation": {"interval": -1}}`,
		`{"name": "s", "ca": "c", "dns": "d", "common_name": "example.com", "key_algorithm": "RSA1"}`,
		`{"token_ttl": "1h", "token_max_ttl": "1m"}`, `{"token_ttl": -5}`, `{"token_max_ttl": "99999999999999999999h"}`,
	}
	for _, r := range routes {
		for _, b := range bodies {
			st, out := c.do(r.method, r.path, b)
			require.Less(t, st, 500, "%s %s %s: %v", r.method, r.path, b, out)
		}
	}
	for _, q := range []string{"limit=%zz", "limit=0", "offset=-1", "search=" + strings.Repeat("x", 200), "search=a"} {
		for _, p := range []string{"/v1/ibmcloud/arbitrary/locks/" + id, "/v1/ibmcloud/arbitrary/locks/" + id + "/versions/current"} {
			st, out := c.do("GET", p+"?"+q, nil)
			require.Less(t, st, 500, "%s?%s: %v", p, q, out)
		}
	}
	// The state is still consistent and usable.
	c.login("iam")
	got := c.must(200, "GET", "/v1/ibmcloud/arbitrary/secrets/keep", nil)
	require.Equal(t, "p2", got["secret_data"].(map[string]any)["payload"])
}

// FuzzVault sends arbitrary requests to the Vault API with a valid token: none
// may panic or get a 5xx answer, and the instance must still answer afterwards.
func FuzzVault(f *testing.F) {
	seeds := []struct{ method, path, body string }{
		{"POST", "/v1/ibmcloud/arbitrary/secrets", `{"name":"a1","payload":"p"}`},
		{"POST", "/v1/ibmcloud/kv/secrets/groups/default", `{"name":"k1","payload":{"a":[1,{"b":null}]}}`},
		{"POST", "/v1/ibmcloud/service_credentials/secrets", `{"name":"sc","source_crn":"crn:v1:x","role":5,"ttl":1.5}`},
		{"POST", "/v1/ibmcloud/iam_credentials/roles/groups/%2e%2e/x", `{"ttl":"1h","access_groups":["a"]}`},
		{"PUT", "/v1/ibmcloud/private_cert/config/root_certificate_authorities", `{"name":"r","config":{"common_name":"x","max_ttl":3600,"key_type":"ec","key_bits":384,"alt_names":"a,,b"}}`},
		{"GET", "/v1/ibmcloud/arbitrary/locks/a1/versions/previous?limit=0&offset=-1&search=", ``},
		{"POST", "/v1/ibmcloud/arbitrary/locks/a1/unlock", `{"locks":["*",""]}`},
		{"PUT", "/v1/ibmcloud/arbitrary/secrets/a1/policies", `{"policies":[{"rotation":{"interval":1,"unit":"day"}}]}`},
		{"PUT", "/v1/auth/ibmcloud/manage/login", `{"token_ttl":1e40}`},
		{"DELETE", "/v1/ibmcloud/public_cert/config/dns_providers/%00", ``},
		{"LIST", "/v1/ibmcloud/username_password/secrets/groups/", ``},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.body)
	}
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n") {
			return
		}
		h := NewHandler()
		send := func(method, path, body, token string) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			req, err := http.NewRequest(method, "http://sm.test"+path, strings.NewReader(body))
			if err != nil {
				return nil
			}
			req.Header.Set("X-Vault-Token", token)
			h.ServeHTTP(rec, req)
			return rec
		}
		login := send("PUT", "/v1/auth/ibmcloud/login", `{"token":"iam"}`, "")
		var out struct {
			Auth struct {
				ClientToken string `json:"client_token"`
			}
		}
		if err := json.Unmarshal(login.Body.Bytes(), &out); err != nil || out.Auth.ClientToken == "" {
			t.Fatalf("login: %s", login.Body.String())
		}
		rec := send(method, path, body, out.Auth.ClientToken)
		if rec == nil {
			return
		}
		if rec.Code >= 500 {
			t.Fatalf("%s %s answered %d: %s", method, path, rec.Code, rec.Body.String())
		}
		if after := send("GET", "/v1/auth/ibmcloud/manage/groups", "", out.Auth.ClientToken); after.Code != http.StatusOK {
			t.Fatalf("the instance no longer answers: %d", after.Code)
		}
	})
}

// vaultSecretTypes are the secret types of the Vault API, sorted: the engines under
// /v1/ibmcloud/, those whose kind implements vaultKind.
var vaultSecretTypes = func() []string {
	out := vaultSecretTypesNow()
	sort.Strings(out)
	return out
}()

// vaultConfigs are the configuration types of the Vault API: secret type -> configuration type
// (the path segment) -> type of the body -> v2 config_type (vaultConfigKind).
var vaultConfigs = func() map[string]map[string]map[string]string {
	out := map[string]map[string]map[string]string{}
	for _, typ := range vaultSecretTypes {
		if c := vaultConfigsOf(typ); c != nil {
			out[typ] = c
		}
	}
	return out
}()
