package vault

import (
	"encoding/json"
	"fmt"
)

// Response is the envelope of every Vault answer with a body. Data holds the operation's result,
// typed per operation (nil when the answer's data is null); Auth is set by a login.
type Response[T any] struct {
	// RequestID is Vault's ID of the request.
	RequestID string `json:"request_id"`
	// LeaseID is the ID of the lease of the data, when it has one.
	LeaseID string `json:"lease_id"`
	// Renewable is whether the lease can be renewed.
	Renewable bool `json:"renewable"`
	// LeaseDuration is the lease of the data, in seconds.
	LeaseDuration int64 `json:"lease_duration"`
	// Data is the result of the operation.
	Data *T `json:"data"`
	// WrapInfo is set when the answer is wrapped.
	WrapInfo *WrapInfo `json:"wrap_info"`
	// Warnings are the warnings Vault gave.
	Warnings []string `json:"warnings"`
	// Auth is the token a login gave.
	Auth *Auth `json:"auth"`

	// Extra holds the properties of the envelope this SDK does not know, as they came.
	Extra map[string]json.RawMessage `json:"-"`
}

var responseProperties = propertySet("request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info", "warnings", "auth")

// UnmarshalJSON decodes JSON into the Response, keeping the properties it does not know in Extra.
func (r *Response[T]) UnmarshalJSON(data []byte) error {
	type plain Response[T]
	return decodeKeeping(data, (*plain)(r), &r.Extra, responseProperties)
}

// documentsData reports whether the operation documents a result: every Response but
// Response[NoData], so that an empty success answer is an error (see decodeAnswer).
func (r *Response[T]) documentsData() bool {
	_, none := any((*T)(nil)).(*NoData)
	return !none
}

// MarshalJSON encodes the Response, with the properties of Extra.
func (r Response[T]) MarshalJSON() ([]byte, error) {
	type plain Response[T]
	return encodeKeeping(plain(r), r.Extra, responseProperties)
}

const redacted = "[redacted]"

// String describes the Auth without its token, so that printing it (%v, %+v) cannot leak it.
func (m Auth) String() string {
	return fmt.Sprintf("{client_token:%s accessor:%s policies:%v lease_duration:%s renewable:%s token_type:%s}",
		hidden(m.ClientToken), str(m.Accessor), m.Policies, num(m.LeaseDuration), boolean(m.Renewable), str(m.TokenType))
}

// GoString describes the Auth without its token, for %#v.
func (m Auth) GoString() string { return "vault.Auth" + m.String() }

// String describes the WrapInfo without its token.
func (m WrapInfo) String() string {
	return fmt.Sprintf("{token:%s accessor:%s ttl:%s creation_path:%s}", hidden(m.Token), str(m.Accessor), num(m.TTL), str(m.CreationPath))
}

// GoString describes the WrapInfo without its token, for %#v.
func (m WrapInfo) GoString() string { return "vault.WrapInfo" + m.String() }

// String describes the LoginRequest without its token.
func (m LoginRequest) String() string { return "{token:" + hidden(m.Token) + "}" }

// GoString describes the LoginRequest without its token, for %#v.
func (m LoginRequest) GoString() string { return "vault.LoginRequest" + m.String() }

func hidden(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return redacted
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func num(p *int64) string {
	if p == nil {
		return "<nil>"
	}
	return fmt.Sprint(*p)
}

func boolean(p *bool) string {
	if p == nil {
		return "<nil>"
	}
	return fmt.Sprint(*p)
}
