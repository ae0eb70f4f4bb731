package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// Redacted replaces a secret value in what the clients show.
const Redacted = "[redacted]"

// sensitiveKeys are the JSON properties whose values are secret, lower case. Package
// secretsmanagerv2 sets them (SetSensitiveKeys) from the API description when it is initialized,
// before any client of the module can be made.
var sensitiveKeys map[string]bool

// SetSensitiveKeys sets the JSON properties whose values are secret (lower case).
func SetSensitiveKeys(keys map[string]bool) { sensitiveKeys = keys }

// SensitiveKeys returns the JSON properties whose values are secret, lower case.
func SensitiveKeys() map[string]bool { return sensitiveKeys }

// Sensitive reports whether the JSON property key holds a secret value.
func Sensitive(key string) bool {
	if sensitiveKeys[key] {
		return true
	}
	return sensitiveKeys[strings.ToLower(key)]
}

// SensitiveHeaders are the headers whose values are never logged, and whose values (the tokens
// they carry) are removed from what a server echoes.
var SensitiveHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Set-Cookie":          true,
	"X-Auth-Token":        true,
	"X-Vault-Token":       true,
}

// RedactBody returns a JSON body with the values of its sensitive properties, at any depth,
// replaced; a body that is not JSON is not shown at all, since it cannot be redacted reliably.
func RedactBody(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v interface{}
	if err := d.Decode(&v); err != nil {
		return fmt.Sprintf("<%d bytes of non-JSON body not shown>", len(body))
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Sprintf("<%d bytes of non-JSON body not shown>", len(body))
	}
	out, err := json.Marshal(Redact(v, false))
	if err != nil {
		return fmt.Sprintf("<%d bytes of body not shown>", len(body))
	}
	return string(out)
}

// Redact replaces the values of the sensitive properties of a decoded JSON value, at any depth,
// in place, and returns it. With models, the data of a configuration (an object with a
// config_type: a CA's certificate, its private key) is redacted property by property instead of
// as a whole, since it is not a secret's payload.
func Redact(v interface{}, models bool) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		_, isConfig := t["config_type"]
		for k, val := range t {
			switch {
			case models && isConfig && k == "data":
				t[k] = Redact(val, models)
			case Sensitive(k):
				t[k] = Redacted
			default:
				t[k] = Redact(val, models)
			}
		}
	case []interface{}:
		for i := range t {
			t[i] = Redact(t[i], models)
		}
	}
	return v
}

// minBareSecret is the length from which a secret value is removed wherever it appears in a
// text; a shorter one only where it appears quoted (as JSON shows it), so that removing a secret
// of two letters does not take every such pair out of a message.
const minBareSecret = 4

// Secrets are the secret values a request carried: the values of the sensitive properties of its
// body (every string and number in them, at any depth) and the tokens of its sensitive headers
// (bearer, Vault and IAM tokens). Scrub removes them from a text, whatever a server echoed of the
// request. They are worked out when first needed (an error answer, a debug log).
type Secrets struct {
	body   []byte
	header http.Header
	values []string // longest first; nil until worked out
	quoted []string // the short values, quoted
	done   bool
}

// NewSecrets returns the secrets of a request of body and header (either may be nil).
func NewSecrets(body []byte, header http.Header) *Secrets {
	return &Secrets{body: body, header: header}
}

// Scrub returns text with every secret value of the request replaced by Redacted.
func (s *Secrets) Scrub(text string) string {
	if s == nil || text == "" {
		return text
	}
	s.load()
	for _, v := range s.values {
		if strings.Contains(text, v) {
			text = strings.ReplaceAll(text, v, Redacted)
		}
	}
	for _, v := range s.quoted {
		if strings.Contains(text, v) {
			text = strings.ReplaceAll(text, v, `"`+Redacted+`"`)
		}
	}
	return text
}

// Empty reports whether the request carried no secret value.
func (s *Secrets) Empty() bool {
	if s == nil {
		return true
	}
	s.load()
	return len(s.values) == 0 && len(s.quoted) == 0
}

func (s *Secrets) load() {
	if s.done {
		return
	}
	s.done = true
	set := map[string]bool{}
	add := func(v string) {
		if v == "" {
			return
		}
		for _, form := range jsonForms(v) {
			set[form] = true
		}
	}
	for k, vs := range s.header {
		if !SensitiveHeaders[http.CanonicalHeaderKey(k)] {
			continue
		}
		for _, v := range vs {
			add(v)
			if _, tok, ok := strings.Cut(v, " "); ok { // "Bearer <token>", "Basic <credentials>"
				add(strings.TrimSpace(tok))
			}
		}
	}
	if len(s.body) > 0 {
		d := json.NewDecoder(bytes.NewReader(s.body))
		d.UseNumber()
		var v interface{}
		if d.Decode(&v) == nil {
			collectSecrets(v, false, add)
		}
	}
	for v := range set {
		if len(v) >= minBareSecret {
			s.values = append(s.values, v)
		} else {
			s.quoted = append(s.quoted, `"`+v+`"`)
		}
	}
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
}

// jsonForms returns v as it is, and as it is written inside a JSON string (escaped), when that
// differs, so that an echo of the request's JSON is caught too.
func jsonForms(v string) []string {
	forms := []string{v}
	for _, html := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		if enc.Encode(v) == nil {
			e := strings.TrimSuffix(b.String(), "\n")
			if e = e[1 : len(e)-1]; e != v {
				forms = append(forms, e)
			}
		}
	}
	return forms
}

// collectSecrets hands every string and number under a sensitive property of v to add; inside is
// whether v is itself under one.
func collectSecrets(v interface{}, inside bool, add func(string)) {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, val := range t {
			collectSecrets(val, inside || Sensitive(k), add)
		}
	case []interface{}:
		for _, val := range t {
			collectSecrets(val, inside, add)
		}
	case string:
		if inside {
			add(t)
		}
	case json.Number:
		if inside {
			add(t.String())
		}
	}
}

// ScrubDecodeError returns err without the number a *json.UnmarshalTypeError quotes (a value
// of a kv secret too large for its type may be a secret): "number 1e400" becomes "number of 5
// characters".
func ScrubDecodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if n, ok := strings.CutPrefix(te.Value, "number "); ok {
			te.Value = fmt.Sprintf("number of %d characters", len(n))
		}
	}
	return err
}
