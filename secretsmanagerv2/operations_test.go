package secretsmanagerv2

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// The helpers of this file are prefixed with "ot" (operations test) so that they cannot clash with
// the helpers of other test files of the package.

// otRes and otNoRes turn the results of an operation into the shape the tables use.
func otRes[T any](result T, resp *core.DetailedResponse, err error) (interface{}, *core.DetailedResponse, error) {
	return result, resp, err
}

func otNoRes(resp *core.DetailedResponse, err error) (interface{}, *core.DetailedResponse, error) {
	return nil, resp, err
}

// otMust unwraps the (model, error) results of the model constructors, which fail only on a bug.
func otMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// otSnake turns an operation name such as GetSecretByNameType into its operation ID, get_secret_by_name_type.
func otSnake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// otSpecParam and otSpecOp are an operation as internal/apidef/operations.api describes it.
type otSpecParam struct {
	in, name string
	required bool
}

type otSpecOp struct {
	method, path string
	status       int
	result       bool
	params       []otSpecParam
}

// otReadSpec parses internal/apidef/operations.api, the source the operations are generated from.
func otReadSpec(t *testing.T) map[string]*otSpecOp {
	t.Helper()
	f, err := os.Open("../internal/apidef/operations.api")
	require.NoError(t, err)
	defer f.Close()
	ops := map[string]*otSpecOp{}
	var cur *otSpecOp
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		fields := strings.Fields(trimmed)
		if fields[0] == "op" {
			require.GreaterOrEqual(t, len(fields), 5, line)
			cur = &otSpecOp{method: fields[2], path: fields[3]}
			for _, kv := range fields[4:] {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "status":
					cur.status, err = strconv.Atoi(v)
					require.NoError(t, err, line)
				case "result":
					cur.result = true
				}
			}
			require.NotContains(t, ops, fields[1], "operation listed twice")
			ops[fields[1]] = cur
			continue
		}
		require.NotNil(t, cur, "parameter before any operation: %s", line)
		require.GreaterOrEqual(t, len(fields), 3, line)
		p := otSpecParam{in: fields[0], name: fields[1]}
		for _, f := range fields[3:] {
			if f == "required" {
				p.required = true
			}
		}
		cur.params = append(cur.params, p)
	}
	require.NoError(t, sc.Err())
	return ops
}

// otTemplateRegexp turns a path template such as /api/v2/secrets/{id} into a regexp matching its
// escaped instances.
func otTemplateRegexp(tmpl string) *regexp.Regexp {
	parts := strings.Split(tmpl, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			parts[i] = "[^/?#]+"
		} else {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return regexp.MustCompile("^" + strings.Join(parts, "/") + "$")
}

type otOpCase struct {
	name string // the row's name, also sent in the X-Test-Case custom header
	op   string // the operation, as operations.api names it

	method      string
	path        string     // expected r.URL.EscapedPath()
	query       url.Values // expected query; nil means none at all
	contentType string     // expected Content-Type; "" means none
	reqBody     string     // expected JSON body; "" means none
	configType  string     // expected X-Sm-Accept-Configuration-Type; "" means none

	status     int
	respBody   string      // the server's answer; "" means no body (and no result)
	resultType interface{} // a nil value of the expected concrete result type
	check      func(t *testing.T, result interface{})

	call func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error)
}

func otOperationCases() []otOpCase {
	lock1 := SecretLockPrototype{Name: core.StringPtr("lock-1"), Description: core.StringPtr("held by tests"), Attributes: map[string]interface{}{"owner": "ci"}}
	lock2 := otMust((*SecretsManagerV2)(nil).NewSecretLockPrototype("lock-2"))
	const locksBody = `{"locks":[{"name":"lock-1","description":"held by tests","attributes":{"owner":"ci"}},{"name":"lock-2"}]}`
	const secretLocksResp = `{"secret_id":"s1","secret_group_id":"default","versions":[]}`

	return []otOpCase{
		// Secret groups
		{
			name: "CreateSecretGroup", op: "CreateSecretGroup",
			method: "POST", path: "/api/v2/secret_groups", contentType: "application/json",
			reqBody: `{"name":"my-group","description":"for tests"}`,
			status:  201, respBody: `{"id":"g1","name":"my-group"}`, resultType: (*SecretGroup)(nil),
			check: func(t *testing.T, r interface{}) {
				require.Equal(t, "g1", *r.(*SecretGroup).ID)
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.CreateSecretGroup(s.NewCreateSecretGroupOptions("my-group").SetDescription("for tests").SetHeaders(h)))
			},
		},
		{
			name: "CreateSecretGroup/no-description", op: "CreateSecretGroup",
			method: "POST", path: "/api/v2/secret_groups", contentType: "application/json",
			reqBody: `{"name":"only-name"}`,
			status:  201, respBody: `{"id":"g2"}`, resultType: (*SecretGroup)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.CreateSecretGroup(s.NewCreateSecretGroupOptions("x").SetName("only-name").SetHeaders(h)))
			},
		},
		{
			name: "ListSecretGroups", op: "ListSecretGroups",
			method: "GET", path: "/api/v2/secret_groups",
			status: 200, respBody: `{"secret_groups":[{"id":"g1","name":"n"}],"total_count":1}`, resultType: (*SecretGroupCollection)(nil),
			check: func(t *testing.T, r interface{}) {
				c := r.(*SecretGroupCollection)
				require.Len(t, c.SecretGroups, 1)
				require.Equal(t, int64(1), *c.TotalCount)
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.ListSecretGroups(s.NewListSecretGroupsOptions().SetHeaders(h)))
			},
		},
		{
			name: "GetSecretGroup", op: "GetSecretGroup",
			method: "GET", path: "/api/v2/secret_groups/default",
			status: 200, respBody: `{"id":"default"}`, resultType: (*SecretGroup)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetSecretGroup(s.NewGetSecretGroupOptions("other").SetID("default").SetHeaders(h)))
			},
		},
		{
			name: "UpdateSecretGroup", op: "UpdateSecretGroup",
			method: "PATCH", path: "/api/v2/secret_groups/g1", contentType: "application/merge-patch+json",
			reqBody: `{"name":"renamed","description":null}`,
			status:  200, respBody: `{"id":"g1","name":"renamed"}`, resultType: (*SecretGroup)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewUpdateSecretGroupOptions("g1", map[string]interface{}{"name": "ignored"}).
					SetSecretGroupPatch(map[string]interface{}{"name": "renamed", "description": nil})
				return otRes(s.UpdateSecretGroup(o.SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecretGroup", op: "DeleteSecretGroup",
			method: "DELETE", path: "/api/v2/secret_groups/g1",
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.DeleteSecretGroup(s.NewDeleteSecretGroupOptions("g1").SetHeaders(h)))
			},
		},

		// Secrets
		{
			name: "CreateSecret", op: "CreateSecret",
			method: "POST", path: "/api/v2/secrets", contentType: "application/json",
			reqBody: `{"name":"s1","secret_type":"arbitrary","payload":"secret-value","labels":["a","b"],"secret_group_id":"default","custom_metadata":{"k":"v"},"version_custom_metadata":{"n":1}}`,
			status:  201, respBody: `{"secret_type":"arbitrary","id":"x"}`, resultType: (*ArbitrarySecret)(nil),
			check: func(t *testing.T, r interface{}) {
				require.Equal(t, "x", r.(SecretIntf).Common().ID)
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				p := otMust(s.NewArbitrarySecretPrototype("s1", ArbitrarySecretPrototype_SecretType_Arbitrary, "secret-value"))
				p.Labels = []string{"a", "b"}
				p.SecretGroupID = core.StringPtr("default")
				p.CustomMetadata = map[string]interface{}{"k": "v"}
				p.VersionCustomMetadata = map[string]interface{}{"n": 1}
				return otRes(s.CreateSecret(s.NewCreateSecretOptions(nil).SetSecretPrototype(p).SetHeaders(h)))
			},
		},
		{
			name: "ListSecrets", op: "ListSecrets",
			method: "GET", path: "/api/v2/secrets",
			query: url.Values{
				"offset":           {"10"},
				"limit":            {"1000"},
				"sort":             {"-created_at"},
				"search":           {"my secret & more=1"},
				"groups":           {"default,g2"},
				"secret_types":     {"arbitrary,kv"},
				"match_all_labels": {"dev,us-south"},
			},
			status: 200, respBody: `{"total_count":0,"limit":1000,"offset":10,"secrets":[]}`, resultType: (*SecretMetadataPaginatedCollection)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewListSecretsOptions().SetOffset(10).SetLimit(1000).SetSort("-created_at").
					SetSearch("my secret & more=1").SetGroups([]string{"default", "g2"}).
					SetSecretTypes([]string{ListSecretsOptions_SecretTypes_Arbitrary, ListSecretsOptions_SecretTypes_Kv}).
					SetMatchAllLabels([]string{"dev", "us-south"})
				return otRes(s.ListSecrets(o.SetHeaders(h)))
			},
		},
		{
			name: "ListSecrets/no-query", op: "ListSecrets",
			method: "GET", path: "/api/v2/secrets",
			status: 200, respBody: `{"secrets":[{"secret_type":"kv","id":"k1"}],"total_count":1}`, resultType: (*SecretMetadataPaginatedCollection)(nil),
			check: func(t *testing.T, r interface{}) {
				c := r.(*SecretMetadataPaginatedCollection)
				require.Len(t, c.Secrets, 1)
				require.IsType(t, (*KVSecretMetadata)(nil), c.Secrets[0])
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.ListSecrets(s.NewListSecretsOptions().SetHeaders(h)))
			},
		},
		{
			name: "ListSecrets/range-edges", op: "ListSecrets",
			method: "GET", path: "/api/v2/secrets",
			query:  url.Values{"offset": {"0"}, "limit": {"1"}, "secret_types": {"username_password"}},
			status: 200, respBody: `{}`, resultType: (*SecretMetadataPaginatedCollection)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewListSecretsOptions().SetOffset(0).SetLimit(1).SetSecretTypes([]string{ListSecretsOptions_SecretTypes_UsernamePassword})
				return otRes(s.ListSecrets(o.SetHeaders(h)))
			},
		},
		{
			name: "GetSecret", op: "GetSecret",
			method: "GET", path: "/api/v2/secrets/x",
			status: 200, respBody: `{"secret_type":"kv","id":"x"}`, resultType: (*KVSecret)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetSecret(s.NewGetSecretOptions("x").SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecret", op: "DeleteSecret",
			method: "DELETE", path: "/api/v2/secrets/x",
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.DeleteSecret(s.NewDeleteSecretOptions("y").SetID("x").SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecret/force", op: "DeleteSecret",
			method: "DELETE", path: "/api/v2/secrets/x",
			query:  url.Values{"force_delete": {"true"}},
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.DeleteSecret(s.NewDeleteSecretOptions("x").SetForceDelete(true).SetHeaders(h)))
			},
		},
		{
			name: "ListSecretTasks", op: "ListSecretTasks",
			method: "GET", path: "/api/v2/secrets/x/tasks",
			status: 200, respBody: `{"tasks":[{"id":"sm-task-1","type":"create_credentials","status":"queued"}]}`, resultType: (*SecretTaskCollection)(nil),
			check: func(t *testing.T, r interface{}) {
				c := r.(*SecretTaskCollection)
				require.Len(t, c.Tasks, 1)
				require.Equal(t, "create_credentials", *c.Tasks[0].Type)
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.ListSecretTasks(s.NewListSecretTasksOptions("y").SetSecretID("x").SetHeaders(h)))
			},
		},
		{
			name: "GetSecretTask", op: "GetSecretTask",
			method: "GET", path: "/api/v2/secrets/x/tasks/sm-task-1",
			status: 200, respBody: `{"id":"sm-task-1","status":"processing"}`, resultType: (*SecretTask)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetSecretTask(s.NewGetSecretTaskOptions("a", "b").SetSecretID("x").SetID("sm-task-1").SetHeaders(h)))
			},
		},
		{
			name: "ReplaceSecretTask", op: "ReplaceSecretTask",
			method: "PUT", path: "/api/v2/secrets/x/tasks/sm-task-1", contentType: "application/json",
			reqBody: `{"status":"credentials_created","credentials":{"id":"key-1","payload":{"token":"t"}}}`,
			status:  200, respBody: `{"id":"sm-task-1","status":"credentials_created"}`, resultType: (*SecretTask)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				creds := otMust(s.NewCustomCredentialsNewCredentials("key-1", map[string]interface{}{"token": "t"}))
				put := otMust(s.NewSecretTaskPrototypeUpdateSecretTaskCredentialsCreated(SecretTaskPrototypeUpdateSecretTaskCredentialsCreated_Status_CredentialsCreated, creds))
				o := s.NewReplaceSecretTaskOptions("a", "b", nil).SetSecretID("x").SetID("sm-task-1").SetTaskPut(put)
				return otRes(s.ReplaceSecretTask(o.SetHeaders(h)))
			},
		},
		{
			name: "ReplaceSecretTask/failed", op: "ReplaceSecretTask",
			method: "PUT", path: "/api/v2/secrets/x/tasks/sm-task-2", contentType: "application/json",
			reqBody: `{"status":"failed","errors":[{"code":"provider_error","description":"boom"}]}`,
			status:  200, respBody: `{"id":"sm-task-2","status":"failed","errors":[{"code":"provider_error","description":"boom"}]}`, resultType: (*SecretTask)(nil),
			check: func(t *testing.T, r interface{}) {
				require.Equal(t, "boom", *r.(*SecretTask).Errors[0].Description)
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				e := otMust(s.NewSecretTaskError("provider_error", "boom"))
				put := otMust(s.NewSecretTaskPrototypeUpdateSecretTaskFailed(SecretTaskPrototypeUpdateSecretTaskFailed_Status_Failed, []SecretTaskError{*e}))
				return otRes(s.ReplaceSecretTask(s.NewReplaceSecretTaskOptions("x", "sm-task-2", put).SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecretTask", op: "DeleteSecretTask",
			method: "DELETE", path: "/api/v2/secrets/x/tasks/sm-task-1",
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.DeleteSecretTask(s.NewDeleteSecretTaskOptions("a", "b").SetSecretID("x").SetID("sm-task-1").SetHeaders(h)))
			},
		},
		{
			name: "GetSecretMetadata", op: "GetSecretMetadata",
			method: "GET", path: "/api/v2/secrets/x/metadata",
			status: 200, respBody: `{"secret_type":"imported_cert","id":"x"}`, resultType: (*ImportedCertificateMetadata)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetSecretMetadata(s.NewGetSecretMetadataOptions("x").SetHeaders(h)))
			},
		},
		{
			name: "UpdateSecretMetadata", op: "UpdateSecretMetadata",
			method: "PATCH", path: "/api/v2/secrets/x/metadata", contentType: "application/merge-patch+json",
			reqBody: `{"name":"new-name","labels":["l"]}`,
			status:  200, respBody: `{"secret_type":"arbitrary","id":"x","name":"new-name"}`, resultType: (*ArbitrarySecretMetadata)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewUpdateSecretMetadataOptions("x", nil).SetSecretMetadataPatch(map[string]interface{}{"name": "new-name", "labels": []string{"l"}})
				return otRes(s.UpdateSecretMetadata(o.SetHeaders(h)))
			},
		},
		{
			name: "CreateSecretAction", op: "CreateSecretAction",
			method: "POST", path: "/api/v2/secrets/x/actions", contentType: "application/json",
			reqBody: `{"action_type":"private_cert_action_revoke_certificate"}`,
			status:  201, respBody: `{"action_type":"private_cert_action_revoke_certificate"}`, resultType: (*PrivateCertificateActionRevoke)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				p := otMust(s.NewPrivateCertificateActionRevokePrototype("private_cert_action_revoke_certificate"))
				return otRes(s.CreateSecretAction(s.NewCreateSecretActionOptions("x", nil).SetSecretActionPrototype(p).SetHeaders(h)))
			},
		},
		{
			name: "GetSecretByNameType", op: "GetSecretByNameType",
			method: "GET", path: "/api/v2/secret_groups/my-group/secret_types/username_password/secrets/db-user",
			status: 200, respBody: `{"secret_type":"username_password","id":"x"}`, resultType: (*UsernamePasswordSecret)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewGetSecretByNameTypeOptions(GetSecretByNameTypeOptions_SecretType_UsernamePassword, "db-user", "my-group")
				return otRes(s.GetSecretByNameType(o.SetHeaders(h)))
			},
		},

		// Secret versions
		{
			name: "CreateSecretVersion", op: "CreateSecretVersion",
			method: "POST", path: "/api/v2/secrets/x/versions", contentType: "application/json",
			reqBody: `{"payload":"new-value","version_custom_metadata":{"v":"1"}}`,
			status:  201, respBody: `{"secret_type":"arbitrary","id":"v1"}`, resultType: (*ArbitrarySecretVersion)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				p := otMust(s.NewArbitrarySecretVersionPrototype("new-value"))
				p.VersionCustomMetadata = map[string]interface{}{"v": "1"}
				return otRes(s.CreateSecretVersion(s.NewCreateSecretVersionOptions("x", p).SetHeaders(h)))
			},
		},
		{
			name: "ListSecretVersions", op: "ListSecretVersions",
			method: "GET", path: "/api/v2/secrets/x/versions",
			status: 200, respBody: `{"versions":[{"secret_type":"arbitrary","id":"v1"}],"total_count":1}`, resultType: (*SecretVersionMetadataCollection)(nil),
			check: func(t *testing.T, r interface{}) {
				c := r.(*SecretVersionMetadataCollection)
				require.Len(t, c.Versions, 1)
				require.IsType(t, (*ArbitrarySecretVersionMetadata)(nil), c.Versions[0])
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.ListSecretVersions(s.NewListSecretVersionsOptions("y").SetSecretID("x").SetHeaders(h)))
			},
		},
		{
			name: "GetSecretVersion", op: "GetSecretVersion",
			method: "GET", path: "/api/v2/secrets/x/versions/current",
			status: 200, respBody: `{"secret_type":"iam_credentials","id":"v1"}`, resultType: (*IAMCredentialsSecretVersion)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetSecretVersion(s.NewGetSecretVersionOptions("x", "current").SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecretVersionData", op: "DeleteSecretVersionData",
			method: "DELETE", path: "/api/v2/secrets/x/versions/v1/secret_data",
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.DeleteSecretVersionData(s.NewDeleteSecretVersionDataOptions("a", "b").SetSecretID("x").SetID("v1").SetHeaders(h)))
			},
		},
		{
			name: "GetSecretVersionMetadata", op: "GetSecretVersionMetadata",
			method: "GET", path: "/api/v2/secrets/x/versions/previous/metadata",
			status: 200, respBody: `{"secret_type":"private_cert","id":"v0"}`, resultType: (*PrivateCertificateVersionMetadata)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetSecretVersionMetadata(s.NewGetSecretVersionMetadataOptions("x", "previous").SetHeaders(h)))
			},
		},
		{
			name: "UpdateSecretVersionMetadata", op: "UpdateSecretVersionMetadata",
			method: "PATCH", path: "/api/v2/secrets/x/versions/v1/metadata", contentType: "application/merge-patch+json",
			reqBody: `{"version_custom_metadata":{"k":"v"}}`,
			status:  200, respBody: `{"secret_type":"arbitrary","id":"v1"}`, resultType: (*ArbitrarySecretVersionMetadata)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewUpdateSecretVersionMetadataOptions("x", "v1", map[string]interface{}{"version_custom_metadata": map[string]interface{}{"k": "v"}})
				return otRes(s.UpdateSecretVersionMetadata(o.SetHeaders(h)))
			},
		},
		{
			name: "CreateSecretVersionAction", op: "CreateSecretVersionAction",
			method: "POST", path: "/api/v2/secrets/x/versions/v1/actions", contentType: "application/json",
			reqBody: `{"action_type":"private_cert_action_revoke_certificate"}`,
			status:  201, respBody: `{"action_type":"private_cert_action_revoke_certificate"}`, resultType: (*PrivateCertificateVersionActionRevoke)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				p := otMust(s.NewPrivateCertificateVersionActionRevokePrototype("private_cert_action_revoke_certificate"))
				return otRes(s.CreateSecretVersionAction(s.NewCreateSecretVersionActionOptions("x", "v1", p).SetHeaders(h)))
			},
		},

		// Secret locks
		{
			name: "ListSecretsLocks", op: "ListSecretsLocks",
			method: "GET", path: "/api/v2/secrets_locks",
			query:  url.Values{"offset": {"5"}, "limit": {"1000"}, "search": {"lock 1"}, "groups": {"default,g2"}},
			status: 200, respBody: `{"secrets_locks":[],"total_count":0}`, resultType: (*SecretsLocksPaginatedCollection)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewListSecretsLocksOptions().SetOffset(5).SetLimit(1000).SetSearch("lock 1").SetGroups([]string{"default", "g2"})
				return otRes(s.ListSecretsLocks(o.SetHeaders(h)))
			},
		},
		{
			name: "ListSecretLocks", op: "ListSecretLocks",
			method: "GET", path: "/api/v2/secrets/x/locks",
			query:  url.Values{"offset": {"0"}, "limit": {"100"}, "sort": {"name"}, "search": {"lo"}},
			status: 200, respBody: `{"locks":[],"total_count":0}`, resultType: (*SecretLocksPaginatedCollection)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewListSecretLocksOptions("y").SetID("x").SetOffset(0).SetLimit(100).SetSort("name").SetSearch("lo")
				return otRes(s.ListSecretLocks(o.SetHeaders(h)))
			},
		},
		{
			name: "CreateSecretLocksBulk", op: "CreateSecretLocksBulk",
			method: "POST", path: "/api/v2/secrets/x/locks_bulk", contentType: "application/json",
			query:   url.Values{"mode": {"remove_previous"}},
			reqBody: locksBody,
			status:  201, respBody: secretLocksResp, resultType: (*SecretLocks)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewCreateSecretLocksBulkOptions("x", nil).SetLocks([]SecretLockPrototype{lock1, *lock2}).
					SetMode(CreateSecretLocksBulkOptions_Mode_RemovePrevious)
				return otRes(s.CreateSecretLocksBulk(o.SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecretLocksBulk", op: "DeleteSecretLocksBulk",
			method: "DELETE", path: "/api/v2/secrets/x/locks_bulk",
			query:  url.Values{"name": {"lock-1,lock-2"}},
			status: 200, respBody: secretLocksResp, resultType: (*SecretLocks)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewDeleteSecretLocksBulkOptions("x").SetName([]string{"lock-1", "lock-2"})
				return otRes(s.DeleteSecretLocksBulk(o.SetHeaders(h)))
			},
		},
		{
			name: "ListSecretVersionLocks", op: "ListSecretVersionLocks",
			method: "GET", path: "/api/v2/secrets/x/versions/v1/locks",
			query:  url.Values{"offset": {"2"}, "limit": {"50"}, "sort": {"-created_at"}, "search": {"abc"}},
			status: 200, respBody: `{"locks":[],"total_count":0}`, resultType: (*SecretVersionLocksPaginatedCollection)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewListSecretVersionLocksOptions("a", "b").SetSecretID("x").SetID("v1").
					SetOffset(2).SetLimit(50).SetSort("-created_at").SetSearch("abc")
				return otRes(s.ListSecretVersionLocks(o.SetHeaders(h)))
			},
		},
		{
			name: "CreateSecretVersionLocksBulk", op: "CreateSecretVersionLocksBulk",
			method: "POST", path: "/api/v2/secrets/x/versions/v1/locks_bulk", contentType: "application/json",
			query:   url.Values{"mode": {"remove_previous_and_delete"}},
			reqBody: locksBody,
			status:  201, respBody: secretLocksResp, resultType: (*SecretLocks)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewCreateSecretVersionLocksBulkOptions("x", "v1", []SecretLockPrototype{lock1, *lock2}).
					SetMode(CreateSecretVersionLocksBulkOptions_Mode_RemovePreviousAndDelete)
				return otRes(s.CreateSecretVersionLocksBulk(o.SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecretVersionLocksBulk", op: "DeleteSecretVersionLocksBulk",
			method: "DELETE", path: "/api/v2/secrets/x/versions/v1/locks_bulk",
			query:  url.Values{"name": {"lock-1"}},
			status: 200, respBody: secretLocksResp, resultType: (*SecretLocks)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewDeleteSecretVersionLocksBulkOptions("x", "v1").SetName([]string{"lock-1"})
				return otRes(s.DeleteSecretVersionLocksBulk(o.SetHeaders(h)))
			},
		},
		{
			name: "DeleteSecretVersionLocksBulk/all", op: "DeleteSecretVersionLocksBulk",
			method: "DELETE", path: "/api/v2/secrets/x/versions/v1/locks_bulk",
			status: 200, respBody: secretLocksResp, resultType: (*SecretLocks)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.DeleteSecretVersionLocksBulk(s.NewDeleteSecretVersionLocksBulkOptions("x", "v1").SetHeaders(h)))
			},
		},

		// Configurations
		{
			name: "CreateConfiguration", op: "CreateConfiguration",
			method: "POST", path: "/api/v2/configurations", contentType: "application/json",
			reqBody: `{"name":"iam-cfg","config_type":"iam_credentials_configuration","api_key":"key"}`,
			status:  201, respBody: `{"config_type":"iam_credentials_configuration","name":"iam-cfg"}`, resultType: (*IAMCredentialsConfiguration)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				p := otMust(s.NewIAMCredentialsConfigurationPrototype("iam-cfg", "iam_credentials_configuration", "key"))
				return otRes(s.CreateConfiguration(s.NewCreateConfigurationOptions(nil).SetConfigurationPrototype(p).SetHeaders(h)))
			},
		},
		{
			name: "ListConfigurations", op: "ListConfigurations",
			method: "GET", path: "/api/v2/configurations",
			query:  url.Values{"offset": {"1"}, "limit": {"20"}, "sort": {"config_type"}, "search": {"cfg"}, "secret_types": {"private_cert,custom_credentials"}},
			status: 200, respBody: `{"configurations":[],"total_count":0}`, resultType: (*ConfigurationMetadataPaginatedCollection)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewListConfigurationsOptions().SetOffset(1).SetLimit(20).SetSort("config_type").SetSearch("cfg").
					SetSecretTypes([]string{ListConfigurationsOptions_SecretTypes_PrivateCert, ListConfigurationsOptions_SecretTypes_CustomCredentials})
				return otRes(s.ListConfigurations(o.SetHeaders(h)))
			},
		},
		{
			name: "GetConfiguration", op: "GetConfiguration",
			method: "GET", path: "/api/v2/configurations/cfg",
			configType: "private_cert_configuration_root_ca",
			status:     200, respBody: `{"config_type":"private_cert_configuration_root_ca","name":"cfg"}`, resultType: (*PrivateCertificateConfigurationRootCA)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewGetConfigurationOptions("other").SetName("cfg").
					SetXSmAcceptConfigurationType(GetConfigurationOptions_XSmAcceptConfigurationType_PrivateCertConfigurationRootCa)
				return otRes(s.GetConfiguration(o.SetHeaders(h)))
			},
		},
		{
			name: "GetConfiguration/no-config-type", op: "GetConfiguration",
			method: "GET", path: "/api/v2/configurations/cfg",
			status: 200, respBody: `{"config_type":"public_cert_configuration_dns_cloud_internet_services","name":"cfg"}`,
			resultType: (*PublicCertificateConfigurationDNSCloudInternetServices)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetConfiguration(s.NewGetConfigurationOptions("cfg").SetHeaders(h)))
			},
		},
		{
			name: "UpdateConfiguration", op: "UpdateConfiguration",
			method: "PATCH", path: "/api/v2/configurations/cfg", contentType: "application/merge-patch+json",
			reqBody:    `{"api_key":"new-key"}`,
			configType: "iam_credentials_configuration",
			status:     200, respBody: `{"config_type":"iam_credentials_configuration","name":"cfg"}`, resultType: (*IAMCredentialsConfiguration)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewUpdateConfigurationOptions("cfg", nil).SetConfigurationPatch(map[string]interface{}{"api_key": "new-key"}).
					SetXSmAcceptConfigurationType(UpdateConfigurationOptions_XSmAcceptConfigurationType_IamCredentialsConfiguration)
				return otRes(s.UpdateConfiguration(o.SetHeaders(h)))
			},
		},
		{
			name: "DeleteConfiguration", op: "DeleteConfiguration",
			method: "DELETE", path: "/api/v2/configurations/cfg",
			configType: "public_cert_configuration_ca_lets_encrypt",
			status:     204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewDeleteConfigurationOptions("x").SetName("cfg").
					SetXSmAcceptConfigurationType(DeleteConfigurationOptions_XSmAcceptConfigurationType_PublicCertConfigurationCaLetsEncrypt)
				return otNoRes(s.DeleteConfiguration(o.SetHeaders(h)))
			},
		},
		{
			name: "CreateConfigurationAction", op: "CreateConfigurationAction",
			method: "POST", path: "/api/v2/configurations/cfg/actions", contentType: "application/json",
			reqBody:    `{"action_type":"private_cert_configuration_action_rotate_crl"}`,
			configType: "private_cert_configuration_intermediate_ca",
			status:     201, respBody: `{"action_type":"private_cert_configuration_action_rotate_crl"}`, resultType: (*PrivateCertificateConfigurationActionRotateCRL)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				p := otMust(s.NewPrivateCertificateConfigurationActionRotateCRLPrototype("private_cert_configuration_action_rotate_crl"))
				o := s.NewCreateConfigurationActionOptions("x", nil).SetName("cfg").SetConfigActionPrototype(p).
					SetXSmAcceptConfigurationType(CreateConfigurationActionOptions_XSmAcceptConfigurationType_PrivateCertConfigurationIntermediateCa)
				return otRes(s.CreateConfigurationAction(o.SetHeaders(h)))
			},
		},

		// Event Notifications
		{
			name: "CreateNotificationsRegistration", op: "CreateNotificationsRegistration",
			method: "POST", path: "/api/v2/notifications/registration", contentType: "application/json",
			reqBody: `{"event_notifications_instance_crn":"crn:v1:en","event_notifications_source_name":"sm","event_notifications_source_description":"desc"}`,
			status:  201, respBody: `{"event_notifications_instance_crn":"crn:v1:en"}`, resultType: (*NotificationsRegistration)(nil),
			check: func(t *testing.T, r interface{}) {
				require.Equal(t, "crn:v1:en", *r.(*NotificationsRegistration).EventNotificationsInstanceCrn)
			},
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				o := s.NewCreateNotificationsRegistrationOptions("a", "b").SetEventNotificationsInstanceCrn("crn:v1:en").
					SetEventNotificationsSourceName("sm").SetEventNotificationsSourceDescription("desc")
				return otRes(s.CreateNotificationsRegistration(o.SetHeaders(h)))
			},
		},
		{
			name: "GetNotificationsRegistration", op: "GetNotificationsRegistration",
			method: "GET", path: "/api/v2/notifications/registration",
			status: 200, respBody: `{"event_notifications_instance_crn":"crn:v1:en"}`, resultType: (*NotificationsRegistration)(nil),
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otRes(s.GetNotificationsRegistration(s.NewGetNotificationsRegistrationOptions().SetHeaders(h)))
			},
		},
		{
			name: "DeleteNotificationsRegistration", op: "DeleteNotificationsRegistration",
			method: "DELETE", path: "/api/v2/notifications/registration",
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.DeleteNotificationsRegistration(s.NewDeleteNotificationsRegistrationOptions().SetHeaders(h)))
			},
		},
		{
			name: "GetNotificationsRegistrationTest", op: "GetNotificationsRegistrationTest",
			method: "GET", path: "/api/v2/notifications/registration/test",
			status: 204,
			call: func(s *SecretsManagerV2, h map[string]string) (interface{}, *core.DetailedResponse, error) {
				return otNoRes(s.GetNotificationsRegistrationTest(s.NewGetNotificationsRegistrationTestOptions().SetHeaders(h)))
			},
		},
	}
}

func TestOperationRequests(t *testing.T) {
	require.Equal(t, "get_notifications_registration_test", otSnake("GetNotificationsRegistrationTest"))
	spec := otReadSpec(t)
	cases := otOperationCases()

	// The table covers every operation of operations.api, and only those: all 41.
	ops := map[string]bool{}
	names := map[string]bool{}
	for _, c := range cases {
		require.False(t, names[c.name], "row %s listed twice", c.name)
		names[c.name] = true
		ops[c.op] = true
	}
	require.Len(t, ops, 41)
	require.Len(t, spec, 41)
	for op := range spec {
		require.True(t, ops[op], "no row for operation %s", op)
	}

	// seen records, per operation, the query parameters, header parameters and body properties that
	// reached the server, to prove that every parameter was exercised at least once.
	seen := map[string]map[string]bool{}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			so := spec[c.op]
			require.NotNil(t, so, "operation %s is not in operations.api", c.op)
			// The row agrees with the API definition.
			require.Equal(t, so.method, c.method)
			require.Equal(t, so.status, c.status)
			require.Equal(t, so.result, c.respBody != "", "a row answers a body exactly when the operation has a result")
			require.Regexp(t, otTemplateRegexp(so.path), c.path)

			srv := NewFake(t, FixedAnswer(c.status, c.respBody))
			s := srv.Client(t)
			custom := map[string]string{"X-Test-Case": c.name}

			var (
				result interface{}
				resp   *core.DetailedResponse
				err    error
			)
			require.NotPanics(t, func() { result, resp, err = c.call(s, custom) })
			require.NoError(t, err)
			req := srv.Last(t)

			// Method, path and query.
			require.Equal(t, c.method, req.Method)
			require.Equal(t, c.path, req.EscapedPath)
			if len(c.query) == 0 {
				require.Empty(t, req.RawQuery, "no query expected")
			} else {
				got, perr := url.ParseQuery(req.RawQuery)
				require.NoError(t, perr)
				require.Equal(t, c.query, got)
			}

			// Headers.
			if c.respBody != "" {
				require.Equal(t, []string{"application/json"}, req.Header.Values("Accept"))
			} else {
				require.Empty(t, req.Header.Values("Accept"), "Accept must be absent when the operation has no result")
			}
			if c.contentType != "" {
				require.Equal(t, []string{c.contentType}, req.Header.Values("Content-Type"))
			} else {
				require.Empty(t, req.Header.Values("Content-Type"), "Content-Type must be absent without a body")
			}
			require.Empty(t, req.Header.Values("Content-Encoding"))
			ua := req.Header.Get("User-Agent")
			require.True(t, strings.HasPrefix(ua, "secrets-manager-go-sdk/"), "User-Agent %q", ua)
			require.Contains(t, ua, "lang=go")
			require.Equal(t, []string{"service_name=secrets_manager;service_version=V2;operation_id=" + otSnake(c.op)},
				req.Header.Values("X-IBMCloud-SDK-Analytics"))
			require.Equal(t, []string{c.name}, req.Header.Values("X-Test-Case"))
			if c.configType != "" {
				require.Equal(t, []string{c.configType}, req.Header.Values("X-Sm-Accept-Configuration-Type"))
			} else {
				require.Empty(t, req.Header.Values("X-Sm-Accept-Configuration-Type"))
			}

			// Body.
			if c.reqBody != "" {
				require.NotEmpty(t, req.Body)
				require.JSONEq(t, c.reqBody, string(req.Body))
			} else {
				require.Empty(t, req.Body, "no body expected")
			}

			// Response and result.
			require.NotNil(t, resp)
			require.Equal(t, c.status, resp.StatusCode)
			if c.resultType != nil {
				require.NotNil(t, result)
				require.Equal(t, reflect.TypeOf(c.resultType), reflect.TypeOf(result))
				require.False(t, reflect.ValueOf(result).IsNil(), "result must not be a typed nil")
				require.Equal(t, result, resp.Result, "response.Result holds the decoded result")
				if c.check != nil {
					c.check(t, result)
				}
			} else {
				require.Nil(t, result)
				require.Nil(t, resp.Result)
			}

			// Record what was exercised.
			m := seen[c.op]
			if m == nil {
				m = map[string]bool{}
				seen[c.op] = m
			}
			q, _ := url.ParseQuery(req.RawQuery)
			for k := range q {
				m["query:"+k] = true
			}
			if req.Header.Get("X-Sm-Accept-Configuration-Type") != "" {
				m["header:X-Sm-Accept-Configuration-Type"] = true
			}
			var body map[string]interface{}
			if len(req.Body) > 0 && json.Unmarshal(req.Body, &body) == nil {
				for k := range body {
					m["body:"+k] = true
				}
			}
		})
	}

	// Every query, header and body parameter of every operation was sent at least once, the
	// optional ones included.
	for op, so := range spec {
		for _, p := range so.params {
			switch p.in {
			case "query", "header", "body":
				require.True(t, seen[op][p.in+":"+p.name], "%s: %s parameter %s never sent by the table", op, p.in, p.name)
			}
		}
	}
}
