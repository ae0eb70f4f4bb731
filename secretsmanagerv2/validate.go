package secretsmanagerv2

import (
	"fmt"
	"strings"
)

// The checks of request models, called by the generated validate methods before any request is
// sent, and the discriminators that request models fill in themselves.

// missingModelFieldError reports a required property missing from a request model; path names the
// property from the value the caller gave, such as "CodeEngine.JobName" or "Locks[2].Name".
func missingModelFieldError(model, path string) error {
	return &inputError{msg: fmt.Sprintf("%s: field %s is required", model, strings.TrimPrefix(path, "."))}
}

// isMissing reports whether a required property is absent: nil, or an empty string.
func isMissing(v interface{}) bool {
	if s, ok := v.(*string); ok {
		return s == nil || *s == ""
	}
	return isNil(v)
}

// validateNested checks the required properties of a request model (and of the models in it)
// before it is sent; values of other types pass.
func validateNested(v interface{}, path string) error {
	if c, ok := v.(interface{ validateModel(string) error }); ok && !isNil(v) {
		return c.validateModel(path)
	}
	return nil
}

// withDiscriminator returns the body to send for a request model: when the model is of a concrete
// type whose discriminator (secret_type, config_type, action_type or status) is nil, a copy with
// the only value its type allows; otherwise the model itself.
func withDiscriminator(body interface{}) interface{} {
	if d, ok := body.(interface{ withDiscriminator() interface{} }); ok && !isNil(body) {
		return d.withDiscriminator()
	}
	return body
}
