package secretsmanagertest

import (
	"crypto/rand"
	"encoding/json"
	"math/big"
	"net/http"
	"sort"
	"strings"
	"time"
)

// dataKeys are, per secret type, the fields that hold secret data: they are
// returned by the secret and version reads, never by metadata reads.
var dataKeys = map[string][]string{
	"arbitrary":           {"payload"},
	"kv":                  {"data"},
	"username_password":   {"username", "password"},
	"imported_cert":       {"certificate", "intermediate", "private_key"},
	"private_cert":        {"certificate", "private_key", "issuing_ca", "ca_chain"},
	"public_cert":         {"certificate", "intermediate", "private_key"},
	"iam_credentials":     {"api_key"},
	"service_credentials": {"credentials"},
}

func (s *store) crn(kind, id string) string {
	return "crn:v1:bluemix:public:secrets-manager:" + s.cfg.region + ":a/" + s.cfg.account + ":" +
		s.cfg.instanceID + ":" + kind + ":" + id
}

func (sec *secret) locksTotal() int {
	n := 0
	for _, v := range sec.versions {
		n += len(v.locks)
	}
	return n
}

func (sec *secret) current() *version { return sec.versions[len(sec.versions)-1] }

func (sec *secret) previous() *version {
	if len(sec.versions) < 2 {
		return nil
	}
	return sec.versions[len(sec.versions)-2]
}

func (sec *secret) alias(v *version) string {
	if v == sec.current() {
		return "current"
	}
	if v == sec.previous() {
		return "previous"
	}
	return ""
}

// renderSecret renders a secret's metadata, plus its current data when full.
func (s *store) renderSecret(sec *secret, full bool) map[string]any {
	m := map[string]any{}
	for k, v := range sec.attrs {
		m[k] = v
	}
	labels := sec.labels
	if labels == nil {
		labels = []string{}
	}
	m["id"] = sec.id
	m["name"] = sec.name
	m["secret_type"] = sec.typ
	m["secret_group_id"] = sec.groupID
	m["labels"] = labels
	m["crn"] = s.crn("secret", sec.id)
	m["created_by"] = sec.createdBy
	m["created_at"] = fmtTime(sec.createdAt)
	m["updated_at"] = fmtTime(sec.updatedAt)
	m["state"] = sec.state
	m["state_description"] = sec.stateDescription
	m["versions_total"] = len(sec.versions)
	m["locks_total"] = sec.locksTotal()
	m["downloaded"] = sec.downloaded
	if sec.hasDescription {
		m["description"] = sec.description
	}
	if sec.customMetadata != nil {
		m["custom_metadata"] = sec.customMetadata
	} else {
		m["custom_metadata"] = map[string]any{}
	}
	if full {
		cur := sec.current()
		if cur.payloadAvailable {
			for k, v := range cur.data {
				m[k] = v
			}
		}
	}
	return m
}

func (s *store) renderVersion(sec *secret, v *version, full bool) map[string]any {
	m := map[string]any{}
	for k, val := range v.attrs {
		m[k] = val
	}
	m["id"] = v.id
	m["secret_id"] = sec.id
	m["secret_name"] = sec.name
	m["secret_type"] = sec.typ
	m["secret_group_id"] = sec.groupID
	m["created_at"] = fmtTime(v.createdAt)
	m["created_by"] = v.createdBy
	m["payload_available"] = v.payloadAvailable
	m["downloaded"] = v.downloaded
	m["auto_rotated"] = v.autoRotated
	if a := sec.alias(v); a != "" {
		m["alias"] = a
	}
	if v.customMetadata != nil {
		m["version_custom_metadata"] = v.customMetadata
	} else {
		m["version_custom_metadata"] = map[string]any{}
	}
	if full && v.payloadAvailable {
		for k, val := range v.data {
			m[k] = val
		}
	}
	return m
}

// secretByID looks a secret up and brings a pending public certificate
// order up to date.
func (s *store) secretByID(id string) (*secret, *apiError) {
	if !reUUID.MatchString(id) {
		return nil, errBadRequest("the secret ID %q is not a valid UUID", id)
	}
	sec, ok := s.secrets[id]
	if !ok {
		return nil, errNotFound(id)
	}
	s.refresh(sec)
	return sec, nil
}

func (s *store) versionByID(sec *secret, id string) (*version, *apiError) {
	if !reVersionID.MatchString(id) {
		return nil, errBadRequest("the version ID %q is not valid", id)
	}
	switch id {
	case "current":
		return sec.current(), nil
	case "previous":
		if p := sec.previous(); p != nil {
			return p, nil
		}
		return nil, errNotFound(id)
	}
	for _, v := range sec.versions {
		if v.id == id {
			return v, nil
		}
	}
	return nil, errNotFound(id)
}

func (s *store) nameTaken(groupID, typ, name, except string) bool {
	for _, o := range s.secrets {
		if o.groupID == groupID && o.typ == typ && o.name == name && o.id != except {
			return true
		}
	}
	return false
}

func validateSecretName(name string) *apiError {
	if e := checkLen("name", name, 2, 256); e != nil {
		return e
	}
	if !reSecretName.MatchString(name) {
		return errBadRequest("property \"name\" must match the pattern %s", reSecretName)
	}
	return nil
}

func validateLabels(labels []string) *apiError {
	if len(labels) > 30 {
		return errBadRequest("a secret can have at most 30 labels")
	}
	for _, l := range labels {
		if e := checkLen("labels", l, 2, 64); e != nil {
			return e
		}
	}
	return nil
}

// commonFields holds the validated fields shared by every prototype.
type commonFields struct {
	name, groupID, description string
	hasDescription             bool
	labels                     []string
	customMetadata             map[string]any
	versionCustomMetadata      map[string]any
	expiration                 string
}

func parseCommon(b *body, typ string) (commonFields, *apiError) {
	var c commonFields
	if e := b.required("name"); e != nil {
		return c, e
	}
	c.name, _ = b.str("name")
	c.groupID, _ = b.str("secret_group_id")
	c.description, c.hasDescription = b.str("description")
	c.labels, _ = b.strs("labels")
	c.customMetadata, _ = b.object("custom_metadata")
	c.versionCustomMetadata, _ = b.object("version_custom_metadata")
	exp, hasExp := b.str("expiration_date")
	if b.err != nil {
		return c, b.err
	}
	if e := validateSecretName(c.name); e != nil {
		return c, e
	}
	if c.groupID == "" {
		c.groupID = "default"
	}
	if !reGroupID.MatchString(c.groupID) {
		return c, errBadRequest("property \"secret_group_id\" must be a UUID or \"default\"")
	}
	if e := checkLen("description", c.description, 0, 1024); e != nil {
		return c, e
	}
	if e := validateLabels(c.labels); e != nil {
		return c, e
	}
	if hasExp {
		if typ != "arbitrary" && typ != "username_password" {
			return c, errBadRequest("property \"expiration_date\" is not supported for secret type %s", typ)
		}
		t, err := parseTime(exp)
		if err != nil {
			return c, errBadRequest("property \"expiration_date\" must be an RFC 3339 date-time")
		}
		c.expiration = fmtTime(t)
	}
	return c, nil
}

func (h *Handler) createSecret(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	if e := b.required("secret_type"); e != nil {
		writeError(w, e)
		return
	}
	typ, _ := b.str("secret_type")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	if !isSecretType(typ) {
		writeError(w, errBadRequest("property \"secret_type\" has an unsupported value %q", typ))
		return
	}
	c, e := parseCommon(b, typ)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		if _, ok := s.groups[c.groupID]; !ok {
			return nil, errNotFound(c.groupID)
		}
		if s.nameTaken(c.groupID, typ, c.name, "") {
			return nil, errConflict("a %s secret with name %q already exists in secret group %s", typ, c.name, c.groupID)
		}
		now := s.now()
		sec := &secret{
			id: newUUID(), name: c.name, typ: typ, groupID: c.groupID,
			description: c.description, hasDescription: c.hasDescription,
			labels: c.labels, customMetadata: c.customMetadata,
			createdAt: now, updatedAt: now, createdBy: s.cfg.createdBy,
			attrs: map[string]any{}, state: 1, stateDescription: "active",
			seq: s.nextSeq(),
		}
		if c.expiration != "" {
			sec.attrs["expiration_date"] = c.expiration
		}
		if e := s.initSecret(sec, b); e != nil {
			return nil, e
		}
		v, e := s.newVersion(sec, b, false)
		if e != nil {
			return nil, e
		}
		v.customMetadata = c.versionCustomMetadata
		s.secrets[sec.id] = sec
		return s.renderSecret(sec, true), nil
	})
}

// initSecret validates and stores the type-specific metadata of a new secret.
func (s *store) initSecret(sec *secret, b *body) *apiError {
	proto := map[string]json.RawMessage{}
	for k, v := range b.m {
		proto[k] = v
	}
	switch sec.typ {
	case "arbitrary":
		if e := b.required("payload"); e != nil {
			return e
		}
	case "kv":
		if e := b.required("data"); e != nil {
			return e
		}
	case "username_password":
		if e := b.required("username"); e != nil {
			return e
		}
		pol, e := parsePasswordPolicy(b, "password_generation_policy", nil)
		if e != nil {
			return e
		}
		sec.attrs["password_generation_policy"] = pol
		rot, e := parseRotation(b, sec.typ)
		if e != nil {
			return e
		}
		s.setRotation(sec, rot)
	case "imported_cert":
		if e := b.required("certificate"); e != nil {
			return e
		}
	case "private_cert":
		if e := s.initPrivateCert(sec, b); e != nil {
			return e
		}
	case "public_cert":
		if e := s.initPublicCert(sec, b); e != nil {
			return e
		}
	case "iam_credentials":
		if e := b.required("ttl"); e != nil {
			return e
		}
		ttl, _ := b.str("ttl")
		groups, hasGroups := b.strs("access_groups")
		sid, hasSID := b.str("service_id")
		reuse, _ := b.boolean("reuse_api_key")
		if b.err != nil {
			return b.err
		}
		if _, err := parseDurationString(ttl); err != nil {
			return errBadRequest("property \"ttl\" is not a valid duration")
		}
		if !hasGroups && !hasSID {
			return errBadRequest("one of the properties \"access_groups\" or \"service_id\" is required")
		}
		if hasGroups && (len(groups) < 1 || len(groups) > 10) {
			return errBadRequest("property \"access_groups\" must have between 1 and 10 items")
		}
		sec.attrs["ttl"] = ttl
		sec.attrs["reuse_api_key"] = reuse
		sec.attrs["service_id_is_static"] = hasSID
		if hasGroups {
			sec.attrs["access_groups"] = groups
		}
		if hasSID {
			sec.attrs["service_id"] = sid
		}
		rot, e := parseRotation(b, sec.typ)
		if e != nil {
			return e
		}
		s.setRotation(sec, rot)
	case "service_credentials":
		if e := b.required("source_service"); e != nil {
			return e
		}
		var src struct {
			Instance *struct {
				CRN string `json:"crn"`
			} `json:"instance"`
			Role *struct {
				CRN string `json:"crn"`
			} `json:"role"`
			Parameters map[string]any `json:"parameters"`
		}
		b.decode("source_service", &src)
		ttl, hasTTL := b.str("ttl")
		if b.err != nil {
			return b.err
		}
		if src.Instance == nil || src.Instance.CRN == "" {
			return errBadRequest("required.source_service.instance.crn:property \"crn\" is missing")
		}
		if !reCRN.MatchString(src.Instance.CRN) {
			return errBadRequest("property \"source_service.instance.crn\" is not a valid CRN")
		}
		if hasTTL {
			if _, err := parseDurationString(ttl); err != nil {
				return errBadRequest("property \"ttl\" is not a valid duration")
			}
			sec.attrs["ttl"] = ttl
		}
		ro := map[string]any{"instance": map[string]any{"crn": src.Instance.CRN}}
		if src.Role != nil && src.Role.CRN != "" {
			ro["role"] = map[string]any{"crn": src.Role.CRN}
		}
		if src.Parameters != nil {
			ro["parameters"] = src.Parameters
		}
		sec.attrs["source_service"] = ro
		rot, e := parseRotation(b, sec.typ)
		if e != nil {
			return e
		}
		s.setRotation(sec, rot)
	}
	sec.proto = proto
	return nil
}

// newVersion builds a new version of sec from b (a prototype on creation, a
// version prototype on rotation) and makes it current.
func (s *store) newVersion(sec *secret, b *body, rotation bool) (*version, *apiError) {
	now := s.now()
	v := &version{id: newUUID(), createdAt: now, createdBy: s.cfg.createdBy,
		data: map[string]any{}, attrs: map[string]any{}, payloadAvailable: true}
	secAttrs := map[string]any{}
	switch sec.typ {
	case "arbitrary":
		if e := b.required("payload"); e != nil {
			return nil, e
		}
		p, _ := b.str("payload")
		if b.err != nil {
			return nil, b.err
		}
		if p == "" {
			return nil, errBadRequest("property \"payload\" must not be empty")
		}
		v.data["payload"] = p
	case "kv":
		if e := b.required("data"); e != nil {
			return nil, e
		}
		d, _ := b.object("data")
		if b.err != nil {
			return nil, b.err
		}
		v.data["data"] = d
	case "username_password":
		var username string
		if rotation {
			if prev := sec.current(); prev.data != nil {
				username, _ = prev.data["username"].(string)
			}
			if username == "" {
				username = sec.username
			}
		} else {
			username, _ = b.str("username")
			if e := checkLen("username", username, 1, 64); e != nil {
				return nil, e
			}
			sec.username = username
		}
		pw, _ := b.str("password")
		if b.err != nil {
			return nil, b.err
		}
		if pw == "" {
			pol, _ := sec.attrs["password_generation_policy"].(map[string]any)
			pw = generatePassword(pol)
		} else if e := checkLen("password", pw, 1, 256); e != nil {
			return nil, e
		}
		v.data["username"] = username
		v.data["password"] = pw
	case "imported_cert":
		if e := b.required("certificate"); e != nil {
			return nil, e
		}
		certPEM, _ := b.str("certificate")
		inter, hasInter := b.str("intermediate")
		key, hasKey := b.str("private_key")
		if b.err != nil {
			return nil, b.err
		}
		certs, err := parseCerts(certPEM)
		if err != nil {
			return nil, errBadRequest("property \"certificate\" is not a valid PEM certificate: %v", err)
		}
		if hasInter && inter != "" {
			if _, err := parseCerts(inter); err != nil {
				return nil, errBadRequest("property \"intermediate\" is not a valid PEM certificate: %v", err)
			}
		}
		if hasKey && key != "" {
			k, err := parsePrivateKey(key)
			if err != nil {
				return nil, errBadRequest("property \"private_key\" is not valid: %v", err)
			}
			if !publicKeysEqual(k.Public(), certs[0].PublicKey) {
				return nil, errBadRequest("the private key does not match the certificate")
			}
		}
		ca := certAttrs(certs[0])
		secAttrs = ca
		secAttrs["intermediate_included"] = hasInter && inter != ""
		secAttrs["private_key_included"] = hasKey && key != ""
		v.attrs["serial_number"] = ca["serial_number"]
		v.attrs["validity"] = ca["validity"]
		v.attrs["expiration_date"] = ca["expiration_date"]
		v.data["certificate"] = strings.TrimSpace(certPEM)
		if hasInter && inter != "" {
			v.data["intermediate"] = strings.TrimSpace(inter)
		}
		if hasKey && key != "" {
			v.data["private_key"] = strings.TrimSpace(key)
		}
	case "private_cert":
		data, attrs, e := s.issuePrivateCert(sec, b)
		if e != nil {
			return nil, e
		}
		v.data = data
		secAttrs = attrs
		v.attrs["serial_number"] = attrs["serial_number"]
		v.attrs["validity"] = attrs["validity"]
		v.attrs["expiration_date"] = attrs["expiration_date"]
	case "public_cert":
		if rotation {
			if sec.state != 1 {
				return nil, errBadRequest("the certificate order is still in progress")
			}
			keepKey := false
			if rot, ok := b.object("rotation"); ok {
				if rk, ok := rot["rotate_keys"].(bool); ok && !rk {
					keepKey = true
				}
			}
			if b.err != nil {
				return nil, b.err
			}
			data, attrs, e := s.issuePublicCert(sec, keepKey)
			if e != nil {
				return nil, e
			}
			v.data = data
			secAttrs = attrs
			v.attrs["serial_number"] = attrs["serial_number"]
			v.attrs["validity"] = attrs["validity"]
			v.attrs["expiration_date"] = attrs["expiration_date"]
			if info, ok := sec.attrs["issuance_info"].(map[string]any); ok {
				info["ordered_on"] = fmtTime(now)
			}
		} else {
			v.payloadAvailable = false
			v.data = nil
		}
	case "iam_credentials":
		if rotation && b.has("restore_from_version") {
			from, _ := b.str("restore_from_version")
			if b.err != nil {
				return nil, b.err
			}
			old, e := s.versionByID(sec, from)
			if e != nil {
				return nil, e
			}
			if !old.payloadAvailable {
				return nil, errBadRequest("the version %s has no secret data to restore", from)
			}
			v.data["api_key"] = old.data["api_key"]
			v.attrs["api_key_id"] = old.attrs["api_key_id"]
			v.attrs["service_id"] = old.attrs["service_id"]
		} else {
			sid, _ := sec.attrs["service_id"].(string)
			if static, _ := sec.attrs["service_id_is_static"].(bool); !static || sid == "" {
				sid = "ServiceId-" + newUUID()
			}
			v.data["api_key"] = randomToken(44)
			v.attrs["api_key_id"] = "ApiKey-" + newUUID()
			v.attrs["service_id"] = sid
		}
		secAttrs["api_key_id"] = v.attrs["api_key_id"]
		secAttrs["service_id"] = v.attrs["service_id"]
		ttlStr, _ := sec.attrs["ttl"].(string)
		if ttl, err := parseDurationString(ttlStr); err == nil {
			secAttrs["expiration_date"] = fmtTime(now.Add(ttl))
		}
	case "service_credentials":
		src, _ := sec.attrs["source_service"].(map[string]any)
		instCRN := ""
		if inst, ok := src["instance"].(map[string]any); ok {
			instCRN, _ = inst["crn"].(string)
		}
		roleCRN := "crn:v1:bluemix:public:iam::::serviceRole:Writer"
		if role, ok := src["role"].(map[string]any); ok {
			roleCRN, _ = role["crn"].(string)
		}
		keyUUID := newUUID()
		apiKeyID := "ApiKey-" + newUUID()
		sidCRN := "crn:v1:bluemix:public:iam-identity::a/" + s.cfg.account + "::serviceid:ServiceId-" + newUUID()
		rkCRN := strings.TrimSuffix(instCRN, "::") + ":resource-key:" + keyUUID
		v.data["credentials"] = map[string]any{
			"apikey":                 randomToken(44),
			"iam_apikey_description": "Auto-generated for key " + keyUUID,
			"iam_apikey_id":          apiKeyID,
			"iam_apikey_name":        keyUUID,
			"iam_role_crn":           roleCRN,
			"iam_serviceid_crn":      sidCRN,
			"resource_instance_id":   instCRN,
		}
		rk := map[string]any{"crn": rkCRN, "name": sec.name + "_" + v.id}
		v.attrs["resource_key"] = rk
		ro := cloneMap(src)
		ro["iam"] = map[string]any{
			"apikey":    map[string]any{"description": "Auto-generated for key " + keyUUID, "id": apiKeyID, "name": keyUUID},
			"role":      map[string]any{"crn": roleCRN},
			"serviceid": map[string]any{"crn": sidCRN},
		}
		ro["resource_key"] = rk
		secAttrs["source_service"] = ro
		if ttlStr, ok := sec.attrs["ttl"].(string); ok {
			if ttl, err := parseDurationString(ttlStr); err == nil {
				secAttrs["expiration_date"] = fmtTime(now.Add(ttl))
				v.attrs["expiration_date"] = secAttrs["expiration_date"]
			}
		}
	}
	for k, val := range secAttrs {
		sec.attrs[k] = val
	}
	sec.versions = append(sec.versions, v)
	return v, nil
}

// ---- password generation ----

func parsePasswordPolicy(b *body, key string, base map[string]any) (map[string]any, *apiError) {
	pol := map[string]any{"length": int64(32), "include_digits": true, "include_symbols": true, "include_uppercase": true}
	for k, v := range base {
		pol[k] = v
	}
	if !b.has(key) || b.isNull(key) {
		return pol, nil
	}
	var in struct {
		Length           *int64 `json:"length"`
		IncludeDigits    *bool  `json:"include_digits"`
		IncludeSymbols   *bool  `json:"include_symbols"`
		IncludeUppercase *bool  `json:"include_uppercase"`
	}
	if !b.decode(key, &in) {
		return nil, b.err
	}
	if in.Length != nil {
		if *in.Length < 12 || *in.Length > 256 {
			return nil, errBadRequest("property \"password_generation_policy.length\" must be between 12 and 256")
		}
		pol["length"] = *in.Length
	}
	if in.IncludeDigits != nil {
		pol["include_digits"] = *in.IncludeDigits
	}
	if in.IncludeSymbols != nil {
		pol["include_symbols"] = *in.IncludeSymbols
	}
	if in.IncludeUppercase != nil {
		pol["include_uppercase"] = *in.IncludeUppercase
	}
	return pol, nil
}

const (
	lowerChars  = "abcdefghijklmnopqrstuvwxyz"
	upperChars  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digitChars  = "0123456789"
	symbolChars = "!@#$%^&*()-_=+[]{}<>?"
)

func randIndex(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0
	}
	return int(v.Int64())
}

// generatePassword returns a random password honouring the policy: every
// enabled character class appears at least once.
func generatePassword(pol map[string]any) string {
	length := 32
	switch l := pol["length"].(type) {
	case int64:
		length = int(l)
	case float64:
		length = int(l)
	}
	classes := []string{lowerChars}
	if v, ok := pol["include_uppercase"].(bool); !ok || v {
		classes = append(classes, upperChars)
	}
	if v, ok := pol["include_digits"].(bool); !ok || v {
		classes = append(classes, digitChars)
	}
	if v, ok := pol["include_symbols"].(bool); !ok || v {
		classes = append(classes, symbolChars)
	}
	all := strings.Join(classes, "")
	out := make([]byte, length)
	for i := range out {
		if i < len(classes) {
			c := classes[i]
			out[i] = c[randIndex(len(c))]
		} else {
			out[i] = all[randIndex(len(all))]
		}
	}
	for i := len(out) - 1; i > 0; i-- {
		j := randIndex(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// ---- rotation policies ----

func parseRotation(b *body, typ string) (map[string]any, *apiError) {
	if !b.has("rotation") || b.isNull("rotation") {
		return nil, nil
	}
	var in struct {
		AutoRotate *bool   `json:"auto_rotate"`
		Interval   *int64  `json:"interval"`
		Unit       *string `json:"unit"`
		RotateKeys *bool   `json:"rotate_keys"`
	}
	if !b.decode("rotation", &in) {
		return nil, b.err
	}
	out := map[string]any{}
	auto := in.AutoRotate != nil && *in.AutoRotate
	out["auto_rotate"] = auto
	if typ == "public_cert" {
		out["rotate_keys"] = in.RotateKeys != nil && *in.RotateKeys
		return out, nil
	}
	if in.Unit != nil {
		if *in.Unit != "day" && *in.Unit != "month" {
			return nil, errBadRequest("property \"rotation.unit\" must be day or month")
		}
		out["unit"] = *in.Unit
	}
	if in.Interval != nil {
		if *in.Interval < 1 || *in.Interval > 1000 {
			return nil, errBadRequest("property \"rotation.interval\" must be between 1 and 1000")
		}
		out["interval"] = *in.Interval
	}
	if auto && (in.Interval == nil || in.Unit == nil) {
		return nil, errBadRequest("properties \"rotation.interval\" and \"rotation.unit\" are required when auto_rotate is true")
	}
	return out, nil
}

func (s *store) setRotation(sec *secret, rot map[string]any) {
	if rot == nil {
		return
	}
	sec.attrs["rotation"] = rot
	delete(sec.attrs, "next_rotation_date")
	if auto, _ := rot["auto_rotate"].(bool); auto && sec.typ != "public_cert" {
		n, _ := rot["interval"].(int64)
		next := s.now()
		if rot["unit"] == "month" {
			next = next.AddDate(0, int(n), 0)
		} else {
			next = next.AddDate(0, 0, int(n))
		}
		sec.attrs["next_rotation_date"] = fmtTime(next)
	}
}

// ---- read / list / update / delete ----

func (h *Handler) getSecret(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		sec, e := h.st.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		return h.st.readSecret(sec)
	})
}

func (s *store) readSecret(sec *secret) (map[string]any, *apiError) {
	cur := sec.current()
	if sec.typ == "iam_credentials" {
		// Without reuse_api_key, every read creates a new single-use API key: a read modifies the
		// secret's data, so it is refused while the secret is locked (locking document).
		if reuse, _ := sec.attrs["reuse_api_key"].(bool); !reuse && cur.payloadAvailable {
			if sec.locksTotal() > 0 {
				return nil, errLocked()
			}
			cur.data["api_key"] = randomToken(44)
			cur.attrs["api_key_id"] = "ApiKey-" + newUUID()
			sec.attrs["api_key_id"] = cur.attrs["api_key_id"]
		}
	}
	if cur.payloadAvailable {
		cur.downloaded = true
		sec.downloaded = true
	}
	return s.renderSecret(sec, true), nil
}

func (h *Handler) getSecretMetadata(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		sec, e := h.st.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		return h.st.renderSecret(sec, false), nil
	})
}

func (h *Handler) getSecretByNameType(w http.ResponseWriter, r *http.Request, p []string) {
	groupName, typ, name := p[0], p[1], p[2]
	if !isSecretType(typ) {
		writeError(w, errBadRequest("the secret type %q is not supported", typ))
		return
	}
	if e := checkLen("secret_group_name", groupName, 2, 64); e != nil {
		writeError(w, e)
		return
	}
	if e := validateSecretName(name); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		var g *secretGroup
		for _, gg := range s.groups {
			if gg.name == groupName {
				g = gg
			}
		}
		if g == nil {
			return nil, errNotFound(groupName)
		}
		for _, sec := range s.secrets {
			if sec.groupID == g.id && sec.typ == typ && sec.name == name {
				s.refresh(sec)
				return s.readSecret(sec)
			}
		}
		return nil, errNotFound(name)
	})
}

func (h *Handler) deleteSecret(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		sec, e := h.st.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		if sec.locksTotal() > 0 {
			return nil, errLocked()
		}
		delete(h.st.secrets, sec.id)
		return nil, nil
	})
}

func (h *Handler) listSecrets(w http.ResponseWriter, r *http.Request, _ []string) {
	q := r.URL.Query()
	lp, e := parseListParams(q, 200, 1000, reSecretSort)
	if e != nil {
		writeError(w, e)
		return
	}
	groups := listValues(q, "groups")
	if len(groups) > 201 {
		writeError(w, errBadRequest("at most 201 groups can be given"))
		return
	}
	for _, g := range groups {
		if !reGroupID.MatchString(g) {
			writeError(w, errBadRequest("the secret group ID %q is not valid", g))
			return
		}
	}
	types := listValues(q, "secret_types")
	for _, t := range types {
		if !isSecretType(t) {
			writeError(w, errBadRequest("the secret type %q is not supported", t))
			return
		}
	}
	labels := append(listValues(q, "match_all_labels"), listValues(q, "labels")...)
	if len(labels) > 30 {
		writeError(w, errBadRequest("at most 30 labels can be given"))
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		var list []*secret
		for _, sec := range s.secrets {
			if len(groups) > 0 && !contains(groups, sec.groupID) {
				continue
			}
			if len(types) > 0 && !contains(types, sec.typ) {
				continue
			}
			ok := true
			for _, l := range labels {
				if !contains(sec.labels, l) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if lp.search != "" && !sec.matches(lp.search) {
				continue
			}
			s.refresh(sec)
			list = append(list, sec)
		}
		sortSecrets(list, lp.sort, lp.desc)
		start, end, out := page(r, len(list), lp)
		items := make([]any, 0, end-start)
		for _, sec := range list[start:end] {
			items = append(items, s.renderSecret(sec, false))
		}
		out["secrets"] = items
		return out, nil
	})
}

func (sec *secret) matches(search string) bool {
	if containsFold(sec.id, search) || containsFold(sec.name, search) ||
		containsFold(sec.description, search) || containsFold(sec.typ, search) {
		return true
	}
	for _, l := range sec.labels {
		if containsFold(l, search) {
			return true
		}
	}
	return false
}

func sortSecrets(list []*secret, field string, desc bool) {
	key := func(sec *secret) string {
		switch field {
		case "id":
			return sec.id
		case "updated_at":
			return sec.updatedAt.Format(time.RFC3339Nano)
		case "expiration_date":
			e, _ := sec.attrs["expiration_date"].(string)
			return e
		case "secret_type":
			return sec.typ
		case "name":
			return sec.name
		}
		return ""
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if field == "" || field == "created_at" {
			if desc {
				return a.seq > b.seq
			}
			return a.seq < b.seq
		}
		ka, kb := key(a), key(b)
		if ka != kb {
			if desc {
				return ka > kb
			}
			return ka < kb
		}
		return a.seq < b.seq
	})
}

func (h *Handler) updateSecretMetadata(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		sec, e := s.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		allowed := map[string]bool{"name": true, "description": true, "labels": true, "custom_metadata": true}
		switch sec.typ {
		case "arbitrary":
			allowed["expiration_date"] = true
		case "username_password":
			allowed["expiration_date"] = true
			allowed["rotation"] = true
			allowed["password_generation_policy"] = true
		case "iam_credentials", "service_credentials":
			allowed["rotation"] = true
			allowed["ttl"] = true
		case "private_cert", "public_cert":
			allowed["rotation"] = true
		}
		for k := range b.m {
			if !allowed[k] {
				return nil, errBadRequest("property %q cannot be updated for secret type %s", k, sec.typ)
			}
		}
		if b.isNull("name") {
			return nil, errBadRequest("property \"name\" cannot be removed")
		}
		name, hasName := b.str("name")
		desc, hasDesc := b.str("description")
		labels, hasLabels := b.strs("labels")
		cm, hasCM := b.object("custom_metadata")
		exp, hasExp := b.str("expiration_date")
		ttl, hasTTL := b.str("ttl")
		if b.err != nil {
			return nil, b.err
		}
		if hasName {
			if e := validateSecretName(name); e != nil {
				return nil, e
			}
			if s.nameTaken(sec.groupID, sec.typ, name, sec.id) {
				return nil, errConflict("a %s secret with name %q already exists in secret group %s", sec.typ, name, sec.groupID)
			}
		}
		if e := checkLen("description", desc, 0, 1024); e != nil {
			return nil, e
		}
		if e := validateLabels(labels); e != nil {
			return nil, e
		}
		var expStr string
		if hasExp {
			t, err := parseTime(exp)
			if err != nil {
				return nil, errBadRequest("property \"expiration_date\" must be an RFC 3339 date-time")
			}
			expStr = fmtTime(t)
		}
		if hasTTL {
			if _, err := parseDurationString(ttl); err != nil {
				return nil, errBadRequest("property \"ttl\" is not a valid duration")
			}
		}
		var pol map[string]any
		if b.has("password_generation_policy") {
			base, _ := sec.attrs["password_generation_policy"].(map[string]any)
			if pol, e = parsePasswordPolicy(b, "password_generation_policy", base); e != nil {
				return nil, e
			}
		}
		rot, e := parseRotation(b, sec.typ)
		if e != nil {
			return nil, e
		}
		// All validated: apply.
		if hasName {
			sec.name = name
		}
		if hasDesc {
			sec.description, sec.hasDescription = desc, true
		} else if b.isNull("description") {
			sec.description, sec.hasDescription = "", false
		}
		if hasLabels {
			sec.labels = labels
		} else if b.isNull("labels") {
			sec.labels = nil
		}
		if hasCM {
			sec.customMetadata = cm
		} else if b.isNull("custom_metadata") {
			sec.customMetadata = nil
		}
		if hasExp {
			sec.attrs["expiration_date"] = expStr
		} else if b.isNull("expiration_date") {
			delete(sec.attrs, "expiration_date")
		}
		if hasTTL {
			sec.attrs["ttl"] = ttl
		}
		if pol != nil {
			sec.attrs["password_generation_policy"] = pol
		}
		if rot != nil {
			s.setRotation(sec, rot)
		}
		sec.updatedAt = s.now()
		return s.renderSecret(sec, false), nil
	})
}

// ---- secret actions ----

func (h *Handler) createSecretAction(w http.ResponseWriter, r *http.Request, p []string) {
	_, action, e := readAction(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		sec, e := s.secretByID(p[0])
		if e != nil {
			return nil, e
		}
		switch action {
		case "private_cert_action_revoke_certificate":
			if sec.typ != "private_cert" {
				return nil, errBadRequest("action %s is not supported for secret type %s", action, sec.typ)
			}
			t, ok := sec.attrs["revocation_time_seconds"].(int64)
			if !ok {
				t = s.now().Unix()
				sec.attrs["revocation_time_seconds"] = t
				sec.updatedAt = s.now()
			}
			return map[string]any{"action_type": action, "revocation_time_seconds": t}, nil
		case "public_cert_action_validate_dns_challenge":
			if sec.typ != "public_cert" {
				return nil, errBadRequest("action %s is not supported for secret type %s", action, sec.typ)
			}
			if sec.state != 0 {
				return nil, errBadRequest("the certificate has no pending DNS challenge")
			}
			sec.dnsVerified = true
			s.refresh(sec)
			return map[string]any{"action_type": action}, nil
		}
		return nil, errBadRequest("property \"action_type\" has an unsupported value %q", action)
	})
}
