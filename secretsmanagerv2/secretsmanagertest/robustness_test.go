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
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "ec")
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "keep", "payload": "p"})
	id := str(s["id"])
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
	}
	for _, r := range routes {
		for _, b := range bodies {
			st, out := c.do(r.method, r.path, b)
			require.Less(t, st, 500, "%s %s %s: %v", r.method, r.path, b, out)
		}
	}
	for _, q := range []string{"limit=%zz", "offset=99999999999999999999", "groups=,,,", "sort=-", "search=" + strings.Repeat("x", 200)} {
		for _, p := range []string{"/api/v2/secrets", "/api/v2/secrets_locks", "/api/v2/configurations", "/api/v2/secrets/" + id + "/locks"} {
			st, out := c.do("GET", p+"?"+q, nil)
			require.Less(t, st, 500, "%s?%s: %v", p, q, out)
		}
	}
	for _, p := range []string{"/api/v2/secrets/" + id + "/versions/%2F", "/api/v2/configurations/%00"} {
		st, out := c.do("GET", p, nil)
		require.Less(t, st, 500, "%s: %v", p, out)
	}
	// The state is still consistent and usable.
	got := c.must(200, "GET", "/api/v2/secrets/"+id, nil)
	require.Equal(t, "p", got["payload"])
	pc := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "after",
		"certificate_template": "example-certificate-template", "common_name": "ok.example.com"})
	require.NotEmpty(t, pc["certificate"])
}
