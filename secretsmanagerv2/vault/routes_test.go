package vault

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// recorder is a fake Vault API: it logs every login in and records the other requests, answering
// each with an empty envelope (or what answer returns).
type recorder struct {
	*httptest.Server
	mu     sync.Mutex
	got    []wireRequest
	logins int
	answer func(r *http.Request, body []byte) (int, string)
}

func newRecorder(t *testing.T) *recorder {
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		answer := rec.answer
		if r.URL.Path == "/v1/auth/ibmcloud/login" {
			rec.logins++
			n := rec.logins
			rec.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"request_id":"r","auth":{"client_token":"s.token-`+itoa(n)+`","lease_duration":3600,"renewable":true}}`)
			return
		}
		rec.got = append(rec.got, wireRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b), r.Header.Get("X-Vault-Token")})
		rec.mu.Unlock()
		status, body := http.StatusOK, `{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":{},"wrap_info":null,"warnings":null,"auth":null}`
		if answer != nil {
			status, body = answer(r, b)
		}
		if body == "" {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func (rec *recorder) requests() []wireRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]wireRequest(nil), rec.got...)
}

func (rec *recorder) loginCount() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.logins
}

func newTestClient(t *testing.T, url string) *Client {
	t.Helper()
	c, err := NewClient(&Options{URL: url, Authenticator: &core.BearerTokenAuthenticator{BearerToken: "iam-token"}})
	require.NoError(t, err)
	return c
}

// TestEveryRouteOnTheWire calls every route of Routes once and checks what reaches the server:
// the method, the path with its parameters filled in, and the body.
func TestEveryRouteOnTheWire(t *testing.T) {
	const gid, id, ver = "grp-1", "sec-1", "ver-1"
	lockBody := &LockRequest{Locks: []LockSpec{{Name: core.StringPtr("lock-1")}}}
	unlockBody := &UnlockRequest{Locks: []string{"*"}}
	cfg := &Configuration{Name: core.StringPtr("ca-1"), Type: core.StringPtr("letsencrypt")}
	type tc struct {
		op, path, body string
		call           func(ctx context.Context, c *Client) error
	}
	ignore := func(_ interface{}, err error) error { return err }
	cases := []tc{
		{"configure_login", "/v1/auth/ibmcloud/manage/login", `{"token_ttl":"30m"}`, func(ctx context.Context, c *Client) error {
			return c.ConfigureLogin(ctx, &LoginConfig{TokenTTL: core.StringPtr("30m")})
		}},
		{"get_login_config", "/v1/auth/ibmcloud/manage/login", "", func(ctx context.Context, c *Client) error { return ignore(c.GetLoginConfig(ctx)) }},
		{"create_secret_group", "/v1/auth/ibmcloud/manage/groups", `{"name":"g"}`, func(ctx context.Context, c *Client) error {
			return ignore(c.CreateSecretGroup(ctx, &SecretGroupRequest{Name: core.StringPtr("g")}))
		}},
		{"list_secret_groups", "/v1/auth/ibmcloud/manage/groups", "", func(ctx context.Context, c *Client) error { return ignore(c.ListSecretGroups(ctx)) }},
		{"get_secret_group", "/v1/auth/ibmcloud/manage/groups/grp-1", "", func(ctx context.Context, c *Client) error { return ignore(c.GetSecretGroup(ctx, gid)) }},
		{"update_secret_group", "/v1/auth/ibmcloud/manage/groups/grp-1", `{"description":"d"}`, func(ctx context.Context, c *Client) error {
			return ignore(c.UpdateSecretGroup(ctx, gid, &SecretGroupRequest{Description: core.StringPtr("d")}))
		}},
		{"delete_secret_group", "/v1/auth/ibmcloud/manage/groups/grp-1", "", func(ctx context.Context, c *Client) error { return ignore(c.DeleteSecretGroup(ctx, gid)) }},
		{"get_config", "/v1/ibmcloud/iam_credentials/config/root", "", func(ctx context.Context, c *Client) error { return ignore(c.GetConfig(ctx, IAMCredentials)) }},
		{"set_config", "/v1/ibmcloud/iam_credentials/config/root", `{"api_key":"k"}`, func(ctx context.Context, c *Client) error {
			return ignore(c.SetConfig(ctx, IAMCredentials, &EngineConfig{APIKey: core.StringPtr("k")}))
		}},
		{"add_configuration", "/v1/ibmcloud/private_cert/config/certificate_templates", `{"name":"ca-1","type":"letsencrypt"}`, func(ctx context.Context, c *Client) error {
			return ignore(c.AddConfiguration(ctx, PrivateCert, CertificateTemplates, cfg))
		}},
		{"update_configuration", "/v1/ibmcloud/public_cert/config/certificate_authorities", `{"name":"ca-1","type":"letsencrypt"}`, func(ctx context.Context, c *Client) error {
			return ignore(c.UpdateConfiguration(ctx, PublicCert, CertificateAuthorities, cfg))
		}},
		{"delete_configuration", "/v1/ibmcloud/public_cert/config/dns_providers/cis-1", "", func(ctx context.Context, c *Client) error {
			return c.DeleteConfiguration(ctx, PublicCert, DNSProviders, "cis-1")
		}},
	}
	// The routes of a secret, in the default group and in grp-1.
	for _, group := range []string{"", gid} {
		suffix, seg := "", ""
		if group != "" {
			suffix, seg = "_in_group", "/groups/grp-1"
		}
		kv := func(c *Client) *Secrets[KVSecret, CreateKVRequest, RotateKVRequest] { return c.KV().InGroup(group) }
		iam := func(c *Client) *Secrets[IAMCredentialsSecret, CreateIAMCredentialsRequest, RotateIAMCredentialsRequest] {
			return c.IAMCredentials().InGroup(group)
		}
		cases = append(cases,
			tc{"create_secret" + suffix, "/v1/ibmcloud/kv/secrets" + seg, `{"name":"n","payload":{"a":"b"}}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).Create(ctx, &CreateKVRequest{Name: core.StringPtr("n"), Payload: map[string]interface{}{"a": "b"}}))
			}},
			tc{"create_iam_credentials" + suffix, "/v1/ibmcloud/iam_credentials/roles" + seg + "/app%2Fkey", `{"name":"app/key","ttl":"1h"}`, func(ctx context.Context, c *Client) error {
				return ignore(iam(c).Create(ctx, &CreateIAMCredentialsRequest{Name: core.StringPtr("app/key"), TTL: DurationString("1h")}))
			}},
			tc{"list_secrets" + suffix, "/v1/ibmcloud/kv/secrets" + seg, "", func(ctx context.Context, c *Client) error { return ignore(kv(c).List(ctx)) }},
			tc{"get_secret" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1", "", func(ctx context.Context, c *Client) error { return ignore(kv(c).Get(ctx, id)) }},
			tc{"get_iam_credentials" + suffix, "/v1/ibmcloud/iam_credentials/creds" + seg + "/sec-1", "", func(ctx context.Context, c *Client) error { return ignore(iam(c).Get(ctx, id)) }},
			tc{"get_secret_metadata" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1/metadata", "", func(ctx context.Context, c *Client) error {
				return ignore(kv(c).GetMetadata(ctx, id))
			}},
			tc{"update_secret_metadata" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1/metadata", `{"name":"m"}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).UpdateMetadata(ctx, id, &UpdateMetadataRequest{Name: core.StringPtr("m")}))
			}},
			tc{"rotate_secret" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1/rotate", `{"payload":{"a":"c"}}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).Rotate(ctx, id, &RotateKVRequest{Payload: map[string]interface{}{"a": "c"}}))
			}},
			tc{"delete_secret" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1", "", func(ctx context.Context, c *Client) error { return ignore(kv(c).Delete(ctx, id)) }},
			tc{"list_secret_locks" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1", "", func(ctx context.Context, c *Client) error {
				return ignore(kv(c).ListLocks(ctx, id, nil))
			}},
			tc{"lock_secret" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/lock", `{"locks":[{"name":"lock-1"}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).Lock(ctx, id, lockBody, LockDefault))
			}},
			tc{"lock_secret_exclusive" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/lock_exclusive", `{"locks":[{"name":"lock-1"}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).Lock(ctx, id, lockBody, LockExclusive))
			}},
			tc{"lock_secret_exclusive_delete" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/lock_exclusive_delete", `{"locks":[{"name":"lock-1"}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).Lock(ctx, id, lockBody, LockExclusiveDelete))
			}},
			tc{"unlock_secret" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/unlock", `{"locks":["*"]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).Unlock(ctx, id, unlockBody))
			}},
			tc{"list_secret_version_locks" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/versions/ver-1", "", func(ctx context.Context, c *Client) error {
				return ignore(kv(c).ListVersionLocks(ctx, id, ver, nil))
			}},
			tc{"lock_secret_version" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/versions/ver-1/lock", `{"locks":[{"name":"lock-1"}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).LockVersion(ctx, id, ver, lockBody, LockDefault))
			}},
			tc{"lock_secret_version_exclusive" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/versions/ver-1/lock_exclusive", `{"locks":[{"name":"lock-1"}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).LockVersion(ctx, id, ver, lockBody, LockExclusive))
			}},
			tc{"lock_secret_version_exclusive_delete" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/versions/ver-1/lock_exclusive_delete", `{"locks":[{"name":"lock-1"}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).LockVersion(ctx, id, ver, lockBody, LockExclusiveDelete))
			}},
			tc{"unlock_secret_version" + suffix, "/v1/ibmcloud/kv/locks" + seg + "/sec-1/versions/ver-1/unlock", `{"locks":["*"]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).UnlockVersion(ctx, id, ver, unlockBody))
			}},
			tc{"set_secret_policies" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1/policies", `{"policies":[{"type":"` + PolicyType + `","rotation":{"interval":1,"unit":"month"}}]}`, func(ctx context.Context, c *Client) error {
				return ignore(kv(c).SetPolicies(ctx, id, &PolicyRequest{Policies: []Policy{{Type: core.StringPtr(PolicyType), Rotation: &RotationPolicy{Interval: i64(1), Unit: core.StringPtr("month")}}}}))
			}},
			tc{"get_secret_policies" + suffix, "/v1/ibmcloud/kv/secrets" + seg + "/sec-1/policies", "", func(ctx context.Context, c *Client) error {
				return ignore(kv(c).GetPolicies(ctx, id))
			}},
		)
	}

	rec := newRecorder(t)
	c := newTestClient(t, rec.URL)
	covered := map[string]bool{"login": true} // every call logs in first
	for _, k := range cases {
		t.Run(k.op, func(t *testing.T) {
			before := len(rec.requests())
			require.NoError(t, k.call(context.Background(), c))
			got := rec.requests()[before:]
			require.Len(t, got, 1)
			route := routeByOperation[k.op]
			require.Equal(t, route.Method, got[0].method)
			require.Equal(t, k.path, got[0].path)
			if k.body == "" {
				require.Empty(t, got[0].body)
			} else {
				require.JSONEq(t, k.body, got[0].body)
			}
			require.Equal(t, "s.token-1", got[0].token)
			covered[k.op] = true
		})
	}
	for _, r := range Routes() {
		require.True(t, covered[r.Operation], "route %s %s is tested on the wire", r.Method, r.Path)
	}
	require.Len(t, Routes(), 55, "the README states the number of routes")
	require.Equal(t, 1, rec.loginCount())
}

func TestRoutesAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, r := range Routes() {
		key := r.Method + " " + r.Path
		require.Empty(t, seen[key], "%s is the route of %s and %s", key, seen[key], r.Operation)
		seen[key] = r.Operation
	}
	rs := Routes()
	rs[0].Path = "changed"
	require.NotEqual(t, "changed", Routes()[0].Path, "Routes returns a copy")
}

func TestEmptyPathParameterIsInvalidInput(t *testing.T) {
	rec := newRecorder(t)
	c := newTestClient(t, rec.URL)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"group":        func() error { _, err := c.GetSecretGroup(ctx, ""); return err },
		"secret":       func() error { _, err := c.KV().Get(ctx, ""); return err },
		"version":      func() error { _, err := c.KV().ListVersionLocks(ctx, "id", "", nil); return err },
		"config name":  func() error { return c.DeleteConfiguration(ctx, PublicCert, DNSProviders, "") },
		"iam name":     func() error { _, err := c.IAMCredentials().Create(ctx, &CreateIAMCredentialsRequest{}); return err },
		"nil body":     func() error { _, err := c.KV().Create(ctx, nil); return err },
		"lock mode":    func() error { _, err := c.KV().Lock(ctx, "id", &LockRequest{}, "lock_forever"); return err },
		"limit":        func() error { _, err := c.KV().ListLocks(ctx, "id", &ListLocksOptions{Limit: i64(0)}); return err },
		"offset":       func() error { _, err := c.KV().ListLocks(ctx, "id", &ListLocksOptions{Offset: i64(-1)}); return err },
		"login config": func() error { return c.ConfigureLogin(ctx, nil) },
	} {
		err := call()
		require.ErrorIs(t, err, sm.ErrInvalidInput, name)
	}
	require.Empty(t, rec.requests(), "no request is sent for invalid input")
	var apiErr *sm.APIError
	require.False(t, errors.As(c.ConfigureLogin(ctx, nil), &apiErr))
}

func TestPathParametersStayOneSegment(t *testing.T) {
	rec := newRecorder(t)
	c := newTestClient(t, rec.URL)
	for _, id := range []string{"..", ".", "a/b", "a?b#c", "100%"} {
		_, err := c.Arbitrary().Get(context.Background(), id)
		require.NoError(t, err)
	}
	var paths []string
	for _, r := range rec.requests() {
		paths = append(paths, r.path)
	}
	require.Equal(t, []string{
		"/v1/ibmcloud/arbitrary/secrets/%2E%2E", "/v1/ibmcloud/arbitrary/secrets/%2E",
		"/v1/ibmcloud/arbitrary/secrets/a%2Fb", "/v1/ibmcloud/arbitrary/secrets/a%3Fb%23c",
		"/v1/ibmcloud/arbitrary/secrets/100%25",
	}, paths)
}
