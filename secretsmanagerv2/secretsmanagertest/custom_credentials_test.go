package secretsmanagertest

import (
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// testJob is a provider job with one required string parameter, an enum,
// an integer and a required string credential.
var testJob = CodeEngineJob{Region: "eu-de", ProjectID: "8a3f52d0-14c6-4c7b-a0e9-77d1b3e5c208", JobName: "pd-key-provider",
	Env: map[string]string{
		"SMIN_SERVICE_NAME":  "type:string, required:true",
		"SMIN_KEY_SCOPE":     "type:enum[read|write], required:false",
		"SMIN_VALIDITY_DAYS": "type:int",
		"SMOUT_API_KEY":      "type:string, required:true",
		"SMOUT_READ_ONLY":    "type:boolean",
		"OTHER_VARIABLE":     "ignored",
	}}

// customSetup creates the configuration "pagerduty-keys" for testJob.
func customSetup(t *testing.T, c *rawClient) {
	t.Helper()
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "custom_credentials_configuration",
		"name": "pagerduty-keys", "code_engine": map[string]any{"job_name": testJob.JobName, "project_id": testJob.ProjectID, "region": testJob.Region}})
}

// createCustom creates a custom credentials secret with prototype fields extra.
func createCustom(t *testing.T, c *rawClient, name string, extra map[string]any) map[string]any {
	t.Helper()
	b := map[string]any{"secret_type": "custom_credentials", "name": name, "configuration": "pagerduty-keys",
		"parameters": map[string]any{"service_name": "billing-api"}}
	for k, v := range extra {
		b[k] = v
	}
	return c.must(201, "POST", "/api/v2/secrets", b)
}

func tasksOf(t *testing.T, c *rawClient, id string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, it := range c.must(200, "GET", "/api/v2/secrets/"+id+"/tasks", nil)["tasks"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

func created(id string, payload map[string]any) map[string]any {
	return map[string]any{"status": "credentials_created", "credentials": map[string]any{"id": id, "payload": payload}}
}

func TestCustomCredentialsConfiguration(t *testing.T) {
	c, _ := newRaw(t, WithCodeEngineJob(testJob))
	iam := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "iam_credentials", "name": "provider-key",
		"ttl": "1d", "service_id": "ServiceId-1", "reuse_api_key": true})
	ce := map[string]any{"job_name": testJob.JobName, "project_id": testJob.ProjectID, "region": testJob.Region}
	got := c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "custom_credentials_configuration",
		"name": "pagerduty-keys", "code_engine": ce, "api_key_ref": iam["id"], "task_timeout": "15m"})
	require.Equal(t, "custom_credentials", got["secret_type"])
	require.Equal(t, ce, got["code_engine"])
	require.Equal(t, "15m", got["task_timeout"])
	require.Equal(t, iam["id"], got["api_key_ref"])
	require.Regexp(t, `^sm-access-`+reUUID.String()[1:], got["code_engine_key_ref"])
	require.Equal(t, map[string]any{
		"parameters": []any{
			map[string]any{"name": "key_scope", "format": "type:enum[read|write], required:false", "env_variable_name": "SM_KEY_SCOPE_VALUE"},
			map[string]any{"name": "service_name", "format": "type:string, required:true", "env_variable_name": "SM_SERVICE_NAME_VALUE"},
			map[string]any{"name": "validity_days", "format": "type:int", "env_variable_name": "SM_VALIDITY_DAYS_VALUE"},
		},
		"credentials": []any{
			map[string]any{"name": "api_key", "format": "type:string, required:true"},
			map[string]any{"name": "read_only", "format": "type:boolean"},
		},
	}, got["schema"])
	// The IAM credentials secret lists the configuration that refers to it.
	require.Equal(t, []any{"pagerduty-keys"}, c.must(200, "GET", "/api/v2/secrets/"+str(iam["id"])+"/metadata", nil)["referenced_by"])

	// An unregistered job gets an empty schema; task_timeout defaults to 10m.
	other := c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "custom_credentials_configuration",
		"name": "other", "code_engine": map[string]any{"job_name": "j2", "project_id": "p", "region": "us-south"}})
	require.Equal(t, "10m", other["task_timeout"])
	require.Equal(t, map[string]any{"parameters": []any{}, "credentials": []any{}}, other["schema"])
	require.NotContains(t, other, "code_engine_key_ref")

	for name, body := range map[string]map[string]any{
		"same job":        {"name": "dup", "code_engine": ce},
		"no code_engine":  {"name": "x1"},
		"no job_name":     {"name": "x1", "code_engine": map[string]any{"project_id": "p", "region": "r"}},
		"timeout too low": {"name": "x1", "code_engine": map[string]any{"job_name": "j3", "project_id": "p", "region": "r"}, "task_timeout": "1m"},
		"timeout too big": {"name": "x1", "code_engine": map[string]any{"job_name": "j3", "project_id": "p", "region": "r"}, "task_timeout": "25h"},
		"timeout syntax":  {"name": "x1", "code_engine": map[string]any{"job_name": "j3", "project_id": "p", "region": "r"}, "task_timeout": "ten"},
		"bad api_key_ref": {"name": "x1", "code_engine": map[string]any{"job_name": "j3", "project_id": "p", "region": "r"}, "api_key_ref": newUUID()},
		"schema given":    {"name": "x1", "code_engine": map[string]any{"job_name": "j3", "project_id": "p", "region": "r"}, "schema": map[string]any{}},
	} {
		t.Run(name, func(t *testing.T) {
			body["config_type"] = "custom_credentials_configuration"
			status := 400
			if name == "same job" {
				status = 409
			}
			c.must(status, "POST", "/api/v2/configurations", body)
		})
	}

	// PATCH changes task_timeout only.
	up := c.must(200, "PATCH", "/api/v2/configurations/pagerduty-keys", map[string]any{"task_timeout": "1h"})
	require.Equal(t, "1h", up["task_timeout"])
	require.Equal(t, ce, up["code_engine"])
	c.must(400, "PATCH", "/api/v2/configurations/pagerduty-keys", map[string]any{"task_timeout": "2d"})
	c.must(400, "PATCH", "/api/v2/configurations/pagerduty-keys", map[string]any{"code_engine": ce})

	// List items have the same fields; the secret_types filter.
	c.must(201, "POST", "/api/v2/configurations", map[string]any{"config_type": "iam_credentials_configuration", "name": "iam", "api_key": "k"})
	l := c.must(200, "GET", "/api/v2/configurations?secret_types=custom_credentials&sort=name", nil)
	require.EqualValues(t, 2, l["total_count"])
	item := l["configurations"].([]any)[1].(map[string]any)
	require.Equal(t, "pagerduty-keys", item["name"])
	require.Contains(t, item, "schema")
	require.Equal(t, "1h", item["task_timeout"])
	require.EqualValues(t, 1, c.must(200, "GET", "/api/v2/configurations?secret_types=iam_credentials", nil)["total_count"])
	require.EqualValues(t, 3, c.must(200, "GET", "/api/v2/configurations?secret_types=iam_credentials,custom_credentials", nil)["total_count"])
	require.EqualValues(t, 0, c.must(200, "GET", "/api/v2/configurations?secret_types=private_cert", nil)["total_count"])
	c.must(400, "GET", "/api/v2/configurations?secret_types=kv", nil)
	c.must(400, "GET", "/api/v2/configurations?secret_types=private_cert,public_cert,iam_credentials,custom_credentials,private_cert", nil)
	c.must(200, "GET", "/api/v2/configurations/pagerduty-keys", nil, "X-Sm-Accept-Configuration-Type", "custom_credentials_configuration")

	// A configuration used by a secret cannot be deleted.
	s := createCustom(t, c, "in-use", nil)
	c.must(409, "DELETE", "/api/v2/configurations/pagerduty-keys", nil)
	c.must(204, "DELETE", "/api/v2/secrets/"+str(s["id"])+"?force_delete=true", nil)
	c.must(204, "DELETE", "/api/v2/configurations/pagerduty-keys", nil)
}

func TestCustomCredentialsLifecycle(t *testing.T) {
	c, _ := newRaw(t, WithCodeEngineJob(testJob))
	customSetup(t, c)

	// Creation: pre_activation, no version yet, one create task processing.
	s := createCustom(t, c, "pd-oncall-api-key", map[string]any{"ttl": "30d",
		"parameters": map[string]any{"service_name": "billing-api", "key_scope": "read", "validity_days": 30},
		"rotation":   map[string]any{"auto_rotate": true, "interval": 14, "unit": "day"}, "labels": []string{"oncall"},
		"version_custom_metadata": map[string]any{"ticket": "OPS-1"}})
	id := str(s["id"])
	sp := "/api/v2/secrets/" + id
	require.EqualValues(t, 0, s["state"])
	require.Equal(t, "pre_activation", s["state_description"])
	require.EqualValues(t, 0, s["versions_total"])
	require.Equal(t, "pagerduty-keys", s["configuration"])
	require.Equal(t, "30d", s["ttl"])
	require.EqualValues(t, 1, s["task_count"])
	require.EqualValues(t, 0, s["queued_task_count"])
	require.Equal(t, false, s["last_rotation_failed"])
	require.Equal(t, "1970-01-01T00:00:00Z", s["retrieved_at"])
	require.Equal(t, []any{}, s["referenced_by"])
	require.NotContains(t, s, "credentials_content")
	tasks := tasksOf(t, c, id)
	require.Len(t, tasks, 1)
	task := tasks[0]
	require.Regexp(t, reTaskID, task["id"])
	require.Equal(t, s["processing_task_id"], task["id"])
	require.Equal(t, "create_credentials", task["type"])
	require.Equal(t, "processing", task["status"])
	require.Equal(t, "secret_creation", task["trigger"])
	require.Equal(t, id, task["secret_id"])
	require.Regexp(t, reUUID, task["secret_version_id"])
	for _, k := range []string{"created_by", "creation_date", "updated_by", "last_update_date"} {
		require.NotEmpty(t, task[k], k)
	}
	tp := sp + "/tasks/" + str(task["id"])
	require.Equal(t, task, c.must(200, "GET", tp, nil))
	c.must(404, "GET", sp+"/tasks/sm-task-"+newUUID(), nil)
	c.must(400, "GET", sp+"/tasks/not-a-task", nil)
	c.must(404, "GET", sp+"/versions/current", nil) // no version yet
	c.must(409, "POST", sp+"/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "lock-a"}}})

	// The provider reports: bad updates first.
	for name, body := range map[string]map[string]any{
		"no status":          {},
		"unknown status":     {"status": "succeeded"},
		"no credentials":     {"status": "credentials_created"},
		"no credentials id":  {"status": "credentials_created", "credentials": map[string]any{"payload": map[string]any{"api_key": "k"}}},
		"missing output":     created("PD-1", map[string]any{"read_only": true}),
		"wrong output type":  created("PD-1", map[string]any{"api_key": 5}),
		"object value":       created("PD-1", map[string]any{"api_key": "k", "extra": map[string]any{}}),
		"deleted on create":  {"status": "credentials_deleted"},
		"failed, no errors":  {"status": "failed", "errors": []any{}},
		"failed, bad error":  {"status": "failed", "errors": []any{map[string]any{"code": "E1"}}},
		"failed, 11 errors":  {"status": "failed", "errors": make([]any, 11)},
		"failed, errors str": {"status": "failed", "errors": "x"},
	} {
		t.Run(name, func(t *testing.T) { c.must(400, "PUT", tp, body) })
	}
	c.must(404, "PUT", sp+"/tasks/sm-task-"+newUUID(), created("PD-1", map[string]any{"api_key": "k"}))

	done := c.must(200, "PUT", tp, created("PD-KEY-1", map[string]any{"api_key": "secret-1", "read_only": true}))
	require.Equal(t, "credentials_created", done["status"])
	c.must(400, "PUT", tp, created("PD-KEY-2", map[string]any{"api_key": "secret-2"})) // final: no further update

	got := c.must(200, "GET", sp, nil)
	require.EqualValues(t, 1, got["state"])
	require.Equal(t, "active", got["state_description"])
	require.Equal(t, map[string]any{"api_key": "secret-1", "read_only": true}, got["credentials_content"])
	require.EqualValues(t, 1, got["versions_total"])
	require.NotContains(t, got, "processing_task_id")
	require.NotEqual(t, "1970-01-01T00:00:00Z", got["retrieved_at"])
	exp, err := time.Parse(time.RFC3339, str(got["expiration_date"]))
	require.NoError(t, err)
	require.WithinDuration(t, time.Now().Add(30*24*time.Hour), exp, time.Minute)
	v1 := c.must(200, "GET", sp+"/versions/current", nil)
	require.Equal(t, "PD-KEY-1", v1["credentials_id"])
	require.Equal(t, task["secret_version_id"], v1["id"])
	require.Equal(t, got["credentials_content"], v1["credentials_content"])
	require.Equal(t, map[string]any{"ticket": "OPS-1"}, v1["version_custom_metadata"])
	require.Equal(t, got["expiration_date"], v1["expiration_date"])
	md := c.must(200, "GET", sp+"/versions/current/metadata", nil)
	require.Equal(t, "PD-KEY-1", md["credentials_id"])
	require.NotContains(t, md, "credentials_content")
	require.NotContains(t, c.must(200, "GET", sp+"/metadata", nil), "credentials_content")
	byName := c.must(200, "GET", "/api/v2/secret_groups/default/secret_types/custom_credentials/secrets/pd-oncall-api-key", nil)
	require.Equal(t, got["credentials_content"], byName["credentials_content"])
	require.EqualValues(t, 1, c.must(200, "GET", "/api/v2/secrets?secret_types=custom_credentials", nil)["total_count"])

	// A manual rotation queues a task; the version is pending until the provider answers.
	rot := c.must(201, "POST", sp+"/versions", map[string]any{"version_custom_metadata": map[string]any{"ticket": "OPS-2"}})
	require.Equal(t, false, rot["payload_available"])
	require.NotContains(t, rot, "alias")
	tasks = tasksOf(t, c, id)
	require.Len(t, tasks, 2)
	require.Equal(t, "manual_secret_rotation", tasks[1]["trigger"])
	require.Equal(t, rot["id"], tasks[1]["secret_version_id"])
	// It fails.
	failed := c.must(200, "PUT", sp+"/tasks/"+str(tasks[1]["id"]), map[string]any{"status": "failed",
		"errors": []any{map[string]any{"code": "PD-401", "description": "token rejected"}}})
	require.Equal(t, []any{map[string]any{"code": "PD-401", "description": "token rejected"}}, failed["errors"])
	md = c.must(200, "GET", sp+"/metadata", nil)
	require.Equal(t, tasks[1]["id"], md["last_failed_task_id"])
	require.Equal(t, true, md["last_rotation_failed"])
	require.EqualValues(t, 1, md["versions_total"])
	c.must(404, "GET", sp+"/versions/"+str(rot["id"]), nil)

	// Rotate again, successfully: the new version is current, the first one previous.
	rot = c.must(201, "POST", sp+"/versions", map[string]any{})
	last := tasksOf(t, c, id)[2]
	c.must(200, "PUT", sp+"/tasks/"+str(last["id"]), created("PD-KEY-2", map[string]any{"api_key": "secret-2"}))
	md = c.must(200, "GET", sp+"/metadata", nil)
	require.Equal(t, false, md["last_rotation_failed"])
	require.EqualValues(t, 2, md["versions_total"])
	require.Equal(t, rot["id"], c.must(200, "GET", sp+"/versions/current", nil)["id"])
	require.Equal(t, v1["id"], c.must(200, "GET", sp+"/versions/previous", nil)["id"])

	// A third version pushes the first out of the previous slot: its credentials get deleted.
	c.must(201, "POST", sp+"/versions", map[string]any{})
	last = tasksOf(t, c, id)[3]
	c.must(200, "PUT", sp+"/tasks/"+str(last["id"]), created("PD-KEY-3", map[string]any{"api_key": "secret-3"}))
	tasks = tasksOf(t, c, id)
	require.Len(t, tasks, 5)
	del := tasks[4]
	require.Equal(t, "delete_credentials", del["type"])
	require.Equal(t, "manual_secret_rotation", del["trigger"])
	require.Equal(t, v1["id"], del["secret_version_id"])
	require.Equal(t, "processing", del["status"])
	c.must(400, "PUT", sp+"/tasks/"+str(del["id"]), created("X", map[string]any{"api_key": "x"})) // a delete task does not create
	c.must(200, "PUT", sp+"/tasks/"+str(del["id"]), map[string]any{"status": "credentials_deleted"})
	old := c.must(200, "GET", sp+"/versions/"+str(v1["id"]), nil)
	require.Equal(t, false, old["payload_available"])
	require.NotContains(t, old, "credentials_content")
	require.Equal(t, "PD-KEY-1", old["credentials_id"])

	// Locks: allowed once every task is final; remove_previous_and_delete is refused.
	c.must(201, "POST", sp+"/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "app-1"}}})
	c.must(400, "POST", sp+"/locks_bulk?mode=remove_previous_and_delete", map[string]any{"locks": []any{map[string]any{"name": "app-2"}}})
	c.must(412, "DELETE", sp+"/versions/current/secret_data", nil)
	c.must(200, "DELETE", sp+"/locks_bulk", nil)

	// Deleting the secret: refused while versions hold credentials, unless forced.
	c.must(409, "DELETE", sp, nil)
	c.must(400, "DELETE", sp+"?force_delete=maybe", nil)
	// DeleteSecretVersionData queues deletions; the data goes when the provider confirms.
	c.must(204, "DELETE", sp+"/versions/previous/secret_data", nil)
	c.must(204, "DELETE", sp+"/versions/previous/secret_data", nil) // already queued: no second task
	c.must(204, "DELETE", sp+"/versions/current/secret_data", nil)
	tasks = tasksOf(t, c, id)
	require.Len(t, tasks, 7)
	for _, tk := range tasks[5:] {
		require.Equal(t, "delete_credentials", tk["type"])
		require.Equal(t, "secret_version_data_deletion", tk["trigger"])
	}
	require.Equal(t, "processing", tasks[5]["status"])
	require.Equal(t, "queued", tasks[6]["status"])
	md = c.must(200, "GET", sp+"/metadata", nil)
	require.EqualValues(t, 1, md["queued_task_count"])
	require.Equal(t, tasks[5]["id"], md["processing_task_id"])
	require.EqualValues(t, 7, md["task_count"])
	require.Equal(t, true, c.must(200, "GET", sp+"/versions/previous/metadata", nil)["payload_available"])
	c.must(200, "PUT", sp+"/tasks/"+str(tasks[5]["id"]), map[string]any{"status": "credentials_deleted"})
	require.Equal(t, "processing", c.must(200, "GET", sp+"/tasks/"+str(tasks[6]["id"]), nil)["status"])
	c.must(409, "DELETE", sp, nil)
	c.must(200, "PUT", sp+"/tasks/"+str(tasks[6]["id"]), map[string]any{"status": "credentials_deleted"})
	c.must(204, "DELETE", sp, nil)
	c.must(404, "GET", sp+"/tasks", nil)

	// force_delete deletes at once.
	f := createCustom(t, c, "forced", nil)
	c.must(409, "DELETE", "/api/v2/secrets/"+str(f["id"]), nil)
	c.must(204, "DELETE", "/api/v2/secrets/"+str(f["id"])+"?force_delete=true", nil)
}

func TestCustomCredentialsValidation(t *testing.T) {
	c, _ := newRaw(t, WithCodeEngineJob(testJob))
	customSetup(t, c)
	base := map[string]any{"secret_type": "custom_credentials", "name": "x1", "configuration": "pagerduty-keys"}
	with := func(kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		m["parameters"] = map[string]any{"service_name": "s"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	for name, body := range map[string]map[string]any{
		"no configuration":       {"secret_type": "custom_credentials", "name": "x1"},
		"unknown configuration":  with("configuration", "nope"),
		"bad configuration name": with("configuration", "-x"),
		"missing parameter":      with("parameters", map[string]any{}),
		"unknown parameter":      with("parameters", map[string]any{"service_name": "s", "zone": "z"}),
		"enum value":             with("parameters", map[string]any{"service_name": "s", "key_scope": "admin"}),
		"integer type":           with("parameters", map[string]any{"service_name": "s", "validity_days": "30"}),
		"fractional integer":     with("parameters", map[string]any{"service_name": "s", "validity_days": 1.5}),
		"string type":            with("parameters", map[string]any{"service_name": true}),
		"ttl below a day":        with("ttl", "3h"),
		"ttl above 90 days":      with("ttl", "91d"),
		"ttl syntax":             with("ttl", "1w"),
		"interval below 6h":      with("rotation", map[string]any{"auto_rotate": true, "interval": 5, "unit": "hour"}),
		"interval above 3 month": with("rotation", map[string]any{"auto_rotate": true, "interval": 4, "unit": "month"}),
		"interval above ttl":     with("ttl", "2d", "rotation", map[string]any{"auto_rotate": true, "interval": 3, "unit": "day"}),
		"expiration_date":        with("expiration_date", "2030-01-01T00:00:00Z"),
	} {
		t.Run(name, func(t *testing.T) { c.must(400, "POST", "/api/v2/secrets", body) })
	}
	// Hours are a rotation unit.
	s := c.must(201, "POST", "/api/v2/secrets", with("rotation", map[string]any{"auto_rotate": true, "interval": 12, "unit": "hour"}))
	next, err := time.Parse(time.RFC3339, str(s["next_rotation_date"]))
	require.NoError(t, err)
	require.WithinDuration(t, time.Now().Add(12*time.Hour), next, time.Minute)
	require.Equal(t, map[string]any{"auto_rotate": true, "interval": float64(12), "unit": "hour"}, s["rotation"])
	sp := "/api/v2/secrets/" + str(s["id"])

	// Metadata updates: parameters are merged and validated, ttl applies to the next version.
	up := c.must(200, "PATCH", sp+"/metadata", map[string]any{"parameters": map[string]any{"key_scope": "write"}, "ttl": "45d"})
	require.Equal(t, map[string]any{"service_name": "s", "key_scope": "write"}, up["parameters"])
	require.Equal(t, "45d", up["ttl"])
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"parameters": map[string]any{"zone": "z"}})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"parameters": map[string]any{"key_scope": 1}})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"ttl": "100d"})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"rotation": map[string]any{"auto_rotate": true, "interval": 4, "unit": "month"}})
	c.must(400, "PATCH", sp+"/metadata", map[string]any{"configuration": "other"})

	// Cancelling the creation task leaves the secret without version.
	task := tasksOf(t, c, str(s["id"]))[0]
	c.must(204, "DELETE", sp+"/tasks/"+str(task["id"]), nil)
	c.must(404, "GET", sp+"/tasks/"+str(task["id"]), nil)
	md := c.must(200, "GET", sp+"/metadata", nil)
	require.EqualValues(t, 0, md["versions_total"])
	require.Equal(t, "pre_activation", md["state_description"])
	require.NotContains(t, md, "processing_task_id")
	require.EqualValues(t, 1, md["task_count"])
	require.Empty(t, tasksOf(t, c, str(s["id"])))
	// A failed creation leaves it in pre_activation; a rotation tries again.
	c.must(201, "POST", sp+"/versions", map[string]any{})
	retry := tasksOf(t, c, str(s["id"]))[0]
	require.Equal(t, "manual_secret_rotation", retry["trigger"])
	c.must(200, "PUT", sp+"/tasks/"+str(retry["id"]), map[string]any{"status": "failed", "errors": []any{map[string]any{"code": "E", "description": "d"}}})
	require.Equal(t, "pre_activation", c.must(200, "GET", sp+"/metadata", nil)["state_description"])

	// Tasks exist only for custom credentials.
	a := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "plain", "payload": "p"})
	c.must(400, "GET", "/api/v2/secrets/"+str(a["id"])+"/tasks", nil)
	c.must(400, "PUT", "/api/v2/secrets/"+str(a["id"])+"/tasks/sm-task-"+newUUID(), map[string]any{"status": "credentials_deleted"})
	c.must(405, "POST", "/api/v2/secrets/"+str(a["id"])+"/tasks", map[string]any{})

	// Error02009: an interval whose next rotation falls after the current version's expiry.
	s2 := c.must(201, "POST", "/api/v2/secrets", with("name", "short", "ttl", "2d"))
	t2 := tasksOf(t, c, str(s2["id"]))[0]
	c.must(200, "PUT", "/api/v2/secrets/"+str(s2["id"])+"/tasks/"+str(t2["id"]), created("K", map[string]any{"api_key": "k"}))
	c.must(200, "PATCH", "/api/v2/secrets/"+str(s2["id"])+"/metadata", map[string]any{"ttl": "10d"})
	st, out := c.do("PATCH", "/api/v2/secrets/"+str(s2["id"])+"/metadata", map[string]any{"rotation": map[string]any{"auto_rotate": true, "interval": 3, "unit": "day"}})
	require.Equal(t, 400, st)
	require.Equal(t, "Error02009", out["errors"].([]any)[0].(map[string]any)["code"])
	c.must(200, "PATCH", "/api/v2/secrets/"+str(s2["id"])+"/metadata", map[string]any{"rotation": map[string]any{"auto_rotate": true, "interval": 36, "unit": "hour"}})
}

// TestCustomCredentialsTimeline runs the time-driven parts on a fake clock:
// task time-outs, expiring credentials and automatic rotation.
func TestCustomCredentialsTimeline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newInProcess(t, WithCodeEngineJob(testJob))
		customSetup(t, c)
		c.must(200, "PATCH", "/api/v2/configurations/pagerduty-keys", map[string]any{"task_timeout": "5m"})
		s := createCustom(t, c, "timed", map[string]any{"ttl": "1d", "rotation": map[string]any{"auto_rotate": true, "interval": 18, "unit": "hour"}})
		sp := "/api/v2/secrets/" + str(s["id"])

		// The creation task times out after 5 minutes.
		time.Sleep(4 * time.Minute)
		require.Equal(t, "processing", tasksOf(t, c, str(s["id"]))[0]["status"])
		time.Sleep(time.Minute)
		task := tasksOf(t, c, str(s["id"]))[0]
		require.Equal(t, "failed", task["status"])
		require.Equal(t, "task_timeout", task["errors"].([]any)[0].(map[string]any)["code"])
		require.Equal(t, "SecretsManager", task["updated_by"])
		require.Equal(t, task["id"], c.must(200, "GET", sp+"/metadata", nil)["last_failed_task_id"])
		c.must(400, "PUT", sp+"/tasks/"+str(task["id"]), created("K", map[string]any{"api_key": "k"}))

		// Retry and succeed.
		c.must(201, "POST", sp+"/versions", map[string]any{})
		task = tasksOf(t, c, str(s["id"]))[1]
		c.must(200, "PUT", sp+"/tasks/"+str(task["id"]), created("K1", map[string]any{"api_key": "k1"}))
		v1 := c.must(200, "GET", sp+"/versions/current/metadata", nil)
		require.Equal(t, false, v1["auto_rotated"])

		// 18 hours later the policy rotates the secret.
		time.Sleep(18 * time.Hour)
		tasks := tasksOf(t, c, str(s["id"]))
		require.Len(t, tasks, 3)
		auto := tasks[2]
		require.Equal(t, "automatic_secret_rotation", auto["trigger"])
		require.Equal(t, "SecretsManager", auto["created_by"])
		c.must(200, "PUT", sp+"/tasks/"+str(auto["id"]), created("K2", map[string]any{"api_key": "k2"}))
		v2 := c.must(200, "GET", sp+"/versions/current/metadata", nil)
		require.Equal(t, true, v2["auto_rotated"])
		require.Equal(t, "previous", c.must(200, "GET", sp+"/versions/"+str(v1["id"])+"/metadata", nil)["alias"])

		// The first version expires (ttl 1 day after its creation): its credentials get deleted.
		time.Sleep(6*time.Hour - time.Minute)
		require.Len(t, tasksOf(t, c, str(s["id"])), 3)
		time.Sleep(time.Minute)
		tasks = tasksOf(t, c, str(s["id"]))
		require.Len(t, tasks, 4)
		exp := tasks[3]
		require.Equal(t, "delete_credentials", exp["type"])
		require.Equal(t, "secret_version_expiration", exp["trigger"])
		require.Equal(t, v1["id"], exp["secret_version_id"])
		// Failed deletions are not retried by expiry again.
		c.must(200, "PUT", sp+"/tasks/"+str(exp["id"]), map[string]any{"status": "failed", "errors": []any{map[string]any{"code": "E", "description": "d"}}})
		time.Sleep(time.Minute)
		require.Len(t, tasksOf(t, c, str(s["id"])), 4)
		require.Equal(t, false, c.must(200, "GET", sp+"/metadata", nil)["last_rotation_failed"], "a failed deletion is not a failed rotation")
	})
}

func TestCustomCredentialsTaskHistory(t *testing.T) {
	c, _ := newRaw(t, WithCodeEngineJob(testJob))
	customSetup(t, c)
	s := createCustom(t, c, "busy", nil)
	id := str(s["id"])
	sp := "/api/v2/secrets/" + id
	first := tasksOf(t, c, id)[0]
	c.must(200, "PUT", sp+"/tasks/"+str(first["id"]), created("K0", map[string]any{"api_key": "k"}))
	// 60 rotations, each completed by the provider, which also deletes the
	// credentials of the version pushed out of the previous slot.
	for i := 1; i <= 60; i++ {
		c.must(201, "POST", sp+"/versions", map[string]any{})
		tasks := tasksOf(t, c, id)
		tk := tasks[len(tasks)-1]
		require.Equal(t, "create_credentials", tk["type"])
		require.Equal(t, "processing", tk["status"], "rotation %d", i)
		c.must(200, "PUT", sp+"/tasks/"+str(tk["id"]), created(fmt.Sprint("K", i), map[string]any{"api_key": "k"}))
		if i >= 2 {
			tasks = tasksOf(t, c, id)
			del := tasks[len(tasks)-1]
			require.Equal(t, "delete_credentials", del["type"])
			require.Equal(t, "processing", del["status"])
			c.must(200, "PUT", sp+"/tasks/"+str(del["id"]), map[string]any{"status": "credentials_deleted"})
		}
	}
	md := c.must(200, "GET", sp+"/metadata", nil)
	require.EqualValues(t, 1+60+59, md["task_count"])
	require.EqualValues(t, 0, md["queued_task_count"])
	require.EqualValues(t, 61, md["versions_total"])
	tasks := tasksOf(t, c, id)
	require.Len(t, tasks, 100, "the latest 100 tasks are kept")
	require.NotEqual(t, first["id"], tasks[0]["id"])
	vs := c.must(200, "GET", sp+"/versions", nil)["versions"].([]any)
	for i, v := range vs {
		require.Equal(t, i < 2, v.(map[string]any)["payload_available"], "version %d", i)
	}
}
