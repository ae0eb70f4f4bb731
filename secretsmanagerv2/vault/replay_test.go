package vault

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// The values the replay gives the placeholders of the document's paths and bodies.
var placeholders = map[string]string{
	"{group_id}":                 "d2e98a96-18ed-f13c-8dee-db955fb94122",
	"{secret_id}":                "c86946e6-b392-2613-159d-aff5a3f095b3",
	"{secret_id_or_secret_name}": "test-secret-name",
	"{version_id}":               "ad6aa6d9-b43c-4bc3-597d-15c376622e64",
	"{secret_type}":              "arbitrary",
	"{limit}":                    "10",
	"{offset}":                   "20",
	"{IAM_token}":                "iam-access-token-for-the-replay",
}

func fill(s string) string {
	for k, v := range placeholders {
		s = strings.ReplaceAll(s, k, v)
	}
	return s
}

// decodeBody decodes a document request body into its typed model.
func decodeBody[T any](t *testing.T, body string) *T {
	t.Helper()
	v := new(T)
	require.NoError(t, json.Unmarshal([]byte(body), v), "the typed model reads the document's request body")
	return v
}

func i64(v int64) *int64 { return &v }

// replayCase is what the client does with one request example of the document: the call, and
// the document's example answer (by index) the fake server gives back; -1 answers 204 No Content.
type replayCase struct {
	answer int
	call   func(t *testing.T, ctx context.Context, c *Client, body string) (interface{}, error)
}

var (
	g   = placeholders["{group_id}"]
	sid = placeholders["{secret_id}"]
	snm = placeholders["{secret_id_or_secret_name}"]
	vid = placeholders["{version_id}"]
)

// replayCases follows the document's request examples, in order.
var replayCases = []replayCase{
	{0, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) { return c.Login(ctx) }},
	{-1, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return nil, c.ConfigureLogin(ctx, decodeBody[LoginConfig](t, b))
	}},
	{1, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.GetLoginConfig(ctx)
	}},
	{2, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.CreateSecretGroup(ctx, decodeBody[SecretGroupRequest](t, b))
	}},
	{3, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.ListSecretGroups(ctx)
	}},
	{4, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.UpdateSecretGroup(ctx, g, decodeBody[SecretGroupRequest](t, b))
	}},
	{5, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.GetSecretGroup(ctx, g)
	}},
	{6, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.DeleteSecretGroup(ctx, g)
	}},
	// Create a secret.
	{7, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().Create(ctx, decodeBody[CreateArbitraryRequest](t, b))
	}},
	{8, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).Create(ctx, decodeBody[CreateArbitraryRequest](t, b))
	}},
	{9, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.IAMCredentials().Create(ctx, decodeBody[CreateIAMCredentialsRequest](t, b))
	}},
	{10, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.IAMCredentials().InGroup(g).Create(ctx, decodeBody[CreateIAMCredentialsRequest](t, b))
	}},
	{11, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.KV().Create(ctx, decodeBody[CreateKVRequest](t, b))
	}},
	{12, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.KV().InGroup(g).Create(ctx, decodeBody[CreateKVRequest](t, b))
	}},
	{13, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.UsernamePassword().Create(ctx, decodeBody[CreateUsernamePasswordRequest](t, b))
	}},
	{14, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).Create(ctx, decodeBody[CreateUsernamePasswordRequest](t, b))
	}},
	{15, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.ImportedCert().Create(ctx, decodeBody[CreateImportedCertRequest](t, b))
	}},
	{16, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.ImportedCert().InGroup(g).Create(ctx, decodeBody[CreateImportedCertRequest](t, b))
	}},
	// The document shows no answer to a certificate order: the imported certificate's stands in.
	{15, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.PublicCert().Create(ctx, decodeBody[CreatePublicCertRequest](t, b))
	}},
	{16, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.PublicCert().InGroup(g).Create(ctx, decodeBody[CreatePublicCertRequest](t, b))
	}},
	{15, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.PrivateCert().Create(ctx, decodeBody[CreatePrivateCertRequest](t, b))
	}},
	{16, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.PrivateCert().InGroup(g).Create(ctx, decodeBody[CreatePrivateCertRequest](t, b))
	}},
	{17, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.ServiceCredentials().Create(ctx, decodeBody[CreateServiceCredentialsRequest](t, b))
	}},
	// Get a secret.
	{18, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().Get(ctx, snm)
	}},
	{19, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).Get(ctx, snm)
	}},
	{20, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.IAMCredentials().Get(ctx, snm)
	}},
	{21, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.IAMCredentials().InGroup(g).Get(ctx, snm)
	}},
	{22, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.KV().Get(ctx, snm)
	}},
	{23, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.KV().InGroup(g).Get(ctx, snm)
	}},
	// No answer is shown for user credentials: the answer to their creation stands in.
	{13, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().Get(ctx, snm)
	}},
	{14, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).Get(ctx, snm)
	}},
	{24, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.ImportedCert().Get(ctx, snm)
	}},
	{16, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.ImportedCert().InGroup(g).Get(ctx, snm)
	}},
	{25, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.ServiceCredentials().Get(ctx, snm)
	}},
	// List secrets.
	{26, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().List(ctx)
	}},
	{26, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).List(ctx)
	}},
	// Metadata.
	{27, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().GetMetadata(ctx, sid)
	}},
	{27, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).GetMetadata(ctx, sid)
	}},
	{28, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.KV().GetMetadata(ctx, sid)
	}},
	{29, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.KV().InGroup(g).GetMetadata(ctx, sid)
	}},
	{30, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().UpdateMetadata(ctx, sid, decodeBody[UpdateMetadataRequest](t, b))
	}},
	{30, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).UpdateMetadata(ctx, sid, decodeBody[UpdateMetadataRequest](t, b))
	}},
	// Rotate (the arbitrary, user credentials and imported certificate answers are those of a get).
	{18, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().Rotate(ctx, sid, decodeBody[RotateArbitraryRequest](t, b))
	}},
	{19, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).Rotate(ctx, sid, decodeBody[RotateArbitraryRequest](t, b))
	}},
	{31, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.KV().Rotate(ctx, sid, decodeBody[RotateKVRequest](t, b))
	}},
	{32, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.KV().InGroup(g).Rotate(ctx, sid, decodeBody[RotateKVRequest](t, b))
	}},
	{13, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.UsernamePassword().Rotate(ctx, sid, decodeBody[RotateUsernamePasswordRequest](t, b))
	}},
	{24, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.ImportedCert().Rotate(ctx, sid, decodeBody[RotateImportedCertRequest](t, b))
	}},
	// Delete.
	{33, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().Delete(ctx, sid)
	}},
	{33, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).Delete(ctx, sid)
	}},
	// Secret locks.
	{34, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().ListLocks(ctx, sid, nil)
	}},
	{34, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).ListLocks(ctx, sid, nil)
	}},
	{34, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).ListLocks(ctx, sid, &ListLocksOptions{Limit: i64(10), Offset: i64(20)})
	}},
	{34, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).ListLocks(ctx, sid, &ListLocksOptions{Search: core.StringPtr("book")})
	}},
	{35, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().Lock(ctx, sid, decodeBody[LockRequest](t, b), LockDefault)
	}},
	{36, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).Lock(ctx, sid, decodeBody[LockRequest](t, b), LockDefault)
	}},
	{35, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().Lock(ctx, sid, decodeBody[LockRequest](t, b), LockExclusive)
	}},
	{35, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().Lock(ctx, sid, decodeBody[LockRequest](t, b), LockExclusiveDelete)
	}},
	{37, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().Unlock(ctx, sid, decodeBody[UnlockRequest](t, b))
	}},
	{38, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).Unlock(ctx, sid, decodeBody[UnlockRequest](t, b))
	}},
	// Version locks.
	{39, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.Arbitrary().ListVersionLocks(ctx, sid, vid, nil)
	}},
	{39, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).ListVersionLocks(ctx, sid, CurrentVersion, nil)
	}},
	{39, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).ListVersionLocks(ctx, sid, CurrentVersion, &ListLocksOptions{Limit: i64(10), Offset: i64(20)})
	}},
	{39, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).ListVersionLocks(ctx, sid, CurrentVersion, &ListLocksOptions{Search: core.StringPtr("book")})
	}},
	{40, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().LockVersion(ctx, sid, vid, decodeBody[LockRequest](t, b), LockDefault)
	}},
	{40, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).LockVersion(ctx, sid, CurrentVersion, decodeBody[LockRequest](t, b), LockDefault)
	}},
	{40, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).LockVersion(ctx, sid, PreviousVersion, decodeBody[LockRequest](t, b), LockDefault)
	}},
	{41, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().UnlockVersion(ctx, sid, vid, decodeBody[UnlockRequest](t, b))
	}},
	{42, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().InGroup(g).UnlockVersion(ctx, sid, CurrentVersion, decodeBody[UnlockRequest](t, b))
	}},
	// Policies.
	{43, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.Arbitrary().SetPolicies(ctx, sid, decodeBody[PolicyRequest](t, b))
	}},
	{43, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).SetPolicies(ctx, sid, decodeBody[PolicyRequest](t, b))
	}},
	{44, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().GetPolicies(ctx, sid)
	}},
	{44, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.UsernamePassword().InGroup(g).GetPolicies(ctx, sid)
	}},
	// Configurations.
	{45, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.SetConfig(ctx, IAMCredentials, decodeBody[EngineConfig](t, b))
	}},
	{46, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return c.GetConfig(ctx, IAMCredentials)
	}},
	{47, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.AddConfiguration(ctx, PublicCert, CertificateAuthorities, decodeBody[Configuration](t, b))
	}},
	{48, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.AddConfiguration(ctx, PrivateCert, RootCertificateAuthorities, decodeBody[Configuration](t, b))
	}},
	{48, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.AddConfiguration(ctx, PrivateCert, IntermediateCertificateAuthorities, decodeBody[Configuration](t, b))
	}},
	{48, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.AddConfiguration(ctx, PrivateCert, CertificateTemplates, decodeBody[Configuration](t, b))
	}},
	{49, func(t *testing.T, ctx context.Context, c *Client, b string) (interface{}, error) {
		return c.UpdateConfiguration(ctx, PublicCert, DNSProviders, decodeBody[Configuration](t, b))
	}},
	{-1, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return nil, c.DeleteConfiguration(ctx, PublicCert, CertificateAuthorities, "my-lets-encrypt")
	}},
	{-1, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return nil, c.DeleteConfiguration(ctx, PublicCert, DNSProviders, "my-cis-instance")
	}},
	{-1, func(t *testing.T, ctx context.Context, c *Client, _ string) (interface{}, error) {
		return nil, c.DeleteConfiguration(ctx, PrivateCert, RootCertificateAuthorities, "my-root-ca")
	}},
}

// wireRequest is a request as a server received it.
type wireRequest struct {
	method, path, rawQuery, body, token string
}

// replayServer answers each request with the next canned answer and records what it received.
type replayServer struct {
	*httptest.Server
	got    []wireRequest
	status int
	answer string
}

func newReplayServer(t *testing.T) *replayServer {
	rs := &replayServer{}
	rs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rs.got = append(rs.got, wireRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b), r.Header.Get("X-Vault-Token")})
		if r.URL.Path == "/v1/auth/ibmcloud/login" && rs.answer == "" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"auth":{"client_token":"s.replay-token","lease_duration":3600}}`)
			return
		}
		if rs.status == http.StatusNoContent {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, rs.answer)
	}))
	t.Cleanup(rs.Close)
	return rs
}

// TestReplayDocumentExamples sends every request example of the document through the client to a
// server that checks its method, path, query and body against the document and answers with the
// document's example answer, which the client must decode into its typed model without losing
// anything: written back, it is the document's answer.
func TestReplayDocumentExamples(t *testing.T) {
	reqs, resps := readDoc(t)
	require.Len(t, reqs, len(replayCases), "one replay case per request example of the document")
	used := make([]bool, len(resps))
	srv := newReplayServer(t)
	c, err := NewClient(&Options{URL: srv.URL, Authenticator: &core.BearerTokenAuthenticator{BearerToken: placeholders["{IAM_token}"]}})
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.Login(ctx) // log in first, so that each case sends one request
	require.NoError(t, err)

	for i, rc := range replayCases {
		doc := reqs[i]
		t.Run(strings.ReplaceAll(doc.method+" "+doc.path, "/", "_"), func(t *testing.T) {
			srv.got, srv.status, srv.answer = nil, 200, ""
			if rc.answer < 0 {
				srv.status = http.StatusNoContent
			} else {
				srv.answer = resps[rc.answer].body
				used[rc.answer] = true
			}
			if doc.path == "/v1/auth/ibmcloud/login" {
				srv.answer = resps[rc.answer].body
			}
			body := fill(doc.body)
			resp, err := rc.call(t, ctx, c, body)
			require.NoError(t, err, "line %d", doc.line)
			require.Len(t, srv.got, 1)
			got := srv.got[0]

			wantPath, wantQuery, _ := strings.Cut(doc.path, "?")
			if strings.Contains(wantPath, "{secret_name}") { // IAM credentials: the name of the body
				var named struct{ Name string }
				require.NoError(t, json.Unmarshal([]byte(body), &named))
				wantPath = strings.ReplaceAll(wantPath, "{secret_name}", named.Name)
			}
			require.Equal(t, doc.method, got.method, "line %d", doc.line)
			require.Equal(t, fill(wantPath), got.path, "line %d", doc.line)
			wantQ, _ := url.ParseQuery(fill(wantQuery))
			gotQ, _ := url.ParseQuery(got.rawQuery)
			require.Equal(t, wantQ, gotQ, "line %d", doc.line)
			if doc.body == "" {
				require.Empty(t, got.body, "line %d", doc.line)
			} else {
				require.JSONEq(t, body, got.body, "line %d: the body the document shows", doc.line)
			}
			if doc.path != "/v1/auth/ibmcloud/login" {
				// The token of the document's login answer, which the first case replayed.
				require.Equal(t, "s.w6vmYTRuEJdzEvVFVYjIEAYG", got.token, "line %d", doc.line)
			}
			if rc.answer >= 0 {
				written, err := json.Marshal(resp)
				require.NoError(t, err)
				require.JSONEq(t, resps[rc.answer].body, string(written),
					"line %d: the typed answer, written back, is the document's answer (line %d)", doc.line, resps[rc.answer].line)
				require.Empty(t, untyped(reflect.ValueOf(resp), "resp"),
					"line %d: every property of the document's answer has a typed field", doc.line)
			}
		})
	}
	for i, u := range used {
		require.True(t, u, "the document's answer at line %d is replayed", resps[i].line)
	}
}

// untyped lists the properties kept in the Extra of a model, anywhere in v.
func untyped(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return untyped(v.Elem(), path)
	case reflect.Slice:
		var out []string
		for i := 0; i < v.Len(); i++ {
			out = append(out, untyped(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case reflect.Struct:
		var out []string
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Name == "Extra" {
				for _, k := range v.Field(i).MapKeys() {
					out = append(out, path+"."+k.String())
				}
				continue
			}
			out = append(out, untyped(v.Field(i), path+"."+f.Name)...)
		}
		sort.Strings(out)
		return out
	}
	return nil
}
