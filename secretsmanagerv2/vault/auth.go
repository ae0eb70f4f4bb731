package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

const (
	// renewMargin is how long before the end of its lease a token is replaced by a new login: a
	// third of the lease, at most maxRenewMargin.
	maxRenewMargin = 10 * time.Minute
	// reloginInterval is the least time between two logins caused by answers rejecting the token:
	// a persistent 403 (a path the caller may not use) costs at most one login per interval.
	reloginInterval = time.Minute
	// renewRetryWait is how long a token still valid is used after a renewal failed, before the
	// next try.
	renewRetryWait = 30 * time.Second
)

// token is a Vault token and its lease.
type token struct {
	value   string
	expires time.Time // zero: not known (a token given by the user, or a lease of 0)
	renewAt time.Time // zero: never renewed ahead of time
}

// session holds a client's Vault token and makes its logins: one at a time, shared by every
// caller that needs a token meanwhile.
type session struct {
	c    *Client
	auth core.Authenticator // nil: never log in

	mu          sync.Mutex
	cur         *token
	login       *loginCall // the login in flight, if any
	lastRelogin time.Time  // when an answer rejecting the token last caused a login
}

// loginCall is a login in flight; done is closed when resp, tok and err are set.
type loginCall struct {
	done chan struct{}
	resp *Response[NoData]
	tok  *token
	err  error
}

func newSession(c *Client, auth core.Authenticator, initial string) *session {
	s := &session{c: c, auth: auth}
	if initial != "" {
		s.cur = &token{value: initial}
	}
	return s
}

// token returns the token to send: the current one while its lease is not near its end, or the
// one a login (started now or already in flight) gives.
func (s *session) token(ctx context.Context) (*token, error) {
	s.mu.Lock()
	t := s.cur
	if t != nil && (s.auth == nil || t.renewAt.IsZero() || time.Now().Before(t.renewAt)) {
		s.mu.Unlock()
		return t, nil
	}
	if s.auth == nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("vault: %w: no Vault token, and no Authenticator to log in with", sm.ErrInvalidInput)
	}
	call := s.login
	if call == nil {
		call = s.startLogin(ctx)
	}
	s.mu.Unlock()
	select {
	case <-call.done:
	case <-ctx.Done():
		return nil, core.SDKErrorf(fmt.Errorf("vault: waiting for the login: %w", ctx.Err()), "", "login-wait", componentInfo)
	}
	if call.err != nil {
		// A renewal that failed leaves the old token in place while its lease lasts.
		s.mu.Lock()
		t := s.cur
		s.mu.Unlock()
		if t != nil && !t.expires.IsZero() && time.Now().Before(t.expires) {
			return t, nil
		}
		return nil, call.err
	}
	return call.tok, nil
}

// startLogin starts a login in its own goroutine, so that a caller giving up does not fail the
// others waiting for it; it is bounded by the client's timeout. s.mu is held.
func (s *session) startLogin(ctx context.Context) *loginCall {
	call := &loginCall{done: make(chan struct{})}
	s.login = call
	lctx := context.WithoutCancel(ctx)
	go func() {
		var cancel context.CancelFunc = func() {}
		if _, timeout := s.c.settings(); timeout > 0 {
			lctx, cancel = context.WithTimeout(lctx, timeout)
		}
		resp, tok, err := s.doLogin(lctx)
		cancel()
		s.mu.Lock()
		if err == nil {
			s.cur = tok
		} else if t := s.cur; t != nil && !t.expires.IsZero() {
			// Keep a token that is still valid a little longer, then try again.
			if left := time.Until(t.expires); left > 0 {
				t.renewAt = time.Now().Add(min(renewRetryWait, left/2))
			}
		}
		s.login = nil
		call.resp, call.tok, call.err = resp, tok, err
		s.mu.Unlock()
		close(call.done)
	}()
	return call
}

// rejected is told that an answer to a request sent with t rejected the token (401 or 403), and
// reports whether to send the request once more: with a token that replaced t meanwhile, or after
// a new login. It does not log in again when the last such login is less than reloginInterval
// old, so a persistent 403 cannot cause a login per request.
func (s *session) rejected(t *token) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.auth == nil {
		return false
	}
	if s.cur != t {
		return true // already replaced, or a login is on its way
	}
	now := time.Now()
	if !s.lastRelogin.IsZero() && now.Sub(s.lastRelogin) < reloginInterval {
		return false
	}
	s.lastRelogin = now
	s.cur = nil
	return true
}

// doLogin gets an IAM access token from the authenticator and logs in with it.
func (s *session) doLogin(ctx context.Context) (*Response[NoData], *token, error) {
	iam, err := iamToken(s.auth)
	if err != nil {
		return nil, nil, err
	}
	body, err := json.Marshal(LoginRequest{Token: &iam})
	if err != nil {
		return nil, nil, err
	}
	route := routeByOperation["login"]
	a, err := s.c.send(ctx, route, s.c.baseURL+route.Path, body, "")
	if err != nil {
		return nil, nil, err
	}
	var resp Response[NoData]
	if err := decodeAnswer(route.Operation, a, &resp); err != nil {
		return nil, nil, err
	}
	if resp.Auth == nil || resp.Auth.ClientToken == nil || *resp.Auth.ClientToken == "" {
		return nil, nil, core.SDKErrorf(errors.New("vault login: the answer has no auth.client_token"), "", "login-no-token", componentInfo)
	}
	t := &token{value: *resp.Auth.ClientToken}
	if resp.Auth.LeaseDuration != nil && *resp.Auth.LeaseDuration > 0 {
		lease := time.Duration(*resp.Auth.LeaseDuration) * time.Second
		now := time.Now()
		t.expires = now.Add(lease)
		t.renewAt = t.expires.Add(-min(lease/3, maxRenewMargin))
	}
	return &resp, t, nil
}

// iamToken gets an IAM access token from an authenticator: whatever it puts in the Authorization
// header of a request, without "Bearer ".
func iamToken(auth core.Authenticator) (string, error) {
	req, err := http.NewRequest(http.MethodPut, "https://iam.invalid/", nil)
	if err != nil {
		return "", err
	}
	if err := auth.Authenticate(req); err != nil {
		return "", core.SDKErrorf(fmt.Errorf("vault login: getting an IAM access token: %w", err), "", "login-iam-token", componentInfo)
	}
	h := req.Header.Get("Authorization")
	bearer, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(bearer) == "" {
		return "", core.SDKErrorf(fmt.Errorf("vault login: %w: the %q authenticator gave no bearer token: use an IAM authenticator", sm.ErrInvalidInput, auth.AuthenticationType()), "", "login-no-bearer", componentInfo)
	}
	return strings.TrimSpace(bearer), nil
}

// Login logs in now with an IAM access token from the client's Authenticator (joining a login
// already in flight), keeps the Vault token for the calls that follow, and returns the answer:
// its Auth holds the token, its policies and its lease. The client logs in by itself when it needs
// to; call Login to check the credentials early, or to hand the token to other Vault tooling.
func (c *Client) Login(ctx context.Context) (*Response[NoData], error) {
	s := c.session
	if s.auth == nil {
		return nil, fmt.Errorf("vault login: %w: the client has no Authenticator", sm.ErrInvalidInput)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s.mu.Lock()
	call := s.login
	if call == nil {
		call = s.startLogin(ctx)
	}
	s.mu.Unlock()
	select {
	case <-call.done:
		return call.resp, call.err
	case <-ctx.Done():
		return nil, core.SDKErrorf(fmt.Errorf("vault login: %w", ctx.Err()), "", "login-wait", componentInfo)
	}
}
