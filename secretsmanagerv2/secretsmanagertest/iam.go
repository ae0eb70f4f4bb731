package secretsmanagertest

// The IAM token endpoint: POST /identity/token, as go-sdk-core's
// IamAuthenticator (and the other languages' SDK cores) call it, with the
// API-key grant and the refresh-token grant. Access tokens are JWTs (the
// other SDK cores read their exp and iat) signed with HMAC-SHA256 under a
// key derived from the configured API keys, so that they stay valid across a
// restart with the same keys; they expire on the server clock.

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"time"
)

// iamOptions configure the IAM token endpoint.
type iamOptions struct {
	keys     map[string]bool // API key -> read only
	tokenTTL time.Duration   // 0: defaultIAMTokenTTL
	anyKey   bool            // WithIAMEndpoint: any API key is accepted when none is configured
}

const (
	defaultIAMTokenTTL = time.Hour
	iamRefreshTTL      = 30 * 24 * time.Hour
	iamGrantAPIKey     = "urn:ibm:params:oauth:grant-type:apikey"
	iamGrantRefresh    = "refresh_token"
)

// WithAPIKey serves the IAM token endpoint (POST /identity/token) and makes
// key an API key it accepts, with read and write access: the access tokens
// it gives are accepted by the v2 and Vault APIs (which then require a
// token, like WithToken). It may be given several times.
func WithAPIKey(key string) Option {
	return func(c *config) { c.iamKey(key, false) }
}

// WithReadOnlyAPIKey is WithAPIKey for a key whose tokens grant read access
// only: requests other than GET made with them are answered 403.
func WithReadOnlyAPIKey(key string) Option {
	return func(c *config) { c.iamKey(key, true) }
}

// WithIAMEndpoint serves the IAM token endpoint without configured API
// keys: any API key gets a token with read and write access (and the APIs
// require no token). With WithAPIKey, only the configured keys are accepted;
// with WithToken and no API key, the endpoint is not served.
func WithIAMEndpoint() Option {
	return func(c *config) { c.iam.anyKey = true }
}

// WithIAMTokenTTL sets the lifetime of the access tokens of the IAM
// endpoint (default 1h, the lifetime IAM gives).
func WithIAMTokenTTL(ttl time.Duration) Option {
	return func(c *config) { c.iam.tokenTTL = ttl }
}

func (c *config) iamKey(key string, readOnly bool) {
	if c.iam.keys == nil {
		c.iam.keys = map[string]bool{}
	}
	c.iam.keys[key] = readOnly
}

// iamServed reports whether the handler serves the IAM endpoint: with API
// keys, or with WithIAMEndpoint when no token is required either (any key
// must not get around WithToken).
func (h *Handler) iamServed() bool {
	return len(h.cfg.iam.keys) > 0 || h.cfg.iam.anyKey && len(h.cfg.tokens) == 0
}

// iamSigningKey derives the key that signs the tokens from the API keys.
func (h *Handler) iamSigningKey() []byte {
	keys := make([]string, 0, len(h.cfg.iam.keys))
	for k, ro := range h.cfg.iam.keys {
		mode := "w"
		if ro {
			mode = "r"
		}
		keys = append(keys, mode+k)
	}
	sort.Strings(keys)
	m := hmac.New(sha256.New, []byte("secretsmanagertest IAM token key"))
	for _, k := range keys {
		m.Write([]byte(k))
		m.Write([]byte{0})
	}
	return m.Sum(nil)
}

// iamClaims are the claims of an access or refresh token.
type iamClaims struct {
	IAMID   string `json:"iam_id"`
	ID      string `json:"id"`
	Subject string `json:"sub"`
	Type    string `json:"sub_type"`
	Scope   string `json:"scope"`
	Account struct {
		BSS string `json:"bss"`
	} `json:"account"`
	IssuedAt  int64  `json:"iat"`
	Expires   int64  `json:"exp"`
	Issuer    string `json:"iss"`
	GrantType string `json:"grant_type"`
	Access    string `json:"sm_access"` // "write" or "read"
	Use       string `json:"sm_use"`    // "access" or "refresh"
	JTI       string `json:"jti"`
}

var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","kid":"secretsmanagertest","typ":"JWT"}`))

// signToken returns the JWT of c.
func (h *Handler) signToken(c iamClaims) string {
	payload, _ := json.Marshal(c)
	msg := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(payload)
	m := hmac.New(sha256.New, h.iamSigningKey())
	m.Write([]byte(msg))
	return msg + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// parseToken returns the claims of a token this handler signed that has
// not expired.
func (h *Handler) parseToken(tok, use string) (iamClaims, bool) {
	var c iamClaims
	i := strings.LastIndexByte(tok, '.')
	if i < 0 || !strings.HasPrefix(tok, jwtHeader+".") {
		return c, false
	}
	sig, err := base64.RawURLEncoding.DecodeString(tok[i+1:])
	if err != nil {
		return c, false
	}
	m := hmac.New(sha256.New, h.iamSigningKey())
	m.Write([]byte(tok[:i]))
	if !hmac.Equal(sig, m.Sum(nil)) {
		return c, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(tok[len(jwtHeader)+1 : i])
	if err != nil || json.Unmarshal(payload, &c) != nil {
		return c, false
	}
	if c.Use != use || h.Now().Unix() >= c.Expires {
		return c, false
	}
	return c, true
}

// iamTokenAccess reports whether tok is a valid access token of the IAM
// endpoint, and whether it is read-only.
func (h *Handler) iamTokenAccess(tok string) (known, readOnly bool) {
	if !h.iamServed() {
		return false, false
	}
	c, ok := h.parseToken(tok, "access")
	if !ok {
		return false, false
	}
	return true, c.Access != "write"
}

// iamError writes an error in IAM's shape.
func iamError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{
		"errorCode": code, "errorMessage": message,
		"context": map[string]any{"requestId": newUUID(), "requestType": "incoming.OIDC_Token", "startTime": time.Now().UTC().Format(time.RFC1123)},
	})
	_, _ = w.Write(b)
}

// serveIAM serves POST /identity/token; it reports false for other paths.
func (h *Handler) serveIAM(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != "/identity/token" || !h.iamServed() {
		return false
	}
	if r.Method != http.MethodPost {
		iamError(w, http.StatusMethodNotAllowed, "BXNIM0101E", "The method is not supported: use POST.")
		return true
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		iamError(w, http.StatusBadRequest, "BXNIM0109E", "The request body is not a valid form.")
		return true
	}
	var access string
	switch grant := r.PostForm.Get("grant_type"); grant {
	case iamGrantAPIKey:
		key := r.PostForm.Get("apikey")
		if key == "" {
			iamError(w, http.StatusBadRequest, "BXNIM0109E", "Property missing or empty. Property=apikey")
			return true
		}
		var ok bool
		access, ok = h.apiKeyAccess(key)
		if !ok {
			iamError(w, http.StatusBadRequest, "BXNIM0415E", "Provided API key could not be found.")
			return true
		}
	case iamGrantRefresh:
		c, ok := h.parseToken(r.PostForm.Get("refresh_token"), "refresh")
		if !ok {
			iamError(w, http.StatusBadRequest, "BXNIM0407E", "Provided refresh token is invalid or expired.")
			return true
		}
		access = c.Access
	case "":
		iamError(w, http.StatusBadRequest, "BXNIM0109E", "Property missing or empty. Property=grant_type")
		return true
	default:
		iamError(w, http.StatusBadRequest, "BXNIM0103E", "Unsupported grant type: "+grant)
		return true
	}
	ttl := h.cfg.iam.tokenTTL
	if ttl <= 0 {
		ttl = defaultIAMTokenTTL
	}
	now := h.Now()
	c := iamClaims{IAMID: h.cfg.createdBy, ID: h.cfg.createdBy, Subject: "ServiceId-local", Type: "ServiceId",
		Scope: "ibm openid", IssuedAt: now.Unix(), Expires: now.Add(ttl).Unix(), Issuer: "https://iam.cloud.ibm.com/identity",
		GrantType: iamGrantAPIKey, Access: access, Use: "access", JTI: newUUID()}
	c.Account.BSS = h.cfg.account
	tok := h.signToken(c)
	c.Use, c.Expires, c.JTI = "refresh", now.Add(iamRefreshTTL).Unix(), newUUID()
	refresh := h.signToken(c)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tok, "refresh_token": refresh, "token_type": "Bearer",
		"expires_in": int64(ttl / time.Second), "expiration": now.Add(ttl).Unix(), "scope": "ibm openid",
	})
	return true
}

// apiKeyAccess returns the access ("write" or "read") of an API key.
func (h *Handler) apiKeyAccess(key string) (string, bool) {
	if len(h.cfg.iam.keys) == 0 {
		return "write", h.cfg.iam.anyKey
	}
	found, ro := false, false
	for k, r := range h.cfg.iam.keys {
		if subtle.ConstantTimeCompare([]byte(k), []byte(key)) == 1 {
			found, ro = true, r
		}
	}
	if ro {
		return "read", found
	}
	return "write", found
}
