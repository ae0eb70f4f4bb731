package secretsmanagertest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRotationPolicyLimits(t *testing.T) {
	c, _ := newRaw(t)
	setupPrivateCA(t, c, "ec")
	crn := "crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::"
	protos := map[string]map[string]any{
		"username_password":   {"username": "u"},
		"private_cert":        {"certificate_template": "example-certificate-template", "common_name": "r.example.com"},
		"iam_credentials":     {"ttl": "100d", "service_id": "s", "reuse_api_key": true},
		"service_credentials": {"ttl": "100d", "source_service": map[string]any{"instance": map[string]any{"crn": crn}}},
	}
	for _, tc := range []struct {
		typ      string
		interval int
		unit     string
		ok       bool
	}{
		{"username_password", 23, "hour", false},
		{"username_password", 24, "hour", true},
		{"username_password", 24, "month", true},
		{"username_password", 25, "month", false},
		{"private_cert", 730, "day", true},
		{"private_cert", 731, "day", false},
		{"iam_credentials", 1, "day", true},
		{"iam_credentials", 3, "month", true},
		{"iam_credentials", 92, "day", false},
		{"service_credentials", 12, "hour", false},
		{"service_credentials", 90, "day", true},
	} {
		body := map[string]any{"secret_type": tc.typ, "name": newUUID(),
			"rotation": map[string]any{"auto_rotate": true, "interval": tc.interval, "unit": tc.unit}}
		for k, v := range protos[tc.typ] {
			body[k] = v
		}
		status := 400
		if tc.ok {
			status = 201
		}
		c.must(status, "POST", "/api/v2/secrets", body)
	}
	// The interval may not exceed the ttl of IAM and service credentials.
	c.must(400, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "short", "ttl": "1d",
		"service_id": "s", "reuse_api_key": true, "rotation": map[string]any{"auto_rotate": true, "interval": 2, "unit": "day"}})
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "short", "ttl": "2d",
		"service_id": "s", "reuse_api_key": true})
	st, out := c.do("PATCH", "/api/v2/secrets/"+str(s["id"])+"/metadata", map[string]any{"ttl": "10d",
		"rotation": map[string]any{"auto_rotate": true, "interval": 3, "unit": "day"}})
	require.Equal(t, 400, st, "the current version expires before the next rotation")
	require.Equal(t, "Error02009", out["errors"].([]any)[0].(map[string]any)["code"])
}
