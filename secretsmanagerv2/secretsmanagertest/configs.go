package secretsmanagertest

import (
	"net/http"
	"sort"
	"time"
)

// Operations on configurations. What depends on the configuration type is
// asked of the configuration's kind (config_*.go).

const (
	cfgRootCA       = "private_cert_configuration_root_ca"
	cfgIntermediate = "private_cert_configuration_intermediate_ca"
	cfgTemplate     = "private_cert_configuration_template"
	cfgLetsEncrypt  = "public_cert_configuration_ca_lets_encrypt"
	cfgDNSClassic   = "public_cert_configuration_dns_classic_infrastructure"
	cfgDNSCIS       = "public_cert_configuration_dns_cloud_internet_services"
	cfgIAM          = "iam_credentials_configuration"
)

// configKinds registers the configuration types: config_type value ->
// constructor of the kind holding one configuration's type-specific state.
// Adding a configuration type is one config_<type>.go file plus one line here.
var configKinds = map[string]func() configKind{
	cfgRootCA:       func() configKind { return &caConfig{root: true} },
	cfgIntermediate: func() configKind { return &caConfig{} },
	cfgTemplate:     func() configKind { return &templateConfig{} },
	cfgLetsEncrypt:  func() configKind { return &letsEncryptConfig{} },
	cfgDNSClassic:   func() configKind { return &dnsClassicConfig{} },
	cfgDNSCIS:       func() configKind { return &dnsCISConfig{} },
	cfgIAM:          func() configKind { return &iamConfig{} },
	cfgCustom:       func() configKind { return &customCredentialsConfig{} },
}

// configSecretTypes are the secret types that have configurations.
var configSecretTypes = []string{"iam_credentials", "public_cert", "private_cert", "custom_credentials"}

// configKind is the type-specific part of one configuration. The plain
// properties of a configuration (those echoed back as given) are described
// by fields and kept in configuration.attrs; the kind validates them and
// holds any other state (CA keys and certificates). All calls happen with
// the store locked; a method that returns an error must leave the
// configuration unchanged. Embed configBase for the defaults.
type configKind interface {
	// secretType is the secret_type of the configuration.
	secretType() string
	// fields describes the plain properties of the type.
	fields() *configFields
	// init validates a new configuration (its attrs are parsed from b),
	// applies defaults and sets up the state.
	init(s *store, c *configuration, b *body) *apiError
	// update validates next, the attributes of c after the update b, before
	// they replace c.attrs; it may complete them.
	update(s *store, c *configuration, next map[string]any, b *body) *apiError
	// render adds the properties that are not plain attributes to m; full
	// is false for list items.
	render(c *configuration, m map[string]any, full bool)
	// action runs a configuration action.
	action(s *store, c *configuration, action string, b *body) (map[string]any, *apiError)
	// deletable refuses the deletion of a configuration still in use.
	deletable(s *store, c *configuration) *apiError
	// references returns the IDs of the secrets the configuration refers to
	// (they list it in referenced_by).
	references(c *configuration) []string
	// clone returns a copy that later changes of the original do not affect.
	clone() configKind
}

// configFields describes the plain properties of a configuration type.
type configFields struct {
	create   map[string]fieldKind // accepted on creation
	patch    map[string]fieldKind // accepted on update
	required []string             // required on creation
	metadata []string             // kept in list items
}

// configBase provides the defaults of configKind.
type configBase struct{}

func (configBase) init(*store, *configuration, *body) *apiError { return nil }
func (configBase) update(*store, *configuration, map[string]any, *body) *apiError {
	return nil
}
func (configBase) render(*configuration, map[string]any, bool) {}
func (configBase) deletable(*store, *configuration) *apiError  { return nil }
func (configBase) references(*configuration) []string          { return nil }
func (configBase) action(_ *store, c *configuration, action string, _ *body) (map[string]any, *apiError) {
	return nil, errUnsupportedConfigAction(action, c.typ)
}

// configActions are the known configuration actions, for the error of an
// action sent to the wrong type.
var configActions = []string{
	"private_cert_configuration_action_rotate_crl", "private_cert_configuration_action_revoke_ca_certificate",
	"private_cert_configuration_action_set_signed", "private_cert_configuration_action_sign_intermediate",
	"private_cert_configuration_action_sign_csr", "private_cert_configuration_action_rotate_intermediate",
}

func errUnsupportedConfigAction(action, typ string) *apiError {
	if contains(configActions, action) {
		return errBadRequest("action %s is not supported for configuration type %s", action, typ)
	}
	return errBadRequest("property \"action_type\" has an unsupported value %q", action)
}

type configuration struct {
	name, typ            string
	createdAt, updatedAt time.Time
	createdBy            string
	attrs                map[string]any // the plain properties
	seq                  int64
	kind                 configKind
}

type fieldKind int

const (
	kBool fieldKind = iota
	kStr
	kList
	kInt
	kDur // duration string stored as <name>_seconds
	kSecretStr
	kObject
)

func merge(a, b map[string]fieldKind) map[string]fieldKind {
	out := map[string]fieldKind{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// applyFields validates the fields of b against spec and stores them in attrs.
func applyFields(b *body, spec map[string]fieldKind, attrs map[string]any, ignore ...string) *apiError {
	for k := range b.m {
		if contains(ignore, k) {
			continue
		}
		kind, ok := spec[k]
		if !ok {
			return errBadRequest("property %q is not supported for this configuration type", k)
		}
		if b.isNull(k) {
			continue
		}
		switch kind {
		case kBool:
			if v, ok := b.boolean(k); ok {
				attrs[k] = v
			}
		case kStr, kSecretStr:
			if v, ok := b.str(k); ok {
				attrs[k] = v
			}
		case kList:
			if v, ok := b.strs(k); ok {
				if v == nil {
					v = []string{}
				}
				attrs[k] = v
			}
		case kInt:
			if v, ok := b.integer(k); ok {
				attrs[k] = v
			}
		case kObject:
			if v, ok := b.object(k); ok {
				attrs[k] = v
			}
		case kDur:
			if v, ok := b.str(k); ok {
				d, err := parseDurationString(v)
				if err != nil {
					return errBadRequest("property %q is not a valid duration: %v", k, err)
				}
				if d <= 0 && k != "not_before_duration" {
					return errBadRequest("property %q must be a positive duration", k)
				}
				attrs[k+"_seconds"] = int64(d / time.Second)
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

func setDefault(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// Typed reads of plain attributes, with a default when absent.

func attrStr(a map[string]any, k string) string {
	v, _ := a[k].(string)
	return v
}

func attrStrs(a map[string]any, k string) []string {
	v, _ := a[k].([]string)
	return v
}

func attrInt(a map[string]any, k string) int64 {
	v, _ := a[k].(int64)
	return v
}

func attrBool(a map[string]any, k string, def bool) bool {
	if v, ok := a[k].(bool); ok {
		return v
	}
	return def
}

func (c *configuration) render(full bool) map[string]any {
	m := map[string]any{}
	if full {
		for k, v := range c.attrs {
			m[k] = v
		}
	} else {
		for _, k := range c.kind.fields().metadata {
			if v, ok := c.attrs[k]; ok {
				m[k] = v
			}
		}
	}
	c.kind.render(c, m, full)
	m["name"] = c.name
	m["config_type"] = c.typ
	m["secret_type"] = c.kind.secretType()
	m["created_at"] = fmtTime(c.createdAt)
	m["updated_at"] = fmtTime(c.updatedAt)
	m["created_by"] = c.createdBy
	return m
}

// referencedBy returns the names of the configurations that refer to the
// secret id.
func (s *store) referencedBy(id string) []string {
	out := []string{}
	for _, c := range s.configs {
		if contains(c.kind.references(c), id) {
			out = append(out, c.name)
		}
	}
	return out
}

// findConfigs returns the configurations named name, optionally of type typ.
func (s *store) findConfigs(name, typ string) []*configuration {
	var out []*configuration
	for _, c := range s.configs {
		if c.name == name && (typ == "" || c.typ == typ) {
			out = append(out, c)
		}
	}
	return out
}

func (s *store) configByName(r *http.Request, name string) (*configuration, *apiError) {
	typ := r.Header.Get("X-Sm-Accept-Configuration-Type")
	if typ != "" {
		if _, ok := configKinds[typ]; !ok {
			return nil, errBadRequest("header X-Sm-Accept-Configuration-Type has an unsupported value %q", typ)
		}
	}
	found := s.findConfigs(name, typ)
	switch len(found) {
	case 0:
		return nil, errNameNotFound("configuration", name, "")
	case 1:
		return found[0], nil
	}
	return nil, newError(http.StatusMultipleChoices, "The request has more than one possible responses: set the X-Sm-Accept-Configuration-Type header")
}

func (h *Handler) createConfiguration(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	for _, k := range []string{"config_type", "name"} {
		if e := b.required(k); e != nil {
			writeError(w, e)
			return
		}
	}
	typ, _ := b.str("config_type")
	name, _ := b.str("name")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	newKind, ok := configKinds[typ]
	if !ok {
		writeError(w, errBadRequest("property \"config_type\" has an unsupported value %q", typ))
		return
	}
	kind := newKind()
	if e := checkLen("name", name, 2, 128); e != nil {
		writeError(w, e)
		return
	}
	if !reConfigName.MatchString(name) {
		writeError(w, errBadRequest("property \"name\" must match the pattern %s", reConfigName))
		return
	}
	for _, k := range kind.fields().required {
		if e := b.required(k); e != nil {
			writeError(w, e)
			return
		}
	}
	attrs := map[string]any{}
	if e := applyFields(b, kind.fields().create, attrs, "config_type", "name"); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		if len(s.findConfigs(name, typ)) > 0 {
			return nil, errConflict("a configuration of type %s with name %q already exists", typ, name)
		}
		n := 0
		for _, c := range s.configs {
			if c.typ == typ {
				n++
			}
		}
		if n >= 10 {
			return nil, errBadRequest("at most 10 configurations of type %s can be created", typ)
		}
		now := s.now()
		c := &configuration{name: name, typ: typ, createdAt: now, updatedAt: now,
			createdBy: s.cfg.createdBy, attrs: attrs, seq: s.nextSeq(), kind: kind}
		if e := kind.init(s, c, b); e != nil {
			return nil, e
		}
		s.configs = append(s.configs, c)
		return c.render(true), nil
	})
}

func (h *Handler) listConfigurations(w http.ResponseWriter, r *http.Request, _ []string) {
	lp, e := parseListParams(r.URL.Query(), 200, 1000, reConfigSort)
	if e != nil {
		writeError(w, e)
		return
	}
	types := listValues(r.URL.Query(), "secret_types")
	if len(types) > 4 {
		writeError(w, errBadRequest("at most 4 secret types can be given"))
		return
	}
	for _, t := range types {
		if !contains(configSecretTypes, t) {
			writeError(w, errBadRequest("the secret type %q has no configurations", t))
			return
		}
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		var list []*configuration
		for _, c := range h.st.configs {
			if len(types) > 0 && !contains(types, c.kind.secretType()) {
				continue
			}
			if lp.search != "" && !containsFold(c.name, lp.search) && !containsFold(c.typ, lp.search) && !containsFold(c.kind.secretType(), lp.search) {
				continue
			}
			list = append(list, c)
		}
		key := func(c *configuration) string {
			switch lp.sort {
			case "config_type":
				return c.typ
			case "secret_type":
				return c.kind.secretType()
			case "name":
				return c.name
			}
			return ""
		}
		sort.SliceStable(list, func(i, j int) bool {
			ki, kj := key(list[i]), key(list[j])
			if ki == kj {
				return list[i].seq < list[j].seq
			}
			if lp.desc {
				return ki > kj
			}
			return ki < kj
		})
		start, end, out := page(r, len(list), lp)
		items := make([]any, 0, end-start)
		for _, c := range list[start:end] {
			items = append(items, c.render(false))
		}
		out["configurations"] = items
		return out, nil
	})
}

func (h *Handler) getConfiguration(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		c, e := h.st.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		return c.render(true), nil
	})
}

func (h *Handler) updateConfiguration(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		c, e := s.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		next := cloneAttrs(c.attrs)
		if e := applyFields(b, c.kind.fields().patch, next); e != nil {
			return nil, e
		}
		for k := range b.m {
			if b.isNull(k) {
				return nil, errBadRequest("property %q cannot be removed", k)
			}
		}
		if e := c.kind.update(s, c, next, b); e != nil {
			return nil, e
		}
		c.attrs = next
		c.updatedAt = s.now()
		return c.render(true), nil
	})
}

func cloneAttrs(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (h *Handler) deleteConfiguration(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		s := h.st
		c, e := s.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		if e := c.kind.deletable(s, c); e != nil {
			return nil, e
		}
		out := s.configs[:0]
		for _, o := range s.configs {
			if o != c {
				out = append(out, o)
			}
		}
		s.configs = out
		return nil, nil
	})
}

func (h *Handler) createConfigurationAction(w http.ResponseWriter, r *http.Request, p []string) {
	b, action, e := readAction(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		s := h.st
		c, e := s.configByName(r, p[0])
		if e != nil {
			return nil, e
		}
		return c.kind.action(s, c, action, b)
	})
}
