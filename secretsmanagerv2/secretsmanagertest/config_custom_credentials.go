package secretsmanagertest

import (
	"encoding/json"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
)

const cfgCustom = "custom_credentials_configuration"

// CodeEngineJob is a credentials provider job known to the server: a
// custom_credentials_configuration naming it (code_engine) gets its schema
// from Env, as Secrets Manager reads it from the job's environment variable
// definitions. Register jobs with WithCodeEngineJob; a configuration naming
// an unregistered job gets an empty schema, and its secrets accept any
// parameters and credentials.
type CodeEngineJob struct {
	Region, ProjectID, JobName string
	// Env maps the job's variables SMIN_<NAME> (input parameter <name>) and
	// SMOUT_<NAME> (output credential <name>) to their format descriptor,
	// such as "type:string, required:true", "type:integer",
	// "type:boolean", "type:enum[read|write]" or "type:secret_id".
	Env map[string]string
}

func (j CodeEngineJob) key() string { return j.Region + "/" + j.ProjectID + "/" + j.JobName }

// customCredentialsConfig is config_type custom_credentials_configuration:
// the Code Engine job that makes the credentials of custom_credentials
// secrets, the schema of their parameters and credentials, and the time a
// task may take.
type customCredentialsConfig struct {
	configBase
	job              CodeEngineJob // Region, ProjectID, JobName
	apiKeyRef        string
	codeEngineKeyRef string
	taskTimeout      string
	timeout          time.Duration
	schema           jobSchema
}

var customConfigFields = &configFields{
	create:   map[string]fieldKind{"code_engine": kObject, "api_key_ref": kStr, "task_timeout": kStr},
	patch:    map[string]fieldKind{"task_timeout": kStr},
	required: []string{"code_engine"},
}

var reTaskTimeout = regexp.MustCompile(`^[0-9]+[smhd]?$`)

func (k *customCredentialsConfig) clone() configKind { return shallow(k) }

func (*customCredentialsConfig) secretType() string    { return "custom_credentials" }
func (*customCredentialsConfig) fields() *configFields { return customConfigFields }

// parseTaskTimeout validates a task_timeout: 5 minutes to 24 hours.
func parseTaskTimeout(v string) (time.Duration, *apiError) {
	if len(v) > 6 || !reTaskTimeout.MatchString(v) {
		return 0, errBadRequest("property \"task_timeout\" must be a number of seconds or a duration such as 10m or 2h")
	}
	d, err := parseDurationString(v)
	if err != nil || d < 5*time.Minute || d > 24*time.Hour {
		return 0, errBadRequest("property \"task_timeout\" must be between 5 minutes and 24 hours")
	}
	return d, nil
}

func (k *customCredentialsConfig) init(s *store, c *configuration, b *body) *apiError {
	var ce struct {
		JobName   string `json:"job_name"`
		ProjectID string `json:"project_id"`
		Region    string `json:"region"`
	}
	b.decode("code_engine", &ce)
	if b.err != nil {
		return b.err
	}
	for f, v := range map[string]string{"job_name": ce.JobName, "project_id": ce.ProjectID, "region": ce.Region} {
		if v == "" {
			return errBadRequest("required.code_engine.%s:property %q is missing", f, f)
		}
	}
	k.job = CodeEngineJob{Region: ce.Region, ProjectID: ce.ProjectID, JobName: ce.JobName}
	for _, o := range s.configs {
		if ok, is := o.kind.(*customCredentialsConfig); is && ok.job.key() == k.job.key() {
			return errConflict("the Code Engine job %s is already used by the configuration %q", ce.JobName, o.name)
		}
	}
	k.taskTimeout = "10m"
	if v := attrStr(c.attrs, "task_timeout"); v != "" {
		k.taskTimeout = v
	}
	d, e := parseTaskTimeout(k.taskTimeout)
	if e != nil {
		return e
	}
	k.timeout = d
	if ref := attrStr(c.attrs, "api_key_ref"); ref != "" {
		sec, ok := s.secrets[ref]
		if !ok || sec.typ != "iam_credentials" {
			return errBadRequest("property \"api_key_ref\" must be the ID of an iam_credentials secret")
		}
		k.apiKeyRef, k.codeEngineKeyRef = ref, "sm-access-"+newUUID()
	}
	k.schema = parseJobSchema(s.cfg.jobs[k.job.key()].Env)
	c.attrs = map[string]any{} // the state is typed: rendered by render
	return nil
}

func (k *customCredentialsConfig) update(_ *store, _ *configuration, next map[string]any, _ *body) *apiError {
	v := attrStr(next, "task_timeout")
	if v == "" {
		return nil
	}
	d, e := parseTaskTimeout(v)
	if e != nil {
		return e
	}
	delete(next, "task_timeout")
	k.taskTimeout, k.timeout = v, d
	return nil
}

func (k *customCredentialsConfig) render(_ *configuration, m map[string]any, _ bool) {
	m["code_engine"] = map[string]any{"job_name": k.job.JobName, "project_id": k.job.ProjectID, "region": k.job.Region}
	m["schema"] = k.schema.render()
	m["task_timeout"] = k.taskTimeout
	if k.apiKeyRef != "" {
		m["api_key_ref"] = k.apiKeyRef
		m["code_engine_key_ref"] = k.codeEngineKeyRef
	}
}

func (k *customCredentialsConfig) deletable(s *store, c *configuration) *apiError {
	for _, sec := range s.secrets {
		if cc, ok := sec.kind.(*customCredentialsKind); ok && cc.configuration == c.name {
			return errConflict("the configuration %q is used by the secret %s", c.name, sec.id)
		}
	}
	return nil
}

func (k *customCredentialsConfig) references(*configuration) []string {
	if k.apiKeyRef == "" {
		return nil
	}
	return []string{k.apiKeyRef}
}

// customConfig returns the custom credentials configuration named name.
func (s *store) customConfig(name string) *customCredentialsConfig {
	for _, c := range s.findConfigs(name, cfgCustom) {
		if k, ok := c.kind.(*customCredentialsConfig); ok {
			return k
		}
	}
	return nil
}

// ---- schemas ----

// jobSchema is the contract of a provider job: its input parameters and
// output credentials.
type jobSchema struct {
	parameters  []schemaField
	credentials []schemaField
}

// schemaField is one parameter or credential of a schema.
type schemaField struct {
	name, format, env string
	typ               string   // string, integer, boolean, enum, secret_id
	enum              []string // values of an enum
	required          bool
}

// parseJobSchema reads a schema from a job's environment variables.
func parseJobSchema(env map[string]string) jobSchema {
	var js jobSchema
	for k, format := range env {
		f := parseFormat(format)
		f.format = format
		switch {
		case strings.HasPrefix(k, "SMIN_"):
			n := strings.TrimPrefix(k, "SMIN_")
			f.name, f.env = strings.ToLower(n), "SM_"+n+"_VALUE"
			js.parameters = append(js.parameters, f)
		case strings.HasPrefix(k, "SMOUT_"):
			f.name = strings.ToLower(strings.TrimPrefix(k, "SMOUT_"))
			js.credentials = append(js.credentials, f)
		}
	}
	sort.Slice(js.parameters, func(i, j int) bool { return js.parameters[i].name < js.parameters[j].name })
	sort.Slice(js.credentials, func(i, j int) bool { return js.credentials[i].name < js.credentials[j].name })
	return js
}

// parseFormat reads a format descriptor: comma-separated key:value pairs.
func parseFormat(format string) schemaField {
	f := schemaField{typ: "string"}
	for _, part := range strings.Split(format, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), ":")
		switch strings.TrimSpace(k) {
		case "type":
			v = strings.TrimSpace(v)
			if inner, ok := strings.CutPrefix(v, "enum["); ok {
				f.typ, f.enum = "enum", strings.Split(strings.TrimSuffix(inner, "]"), "|")
			} else if v == "int" {
				f.typ = "integer"
			} else {
				f.typ = v
			}
		case "required":
			f.required = strings.TrimSpace(v) == "true"
		}
	}
	return f
}

func (js jobSchema) render() map[string]any {
	params := make([]any, 0, len(js.parameters))
	for _, p := range js.parameters {
		params = append(params, map[string]any{"name": p.name, "format": p.format, "env_variable_name": p.env})
	}
	creds := make([]any, 0, len(js.credentials))
	for _, c := range js.credentials {
		creds = append(creds, map[string]any{"name": c.name, "format": c.format})
	}
	return map[string]any{"parameters": params, "credentials": creds}
}

// validateValues checks values against the fields of a schema (what names
// them: "parameters" or "credentials.payload"). With complete, required
// fields must be present; unknown names are refused when strict. An empty
// schema accepts any string, integer or boolean values.
func validateValues(what string, fields []schemaField, values map[string]any, complete, strict bool) *apiError {
	known := map[string]schemaField{}
	for _, f := range fields {
		known[f.name] = f
	}
	for k, v := range values {
		f, ok := known[k]
		if !ok && strict && len(fields) > 0 {
			return errBadRequest("%s: %q is not in the schema of the configuration", what, k)
		}
		if !ok {
			f = schemaField{typ: "any"}
		}
		if e := checkValue(what+"."+k, f, v); e != nil {
			return e
		}
	}
	if complete {
		for _, f := range fields {
			if _, ok := values[f.name]; f.required && !ok {
				return errBadRequest("%s: %q is required", what, f.name)
			}
		}
	}
	return nil
}

func checkValue(name string, f schemaField, v any) *apiError {
	bad := func(want string) *apiError { return errBadRequest("%s must be %s", name, want) }
	switch x := v.(type) {
	case string:
		switch f.typ {
		case "integer", "boolean":
			return bad("a" + map[string]string{"integer": "n integer", "boolean": " boolean"}[f.typ])
		case "enum":
			if !contains(f.enum, x) {
				return bad("one of " + strings.Join(f.enum, ", "))
			}
		case "secret_id":
			if !reUUID.MatchString(x) {
				return bad("a secret ID")
			}
		}
	case float64, json.Number:
		n, _ := x.(float64)
		if jn, ok := x.(json.Number); ok {
			n, _ = jn.Float64()
		}
		if (f.typ != "integer" && f.typ != "any") || n != math.Trunc(n) {
			return bad("of type " + f.typ)
		}
	case bool:
		if f.typ != "boolean" && f.typ != "any" {
			return bad("of type " + f.typ)
		}
	default:
		return bad("a string, an integer or a boolean")
	}
	return nil
}
