package secretsmanagertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/require"
)

func TestSecretGroups(t *testing.T) {
	c, _ := newRaw(t)
	g := c.must(201, "POST", "/api/v2/secret_groups", map[string]any{"name": "my-secret-group", "description": "d"})
	id := str(g["id"])
	require.Regexp(t, reUUID, id)
	require.Equal(t, "my-secret-group", g["name"])
	require.Equal(t, "d", g["description"])
	for _, k := range []string{"created_at", "updated_at", "created_by"} {
		require.NotEmpty(t, g[k], k)
	}
	_, err := time.Parse(time.RFC3339, str(g["created_at"]))
	require.NoError(t, err)

	for _, tc := range []struct {
		name   string
		body   any
		status int
	}{
		{"duplicate", map[string]any{"name": "my-secret-group"}, 409},
		{"missing name", map[string]any{"description": "x"}, 400},
		{"short name", map[string]any{"name": "a"}, 400},
		{"bad pattern", map[string]any{"name": "-bad-"}, 400},
		{"too long", map[string]any{"name": strings.Repeat("a", 65)}, 400},
		{"wrong type", map[string]any{"name": 5}, 400},
		{"long description", map[string]any{"name": "okname", "description": strings.Repeat("x", 1025)}, 400},
		{"bad json", "{", 400},
		{"not an object", "[]", 400},
		{"empty", "", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.must(tc.status, "POST", "/api/v2/secret_groups", tc.body)
		})
	}

	list := c.must(200, "GET", "/api/v2/secret_groups", nil)
	require.EqualValues(t, 2, list["total_count"])
	groups := list["secret_groups"].([]any)
	require.Equal(t, "default", groups[0].(map[string]any)["id"])

	require.Equal(t, "my-secret-group", c.must(200, "GET", "/api/v2/secret_groups/"+id, nil)["name"])
	c.must(200, "GET", "/api/v2/secret_groups/default", nil)
	c.must(404, "GET", "/api/v2/secret_groups/"+newUUID(), nil)
	c.must(400, "GET", "/api/v2/secret_groups/not-a-uuid", nil)

	up := c.must(200, "PATCH", "/api/v2/secret_groups/"+id, map[string]any{"name": "renamed", "description": "new"})
	require.Equal(t, "renamed", up["name"])
	require.Equal(t, "new", up["description"])
	c.must(409, "PATCH", "/api/v2/secret_groups/"+id, map[string]any{"name": "default"})
	c.must(400, "PATCH", "/api/v2/secret_groups/"+id, map[string]any{"name": "x"})

	// A group with secrets cannot be deleted.
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "s1", "payload": "p", "secret_group_id": id})
	c.must(409, "DELETE", "/api/v2/secret_groups/"+id, nil)
	c.must(204, "DELETE", "/api/v2/secrets/"+str(s["id"]), nil)
	c.must(204, "DELETE", "/api/v2/secret_groups/"+id, nil)
	c.must(404, "DELETE", "/api/v2/secret_groups/"+id, nil)
	c.must(400, "DELETE", "/api/v2/secret_groups/default", nil)
}

// secretPrototypes returns a valid creation request per secret type.
func secretPrototypes(t *testing.T) map[string]map[string]any {
	cert, key := selfSignedCert(t, "example.com", "s1.example.com")
	return map[string]map[string]any{
		"arbitrary": {"payload": "secret-data", "expiration_date": "2030-10-05T11:49:42Z"},
		"kv":        {"data": map[string]any{"key1": "val1"}},
		"username_password": {"username": "admin",
			"password_generation_policy": map[string]any{"length": 20, "include_digits": false, "include_symbols": false, "include_uppercase": true}},
		"imported_cert":       {"certificate": cert, "private_key": key},
		"iam_credentials":     {"ttl": "1800", "service_id": "ServiceId-bb4ccc31-bd31-493a-bb58-52ec399800be", "reuse_api_key": true},
		"service_credentials": {"source_service": map[string]any{"instance": map[string]any{"crn": "crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::"}, "role": map[string]any{"crn": "crn:v1:bluemix:public:iam::::serviceRole:Writer"}}},
		"public_cert":         {"common_name": "example.com", "alt_names": []string{"s1.example.com"}, "ca": "lets-encrypt-config", "dns": "manual-dns", "key_algorithm": "EC256"},
	}
}

func TestSecretTypes(t *testing.T) {
	c, _ := newRaw(t)
	c.letsEncryptConfig("lets-encrypt-config")
	dataFields := map[string][]string{
		"arbitrary":           {"payload"},
		"kv":                  {"data"},
		"username_password":   {"username", "password"},
		"imported_cert":       {"certificate", "private_key"},
		"iam_credentials":     {"api_key"},
		"service_credentials": {"credentials"},
		"public_cert":         {},
	}
	for typ, proto := range secretPrototypes(t) {
		t.Run(typ, func(t *testing.T) {
			body := map[string]any{"secret_type": typ, "name": "example-" + strings.ReplaceAll(typ, "_", "-"),
				"description": "desc", "labels": []string{"dev", "us-south"},
				"custom_metadata": map[string]any{"k": "v"}, "version_custom_metadata": map[string]any{"vk": "vv"}}
			for k, v := range proto {
				body[k] = v
			}
			s := c.must(201, "POST", "/api/v2/secrets", body)
			id := str(s["id"])
			require.Regexp(t, reUUID, id)
			require.Equal(t, typ, s["secret_type"])
			require.Equal(t, "default", s["secret_group_id"])
			require.Equal(t, "desc", s["description"])
			require.Equal(t, []any{"dev", "us-south"}, s["labels"])
			require.Equal(t, map[string]any{"k": "v"}, s["custom_metadata"])
			require.True(t, strings.HasPrefix(str(s["crn"]), "crn:v1:bluemix:public:secrets-manager:us-south:a/"))
			require.True(t, strings.HasSuffix(str(s["crn"]), ":secret:"+id))
			require.EqualValues(t, 1, s["versions_total"])
			require.EqualValues(t, 0, s["locks_total"])
			require.Contains(t, s, "downloaded")
			require.NotEmpty(t, s["created_by"])
			for _, k := range []string{"created_at", "updated_at"} {
				ts, err := time.Parse(time.RFC3339, str(s[k]))
				require.NoError(t, err)
				require.Equal(t, time.UTC, ts.Location())
			}
			if typ == "public_cert" {
				require.EqualValues(t, 0, s["state"])
				require.Equal(t, "pre_activation", s["state_description"])
			} else {
				require.EqualValues(t, 1, s["state"])
				require.Equal(t, "active", s["state_description"])
			}
			for _, f := range dataFields[typ] {
				require.NotEmpty(t, s[f], f)
			}
			md := c.must(200, "GET", "/api/v2/secrets/"+id+"/metadata", nil)
			for _, f := range dataKeys[typ] {
				require.NotContains(t, md, f)
			}
			require.Equal(t, s["name"], md["name"])
			got := c.must(200, "GET", "/api/v2/secrets/"+id, nil)
			for _, f := range dataFields[typ] {
				require.Equal(t, s[f], got[f], f)
			}
			if typ != "public_cert" { // manual DNS: still pending, no data yet
				require.Equal(t, true, got["downloaded"])
			}
			byName := c.must(200, "GET", "/api/v2/secret_groups/default/secret_types/"+typ+"/secrets/"+str(s["name"]), nil)
			require.Equal(t, id, byName["id"])
			// Same name, same type, same group: conflict.
			c.must(409, "POST", "/api/v2/secrets", body)
		})
	}
	t.Run("field checks", func(t *testing.T) {
		list := c.must(200, "GET", "/api/v2/secrets?secret_types=imported_cert", nil)["secrets"].([]any)
		require.Len(t, list, 1)
		ic := list[0].(map[string]any)
		require.Equal(t, "example.com", ic["common_name"])
		require.Equal(t, []any{"s1.example.com"}, ic["alt_names"])
		require.Equal(t, "03:e2:c6:e4:0b:7d", ic["serial_number"])
		require.Equal(t, "EC256", ic["key_algorithm"])
		require.Equal(t, "ECDSA-SHA256", ic["signing_algorithm"])
		require.Equal(t, "example.com", ic["issuer"])
		require.Equal(t, true, ic["private_key_included"])
		require.Equal(t, false, ic["intermediate_included"])
		v := ic["validity"].(map[string]any)
		require.Equal(t, ic["expiration_date"], v["not_after"])

		iam := c.must(200, "GET", "/api/v2/secret_groups/default/secret_types/iam_credentials/secrets/example-iam-credentials", nil)
		require.Equal(t, "ServiceId-bb4ccc31-bd31-493a-bb58-52ec399800be", iam["service_id"])
		require.Equal(t, true, iam["service_id_is_static"])
		require.Regexp(t, `^ApiKey-`, iam["api_key_id"])
		require.Equal(t, "1800", iam["ttl"])

		sc := c.must(200, "GET", "/api/v2/secret_groups/default/secret_types/service_credentials/secrets/example-service-credentials", nil)
		cred := sc["credentials"].(map[string]any)
		require.NotEmpty(t, cred["apikey"])
		require.Equal(t, "crn:v1:bluemix:public:iam::::serviceRole:Writer", cred["iam_role_crn"])
		src := sc["source_service"].(map[string]any)
		require.Contains(t, src, "iam")
		require.Contains(t, src, "resource_key")
	})
	t.Run("invalid", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			body map[string]any
		}{
			{"no type", map[string]any{"name": "x1", "payload": "p"}},
			{"unknown type", map[string]any{"secret_type": "nope", "name": "x1", "payload": "p"}},
			{"no name", map[string]any{"secret_type": "arbitrary", "payload": "p"}},
			{"bad name", map[string]any{"secret_type": "arbitrary", "name": "-x-", "payload": "p"}},
			{"no payload", map[string]any{"secret_type": "arbitrary", "name": "x1"}},
			{"payload type", map[string]any{"secret_type": "arbitrary", "name": "x1", "payload": 3}},
			{"kv data type", map[string]any{"secret_type": "kv", "name": "x1", "data": "str"}},
			{"bad group id", map[string]any{"secret_type": "arbitrary", "name": "x1", "payload": "p", "secret_group_id": "zzz"}},
			{"too many labels", map[string]any{"secret_type": "arbitrary", "name": "x1", "payload": "p", "labels": make([]string, 31)}},
			{"bad expiration", map[string]any{"secret_type": "arbitrary", "name": "x1", "payload": "p", "expiration_date": "tomorrow"}},
			{"no username", map[string]any{"secret_type": "username_password", "name": "x1"}},
			{"policy length", map[string]any{"secret_type": "username_password", "name": "x1", "username": "u1", "password_generation_policy": map[string]any{"length": 5}}},
			{"bad cert", map[string]any{"secret_type": "imported_cert", "name": "x1", "certificate": "nope"}},
			{"iam no ttl", map[string]any{"secret_type": "iam_credentials", "name": "x1", "service_id": "s"}},
			{"iam no principal", map[string]any{"secret_type": "iam_credentials", "name": "x1", "ttl": "1h"}},
			{"svc no instance", map[string]any{"secret_type": "service_credentials", "name": "x1", "source_service": map[string]any{}}},
			{"private no template", map[string]any{"secret_type": "private_cert", "name": "x1", "common_name": "a.com"}},
			{"private unknown template", map[string]any{"secret_type": "private_cert", "name": "x1", "common_name": "a.com", "certificate_template": "nope"}},
			{"public no ca", map[string]any{"secret_type": "public_cert", "name": "x1", "common_name": "a.com", "dns": "d"}},
			{"rotation unit", map[string]any{"secret_type": "username_password", "name": "x1", "username": "u1", "rotation": map[string]any{"auto_rotate": true, "interval": 1, "unit": "year"}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c.must(400, "POST", "/api/v2/secrets", tc.body)
			})
		}
		c.must(404, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "x1", "payload": "p", "secret_group_id": newUUID()})
		c.must(404, "GET", "/api/v2/secrets/"+newUUID(), nil)
		c.must(400, "GET", "/api/v2/secrets/xyz", nil)
		c.must(404, "GET", "/api/v2/secret_groups/default/secret_types/arbitrary/secrets/missing", nil)
		c.must(400, "GET", "/api/v2/secret_groups/default/secret_types/bogus/secrets/missing", nil)
	})
}

func TestPasswordPolicy(t *testing.T) {
	c, _ := newRaw(t)
	for _, tc := range []struct {
		name                       string
		policy                     map[string]any
		length                     int
		digits, symbols, uppercase bool
	}{
		{"default", nil, 32, true, true, true},
		{"letters only", map[string]any{"length": 12, "include_digits": false, "include_symbols": false, "include_uppercase": false}, 12, false, false, false},
		{"digits", map[string]any{"length": 64, "include_digits": true, "include_symbols": false, "include_uppercase": false}, 64, true, false, false},
		{"all", map[string]any{"length": 256}, 256, true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]any{"secret_type": "username_password", "name": "up-" + strings.ReplaceAll(tc.name, " ", "-"), "username": "user"}
			if tc.policy != nil {
				body["password_generation_policy"] = tc.policy
			}
			s := c.must(201, "POST", "/api/v2/secrets", body)
			id := str(s["id"])
			for i := 0; i < 2; i++ {
				pw := str(s["password"])
				require.Len(t, pw, tc.length)
				var d, sy, up bool
				for _, r := range pw {
					switch {
					case unicode.IsDigit(r):
						d = true
					case unicode.IsUpper(r):
						up = true
					case unicode.IsLower(r):
					default:
						sy = true
					}
				}
				require.Equal(t, tc.digits, d, pw)
				require.Equal(t, tc.symbols, sy, pw)
				require.Equal(t, tc.uppercase, up, pw)
				// Rotation with an empty password generates a new one with the same policy.
				s = c.must(201, "POST", "/api/v2/secrets/"+id+"/versions", map[string]any{"password": ""})
			}
			md := c.must(200, "GET", "/api/v2/secrets/"+id+"/metadata", nil)
			pol := md["password_generation_policy"].(map[string]any)
			require.EqualValues(t, tc.length, pol["length"])
		})
	}
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "username_password", "name": "given", "username": "u", "password": "p4ssw0rd!"})
	require.Equal(t, "p4ssw0rd!", s["password"])
	v := c.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/versions", map[string]any{"password": "n3w"})
	require.Equal(t, "n3w", v["password"])
	require.Equal(t, "u", v["username"])
}

func TestVersions(t *testing.T) {
	c, _ := newRaw(t)
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "rot", "payload": "v1",
		"version_custom_metadata": map[string]any{"n": 1}})
	id := str(s["id"])
	base := "/api/v2/secrets/" + id + "/versions"
	v1 := c.must(200, "GET", base+"/current", nil)
	require.Equal(t, "v1", v1["payload"])
	require.Equal(t, "current", v1["alias"])
	require.Equal(t, map[string]any{"n": float64(1)}, v1["version_custom_metadata"])
	c.must(404, "GET", base+"/previous", nil)

	v2 := c.must(201, "POST", base, map[string]any{"payload": "v2", "custom_metadata": map[string]any{"c": "2"}, "version_custom_metadata": map[string]any{"n": 2}})
	require.Equal(t, "current", v2["alias"])
	require.Equal(t, "v2", v2["payload"])
	require.Equal(t, id, v2["secret_id"])
	require.Equal(t, "rot", v2["secret_name"])
	c.must(400, "POST", base, map[string]any{"nothing": true})

	sec := c.must(200, "GET", "/api/v2/secrets/"+id, nil)
	require.EqualValues(t, 2, sec["versions_total"])
	require.Equal(t, "v2", sec["payload"])
	require.Equal(t, map[string]any{"c": "2"}, sec["custom_metadata"])

	prev := c.must(200, "GET", base+"/previous", nil)
	require.Equal(t, v1["id"], prev["id"])
	require.Equal(t, "previous", prev["alias"])
	require.Equal(t, "v1", prev["payload"])
	byID := c.must(200, "GET", base+"/"+str(v1["id"]), nil)
	require.Equal(t, "previous", byID["alias"])

	list := c.must(200, "GET", base, nil)
	require.EqualValues(t, 2, list["total_count"])
	vs := list["versions"].([]any)
	require.Equal(t, v2["id"], vs[0].(map[string]any)["id"])
	require.NotContains(t, vs[0], "payload")

	md := c.must(200, "GET", base+"/previous/metadata", nil)
	require.NotContains(t, md, "payload")
	require.Equal(t, true, md["payload_available"])
	up := c.must(200, "PATCH", base+"/previous/metadata", map[string]any{"version_custom_metadata": map[string]any{"x": "y"}})
	require.Equal(t, map[string]any{"x": "y"}, up["version_custom_metadata"])
	c.must(400, "PATCH", base+"/previous/metadata", map[string]any{"payload": "no"})

	c.must(204, "DELETE", base+"/previous/secret_data", nil)
	gone := c.must(200, "GET", base+"/previous", nil)
	require.Equal(t, false, gone["payload_available"])
	require.NotContains(t, gone, "payload")

	c.must(201, "POST", base, map[string]any{"payload": "v3"})
	require.EqualValues(t, 3, c.must(200, "GET", "/api/v2/secrets/"+id+"/metadata", nil)["versions_total"])
	require.Equal(t, v2["id"], c.must(200, "GET", base+"/previous", nil)["id"])
	old := c.must(200, "GET", base+"/"+str(v1["id"])+"/metadata", nil)
	require.NotContains(t, old, "alias")
	c.must(404, "GET", base+"/"+newUUID(), nil)
	c.must(400, "GET", base+"/latest", nil)

	// Types that generate their data get new values on rotation.
	iam := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "iam", "ttl": "1h", "access_groups": []string{"AccessGroupId-1"}, "reuse_api_key": true})
	iv := c.must(201, "POST", "/api/v2/secrets/"+str(iam["id"])+"/versions", map[string]any{})
	require.NotEqual(t, iam["api_key"], iv["api_key"])
	require.NotEmpty(t, iv["api_key"])
}

func TestLocks(t *testing.T) {
	c, _ := newRaw(t)
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "locked", "payload": "v1"})
	id := str(s["id"])
	sp := "/api/v2/secrets/" + id
	lk := func(names ...string) map[string]any {
		var locks []any
		for _, n := range names {
			locks = append(locks, map[string]any{"name": n, "description": "for " + n, "attributes": map[string]any{"k": "v"}})
		}
		return map[string]any{"locks": locks}
	}
	res := c.must(201, "POST", sp+"/locks_bulk", lk("lock-a", "lock-b"))
	require.Equal(t, id, res["secret_id"])
	vs := res["versions"].([]any)
	require.Equal(t, []any{"lock-a", "lock-b"}, vs[0].(map[string]any)["locks"])
	require.Equal(t, "current", vs[0].(map[string]any)["version_alias"])
	// Same name replaces.
	c.must(201, "POST", sp+"/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "lock-a", "description": "new"}}})
	require.EqualValues(t, 2, c.must(200, "GET", sp+"/metadata", nil)["locks_total"])

	// Locked: no delete.
	c.must(412, "DELETE", sp, nil)
	c.must(412, "DELETE", sp+"/versions/current/secret_data", nil)

	// Rotation with a locked current version is allowed; the locks stay on
	// the (now previous) version.
	c.must(201, "POST", sp+"/versions", map[string]any{"payload": "v2"})
	prevLocks := c.must(200, "GET", sp+"/versions/previous/locks", nil)
	require.EqualValues(t, 2, prevLocks["total_count"])
	// Rotation while the previous version is locked is refused.
	c.must(412, "POST", sp+"/versions", map[string]any{"payload": "v3"})

	// List the secret's locks, with search, sort and paging.
	all := c.must(200, "GET", sp+"/locks?sort=-name", nil)
	locks := all["locks"].([]any)
	require.Len(t, locks, 2)
	require.Equal(t, "lock-b", locks[0].(map[string]any)["name"])
	require.Equal(t, "previous", locks[0].(map[string]any)["secret_version_alias"])
	require.Equal(t, "lock-a", c.must(200, "GET", sp+"/locks?search=k-a", nil)["locks"].([]any)[0].(map[string]any)["name"])
	pg := c.must(200, "GET", sp+"/locks?limit=1&offset=1&sort=name", nil)
	require.Len(t, pg["locks"], 1)
	require.Contains(t, pg, "previous")
	require.NotContains(t, pg, "next")
	c.must(400, "GET", sp+"/locks?sort=secret_id", nil)
	c.must(400, "GET", sp+"/locks?limit=101", nil)

	// remove_previous keeps the previous version's locks with other names...
	res = c.must(201, "POST", sp+"/locks_bulk?mode=remove_previous", lk("lock-c"))
	vs = res["versions"].([]any)
	require.NotEmpty(t, vs[1].(map[string]any)["locks"])
	// ...and moves those with the same names off it.
	prevNames := append([]any{}, vs[1].(map[string]any)["locks"].([]any)...)
	for _, n := range prevNames {
		res = c.must(201, "POST", sp+"/locks_bulk?mode=remove_previous", lk(n.(string)))
	}
	vs = res["versions"].([]any)
	require.Contains(t, vs[0].(map[string]any)["locks"], "lock-c")
	require.Equal(t, []any{}, vs[1].(map[string]any)["locks"])
	require.Equal(t, true, vs[1].(map[string]any)["payload_available"])
	c.must(201, "POST", sp+"/versions", map[string]any{"payload": "v3"}) // previous now unlocked

	// remove_previous_and_delete keeps the data of a previous version that still has locks...
	res = c.must(201, "POST", sp+"/versions/current/locks_bulk?mode=remove_previous_and_delete", lk("lock-d"))
	vs = res["versions"].([]any)
	require.Equal(t, true, vs[1].(map[string]any)["payload_available"])
	require.Len(t, vs[1].(map[string]any)["locks"], 3)
	// ...and deletes it once its last matching lock is gone.
	res = c.must(201, "POST", sp+"/versions/current/locks_bulk?mode=remove_previous_and_delete", lk("lock-a", "lock-b", "lock-c"))
	vs = res["versions"].([]any)
	require.Equal(t, false, vs[1].(map[string]any)["payload_available"])
	require.Equal(t, []any{}, vs[1].(map[string]any)["locks"])
	// A version without data cannot be locked.
	c.must(400, "POST", sp+"/versions/previous/locks_bulk", lk("lock-e"))
	c.must(400, "POST", sp+"/locks_bulk?mode=bogus", lk("lock-e"))
	c.must(400, "POST", sp+"/locks_bulk", lk("1bad"))
	c.must(400, "POST", sp+"/locks_bulk", map[string]any{})

	// Lists of all secrets' locks.
	other := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "kv", "name": "other", "data": map[string]any{"a": "b"}})
	c.must(201, "POST", "/api/v2/secrets/"+str(other["id"])+"/locks_bulk", lk("app-1"))
	sl := c.must(200, "GET", "/api/v2/secrets_locks", nil)
	require.EqualValues(t, 2, sl["total_count"])
	sl = c.must(200, "GET", "/api/v2/secrets_locks?search=app", nil)
	require.EqualValues(t, 1, sl["total_count"])
	require.Equal(t, str(other["id"]), sl["secrets_locks"].([]any)[0].(map[string]any)["secret_id"])
	c.must(400, "GET", "/api/v2/secrets_locks?groups=bad", nil)

	// Bulk delete by name, then all.
	c.must(200, "DELETE", sp+"/locks_bulk?name=lock-a,lock-b&name=lock-c,lock-d", nil)
	require.EqualValues(t, 0, c.must(200, "GET", sp+"/metadata", nil)["locks_total"])
	c.must(201, "POST", sp+"/locks_bulk", lk("x1", "x2", "x3"))
	c.must(200, "DELETE", sp+"/versions/current/locks_bulk?name=x1&name=x2", nil)
	require.EqualValues(t, 1, c.must(200, "GET", sp+"/metadata", nil)["locks_total"])
	c.must(200, "DELETE", sp+"/locks_bulk", nil)
	require.EqualValues(t, 0, c.must(200, "GET", sp+"/metadata", nil)["locks_total"])
	c.must(204, "DELETE", sp, nil)
	c.must(404, "GET", sp, nil)
}

func TestLockLimit(t *testing.T) {
	c, _ := newRaw(t)
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "many", "payload": "v1"})
	sp := "/api/v2/secrets/" + str(s["id"])
	var locks []any
	for i := 0; i < 1000; i++ {
		locks = append(locks, map[string]any{"name": fmt.Sprintf("lock-%d", i)})
	}
	c.must(201, "POST", sp+"/locks_bulk", map[string]any{"locks": locks})
	c.must(400, "POST", sp+"/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "one-more"}}})
	c.must(201, "POST", sp+"/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "lock-1"}}})
	require.EqualValues(t, 1000, c.must(200, "GET", sp+"/metadata", nil)["locks_total"])
	pg := c.must(200, "GET", sp+"/locks?limit=100&offset=900", nil)
	require.EqualValues(t, 1000, pg["total_count"])
	require.NotContains(t, pg, "next")
}

func TestListSecrets(t *testing.T) {
	c, _ := newRaw(t)
	g := c.must(201, "POST", "/api/v2/secret_groups", map[string]any{"name": "team"})
	gid := str(g["id"])
	for i := 0; i < 25; i++ {
		body := map[string]any{"secret_type": "arbitrary", "name": fmt.Sprintf("secret-%02d", i), "payload": "p"}
		if i%5 == 0 {
			body["secret_group_id"] = gid
			body["labels"] = []string{"dev", "us-south"}
			body["secret_type"] = "kv"
			body["data"] = map[string]any{"a": 1}
		}
		if i == 7 {
			body["description"] = "the special one"
		}
		c.must(201, "POST", "/api/v2/secrets", body)
	}
	l := c.must(200, "GET", "/api/v2/secrets", nil)
	require.EqualValues(t, 25, l["total_count"])
	require.EqualValues(t, 200, l["limit"])
	require.EqualValues(t, 0, l["offset"])
	require.Len(t, l["secrets"], 25)
	require.NotContains(t, l, "next")
	require.NotContains(t, l, "previous")
	require.NotContains(t, l["secrets"].([]any)[0], "payload")

	// Page through.
	seen := map[string]bool{}
	offset := 0
	for pages := 0; ; pages++ {
		require.Less(t, pages, 5)
		p := c.must(200, "GET", fmt.Sprintf("/api/v2/secrets?limit=10&offset=%d&sort=name", offset), nil)
		require.EqualValues(t, 25, p["total_count"])
		require.Contains(t, str(p["first"].(map[string]any)["href"]), "limit=10")
		require.Contains(t, str(p["last"].(map[string]any)["href"]), "offset=20")
		if offset == 0 {
			require.NotContains(t, p, "previous")
		} else {
			require.Contains(t, p, "previous")
		}
		for _, s := range p["secrets"].([]any) {
			seen[str(s.(map[string]any)["name"])] = true
		}
		next, ok := p["next"].(map[string]any)
		if !ok {
			break
		}
		u, err := url.Parse(str(next["href"]))
		require.NoError(t, err)
		require.Equal(t, "name", u.Query().Get("sort"))
		fmt.Sscan(u.Query().Get("offset"), &offset)
	}
	require.Len(t, seen, 25)

	names := func(q string) []string {
		var out []string
		for _, s := range c.must(200, "GET", "/api/v2/secrets?"+q, nil)["secrets"].([]any) {
			out = append(out, str(s.(map[string]any)["name"]))
		}
		return out
	}
	desc := names("sort=-name&limit=3")
	require.Equal(t, []string{"secret-24", "secret-23", "secret-22"}, desc)
	require.Equal(t, []string{"secret-00", "secret-01"}, names("sort=created_at&limit=2"))
	require.Equal(t, []string{"secret-07"}, names("search=special"))
	require.Equal(t, []string{"secret-13"}, names("search=ret-13"))
	require.Len(t, names("groups="+gid), 5)
	require.Len(t, names("groups=default"), 20)
	require.Len(t, names("groups=default,"+gid), 25)
	require.Len(t, names("secret_types=kv"), 5)
	require.Len(t, names("secret_types=kv,arbitrary"), 25)
	require.Len(t, names("match_all_labels=dev,us-south"), 5)
	require.Len(t, names("match_all_labels=dev,eu"), 0)
	require.Len(t, names("sort=secret_type"), 25)
	require.Equal(t, "kv", c.must(200, "GET", "/api/v2/secrets?sort=-secret_type&limit=1", nil)["secrets"].([]any)[0].(map[string]any)["secret_type"])

	for _, q := range []string{"limit=0", "limit=1001", "limit=x", "offset=-1", "sort=payload", "sort=", "search=a",
		"groups=nope", "secret_types=nope"} {
		t.Run(q, func(t *testing.T) {
			c.must(400, "GET", "/api/v2/secrets?"+q, nil)
		})
	}
	beyond := c.must(200, "GET", "/api/v2/secrets?offset=100", nil)
	require.Len(t, beyond["secrets"], 0)
	require.EqualValues(t, 25, beyond["total_count"])
}

func TestUpdateSecretMetadata(t *testing.T) {
	c, _ := newRaw(t)
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "username_password", "name": "up", "username": "u", "labels": []string{"aa"}})
	c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "username_password", "name": "taken", "username": "u"})
	sp := "/api/v2/secrets/" + str(s["id"]) + "/metadata"
	up := c.must(200, "PATCH", sp, map[string]any{"name": "renamed", "description": "d", "labels": []string{"x1", "y1"},
		"custom_metadata": map[string]any{"a": "b"}, "expiration_date": "2031-01-01T00:00:00Z",
		"rotation":                   map[string]any{"auto_rotate": true, "interval": 30, "unit": "day"},
		"password_generation_policy": map[string]any{"length": 40}})
	require.Equal(t, "renamed", up["name"])
	require.Equal(t, "d", up["description"])
	require.Equal(t, []any{"x1", "y1"}, up["labels"])
	require.Equal(t, "2031-01-01T00:00:00Z", up["expiration_date"])
	require.NotEmpty(t, up["next_rotation_date"])
	require.EqualValues(t, 40, up["password_generation_policy"].(map[string]any)["length"])
	require.Equal(t, true, up["password_generation_policy"].(map[string]any)["include_digits"])
	require.NotContains(t, up, "password")
	c.must(409, "PATCH", sp, map[string]any{"name": "taken"})
	c.must(400, "PATCH", sp, map[string]any{"name": "!"})
	c.must(400, "PATCH", sp, map[string]any{"name": nil})
	c.must(400, "PATCH", sp, map[string]any{"payload": "x"})
	c.must(400, "PATCH", sp, map[string]any{"labels": "x"})
	c.must(404, "PATCH", "/api/v2/secrets/"+newUUID()+"/metadata", map[string]any{"name": "z1"})
	cleared := c.must(200, "PATCH", sp, map[string]any{"description": nil})
	require.NotContains(t, cleared, "description")
	require.Equal(t, "renamed", cleared["name"])
}

func TestErrorsAndLimits(t *testing.T) {
	c, _ := newRaw(t)
	c.must(404, "GET", "/api/v2/nothing", nil)
	c.must(404, "GET", "/other", nil)
	c.must(405, "PUT", "/api/v2/secrets", nil)
	c.must(400, "POST", "/api/v2/secrets", "{not json")
	c.must(400, "POST", "/api/v2/secrets", `{"secret_type":"arbitrary","name":"x1","payload":"p"} trailing`)
	big := `{"secret_type":"arbitrary","name":"big","payload":"` + strings.Repeat("x", maxBodyBytes) + `"}`
	c.must(413, "POST", "/api/v2/secrets", big)
	// State is intact.
	require.EqualValues(t, 0, c.must(200, "GET", "/api/v2/secrets", nil)["total_count"])

	// Error bodies are JSON with the reference's shape (checked in do).
	_, out := c.do("GET", "/api/v2/secrets/"+newUUID(), nil)
	e := out["errors"].([]any)[0].(map[string]any)
	require.Equal(t, "not_found", e["code"])
}

func TestAuth(t *testing.T) {
	c, _ := newRaw(t, WithToken("rw-token"), WithReadOnlyToken("ro-token"))
	c.must(401, "GET", "/api/v2/secrets", nil)
	c.token = "wrong"
	c.must(401, "GET", "/api/v2/secrets", nil)
	c.token = "rw-token"
	c.must(201, "POST", "/api/v2/secret_groups", map[string]any{"name": "grp"})
	c.token = "ro-token"
	c.must(200, "GET", "/api/v2/secret_groups", nil)
	c.must(403, "POST", "/api/v2/secret_groups", map[string]any{"name": "grp2"})
	c.must(403, "DELETE", "/api/v2/notifications/registration", nil)
}

func TestHandlerWithHTTPTest(t *testing.T) {
	ts := httptest.NewServer(NewHandler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/v2/secret_groups")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)

	srv := NewUnstartedServer()
	srv.Start()
	defer srv.Close()
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"))
}

func TestNotifications(t *testing.T) {
	c, _ := newRaw(t)
	c.must(404, "GET", "/api/v2/notifications/registration", nil)
	c.must(404, "GET", "/api/v2/notifications/registration/test", nil)
	crn := "crn:v1:bluemix:public:event-notifications:us-south:a/22018f3c34ff4ff193698d15ca316946:578ad1a4-2fd8-4e66-95d5-79a842ba91f8::"
	c.must(400, "POST", "/api/v2/notifications/registration", map[string]any{"event_notifications_instance_crn": "nope", "event_notifications_source_name": "sm"})
	c.must(400, "POST", "/api/v2/notifications/registration", map[string]any{"event_notifications_instance_crn": crn})
	r := c.must(201, "POST", "/api/v2/notifications/registration", map[string]any{"event_notifications_instance_crn": crn, "event_notifications_source_name": "My SM", "event_notifications_source_description": "d"})
	require.Equal(t, crn, r["event_notifications_instance_crn"])
	c.must(409, "POST", "/api/v2/notifications/registration", map[string]any{"event_notifications_instance_crn": crn, "event_notifications_source_name": "My SM"})
	require.Equal(t, crn, c.must(200, "GET", "/api/v2/notifications/registration", nil)["event_notifications_instance_crn"])
	c.must(204, "GET", "/api/v2/notifications/registration/test", nil)
	c.must(204, "DELETE", "/api/v2/notifications/registration", nil)
	c.must(404, "DELETE", "/api/v2/notifications/registration", nil)
}

func TestConcurrentRaw(t *testing.T) {
	c, _ := newRaw(t)
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cc := &rawClient{t: t, base: c.base, hc: c.hc}
			s := cc.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": fmt.Sprintf("c-%d", i), "payload": "p"})
			cc.must(201, "POST", "/api/v2/secrets/"+str(s["id"])+"/versions", map[string]any{"payload": "p2"})
			cc.must(200, "GET", "/api/v2/secrets?limit=5", nil)
		}(i)
	}
	wg.Wait()
	require.EqualValues(t, 32, c.must(200, "GET", "/api/v2/secrets", nil)["total_count"])
}

// panicKind is a secret type whose actions and updates panic after changing
// the secret: a stand-in for a bug of the server.
type panicKind struct{ kindBase }

func (k *panicKind) clone() secretKind { return shallow(k) }

func (k *panicKind) create(*store, *secret, *body) *apiError { return nil }

func (k *panicKind) newVersion(s *store, sec *secret, v *version, b *body, _ bool) (bool, *apiError) {
	v.data = &payloadVersion{payload: "p"}
	if sec.name == "explode" {
		s.groups["ghost"] = &secretGroup{id: "ghost", name: "ghost"}
		panic("boom at creation")
	}
	return false, nil
}

func (k *panicKind) action(s *store, sec *secret, _ *version, action string, _ *body) (map[string]any, *apiError) {
	sec.name, sec.labels = "changed", []string{"changed"}
	sec.current().locks = append(sec.current().locks, &secretLock{name: "ghost"})
	s.addVersion(sec, s.blankVersion())
	delete(s.groups, "default")
	var list []int
	_ = list[len(action)] // an index out of range: a runtime panic
	return nil, nil
}

func init() {
	// The one registration line a new secret type needs.
	secretKinds["test_panic"] = func() secretKind { return &panicKind{} }
}

func TestPanicIsReportedAndUndone(t *testing.T) {
	var mu sync.Mutex
	var logs []string
	logf := func(format string, args ...any) {
		mu.Lock()
		logs = append(logs, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	c, _ := newRaw(t, WithLogf(logf))
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "test_panic", "name": "buggy", "labels": []string{"orig"}})
	id := str(s["id"])
	path := "/api/v2/secrets/" + id + "/actions"

	st, out := c.do("POST", path, map[string]any{"action_type": "crash"})
	require.Equal(t, 500, st)
	msg := str(out["errors"].([]any)[0].(map[string]any)["message"])
	require.Contains(t, msg, "panicked serving POST "+path)
	require.Contains(t, msg, "index out of range")
	mu.Lock()
	require.Len(t, logs, 1)
	require.Contains(t, logs[0], msg)
	require.Contains(t, logs[0], "(*panicKind).action", "the log has the stack")
	mu.Unlock()

	// Every change of the failed request is undone, and the server goes on.
	got := c.must(200, "GET", "/api/v2/secrets/"+id+"/metadata", nil)
	require.Equal(t, "buggy", got["name"])
	require.Equal(t, []any{"orig"}, got["labels"])
	require.EqualValues(t, 1, got["versions_total"])
	require.EqualValues(t, 0, got["locks_total"])
	c.must(200, "GET", "/api/v2/secret_groups/default", nil)

	// A panic while creating leaves no secret and no other change.
	st, out = c.do("POST", "/api/v2/secrets", map[string]any{"secret_type": "test_panic", "name": "explode"})
	require.Equal(t, 500, st)
	require.Contains(t, str(out["errors"].([]any)[0].(map[string]any)["message"]), "POST /api/v2/secrets: boom at creation")
	c.must(404, "GET", "/api/v2/secret_groups/default/secret_types/test_panic/secrets/explode", nil)
	require.EqualValues(t, 1, c.must(200, "GET", "/api/v2/secret_groups", nil)["total_count"])
	require.EqualValues(t, 1, c.must(200, "GET", "/api/v2/secrets", nil)["total_count"])
	mu.Lock()
	require.Len(t, logs, 2)
	require.True(t, strings.HasPrefix(logs[1], "Internal server error: secretsmanagertest panicked serving POST /api/v2/secrets: boom at creation"))
	mu.Unlock()
}

// TestBadInputNeverFails sends malformed requests to every route: each one
// must get a 4xx answer (never a 5xx, which would be a recovered panic), and
// the state must stay usable.
func TestBadInputNeverFails(t *testing.T) {
	c, _ := newRaw(t, WithCodeEngineJob(testJob))
	setupPrivateCA(t, c, "ec")
	customSetup(t, c)
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "keep", "payload": "p"})
	id := str(s["id"])
	cs := createCustom(t, c, "custom-keep", nil)
	cid := str(cs["id"])
	task := "/api/v2/secrets/" + cid + "/tasks/" + str(tasksOf(t, c, cid)[0]["id"])
	routes := []struct{ method, path string }{
		{"POST", "/api/v2/secret_groups"},
		{"PATCH", "/api/v2/secret_groups/default"},
		{"POST", "/api/v2/secrets"},
		{"PATCH", "/api/v2/secrets/" + id + "/metadata"},
		{"POST", "/api/v2/secrets/" + id + "/actions"},
		{"POST", "/api/v2/secrets/" + id + "/versions"},
		{"PATCH", "/api/v2/secrets/" + id + "/versions/current/metadata"},
		{"POST", "/api/v2/secrets/" + id + "/versions/current/actions"},
		{"POST", "/api/v2/secrets/" + id + "/locks_bulk"},
		{"POST", "/api/v2/secrets/" + id + "/versions/current/locks_bulk"},
		{"POST", "/api/v2/configurations"},
		{"PATCH", "/api/v2/configurations/example-root-CA"},
		{"PATCH", "/api/v2/configurations/example-certificate-template"},
		{"POST", "/api/v2/configurations/example-root-CA/actions"},
		{"POST", "/api/v2/configurations/example-intermediate-CA/actions"},
		{"POST", "/api/v2/notifications/registration"},
		{"PUT", task},
		{"POST", "/api/v2/secrets/" + cid + "/versions"},
		{"PATCH", "/api/v2/secrets/" + cid + "/metadata"},
		{"PATCH", "/api/v2/configurations/pagerduty-keys"},
	}
	bodies := []string{
		"", "null", "[]", "{", "123", `"str"`, "{}",
		`{"name": 12, "payload": [], "data": "x", "locks": "x", "action_type": 5}`,
		`{"name": null, "description": null, "labels": null, "custom_metadata": null, "version_custom_metadata": null}`,
		`{"secret_type": "private_cert", "name": "pc", "certificate_template": "example-certificate-template", "common_name": "x", "ttl": "-5h"}`,
		`{"secret_type": "imported_cert", "name": "ic", "certificate": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}`,
		`{"secret_type": "username_password", "name": "up", "username": "u", "password_generation_policy": {"length": "x"}}`,
		`{"secret_type": "iam_credentials", "name": "iam", "ttl": "zz", "service_id": "s"}`,
		`{"secret_type": "public_cert", "name": "pub", "common_name": "example.com", "ca": "c", "dns": "d", "key_algorithm": "RSA1"}`,
		`{"config_type": "private_cert_configuration_root_ca", "name": "r", "common_name": "x", "max_ttl": "0"}`,
		`{"config_type": "private_cert_configuration_template", "name": "t9", "certificate_authority": "example-root-CA", "key_type": null, "key_bits": "x"}`,
		`{"key_type": null, "key_bits": null, "max_ttl": null, "certificate_authority": "x"}`,
		`{"action_type": "private_cert_configuration_action_sign_intermediate", "intermediate_certificate_authority": 5}`,
		`{"action_type": "private_cert_configuration_action_sign_csr", "csr": "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"}`,
		`{"action_type": "private_cert_configuration_action_set_signed", "certificate": 1}`,
		`{"locks": [{"name": null}]}`, `{"locks": [{"name": "ok-lock", "attributes": 5}]}`, `{"locks": null}`,
		`{"rotation": {"auto_rotate": "yes"}}`, `{"rotation": 5}`, `{"version_custom_metadata": []}`,
		`{"event_notifications_instance_crn": "crn:v1:x", "event_notifications_source_name": 5}`,
		`{"status": "credentials_created", "credentials": {"id": 5, "payload": []}}`,
		`{"status": "failed", "errors": [null, {"code": 1}]}`, `{"status": null}`,
		`{"parameters": [], "ttl": 5, "task_timeout": {}, "code_engine": "x", "managed_csr": {"key_bits": "x"}}`,
		`{"config_type": "custom_credentials_configuration", "name": "cc", "code_engine": {"job_name": 1}}`,
		`{"secret_type": "custom_credentials", "name": "cc", "configuration": "pagerduty-keys", "parameters": {"service_name": {"x": 1}}}`,
		`{"secret_type": "imported_cert", "name": "mc", "managed_csr": {"common_name": "x", "key_type": "ec", "key_bits": 7}}`,
		`{"config_type": "private_cert_configuration_root_ca", "name": "r", "common_name": "x", "crypto_key": {"provider": 5}}`,
		`{"action_type": "private_cert_configuration_action_rotate_intermediate"}`,
	}
	for _, r := range routes {
		for _, b := range bodies {
			st, out := c.do(r.method, r.path, b)
			require.Less(t, st, 500, "%s %s %s: %v", r.method, r.path, b, out)
		}
	}
	for _, q := range []string{"limit=%zz", "offset=99999999999999999999", "groups=,,,", "sort=-", "search=" + strings.Repeat("x", 200),
		"secret_types=,", "secret_types=kv,kv,kv,kv,kv", "force_delete=x"} {
		for _, p := range []string{"/api/v2/secrets", "/api/v2/secrets_locks", "/api/v2/configurations", "/api/v2/secrets/" + id + "/locks"} {
			st, out := c.do("GET", p+"?"+q, nil)
			require.Less(t, st, 500, "%s?%s: %v", p, q, out)
		}
	}
	for _, p := range []string{"/api/v2/secrets/" + id + "/versions/%2F", "/api/v2/configurations/%00",
		"/api/v2/secrets/" + cid + "/tasks/%00", "/api/v2/secrets/" + id + "/tasks", task + "x"} {
		st, out := c.do("GET", p, nil)
		require.Less(t, st, 500, "%s: %v", p, out)
	}
	// The state is still consistent and usable.
	got := c.must(200, "GET", "/api/v2/secrets/"+id, nil)
	require.Equal(t, "p", got["payload"])
	pc := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "after",
		"certificate_template": "example-certificate-template", "common_name": "ok.example.com"})
	require.NotEmpty(t, pc["certificate"])
	c.must(200, "PUT", task, created("K", map[string]any{"api_key": "k"}))
	require.Equal(t, "active", c.must(200, "GET", "/api/v2/secrets/"+cid, nil)["state_description"])
}
