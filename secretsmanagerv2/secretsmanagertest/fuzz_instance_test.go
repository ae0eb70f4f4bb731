package secretsmanagertest

import (
	"crypto"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// FuzzInstance sends requests to ONE instance (per fuzzing process) that
// holds every secret type, CAs, a template, groups, configurations, tasks and
// locks from the start, and keeps the state the requests leave. Placeholders
// in the path and body are replaced by live identifiers, chosen by sel:
// {s} a secret ID, {v} a version (ID or alias), {t} a task ID, {g} a group ID,
// {c} a configuration name, {n} a secret name and {y} its type. After each
// request: no 5xx, and the store's invariants hold.
func FuzzInstance(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.method, uint16(s.sel), s.path, s.body)
	}
	f.Fuzz(func(t *testing.T, method uint8, sel uint16, path, body string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n#") {
			return
		}
		h := fuzzHandler(t)
		m := fuzzMethods[int(method)%len(fuzzMethods)]
		path, body = h.fill(path, sel), h.fill(body, sel)
		req, err := http.NewRequest(m, "http://sm.test"+path, strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %s answered %d: %s", m, path, body, rec.Code, rec.Body.String())
		}
		if fuzzStats != nil {
			fuzzStats[rec.Code]++
		}
		if err := h.check(); err != nil {
			t.Fatalf("after %s %s %s (%d): %v", m, path, body, rec.Code, err)
		}
		h.prune()
	})
}

// fuzzStats counts the answers by status when not nil (to check the seeds).
var fuzzStats map[int]int

var fuzzMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

const (
	fGET, fPOST, fPUT, fPATCH, fDELETE = 0, 1, 2, 3, 4
)

var (
	fuzzOnce sync.Once
	fuzzH    *fuzzInstance
)

// fuzzInstance is the handler FuzzInstance runs against, with its seed.
type fuzzInstance struct {
	*Handler
	seedSecrets map[string]bool
	seedConfigs map[string]bool
}

// fuzzHandler returns the process's instance, made and seeded on first use.
func fuzzHandler(t *testing.T) *fuzzInstance {
	fuzzOnce.Do(func() {
		h := NewHandler(WithCodeEngineJob(testJob), withKeyGen(cachedKeyGen), WithLogf(func(string, ...any) {}))
		if err := seedInstance(h); err != nil {
			panic(err)
		}
		fi := &fuzzInstance{Handler: h, seedSecrets: map[string]bool{}, seedConfigs: map[string]bool{}}
		for id := range h.st.secrets {
			fi.seedSecrets[id] = true
		}
		for _, c := range h.st.configs {
			fi.seedConfigs[c.typ+"/"+c.name] = true
		}
		fuzzH = fi
	})
	if fuzzH == nil {
		t.Fatal("the fuzz instance could not be seeded")
	}
	return fuzzH
}

var (
	keyCacheMu sync.Mutex
	keyCache   = map[keySpec]crypto.Signer{}
)

// cachedKeyGen makes one RSA key per size and hands it out again, so that
// fuzzing is not slowed by RSA key generation (sizes above 4096 get the 4096
// key); other keys are made each time.
func cachedKeyGen(keyType string, bits int64) (crypto.Signer, error) {
	if keyType != "rsa" || bits < 2048 {
		return generateKey(keyType, bits)
	}
	if bits > 4096 {
		bits = 4096
	}
	keyCacheMu.Lock()
	defer keyCacheMu.Unlock()
	spec := keySpec{keyType, bits}
	if k, ok := keyCache[spec]; ok {
		return k, nil
	}
	k, err := generateKey(keyType, bits)
	if err == nil {
		keyCache[spec] = k
	}
	return k, err
}

// send makes a request to h and decodes the answer.
func send(h http.Handler, method, path string, body any) (int, map[string]any) {
	var rd *strings.Reader
	switch b := body.(type) {
	case nil:
		rd = strings.NewReader("")
	case string:
		rd = strings.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = strings.NewReader(string(j))
	}
	req := httptest.NewRequest(method, path, rd)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

// seedInstance creates one of everything.
func seedInstance(h *Handler) error {
	var err error
	must := func(status int, method, path string, body any) map[string]any {
		st, out := send(h, method, path, body)
		if st != status && err == nil {
			err = fmt.Errorf("seed %s %s: %d %v", method, path, st, out)
		}
		return out
	}
	cert, key := fuzzCert()
	crn := "crn:v1:bluemix:public:cloud-object-storage:global:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce::"
	cis := "crn:v1:bluemix:public:internet-svcs:global:a/128e84fcca45c1224aae525d31ef2b52:009a0357-1460-42b4-b903-10580aba7dd8::"
	g := must(201, "POST", "/api/v2/secret_groups", map[string]any{"name": "team"})
	for _, c := range []map[string]any{
		{"config_type": "private_cert_configuration_root_ca", "name": "root", "common_name": "Root", "key_type": "ec", "key_bits": 256},
		{"config_type": "private_cert_configuration_intermediate_ca", "name": "inter", "common_name": "Inter", "signing_method": "internal", "issuer": "root", "key_type": "ec", "key_bits": 256},
		{"config_type": "private_cert_configuration_intermediate_ca", "name": "ext", "common_name": "Ext", "signing_method": "external", "key_type": "rsa"},
		{"config_type": "private_cert_configuration_template", "name": "tmpl", "certificate_authority": "inter", "allow_any_name": true, "key_type": "ec"},
		{"config_type": "private_cert_configuration_template", "name": "rsa-tmpl", "certificate_authority": "root", "allowed_domains": []string{"example.com"}, "allow_subdomains": true},
		{"config_type": "public_cert_configuration_ca_lets_encrypt", "name": "le", "lets_encrypt_environment": "staging", "lets_encrypt_private_key": key},
		{"config_type": "public_cert_configuration_dns_cloud_internet_services", "name": "cis", "cloud_internet_services_crn": cis},
		{"config_type": "public_cert_configuration_dns_classic_infrastructure", "name": "classic", "classic_infrastructure_username": "u", "classic_infrastructure_password": "p"},
		{"config_type": "iam_credentials_configuration", "name": "iam", "api_key": "k"},
		{"config_type": "custom_credentials_configuration", "name": "pagerduty-keys", "task_timeout": "1h",
			"code_engine": map[string]any{"job_name": testJob.JobName, "project_id": testJob.ProjectID, "region": testJob.Region}},
	} {
		must(201, "POST", "/api/v2/configurations", c)
	}
	must(201, "POST", "/api/v2/notifications/registration", map[string]any{"event_notifications_instance_crn": crn, "event_notifications_source_name": "sm"})
	var ids []string
	for _, p := range []map[string]any{
		{"secret_type": "arbitrary", "name": "arb", "payload": "p", "expiration_date": "2040-01-01T00:00:00Z", "labels": []string{"aa"}},
		{"secret_type": "kv", "name": "kv", "data": map[string]any{"a": 1}, "secret_group_id": g["id"]},
		{"secret_type": "username_password", "name": "up", "username": "u", "rotation": map[string]any{"auto_rotate": true, "interval": 10, "unit": "day"}},
		{"secret_type": "iam_credentials", "name": "iam", "ttl": "30d", "service_id": "ServiceId-1", "reuse_api_key": true},
		{"secret_type": "iam_credentials", "name": "iam-single", "ttl": "1h", "access_groups": []string{"AccessGroupId-1"}},
		{"secret_type": "service_credentials", "name": "svc", "source_service": map[string]any{"instance": map[string]any{"crn": crn}}},
		{"secret_type": "imported_cert", "name": "imp", "certificate": cert, "private_key": key},
		{"secret_type": "imported_cert", "name": "managed", "managed_csr": map[string]any{"common_name": "m.example.com", "key_type": "ec"}},
		{"secret_type": "private_cert", "name": "priv", "certificate_template": "tmpl", "common_name": "p.example.com"},
		{"secret_type": "private_cert", "name": "priv-rsa", "certificate_template": "rsa-tmpl", "common_name": "r.example.com"},
		{"secret_type": "public_cert", "name": "pub", "common_name": "example.com", "ca": "le", "dns": "cis", "key_algorithm": "EC256"},
		{"secret_type": "public_cert", "name": "pub-manual", "common_name": "example.org", "ca": "le", "dns": "manual"},
		{"secret_type": "custom_credentials", "name": "custom", "configuration": "pagerduty-keys", "parameters": map[string]any{"service_name": "s"}, "ttl": "30d"},
		{"secret_type": "custom_credentials", "name": "custom-pending", "configuration": "pagerduty-keys", "parameters": map[string]any{"service_name": "s"}},
	} {
		ids = append(ids, str(must(201, "POST", "/api/v2/secrets", p)["id"]))
	}
	// The first custom credentials secret gets its credentials, then a rotation is queued.
	custom := ids[12]
	if st, out := send(h, "GET", "/api/v2/secrets/"+custom+"/tasks", nil); st == 200 {
		task := out["tasks"].([]any)[0].(map[string]any)
		must(200, "PUT", "/api/v2/secrets/"+custom+"/tasks/"+str(task["id"]),
			map[string]any{"status": "credentials_created", "credentials": map[string]any{"id": "K1", "payload": map[string]any{"api_key": "k"}}})
	}
	must(201, "POST", "/api/v2/secrets/"+custom+"/versions", map[string]any{})
	for _, id := range ids[:4] {
		must(201, "POST", "/api/v2/secrets/"+id+"/versions", map[string]any{"payload": "p2", "data": map[string]any{"b": 2}})
	}
	must(201, "POST", "/api/v2/secrets/"+ids[0]+"/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "app-1"}, map[string]any{"name": "app-2"}}})
	must(201, "POST", "/api/v2/secrets/"+ids[1]+"/versions/previous/locks_bulk", map[string]any{"locks": []any{map[string]any{"name": "old"}}})
	send(h, "GET", "/api/v2/secrets", nil) // issue the public certificate
	return err
}

// fuzzCert returns a self-signed certificate and its key, made once.
var fuzzCert = sync.OnceValues(func() (string, string) {
	key, err := generateKey("ec", 256)
	if err != nil {
		panic(err)
	}
	_, certPEM, err := issue(certRequest{commonName: "example.com", altNames: []string{"s1.example.com"}, ttl: 48 * time.Hour},
		key.Public(), nil, key, time.Now())
	if err != nil {
		panic(err)
	}
	keyPEM, err := encodePrivateKey(key, "")
	if err != nil {
		panic(err)
	}
	return certPEM, keyPEM
})

// fill replaces the placeholders of s by identifiers of live objects.
func (h *fuzzInstance) fill(s string, sel uint16) string {
	if !strings.Contains(s, "{") {
		return s
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	pick := func(n int, shift uint) int {
		if n == 0 {
			return 0
		}
		return int(sel>>shift) % n
	}
	secrets := make([]*secret, 0, len(st.secrets))
	for _, sec := range st.secrets {
		secrets = append(secrets, sec)
	}
	sort.Slice(secrets, func(i, j int) bool { return secrets[i].seq < secrets[j].seq })
	r := map[string]string{"{s}": newUUID(), "{v}": "current", "{t}": "sm-task-" + newUUID(),
		"{n}": "none", "{y}": "arbitrary", "{g}": "default", "{c}": "none"}
	if len(secrets) > 0 {
		sec := secrets[pick(len(secrets), 0)]
		r["{s}"], r["{n}"], r["{y}"] = sec.id, sec.name, sec.typ
		versions := []string{"current", "previous"}
		for _, v := range sec.versions {
			versions = append(versions, v.id)
		}
		r["{v}"] = versions[pick(len(versions), 6)]
		if q := sec.kind.tasks(); q != nil && len(q.list) > 0 {
			r["{t}"] = q.list[pick(len(q.list), 10)].id
		}
	}
	var groups []string
	for id := range st.groups {
		groups = append(groups, id)
	}
	sort.Strings(groups)
	r["{g}"] = groups[pick(len(groups), 8)]
	if len(st.configs) > 0 {
		r["{c}"] = st.configs[pick(len(st.configs), 4)].name
	}
	for k, v := range r {
		s = strings.ReplaceAll(s, k, v)
	}
	return s
}

// check verifies the invariants of the store.
func (h *fuzzInstance) check() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	if st.journal != nil || st.keyWanted != nil || st.inlineKeys {
		return fmt.Errorf("a request left its transaction open")
	}
	if g, ok := st.groups["default"]; !ok || g.name != "default" {
		return fmt.Errorf("the default group changed")
	}
	groupNames := map[string]bool{}
	for id, g := range st.groups {
		if g.id != id || groupNames[g.name] {
			return fmt.Errorf("group %s: bad ID or duplicate name %q", id, g.name)
		}
		groupNames[g.name] = true
	}
	names := map[string]bool{}
	for id, sec := range st.secrets {
		if sec.id != id || sec.kind == nil || !isSecretType(sec.typ) {
			return fmt.Errorf("secret %s: bad ID, kind or type", id)
		}
		if _, ok := st.groups[sec.groupID]; !ok {
			return fmt.Errorf("secret %s: its group %s is gone", id, sec.groupID)
		}
		key := sec.groupID + "/" + sec.typ + "/" + sec.name
		if names[key] {
			return fmt.Errorf("secret %s: duplicate name %s", id, key)
		}
		names[key] = true
		if _, ok := stateDescriptions[sec.state]; !ok {
			return fmt.Errorf("secret %s: state %d", id, sec.state)
		}
		vids := map[string]bool{}
		for _, v := range sec.versions {
			if v == nil || v.data == nil || vids[v.id] {
				return fmt.Errorf("secret %s: nil or duplicate version", id)
			}
			vids[v.id] = true
			lockNames := map[string]bool{}
			for _, l := range v.locks {
				if lockNames[l.name] {
					return fmt.Errorf("secret %s: duplicate lock %s", id, l.name)
				}
				lockNames[l.name] = true
			}
			if len(v.locks) > 0 && !v.payloadAvailable {
				return fmt.Errorf("secret %s: a lock on a version without data", id)
			}
		}
		if sec.locksTotal() > maxLocksPerSecret {
			return fmt.Errorf("secret %s: %d locks", id, sec.locksTotal())
		}
		if q := sec.kind.tasks(); q != nil {
			if err := checkTasks(sec, q); err != nil {
				return fmt.Errorf("secret %s: %v", id, err)
			}
		}
	}
	configNames := map[string]bool{}
	for _, c := range st.configs {
		if configNames[c.typ+"/"+c.name] {
			return fmt.Errorf("duplicate configuration %s", c.name)
		}
		configNames[c.typ+"/"+c.name] = true
		if c.typ == cfgTemplate {
			if cc, _ := st.caByName(attrStr(c.attrs, "certificate_authority")); cc == nil {
				return fmt.Errorf("template %s: its CA is gone", c.name)
			}
		}
	}
	return nil
}

func checkTasks(sec *secret, q *taskQueue) error {
	k, ok := sec.kind.(*customCredentialsKind)
	if !ok {
		return nil
	}
	processing, queued := 0, 0
	creates := map[string]bool{}
	for _, t := range q.list {
		switch t.status {
		case taskProcessing:
			processing++
		case taskQueued:
			queued++
		}
		if !t.final() && t.typ == taskCreate {
			creates[t.versionID] = true
			if k.pending[t.versionID] == nil {
				return fmt.Errorf("create task %s has no pending version", t.id)
			}
		}
	}
	if processing > 1 || (queued > 0 && processing == 0) {
		return fmt.Errorf("%d tasks processing, %d queued", processing, queued)
	}
	for id := range k.pending {
		if !creates[id] {
			return fmt.Errorf("pending version %s has no create task", id)
		}
		for _, v := range sec.versions {
			if v.id == id {
				return fmt.Errorf("pending version %s is also a version", id)
			}
		}
	}
	return nil
}

// prune keeps the instance small: beyond 200 secrets or 60 configurations,
// what the fuzzer added goes.
func (h *fuzzInstance) prune() {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	if len(st.secrets) > 200 {
		for id := range st.secrets {
			if !h.seedSecrets[id] {
				delete(st.secrets, id)
			}
		}
	}
	if len(st.configs) > 60 {
		kept := st.configs[:0]
		for _, c := range st.configs {
			if h.seedConfigs[c.typ+"/"+c.name] {
				kept = append(kept, c)
			}
		}
		st.configs = kept
	}
}

type fuzzSeed struct {
	method     uint8
	sel        int
	path, body string
}

// fuzzSeeds reach every route with live identifiers.
var fuzzSeeds = func() []fuzzSeed {
	var out []fuzzSeed
	add := func(m uint8, path, body string) {
		for _, sel := range []int{0, 3, 7, 0x2f5, 0x7fff} {
			out = append(out, fuzzSeed{m, sel, path, body})
		}
	}
	s := "/api/v2/secrets/{s}"
	for _, p := range []string{s, s + "/metadata", s + "/versions", s + "/versions/{v}", s + "/versions/{v}/metadata",
		s + "/locks?sort=-name", s + "/versions/{v}/locks", s + "/tasks", s + "/tasks/{t}", "/api/v2/secrets_locks",
		"/api/v2/secrets?sort=retrieved_at&secret_types=custom_credentials,{y}", "/api/v2/secrets?search={n}&groups={g}",
		"/api/v2/secret_groups/default/secret_types/{y}/secrets/{n}", "/api/v2/secret_groups/{g}",
		"/api/v2/configurations?secret_types=custom_credentials,private_cert", "/api/v2/configurations/{c}",
		"/api/v2/notifications/registration/test"} {
		add(fGET, p, "")
	}
	add(fPOST, s+"/versions", `{"payload":"x","data":{"k":1},"password":"","custom_metadata":{"c":1},"rotation":{"rotate_keys":false}}`)
	add(fPOST, s+"/versions", `{"restore_from_version":"{v}"}`)
	add(fPOST, s+"/actions", `{"action_type":"private_cert_action_revoke_certificate"}`)
	add(fPOST, s+"/actions", `{"action_type":"public_cert_action_validate_dns_challenge"}`)
	add(fPOST, s+"/versions/{v}/actions", `{"action_type":"private_cert_action_revoke_certificate"}`)
	add(fPOST, s+"/locks_bulk?mode=remove_previous", `{"locks":[{"name":"lock-1","attributes":{"a":1}}]}`)
	add(fPOST, s+"/versions/{v}/locks_bulk?mode=remove_previous_and_delete", `{"locks":[{"name":"lock-2"}]}`)
	add(fPUT, s+"/tasks/{t}", `{"status":"credentials_created","credentials":{"id":"K","payload":{"api_key":"k"}}}`)
	add(fPUT, s+"/tasks/{t}", `{"status":"credentials_deleted"}`)
	add(fPUT, s+"/tasks/{t}", `{"status":"failed","errors":[{"code":"E","description":"d"}]}`)
	add(fPATCH, s+"/metadata", `{"name":"{n}-2","labels":["x1"],"rotation":{"auto_rotate":true,"interval":36,"unit":"hour"},"ttl":"2d"}`)
	add(fPATCH, s+"/metadata", `{"parameters":{"key_scope":"read"},"managed_csr":{"alt_names":"a.example.com","rotate_keys":true},"expiration_date":null}`)
	add(fPATCH, s+"/versions/{v}/metadata", `{"version_custom_metadata":{"x":1}}`)
	add(fDELETE, s+"/versions/{v}/secret_data", "")
	add(fDELETE, s+"/locks_bulk?name=lock-1,app-1", "")
	add(fDELETE, s+"/versions/{v}/locks_bulk", "")
	add(fDELETE, s+"/tasks/{t}", "")
	add(fDELETE, s+"?force_delete=true", "")
	add(fDELETE, s, "")
	for _, p := range []string{
		`{"secret_type":"arbitrary","name":"f1","payload":"p","secret_group_id":"{g}"}`,
		`{"secret_type":"custom_credentials","name":"f2","configuration":"pagerduty-keys","parameters":{"service_name":"s"},"rotation":{"auto_rotate":true,"interval":6,"unit":"hour"}}`,
		`{"secret_type":"imported_cert","name":"f3","managed_csr":{"common_name":"f.example.com","key_type":"rsa","key_bits":3072}}`,
		`{"secret_type":"private_cert","name":"f4","certificate_template":"rsa-tmpl","common_name":"f.example.com"}`,
		`{"secret_type":"public_cert","name":"f5","alt_names":["f.example.com"],"ca":"le","dns":"classic","key_algorithm":"RSA4096"}`,
		`{"secret_type":"iam_credentials","name":"f6","ttl":"2d","service_id":"s","reuse_api_key":true,"account_id":"9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b","rotation":{"auto_rotate":true,"interval":1,"unit":"day"}}`,
	} {
		add(fPOST, "/api/v2/secrets", p)
	}
	add(fPOST, "/api/v2/secret_groups", `{"name":"g-{n}"}`)
	add(fPATCH, "/api/v2/secret_groups/{g}", `{"description":"d"}`)
	add(fDELETE, "/api/v2/secret_groups/{g}", "")
	add(fPOST, "/api/v2/configurations", `{"config_type":"private_cert_configuration_intermediate_ca","name":"i-{n}","common_name":"I","signing_method":"internal","issuer":"{c}","key_type":"ec","crypto_key":{"label":"l","provider":{"type":"hyper_protect_crypto_services","instance_crn":"crn:v1:bluemix:public:hs-crypto:eu-de:a/4f0d1c2b3a4958677d6e5f4a3b2c1d0e:d2c7a915-48e3-4b0f-9a6c-1e5b3f8d7024::","pin_iam_credentials_secret_id":"{s}","private_keystore_id":"k"}}}`)
	add(fPOST, "/api/v2/configurations", `{"config_type":"custom_credentials_configuration","name":"c-{n}","api_key_ref":"{s}","code_engine":{"job_name":"{n}","project_id":"p","region":"r"}}`)
	add(fPOST, "/api/v2/configurations", `{"config_type":"private_cert_configuration_template","name":"t-{n}","certificate_authority":"{c}","key_type":"rsa","key_bits":4096}`)
	add(fPATCH, "/api/v2/configurations/{c}", `{"task_timeout":"30m","max_ttl":"100h","allow_any_name":true,"disabled":true}`)
	add(fDELETE, "/api/v2/configurations/{c}", "")
	for _, a := range []string{"rotate_intermediate", "rotate_crl", "revoke_ca_certificate", "sign_intermediate\",\"intermediate_certificate_authority\":\"inter",
		"sign_csr\",\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nAAAA\\n-----END CERTIFICATE REQUEST-----", "set_signed\",\"certificate\":\"x"} {
		add(fPOST, "/api/v2/configurations/{c}/actions", `{"action_type":"private_cert_configuration_action_`+a+`"}`)
	}
	add(fDELETE, "/api/v2/notifications/registration", "")
	add(fPOST, "/api/v2/notifications/registration", `{"event_notifications_instance_crn":"crn:v1:bluemix:public:event-notifications:us-south:a/22018f3c34ff4ff193698d15ca316946:578ad1a4-2fd8-4e66-95d5-79a842ba91f8::","event_notifications_source_name":"sm"}`)
	return out
}()
