package secretsmanagertest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// The secrets of the Vault API: lookup, rendering under the Vault names, and
// the operations. Changes go through the v2 operations (Handler.v2), reads
// use the store directly.

// secretRef names a secret in a Vault path: the engine's secret type, the
// group of the route ("" for the route of the default group) and the
// secret's ID or name.
type secretRef struct{ typ, group, id string }

// vaultLookup returns the secret a Vault path names, its time-driven state
// brought up to date. By ID it finds a secret of any group on the route of
// the default group, and of the route's group otherwise; by name it finds
// one of the route's group (the default group without /groups/).
func (s *store) vaultLookup(ref secretRef) (*secret, *apiError) {
	if ref.group != "" {
		if _, e := s.group(ref.group); e != nil {
			return nil, e
		}
	}
	if sec, ok := s.secrets[ref.id]; ok && sec.typ == ref.typ && (ref.group == "" || sec.groupID == ref.group) {
		s.refreshDirect(sec)
		return sec, nil
	}
	group := ref.group
	if group == "" {
		group = "default"
	}
	for _, sec := range s.secrets {
		if sec.typ == ref.typ && sec.groupID == group && sec.name == ref.id {
			s.refreshDirect(sec)
			return sec, nil
		}
	}
	return nil, errVaultNotFound("the %s secret %q was not found", ref.typ, ref.id)
}

// vaultResolve returns the ID of the secret a Vault path names.
func (h *Handler) vaultResolve(ref secretRef) (string, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sec, e := h.st.vaultLookup(ref)
	if e != nil {
		return "", e
	}
	return sec.id, nil
}

// ---- rendering ----

// vaultCommonKeys are the properties every secret has under the same name in both APIs.
var vaultCommonKeys = []string{"id", "name", "description", "crn", "created_by", "labels", "secret_type",
	"state", "versions_total", "locks_total", "downloaded", "custom_metadata", "expiration_date"}

// vaultStates are the state descriptions of the Vault API.
var vaultStates = map[string]string{"pre_activation": "Pre-activation", "active": "Active",
	"suspended": "Suspended", "deactivated": "Deactivated", "destroyed": "Destroyed"}

// copyKeys copies the keys of src that exist to dst.
func copyKeys(dst, src map[string]any, keys ...string) {
	for _, k := range keys {
		if v, ok := src[k]; ok {
			dst[k] = v
		}
	}
}

// seconds returns a v2 duration string as a number of seconds, as the Vault API gives durations.
func seconds(v any) (int64, bool) {
	s, ok := v.(string)
	if !ok {
		return 0, false
	}
	d, err := parseDurationString(s)
	if err != nil {
		return 0, false
	}
	return int64(d.Seconds()), true
}

// vaultRender renders a secret under the Vault names from m, its v2
// rendering (renderSecret). sec gives the versions and certificate details;
// it is nil when the secret no longer exists. data adds the secret's value
// (secret_data, or api_key for IAM credentials), versions its versions.
func (s *store) vaultRender(m map[string]any, sec *secret, data, versions bool) map[string]any {
	out := map[string]any{}
	copyKeys(out, m, vaultCommonKeys...)
	out["creation_date"] = m["created_at"]
	out["last_update_date"] = m["updated_at"]
	if d, ok := m["state_description"].(string); ok {
		out["state_description"] = vaultStates[d]
	}
	if g, ok := m["secret_group_id"].(string); ok && g != "default" {
		out["secret_group_id"] = g
	}
	sd := map[string]any{}
	switch m["secret_type"] {
	case "arbitrary":
		copyKeys(sd, m, "payload")
	case "kv":
		if v, ok := m["data"]; ok {
			sd["payload"] = v
		}
	case "username_password":
		copyKeys(sd, m, "username", "password")
	case "iam_credentials":
		copyKeys(out, m, "access_groups", "reuse_api_key", "service_id")
		if ttl, ok := seconds(m["ttl"]); ok {
			out["ttl"] = ttl
		}
		if data {
			copyKeys(out, m, "api_key")
		}
	case "imported_cert", "private_cert", "public_cert":
		vaultCertificate(out, m, sec)
		copyKeys(sd, m, "certificate", "private_key", "intermediate", "issuing_ca", "ca_chain")
	case "service_credentials":
		vaultServiceCredentials(out, sd, m)
	}
	if data && len(sd) > 0 {
		out["secret_data"] = sd
	}
	if versions && sec != nil {
		out["versions"] = s.vaultVersions(sec)
	}
	return out
}

// vaultCertificate adds the properties of a certificate secret.
func vaultCertificate(out, m map[string]any, sec *secret) {
	copyKeys(out, m, "common_name", "alt_names", "issuer", "serial_number", "validity",
		"intermediate_included", "private_key_included")
	if ka, ok := m["key_algorithm"].(string); ok {
		out["algorithm"] = map[string]string{"RSA": "RSA", "EC": "ECDSA", "ED": "Ed25519"}[strings.TrimRight(ka, "0123456789")]
	}
	switch m["secret_type"] {
	case "public_cert":
		copyKeys(out, m, "key_algorithm", "ca", "dns", "bundle_certs", "rotation", "issuance_info")
	case "private_cert":
		copyKeys(out, m, "certificate_template", "certificate_authority", "rotation")
		out["key_algorithm"] = m["signing_algorithm"]
	default:
		out["key_algorithm"] = m["signing_algorithm"]
	}
	if out["key_algorithm"] == nil {
		delete(out, "key_algorithm")
	}
	if sec == nil {
		return
	}
	if cur := sec.current(); cur != nil && cur.payloadAvailable {
		if d, ok := cur.data.(*certVersion); ok && d.certificate != "" {
			out["intermediate_included"] = d.intermediate != ""
			out["private_key_included"] = d.privateKey != ""
		}
	}
}

// vaultServiceCredentials adds the properties and secret data of a service
// credentials secret from its v2 source_service and credentials.
func vaultServiceCredentials(out, sd, m map[string]any) {
	src, _ := m["source_service"].(map[string]any)
	get := func(path ...string) any {
		var v any = src
		for _, p := range path {
			mm, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = mm[p]
		}
		return v
	}
	set := func(key string, v any) {
		if v != nil {
			out[key] = v
		}
	}
	source, _ := get("instance", "crn").(string)
	set("source_crn", source)
	set("role", get("role", "crn"))
	set("iam_role_crn", get("iam", "role", "crn"))
	if out["role"] == nil {
		set("role", out["iam_role_crn"])
	}
	set("iam_apikey_description", get("iam", "apikey", "description"))
	set("iam_apikey_id", get("iam", "apikey", "id"))
	set("iam_apikey_name", get("iam", "apikey", "name"))
	set("iam_serviceid_crn", get("iam", "serviceid", "crn"))
	set("resource_key_crn", get("resource_key", "crn"))
	set("resource_key_name", get("resource_key", "name"))
	out["parameters"] = map[string]any{}
	set("parameters", get("parameters"))
	if ttl, ok := seconds(m["ttl"]); ok {
		out["ttl"] = ttl
	}
	creds, ok := m["credentials"].(map[string]any)
	if !ok {
		return
	}
	for k, v := range creds {
		sd[k] = v
	}
	// What a resource key of the instance tells about it: its ID, region and plan.
	if parts := strings.Split(source, ":"); len(parts) >= 8 {
		sd["guid"], sd["instance_id"], sd["region"] = parts[7], parts[7], parts[5]
		sum := sha256.Sum256([]byte(source))
		h := hex.EncodeToString(sum[:16])
		sd["plan"] = h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	}
}

// vaultVersions renders the versions of a secret, oldest first.
func (s *store) vaultVersions(sec *secret) []any {
	out := make([]any, 0, len(sec.versions))
	for _, v := range sec.versions {
		vm := s.renderVersion(sec, v, false)
		o := map[string]any{"creation_date": vm["created_at"]}
		copyKeys(o, vm, "id", "created_by", "expiration_date", "auto_rotated", "downloaded",
			"payload_available", "serial_number", "validity", "version_custom_metadata")
		out = append(out, o)
	}
	return out
}

// vaultRenderAfter answers a change of the secret id with the secret as it
// is now, or, when it no longer exists, with fallback (its v2 rendering, if
// any) or 404.
func (h *Handler) vaultRenderAfter(vr *vaultRequest, id string, fallback map[string]any, data, versions bool) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		sec, ok := s.secrets[id]
		if !ok {
			if fallback == nil {
				return nil, errVaultNotFound("the secret %q was not found", id)
			}
			return s.vaultRender(fallback, nil, data, false), nil
		}
		s.refreshDirect(sec)
		return s.vaultRender(s.renderSecret(sec, data), sec, data, versions), nil
	})
}

// ---- reading ----

func (h *Handler) vaultGetSecret(vr *vaultRequest, ref secretRef) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		sec, e := s.vaultLookup(ref)
		if e != nil {
			return nil, e
		}
		m, e := s.readSecret(sec)
		if e != nil {
			return nil, e
		}
		return s.vaultRender(m, sec, true, true), nil
	})
}

func (h *Handler) vaultGetMetadata(vr *vaultRequest, ref secretRef) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		sec, e := s.vaultLookup(ref)
		if e != nil {
			return nil, e
		}
		return s.vaultRender(s.renderSecret(sec, false), sec, false, false), nil
	})
}

func (h *Handler) vaultListSecrets(vr *vaultRequest, ref secretRef) {
	h.vaultDo(vr, false, func(s *store) (any, *apiError) {
		if ref.group != "" {
			if _, e := s.group(ref.group); e != nil {
				return nil, e
			}
		}
		var list []*secret
		s.listing = true // a list issues no pending public certificate
		defer func() { s.listing = false }()
		for _, sec := range s.secrets {
			if sec.typ == ref.typ && (ref.group == "" || sec.groupID == ref.group) {
				s.refreshDirect(sec)
				list = append(list, sec)
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
		items := make([]any, 0, len(list))
		for _, sec := range list {
			items = append(items, s.vaultRender(s.renderSecret(sec, false), sec, false, false))
		}
		return map[string]any{"secrets": items, "secrets_total": len(items)}, nil
	})
}

// ---- changing ----

// jsonValue encodes v for a request body of the v2 API.
func jsonValue(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// durationString turns a duration given as a number of seconds into the
// string the v2 API takes.
func durationString(m map[string]json.RawMessage, key string) {
	raw := bytes.TrimSpace(m[key])
	if len(raw) == 0 || raw[0] == '"' || string(raw) == "null" {
		return
	}
	if f, err := strconv.ParseFloat(string(raw), 64); err == nil && f >= 0 {
		m[key] = jsonValue(strconv.FormatInt(int64(f), 10))
	}
}

// vaultSecretBody turns the body of a Vault request that creates or rotates
// a secret into the v2 one: kv's payload is the v2 data, durations may be
// numbers, and service credentials name their source and role.
func vaultSecretBody(typ string, b *body, creating bool) (map[string]json.RawMessage, *apiError) {
	m := make(map[string]json.RawMessage, len(b.m))
	for k, v := range b.m {
		m[k] = v
	}
	delete(m, "secret_type")
	delete(m, "secret_group_id")
	switch typ {
	case "kv":
		if creating && (!b.has("payload") || b.isNull("payload")) {
			return nil, errBadRequest("required.payload:property \"payload\" is missing")
		}
		if p, ok := m["payload"]; ok {
			m["data"] = p
			delete(m, "payload")
		}
	case "iam_credentials", "private_cert":
		durationString(m, "ttl")
	case "public_cert":
		if rk, ok := m["rotate_keys"]; ok && !creating {
			m["rotation"] = jsonValue(map[string]json.RawMessage{"rotate_keys": rk})
		}
	case "service_credentials":
		durationString(m, "ttl")
		if !creating {
			break
		}
		var src, role string
		if _, ok := b.m["source_service"]; !ok {
			if e := b.required("source_crn"); e != nil {
				return nil, e
			}
			src, _ = b.str("source_crn")
			role, _ = b.str("role")
			params, _ := b.object("parameters")
			if b.err != nil {
				return nil, b.err
			}
			ss := map[string]any{"instance": map[string]any{"crn": src}}
			if role != "" {
				ss["role"] = map[string]any{"crn": role}
			}
			if params != nil {
				ss["parameters"] = params
			}
			m["source_service"] = jsonValue(ss)
		}
		delete(m, "source_crn")
		delete(m, "role")
		delete(m, "parameters")
	}
	return m, nil
}

// vaultCreateSecret creates a secret in the route's group; roleName is the
// name in the path of an IAM credentials role route ("" otherwise).
func (h *Handler) vaultCreateSecret(vr *vaultRequest, ref secretRef, roleName string) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if roleName != "" {
		if name, ok := b.str("name"); ok && name != roleName {
			writeVaultError(vr.w, errBadRequest("the name %q of the body is not the name %q of the path", name, roleName))
			return
		}
		b.m["name"] = jsonValue(roleName)
	}
	if b.err != nil {
		writeVaultError(vr.w, b.err)
		return
	}
	m, e := vaultSecretBody(ref.typ, b, true)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	group := ref.group
	if group == "" {
		group = "default"
	}
	m["secret_type"], m["secret_group_id"] = jsonValue(ref.typ), jsonValue(group)
	out, e := h.v2(vr, http.MethodPost, "secrets", nil, m)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	id, _ := out["id"].(string)
	// The creation of IAM credentials does not give the API key: reading them does.
	h.vaultRenderAfter(vr, id, out, ref.typ != "iam_credentials", true)
}

func (h *Handler) vaultRotate(vr *vaultRequest, ref secretRef) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	m, e := vaultSecretBody(ref.typ, b, false)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	id, e := h.vaultResolve(ref)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if _, e := h.v2(vr, http.MethodPost, "secrets/"+url.PathEscape(id)+"/versions", nil, m); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	h.vaultRenderAfter(vr, id, nil, true, true)
}

func (h *Handler) vaultUpdateMetadata(vr *vaultRequest, ref secretRef) {
	b, e := readVaultBody(vr)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	durationString(b.m, "ttl")
	id, e := h.vaultResolve(ref)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if _, e := h.v2(vr, http.MethodPatch, "secrets/"+url.PathEscape(id)+"/metadata", nil, b.m); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	h.vaultRenderAfter(vr, id, nil, false, false)
}

func (h *Handler) vaultDeleteSecret(vr *vaultRequest, ref secretRef) {
	id, e := h.vaultResolve(ref)
	if e != nil {
		writeVaultError(vr.w, e)
		return
	}
	if _, e := h.v2(vr, http.MethodDelete, "secrets/"+url.PathEscape(id), nil, nil); e != nil {
		writeVaultError(vr.w, e)
		return
	}
	h.mu.Lock()
	delete(h.vault.policies, id)
	h.mu.Unlock()
	writeVault(vr.w, nil, nil)
}
