package secretsmanagertest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// serviceCredentialsKind is secret_type "service_credentials": stand-in
// credentials (a resource key) of an IBM Cloud service instance, one per
// version, valid for the optional ttl.
type serviceCredentialsKind struct {
	kindBase
	ttl         string
	instanceCRN string
	roleCRN     string         // "" when not given
	parameters  map[string]any // nil when not given
	iam         map[string]any // source_service.iam of the current version
	resourceKey map[string]any // source_service.resource_key of the current version
	rot         rotation
}

// serviceCredentialsVersion is the data of a service_credentials secret version.
type serviceCredentialsVersion struct {
	credentials map[string]any
	resourceKey map[string]any
}

func (d *serviceCredentialsVersion) renderMetadata(m map[string]any) {
	m["resource_key"] = d.resourceKey
}
func (d *serviceCredentialsVersion) renderData(m map[string]any) { m["credentials"] = d.credentials }
func (d *serviceCredentialsVersion) clone() versionData          { return shallow(d) }
func (d *serviceCredentialsVersion) erase()                      { d.credentials = nil }

func (k *serviceCredentialsKind) clone() secretKind { return shallow(k) }

func (k *serviceCredentialsKind) create(s *store, _ *secret, b *body) *apiError {
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
	}
	k.rot.rules = rotateDayTo3Months
	rot, e := k.rot.parse(b)
	if e != nil {
		return e
	}
	if e := checkRotationTTL(rot, ttl); e != nil {
		return e
	}
	k.ttl = ttl
	k.instanceCRN = src.Instance.CRN
	if src.Role != nil {
		k.roleCRN = src.Role.CRN
	}
	k.parameters = src.Parameters
	k.rot.set(s.now(), rot)
	return nil
}

func (k *serviceCredentialsKind) newVersion(s *store, sec *secret, v *version, _ *body, _ bool) (bool, *apiError) {
	roleCRN := k.roleCRN
	if roleCRN == "" {
		roleCRN = "crn:v1:bluemix:public:iam::::serviceRole:Writer"
	}
	keyUUID := newUUID()
	apiKeyID := "ApiKey-" + newUUID()
	sidCRN := "crn:v1:bluemix:public:iam-identity::a/" + s.cfg.account + "::serviceid:ServiceId-" + newUUID()
	rkCRN := strings.TrimSuffix(k.instanceCRN, "::") + ":resource-key:" + keyUUID
	rk := map[string]any{"crn": rkCRN, "name": sec.name + "_" + v.id}
	v.data = &serviceCredentialsVersion{
		credentials: map[string]any{
			"apikey":                 randomToken(44),
			"iam_apikey_description": "Auto-generated for key " + keyUUID,
			"iam_apikey_id":          apiKeyID,
			"iam_apikey_name":        keyUUID,
			"iam_role_crn":           roleCRN,
			"iam_serviceid_crn":      sidCRN,
			"resource_instance_id":   k.instanceCRN,
		},
		resourceKey: rk,
	}
	k.iam = map[string]any{
		"apikey":    map[string]any{"description": "Auto-generated for key " + keyUUID, "id": apiKeyID, "name": keyUUID},
		"role":      map[string]any{"crn": roleCRN},
		"serviceid": map[string]any{"crn": sidCRN},
	}
	k.resourceKey = rk
	if k.ttl != "" {
		if exp := expiresAfter(s.now(), k.ttl); exp != nil {
			sec.expiration, v.expiration = exp, exp
		}
	}
	return false, nil
}

func (k *serviceCredentialsKind) render(m map[string]any, _ bool) {
	src := map[string]any{"instance": map[string]any{"crn": k.instanceCRN}}
	if k.roleCRN != "" {
		src["role"] = map[string]any{"crn": k.roleCRN}
	}
	if k.parameters != nil {
		src["parameters"] = k.parameters
	}
	if k.iam != nil {
		src["iam"] = k.iam
		src["resource_key"] = k.resourceKey
	}
	m["source_service"] = src
	if k.ttl != "" {
		m["ttl"] = k.ttl
	}
}

func (k *serviceCredentialsKind) rotation() *rotation { return &k.rot }

func (k *serviceCredentialsKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	return leasedPatch(s, sec, b, &k.rot, &k.ttl)
}

// The Vault API: a source_crn, role and parameters for the v2 source_service on creation; the
// ttl may be a number of seconds; the credentials are the secret data (vaultServiceCredentials).
func (k *serviceCredentialsKind) vaultBody(m map[string]json.RawMessage, b *body, creating bool) *apiError {
	durationString(m, "ttl")
	if !creating {
		return nil
	}
	if _, ok := b.m["source_service"]; !ok {
		if e := b.required("source_crn"); e != nil {
			return e
		}
		src, _ := b.str("source_crn")
		role, _ := b.str("role")
		params, _ := b.object("parameters")
		if b.err != nil {
			return b.err
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
	return nil
}

func (k *serviceCredentialsKind) vaultRender(out, sd, m map[string]any, _ *secret, _ bool) {
	vaultServiceCredentials(out, sd, m)
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
