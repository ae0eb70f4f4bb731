package secretsmanagertest

// The seed file: a JSON document that declares an instance's content, loaded
// through the API's own handlers (so every check of the API applies):
//
//	{
//	  "secret_groups":  [{"name": "team-a", "description": "..."}],
//	  "private_cas":    [{"name": "app"}],
//	  "configurations": [{"config_type": "private_cert_configuration_template", "name": "...", ...}],
//	  "secrets": [
//	    {"secret_type": "arbitrary", "name": "db-url", "payload": "...", "secret_group_name": "team-a",
//	     "versions": [{"payload": "..."}],
//	     "locks": [{"name": "in-use", "description": "..."}]}
//	  ],
//	  "notifications": {"event_notifications_instance_crn": "...", "event_notifications_source_name": "..."}
//	}
//
// Items are created in that order. A private CA of private_cas is a root CA
// "<name>-root", an intermediate CA "<name>-intermediate" it signs and a
// template "<name>-template" allowing any name (EC P-256 keys), like
// Seeder.PrivateCA. Configurations and secrets are the v2 API's prototypes as
// is (a secret's secret_group_name names a group of the file, or an existing
// one); versions are rotations (secret version prototypes) made after the
// creation; locks are put on the current version.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// SeedFile is the content of a seed file.
type SeedFile struct {
	SecretGroups   []SeedGroup                  `json:"secret_groups,omitempty"`
	PrivateCAs     []SeedPrivateCA              `json:"private_cas,omitempty"`
	Configurations []map[string]json.RawMessage `json:"configurations,omitempty"`
	Secrets        []map[string]json.RawMessage `json:"secrets,omitempty"`
	Notifications  map[string]json.RawMessage   `json:"notifications,omitempty"`
}

// SeedGroup is a secret group of a seed file.
type SeedGroup struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// SeedPrivateCA is a private CA chain of a seed file: root, intermediate
// and template named after Name.
type SeedPrivateCA struct {
	Name string `json:"name"`
	// CommonName is the root's common name (default "<name> Root CA").
	CommonName string `json:"common_name,omitempty"`
}

// SeedResult tells what a seed file created.
type SeedResult struct {
	SecretGroups   map[string]string `json:"secret_groups"` // name -> ID
	Secrets        map[string]string `json:"secrets"`       // name -> ID
	Configurations []string          `json:"configurations"`
}

// ParseSeedFile reads a seed file, refusing unknown top-level keys.
func ParseSeedFile(data []byte) (*SeedFile, error) {
	var f SeedFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("seed file: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("seed file: trailing data after the JSON object")
	}
	return &f, nil
}

// Seed creates the content of f in the handler, through the API's
// handlers, in the order of the file; it stops at the first item the API
// refuses and returns an error naming it (what was created before stays).
func (h *Handler) Seed(f *SeedFile) (*SeedResult, error) {
	res := &SeedResult{SecretGroups: map[string]string{}, Secrets: map[string]string{}}
	for i, g := range f.SecretGroups {
		body := map[string]any{"name": g.Name}
		if g.Description != "" {
			body["description"] = g.Description
		}
		out, err := h.seedCall(http.MethodPost, "secret_groups", body)
		if err != nil {
			return res, fmt.Errorf("seed file: secret_groups[%d] (%q): %w", i, g.Name, err)
		}
		res.SecretGroups[g.Name], _ = out["id"].(string)
	}
	for i, ca := range f.PrivateCAs {
		cn := ca.CommonName
		if cn == "" {
			cn = ca.Name + " Root CA"
		}
		for _, c := range []map[string]any{
			{"config_type": cfgRootCA, "name": ca.Name + "-root", "common_name": cn, "max_ttl": "87600h", "key_type": "ec", "key_bits": 256},
			{"config_type": cfgIntermediate, "name": ca.Name + "-intermediate", "common_name": ca.Name + " Intermediate CA", "max_ttl": "43800h",
				"signing_method": "internal", "issuer": ca.Name + "-root", "key_type": "ec", "key_bits": 256},
			{"config_type": cfgTemplate, "name": ca.Name + "-template", "certificate_authority": ca.Name + "-intermediate",
				"allow_any_name": true, "key_type": "ec", "key_bits": 256},
		} {
			if _, err := h.seedCall(http.MethodPost, "configurations", c); err != nil {
				return res, fmt.Errorf("seed file: private_cas[%d] (%q): %s: %w", i, ca.Name, c["name"], err)
			}
			res.Configurations = append(res.Configurations, c["name"].(string))
		}
	}
	for i, c := range f.Configurations {
		var name string
		_ = json.Unmarshal(c["name"], &name)
		if _, err := h.seedCall(http.MethodPost, "configurations", c); err != nil {
			return res, fmt.Errorf("seed file: configurations[%d] (%q): %w", i, name, err)
		}
		res.Configurations = append(res.Configurations, name)
	}
	for i, raw := range f.Secrets {
		if err := h.seedSecret(raw, res); err != nil {
			var name string
			_ = json.Unmarshal(raw["name"], &name)
			return res, fmt.Errorf("seed file: secrets[%d] (%q): %w", i, name, err)
		}
	}
	if f.Notifications != nil {
		if _, err := h.seedCall(http.MethodPost, "notifications/registration", f.Notifications); err != nil {
			return res, fmt.Errorf("seed file: notifications: %w", err)
		}
	}
	return res, nil
}

// seedSecret creates one secret of a seed file with its versions and locks.
func (h *Handler) seedSecret(raw map[string]json.RawMessage, res *SeedResult) error {
	p := make(map[string]json.RawMessage, len(raw))
	for k, v := range raw {
		p[k] = v
	}
	var versions, locks []json.RawMessage
	if v, ok := p["versions"]; ok {
		if err := json.Unmarshal(v, &versions); err != nil {
			return fmt.Errorf("versions: %w", err)
		}
		delete(p, "versions")
	}
	if v, ok := p["locks"]; ok {
		if err := json.Unmarshal(v, &locks); err != nil {
			return fmt.Errorf("locks: %w", err)
		}
		delete(p, "locks")
	}
	if v, ok := p["secret_group_name"]; ok {
		var g string
		if err := json.Unmarshal(v, &g); err != nil {
			return fmt.Errorf("secret_group_name: %w", err)
		}
		id, ok := res.SecretGroups[g]
		if !ok {
			id = h.groupIDByName(g)
		}
		if id == "" {
			return fmt.Errorf("secret_group_name: no secret group is named %q", g)
		}
		p["secret_group_id"], _ = json.Marshal(id)
		delete(p, "secret_group_name")
	}
	out, err := h.seedCall(http.MethodPost, "secrets", p)
	if err != nil {
		return err
	}
	id, _ := out["id"].(string)
	name, _ := out["name"].(string)
	res.Secrets[name] = id
	for i, v := range versions {
		if _, err := h.seedCall(http.MethodPost, "secrets/"+url.PathEscape(id)+"/versions", v); err != nil {
			return fmt.Errorf("versions[%d]: %w", i, err)
		}
	}
	if len(locks) > 0 {
		if _, err := h.seedCall(http.MethodPost, "secrets/"+url.PathEscape(id)+"/locks_bulk", map[string]any{"locks": locks}); err != nil {
			return fmt.Errorf("locks: %w", err)
		}
	}
	return nil
}

// groupIDByName returns the ID of the secret group named name, "" if none.
func (h *Handler) groupIDByName(name string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, g := range h.st.groups {
		if g.name == name {
			return id
		}
	}
	return ""
}

// seedCall serves one v2 request in-process (no token, no faults) and
// returns its decoded answer, or its error message.
func (h *Handler) seedCall(method, path string, body any) (out map[string]any, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("500 the server failed serving %s %s (a bug)", method, path)
		}
	}()
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req := httptest.NewRequest(method, "/api/v2/"+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	req.Body = http.MaxBytesReader(rec, req.Body, maxBodyBytes)
	h.route(rec, req)
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	if rec.Code >= 300 {
		msg := strings.TrimSpace(rec.Body.String())
		if errs, ok := out["errors"].([]any); ok && len(errs) > 0 {
			if e, ok := errs[0].(map[string]any); ok {
				msg, _ = e["message"].(string)
			}
		}
		return nil, fmt.Errorf("%d %s", rec.Code, msg)
	}
	return out, nil
}
