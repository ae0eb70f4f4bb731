package secretsmanagertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAdvanceClockExpiresAndRotates(t *testing.T) {
	c, srv := newRaw(t)
	h := srv.Handler
	exp := h.Now().Add(time.Hour).Format(time.RFC3339)
	arb := c.must(http.StatusCreated, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "exp",
		"secret_group_id": "default", "payload": "p", "expiration_date": exp})
	up := c.must(http.StatusCreated, "POST", "/api/v2/secrets", map[string]any{"secret_type": "username_password", "name": "rot",
		"secret_group_id": "default", "username": "u", "password": "p1",
		"rotation": map[string]any{"auto_rotate": true, "interval": 1, "unit": "day"}})
	past := c.must(http.StatusCreated, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "past",
		"secret_group_id": "default", "payload": "p", "expiration_date": "2020-12-31T00:00:00Z"})
	kv := c.must(http.StatusCreated, "POST", "/api/v2/secrets", map[string]any{"secret_type": "kv", "name": "stay",
		"secret_group_id": "default", "data": map[string]any{"k": "v"}})

	tests := []struct {
		advance          time.Duration
		arbState         float64
		arbPayload       bool
		upVersions       float64
		upCurrentRotated bool
	}{
		{advance: 30 * time.Minute, arbState: 1, arbPayload: true, upVersions: 1},
		{advance: time.Hour, arbState: 5, upVersions: 1},
		{advance: 23 * time.Hour, arbState: 5, upVersions: 2, upCurrentRotated: true},
		{advance: 72 * time.Hour, arbState: 5, upVersions: 3, upCurrentRotated: true}, // missed intervals: one rotation
	}
	for _, tc := range tests {
		_, err := h.AdvanceClock(tc.advance)
		require.NoError(t, err)
		a := c.must(http.StatusOK, "GET", "/api/v2/secrets/"+arb["id"].(string), nil)
		require.Equal(t, tc.arbState, a["state"], "after %v", tc.advance)
		_, has := a["payload"]
		require.Equal(t, tc.arbPayload, has)
		u := c.must(http.StatusOK, "GET", "/api/v2/secrets/"+up["id"].(string), nil)
		require.Equal(t, tc.upVersions, u["versions_total"])
		v := c.must(http.StatusOK, "GET", "/api/v2/secrets/"+up["id"].(string)+"/versions/current/metadata", nil)
		require.Equal(t, tc.upCurrentRotated, v["auto_rotated"])
		next, err := time.Parse(time.RFC3339, u["next_rotation_date"].(string))
		require.NoError(t, err)
		require.True(t, next.After(h.Now()), "the next rotation is ahead: %v", next)
		k := c.must(http.StatusOK, "GET", "/api/v2/secrets/"+kv["id"].(string), nil)
		require.Equal(t, 1.0, k["state"])
		ps := c.must(http.StatusOK, "GET", "/api/v2/secrets/"+past["id"].(string), nil)
		require.Equal(t, 1.0, ps["state"], "a date already past at creation is not applied")
	}
}

func TestAdminAPI(t *testing.T) {
	c, _ := newRaw(t, WithAdminToken("adm"))
	// Without the admin token.
	c.must(http.StatusUnauthorized, "POST", "/admin/reset", nil)
	c.token = "adm"
	res := c.must(http.StatusOK, "POST", "/admin/seed", map[string]any{
		"secret_groups": []any{map[string]any{"name": "team"}},
		"private_cas":   []any{map[string]any{"name": "pki"}},
		"secrets": []any{
			map[string]any{"secret_type": "arbitrary", "name": "aa", "payload": "top-secret", "secret_group_name": "team",
				"versions": []any{map[string]any{"payload": "top-secret-2"}}, "locks": []any{map[string]any{"name": "in-use"}}},
			map[string]any{"secret_type": "private_cert", "name": "tls", "certificate_template": "pki-template", "common_name": "a.example.com"},
		},
	})
	require.Len(t, res["secrets"], 2)
	dump := c.must(http.StatusOK, "GET", "/admin/dump", nil)
	require.NotContains(t, mustJSON(t, dump), "top-secret")
	require.NotContains(t, mustJSON(t, dump), "PRIVATE KEY")
	full := c.must(http.StatusOK, "GET", "/admin/dump?secrets=true", nil)
	require.Contains(t, mustJSON(t, full), "top-secret-2")
	secs := full["secrets"].([]any)
	a := secs[0].(map[string]any)
	require.Equal(t, 2.0, a["versions_total"])
	require.Equal(t, 1.0, a["locks_total"])

	// A seed file with an error names the item.
	_, out := c.do("POST", "/admin/seed", map[string]any{"secrets": []any{map[string]any{"secret_type": "arbitrary", "name": "bb"}}})
	require.Contains(t, mustJSON(t, out), `secrets[0] (\"bb\")`)
	_, out = c.do("POST", "/admin/seed", map[string]any{"groups": []any{}})
	require.Contains(t, mustJSON(t, out), "unknown field")

	// Faults at run time, reproducible with a seed.
	c.must(http.StatusNoContent, "PUT", "/admin/faults", map[string]any{"seed": 7,
		"faults": []any{map[string]any{"method": "GET", "path": "/api/v2/secret_groups", "status": 503, "probability": 0.5}}})
	pattern := func() string {
		var b strings.Builder
		for range 32 {
			resp, err := c.hc.Get(c.base + "/api/v2/secret_groups")
			require.NoError(t, err)
			resp.Body.Close()
			b.WriteString(map[bool]string{true: "x", false: "."}[resp.StatusCode == 503])
		}
		return b.String()
	}
	first := pattern()
	require.Contains(t, first, "x")
	require.Contains(t, first, ".")
	c.must(http.StatusNoContent, "PUT", "/admin/faults", map[string]any{"seed": 7,
		"faults": []any{map[string]any{"method": "GET", "path": "/api/v2/secret_groups", "status": 503, "probability": 0.5}}})
	require.Equal(t, first, pattern())
	got := c.must(http.StatusOK, "GET", "/admin/faults", nil)
	require.EqualValues(t, 7, got["seed"])
	require.EqualValues(t, strings.Count(first, "x"), got["faults"].([]any)[0].(map[string]any)["hits"])
	c.must(http.StatusBadRequest, "POST", "/admin/faults", map[string]any{"faults": []any{map[string]any{"status": 1000}}})
	c.must(http.StatusNoContent, "DELETE", "/admin/faults", nil)

	// Clock.
	c.must(http.StatusBadRequest, "POST", "/admin/clock", map[string]any{"advance": "-1h"})
	ck := c.must(http.StatusOK, "POST", "/admin/clock", map[string]any{"advance": "48h"})
	require.Equal(t, "48h0m0s", ck["offset"])

	// Reset.
	c.must(http.StatusNoContent, "POST", "/admin/reset", nil)
	dump = c.must(http.StatusOK, "GET", "/admin/dump", nil)
	require.Empty(t, dump["secrets"])
	c.must(http.StatusNotFound, "GET", "/admin/nothing", nil)
}

func TestIAMEndpoint(t *testing.T) {
	c, srv := newRaw(t, WithAPIKey("full"), WithReadOnlyAPIKey("ro"), WithIAMTokenTTL(time.Hour))
	token := func(key string) (int, map[string]any) {
		resp, err := srv.Client().PostForm(srv.URL+"/identity/token", url.Values{"grant_type": {iamGrantAPIKey}, "apikey": {key}, "response_type": {"cloud_iam"}})
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, jsonDecode(resp.Body, &out))
		return resp.StatusCode, out
	}
	st, out := token("nope")
	require.Equal(t, http.StatusBadRequest, st)
	require.Equal(t, "BXNIM0415E", out["errorCode"])
	st, full := token("full")
	require.Equal(t, http.StatusOK, st)
	for _, k := range []string{"access_token", "refresh_token", "token_type", "expires_in", "expiration"} {
		require.Contains(t, full, k)
	}
	require.EqualValues(t, 3600, full["expires_in"])
	_, ro := token("ro")

	c.must(http.StatusUnauthorized, "GET", "/api/v2/secret_groups", nil)
	c.token = ro["access_token"].(string)
	c.must(http.StatusOK, "GET", "/api/v2/secret_groups", nil)
	c.must(http.StatusForbidden, "POST", "/api/v2/secret_groups", map[string]any{"name": "gg"})
	c.token = full["access_token"].(string)
	c.must(http.StatusCreated, "POST", "/api/v2/secret_groups", map[string]any{"name": "gg"})
	c.token = full["access_token"].(string)[:len(full["access_token"].(string))-2] + "AA"
	c.must(http.StatusUnauthorized, "GET", "/api/v2/secret_groups", nil)

	// Tokens expire on the server clock; the refresh token gives a new one.
	_, err := srv.Handler.AdvanceClock(61 * time.Minute)
	require.NoError(t, err)
	c.token = full["access_token"].(string)
	c.must(http.StatusUnauthorized, "GET", "/api/v2/secret_groups", nil)
	resp, err := srv.Client().PostForm(srv.URL+"/identity/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {full["refresh_token"].(string)}})
	require.NoError(t, err)
	var again map[string]any
	require.NoError(t, jsonDecode(resp.Body, &again))
	resp.Body.Close()
	c.token = again["access_token"].(string)
	c.must(http.StatusOK, "GET", "/api/v2/secret_groups", nil)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

func TestIAMEndpointDoesNotGetAroundTokens(t *testing.T) {
	tests := []struct {
		name   string
		opts   []Option
		status int
	}{
		{"any key without tokens", []Option{WithIAMEndpoint()}, http.StatusOK},
		{"any key with a token", []Option{WithIAMEndpoint(), WithToken("t")}, http.StatusUnauthorized},
		{"not served by default", nil, http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewServer(tc.opts...)
			defer srv.Close()
			resp, err := srv.Client().PostForm(srv.URL+"/identity/token", url.Values{"grant_type": {iamGrantAPIKey}, "apikey": {"whatever"}})
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, tc.status, resp.StatusCode)
		})
	}
}
