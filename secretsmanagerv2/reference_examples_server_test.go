package secretsmanagerv2_test

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// The script of the FakeServer (fake_test.go) that the reference examples (reference_examples_test.go)
// talk to. It knows one route per operation, checks the request (method, path, path parameters, query,
// headers, body) and answers with the example response of the API reference in testdata/responses.
// Anything else gets a 404 (or a 400 for a route whose request is wrong) with an error body, so a
// wrong request makes the example panic.

// refExampleRoute is one operation of the fake server.
type refExampleRoute struct {
	operation string
	pattern   string // "METHOD /path/{wildcard}": a wildcard matches one path segment
	status    int
	file      string            // response body, in testdata/responses; "" for none
	dropNext  bool              // remove "next" from the listing so that a pager stops
	params    map[string]string // expected values of the path wildcards
	query     map[string]string // expected query parameters (others are allowed)
	headers   map[string]string // expected request headers
}

func refExampleRoutes() []refExampleRoute {
	secret := map[string]string{"id": secretIdForGetSecretLink}
	version := map[string]string{"secret_id": secretIdForGetSecretLink, "id": secretVersionIdForGetSecretVersionLink}
	versionOf := map[string]string{"secret_id": secretIdForGetSecretLink}
	group := map[string]string{"id": secretGroupIdForGetSecretGroupLink}
	config := map[string]string{"name": configurationNameForGetConfigurationLink}
	rootCA := map[string]string{"X-Sm-Accept-Configuration-Type": "private_cert_configuration_root_ca"}
	return []refExampleRoute{
		// Secret groups.
		{operation: "CreateSecretGroup", pattern: "POST /api/v2/secret_groups", status: 201, file: "01_CreateSecretGroup_secret_group.json"},
		{operation: "ListSecretGroups", pattern: "GET /api/v2/secret_groups", status: 200, file: "02_ListSecretGroups_secret_group_collection.json"},
		{operation: "GetSecretGroup", pattern: "GET /api/v2/secret_groups/{id}", status: 200, file: "01_CreateSecretGroup_secret_group.json", params: group},
		{operation: "UpdateSecretGroup", pattern: "PATCH /api/v2/secret_groups/{id}", status: 200, file: "01_CreateSecretGroup_secret_group.json", params: group},
		{operation: "DeleteSecretGroup", pattern: "DELETE /api/v2/secret_groups/{id}", status: 204, params: group},

		// Secrets.
		{operation: "CreateSecret", pattern: "POST /api/v2/secrets", status: 201, file: "03_CreateSecret_arbitrary.json"},
		{operation: "ListSecrets", pattern: "GET /api/v2/secrets", status: 200, file: "11_ListSecrets_secret_metadata_collection.json", dropNext: true,
			query: map[string]string{"limit": "10", "sort": "created_at", "search": "example", "groups": "default,cac40995-c37a-4dcb-9506-472869077634", "secret_types": "arbitrary,kv", "match_all_labels": "dev,us-south"}},
		{operation: "GetSecret", pattern: "GET /api/v2/secrets/{id}", status: 200, file: "12_GetSecret_iam_credentials_service_id.json", params: secret},
		{operation: "DeleteSecret", pattern: "DELETE /api/v2/secrets/{id}", status: 204, params: secret},
		{operation: "GetSecretMetadata", pattern: "GET /api/v2/secrets/{id}/metadata", status: 200, file: "14_GetSecretMetadata_arbitrary_metadata.json", params: secret},
		{operation: "UpdateSecretMetadata", pattern: "PATCH /api/v2/secrets/{id}/metadata", status: 200, file: "22_UpdateSecretMetadata_username_password_metadata.json", params: secret},
		{operation: "CreateSecretAction", pattern: "POST /api/v2/secrets/{id}/actions", status: 201, file: "23_CreateSecretAction_private_cert_revoke.json", params: secret},
		{operation: "GetSecretByNameType", pattern: "GET /api/v2/secret_groups/{secret_group_name}/secret_types/{secret_type}/secrets/{name}", status: 200, file: "03_CreateSecret_arbitrary.json",
			params: map[string]string{"secret_group_name": "default", "secret_type": "arbitrary", "name": secretNameLink}},

		// Secret versions.
		{operation: "CreateSecretVersion", pattern: "POST /api/v2/secrets/{secret_id}/versions", status: 201, file: "25_CreateSecretVersion_arbitrary_version.json", params: versionOf},
		{operation: "ListSecretVersions", pattern: "GET /api/v2/secrets/{secret_id}/versions", status: 200, file: "33_ListSecretVersions_secret_version_metadata_collection.json", params: versionOf},
		{operation: "GetSecretVersion", pattern: "GET /api/v2/secrets/{secret_id}/versions/{id}", status: 200, file: "25_CreateSecretVersion_arbitrary_version.json", params: version},
		{operation: "DeleteSecretVersionData", pattern: "DELETE /api/v2/secrets/{secret_id}/versions/{id}/secret_data", status: 204, params: version},
		{operation: "GetSecretVersionMetadata", pattern: "GET /api/v2/secrets/{secret_id}/versions/{id}/metadata", status: 200, file: "34_GetSecretVersionMetadata_arbitrary_version_metadata.json", params: version},
		{operation: "UpdateSecretVersionMetadata", pattern: "PATCH /api/v2/secrets/{secret_id}/versions/{id}/metadata", status: 200, file: "34_GetSecretVersionMetadata_arbitrary_version_metadata.json", params: version},
		// The reference has no example answer of a version action: a private_cert revoke action
		// of a version has the same JSON as the one of a secret.
		{operation: "CreateSecretVersionAction", pattern: "POST /api/v2/secrets/{secret_id}/versions/{id}/actions", status: 201, file: "23_CreateSecretAction_private_cert_revoke.json", params: version},

		// Locks.
		{operation: "ListSecretsLocks", pattern: "GET /api/v2/secrets_locks", status: 200, file: "42_ListSecretsLocks_secrets_locks_collection.json", dropNext: true,
			query: map[string]string{"limit": "10", "search": "example", "groups": "default,cac40995-c37a-4dcb-9506-472869077634"}},
		{operation: "ListSecretLocks", pattern: "GET /api/v2/secrets/{id}/locks", status: 200, file: "43_ListSecretLocks_secret_locks_collection.json", dropNext: true, params: secret,
			query: map[string]string{"limit": "10", "sort": "name", "search": "example"}},
		{operation: "CreateSecretLocksBulk", pattern: "POST /api/v2/secrets/{id}/locks_bulk", status: 201, file: "44_CreateSecretLocksBulk_secret_locks.json", params: secret},
		{operation: "DeleteSecretLocksBulk", pattern: "DELETE /api/v2/secrets/{id}/locks_bulk", status: 200, file: "44_CreateSecretLocksBulk_secret_locks.json", params: secret,
			query: map[string]string{"name": "lock-example-1"}},
		{operation: "ListSecretVersionLocks", pattern: "GET /api/v2/secrets/{secret_id}/versions/{id}/locks", status: 200, file: "45_ListSecretVersionLocks_secret_version_locks_collection.json", dropNext: true, params: version,
			query: map[string]string{"limit": "10", "sort": "name", "search": "example"}},
		{operation: "CreateSecretVersionLocksBulk", pattern: "POST /api/v2/secrets/{secret_id}/versions/{id}/locks_bulk", status: 201, file: "44_CreateSecretLocksBulk_secret_locks.json", params: version},
		{operation: "DeleteSecretVersionLocksBulk", pattern: "DELETE /api/v2/secrets/{secret_id}/versions/{id}/locks_bulk", status: 200, file: "44_CreateSecretLocksBulk_secret_locks.json", params: version,
			query: map[string]string{"name": "lock-example-1"}},

		// Configurations.
		{operation: "CreateConfiguration", pattern: "POST /api/v2/configurations", status: 201, file: "46_CreateConfiguration_private_cert_root_ca.json"},
		{operation: "ListConfigurations", pattern: "GET /api/v2/configurations", status: 200, file: "53_ListConfigurations_configuration_metadata_collection.json", dropNext: true,
			query: map[string]string{"limit": "10", "sort": "config_type", "search": "example"}},
		{operation: "GetConfiguration", pattern: "GET /api/v2/configurations/{name}", status: 200, file: "46_CreateConfiguration_private_cert_root_ca.json", params: config, headers: rootCA},
		// The reference example patches an IAM credentials configuration (while it sends the
		// private_cert_configuration_root_ca header): answer with the IAM credentials one.
		{operation: "UpdateConfiguration", pattern: "PATCH /api/v2/configurations/{name}", status: 200, file: "52_CreateConfiguration_iam_credentials_config.json", params: config, headers: rootCA},
		{operation: "DeleteConfiguration", pattern: "DELETE /api/v2/configurations/{name}", status: 204, params: config, headers: rootCA},
		{operation: "CreateConfigurationAction", pattern: "POST /api/v2/configurations/{name}/actions", status: 201, file: "54_CreateConfigurationAction_rotate_crl.json", params: config, headers: rootCA},

		// Notifications.
		{operation: "CreateNotificationsRegistration", pattern: "POST /api/v2/notifications/registration", status: 201, file: "59_CreateNotificationsRegistration_notifications_registration.json"},
		{operation: "GetNotificationsRegistration", pattern: "GET /api/v2/notifications/registration", status: 200, file: "59_CreateNotificationsRegistration_notifications_registration.json"},
		{operation: "DeleteNotificationsRegistration", pattern: "DELETE /api/v2/notifications/registration", status: 204},
		{operation: "GetNotificationsRegistrationTest", pattern: "GET /api/v2/notifications/registration/test", status: 204},
	}
}

// refExampleError is an error answer in the shape of the API's.
func refExampleError(status int, code, format string, args ...interface{}) secretsmanagerv2.FakeAnswer {
	body, err := json.Marshal(map[string]interface{}{
		"status_code": status,
		"trace":       "00000000-0000-0000-0000-000000000000",
		"errors": []map[string]string{{
			"code":      code,
			"message":   fmt.Sprintf(format, args...),
			"more_info": "https://cloud.ibm.com/apidocs/secrets-manager",
		}},
	})
	if err != nil {
		panic(err)
	}
	return secretsmanagerv2.FakeAnswer{Status: status, Body: string(body)}
}

// refExampleBody loads a response body of testdata/responses, without "next" if asked.
func refExampleBody(file string, dropNext bool) []byte {
	body, err := os.ReadFile(filepath.Join("testdata", "responses", file))
	if err != nil {
		panic(err)
	}
	if dropNext {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			panic(fmt.Errorf("%s: %w", file, err))
		}
		delete(fields, "next")
		if body, err = json.Marshal(fields); err != nil {
			panic(err)
		}
	}
	return body
}

// match reports whether a request of method for the escaped path is the route's, and the
// values of the path's wildcards.
func (route refExampleRoute) match(method, escapedPath string) (map[string]string, bool) {
	wantMethod, pattern, _ := strings.Cut(route.pattern, " ")
	want, got := strings.Split(pattern, "/"), strings.Split(escapedPath, "/")
	if method != wantMethod || len(want) != len(got) {
		return nil, false
	}
	params := map[string]string{}
	for i, w := range want {
		if name, ok := strings.CutPrefix(w, "{"); ok {
			value, err := url.PathUnescape(got[i])
			if err != nil || value == "" {
				return nil, false
			}
			params[strings.TrimSuffix(name, "}")] = value
		} else if w != got[i] {
			return nil, false
		}
	}
	return params, true
}

// check returns what is wrong with a request that matched the route.
func (route refExampleRoute) check(r secretsmanagerv2.FakeRequest, params map[string]string) error {
	for name, want := range route.params {
		if got := params[name]; got != want {
			return fmt.Errorf("path parameter %s: got %q, want %q", name, got, want)
		}
	}
	query, err := url.ParseQuery(r.RawQuery)
	if err != nil {
		return err
	}
	for name, want := range route.query {
		if got := query.Get(name); got != want {
			return fmt.Errorf("query parameter %s: got %q, want %q", name, got, want)
		}
	}
	for name, want := range route.headers {
		if got := r.Header.Get(name); got != want {
			return fmt.Errorf("header %s: got %q, want %q", name, got, want)
		}
	}
	if route.file != "" {
		if accept := r.Header.Get("Accept"); !strings.Contains(accept, "application/json") {
			return fmt.Errorf("header Accept: got %q, want application/json", accept)
		}
	}
	switch r.Method {
	case http.MethodPost, http.MethodPatch:
		wantType := "application/json"
		if r.Method == http.MethodPatch {
			wantType = "application/merge-patch+json"
		}
		if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != wantType {
			return fmt.Errorf("header Content-Type: got %q, want %s", r.Header.Get("Content-Type"), wantType)
		}
		var object map[string]interface{}
		if err := json.Unmarshal(r.Body, &object); err != nil {
			return fmt.Errorf("the body is not a JSON object: %v: %q", err, r.Body)
		}
	default:
		if len(r.Body) != 0 {
			return fmt.Errorf("unexpected body: %q", r.Body)
		}
	}
	return nil
}

// refExampleScript is the script of the fake server: the answer of the route a request matches,
// a 400 when the request is not what the route expects, a 404 when no route matches.
func refExampleScript() secretsmanagerv2.FakeScript {
	routes := refExampleRoutes()
	bodies := make([]string, len(routes))
	for i, route := range routes {
		if route.file != "" {
			bodies[i] = string(refExampleBody(route.file, route.dropNext))
		}
	}
	return func(r secretsmanagerv2.FakeRequest) secretsmanagerv2.FakeAnswer {
		for i, route := range routes {
			params, ok := route.match(r.Method, r.EscapedPath)
			if !ok {
				continue
			}
			if err := route.check(r, params); err != nil {
				return refExampleError(http.StatusBadRequest, "bad_request", "%s (%s %s): %v", route.operation, r.Method, r.RequestURI, err)
			}
			return secretsmanagerv2.FakeAnswer{Status: route.status, Body: bodies[i]}
		}
		return refExampleError(http.StatusNotFound, "not_found", "no operation for %s %s", r.Method, r.EscapedPath)
	}
}

var (
	refExampleServerOnce sync.Once
	refExampleServer     *secretsmanagerv2.FakeServer // shared by all the examples, never closed
)

// refExampleService returns a client of the fake server, as the reference examples' setup would
// return one of a real instance.
func refExampleService() *secretsmanagerv2.SecretsManagerV2 {
	refExampleServerOnce.Do(func() {
		refExampleServer = secretsmanagerv2.StartFake(refExampleScript()).WithoutRecording()
	})
	service, err := secretsmanagerv2.NewSecretsManagerV2(&secretsmanagerv2.SecretsManagerV2Options{
		URL:           refExampleServer.URL + "/api",
		Authenticator: &core.NoAuthAuthenticator{},
	})
	if err != nil {
		panic(err)
	}
	return service
}
