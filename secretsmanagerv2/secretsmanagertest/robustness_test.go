package secretsmanagertest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

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
