package vault

import (
	"fmt"
	"strings"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// Route is one route of the Vault-compatible API: an HTTP method and a path template whose
// {parameters} the client fills in, named by the operation that uses it.
type Route struct {
	// Operation names the route in errors, such as "get_secret_in_group".
	Operation string
	// Method is the HTTP method.
	Method string
	// Path is the path template, such as "/v1/ibmcloud/{secret_type}/secrets/{id}".
	Path string
}

// routes is the API, once, as data: the client sends every request through one of these rows,
// and the tests check every row on the wire. A route of a secret exists in the default secret
// group and, with /groups/{group_id}, in a given group: both rows are listed.
var routes = func() []Route {
	r := []Route{
		{"login", "PUT", "/v1/auth/ibmcloud/login"},
		{"configure_login", "PUT", "/v1/auth/ibmcloud/manage/login"},
		{"get_login_config", "GET", "/v1/auth/ibmcloud/manage/login"},
		{"create_secret_group", "POST", "/v1/auth/ibmcloud/manage/groups"},
		{"list_secret_groups", "GET", "/v1/auth/ibmcloud/manage/groups"},
		{"get_secret_group", "GET", "/v1/auth/ibmcloud/manage/groups/{group_id}"},
		{"update_secret_group", "PUT", "/v1/auth/ibmcloud/manage/groups/{group_id}"},
		{"delete_secret_group", "DELETE", "/v1/auth/ibmcloud/manage/groups/{group_id}"},
	}
	// The routes of a secret: {group} is replaced by nothing for the default group and by
	// /groups/{group_id} for a given one; {id} is a secret ID (or, to get a secret, its name).
	perGroup := []Route{
		{"create_secret", "POST", "/v1/ibmcloud/{secret_type}/secrets{group}"},
		{"create_iam_credentials", "POST", "/v1/ibmcloud/iam_credentials/roles{group}/{secret_name}"},
		{"list_secrets", "GET", "/v1/ibmcloud/{secret_type}/secrets{group}"},
		{"get_secret", "GET", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}"},
		{"get_iam_credentials", "GET", "/v1/ibmcloud/iam_credentials/creds{group}/{id}"},
		{"get_secret_metadata", "GET", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}/metadata"},
		{"update_secret_metadata", "PUT", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}/metadata"},
		{"rotate_secret", "POST", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}/rotate"},
		{"delete_secret", "DELETE", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}"},
		{"list_secret_locks", "GET", "/v1/ibmcloud/{secret_type}/locks{group}/{id}"},
		{"lock_secret", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/lock"},
		{"lock_secret_exclusive", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/lock_exclusive"},
		{"lock_secret_exclusive_delete", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/lock_exclusive_delete"},
		{"unlock_secret", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/unlock"},
		{"list_secret_version_locks", "GET", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/versions/{version_id}"},
		{"lock_secret_version", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/versions/{version_id}/lock"},
		{"lock_secret_version_exclusive", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/versions/{version_id}/lock_exclusive"},
		{"lock_secret_version_exclusive_delete", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/versions/{version_id}/lock_exclusive_delete"},
		{"unlock_secret_version", "POST", "/v1/ibmcloud/{secret_type}/locks{group}/{id}/versions/{version_id}/unlock"},
		{"set_secret_policies", "PUT", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}/policies"},
		{"get_secret_policies", "GET", "/v1/ibmcloud/{secret_type}/secrets{group}/{id}/policies"},
	}
	for _, g := range perGroup {
		r = append(r,
			Route{g.Operation, g.Method, strings.Replace(g.Path, "{group}", "", 1)},
			Route{g.Operation + "_in_group", g.Method, strings.Replace(g.Path, "{group}", "/groups/{group_id}", 1)})
	}
	return append(r,
		Route{"get_config", "GET", "/v1/ibmcloud/{secret_type}/config/root"},
		Route{"set_config", "PUT", "/v1/ibmcloud/{secret_type}/config/root"},
		Route{"add_configuration", "POST", "/v1/ibmcloud/{secret_type}/config/{config_type}"},
		Route{"update_configuration", "PUT", "/v1/ibmcloud/{secret_type}/config/{config_type}"},
		Route{"delete_configuration", "DELETE", "/v1/ibmcloud/{secret_type}/config/{config_type}/{config_name}"},
	)
}()

var routeByOperation = func() map[string]Route {
	m := make(map[string]Route, len(routes))
	for _, r := range routes {
		if _, dup := m[r.Operation]; dup {
			panic("vault: route " + r.Operation + " twice")
		}
		m[r.Operation] = r
	}
	return m
}()

// Routes returns every route the client covers, in a fixed order (a copy: changing it changes
// nothing). Each is a distinct method and path template; a route of a secret is listed once for
// the default secret group and once for a given group.
func Routes() []Route {
	return append([]Route(nil), routes...)
}

// expand fills in the parameters of a path template. An empty or missing parameter is an input
// error: it would change the route.
func expand(r Route, params map[string]string) (string, error) {
	var b strings.Builder
	rest := r.Path
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		j := strings.IndexByte(rest[i:], '}') + i
		name := rest[i+1 : j]
		v := params[name]
		if v == "" {
			return "", fmt.Errorf("vault %s: %w: the %s must not be empty", r.Operation, sm.ErrInvalidInput, strings.ReplaceAll(name, "_", " "))
		}
		b.WriteString(rest[:i])
		b.WriteString(transport.PathEscape(v))
		rest = rest[j+1:]
	}
}
