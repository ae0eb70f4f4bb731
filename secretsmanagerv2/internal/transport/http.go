package transport

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// maxRedirects is how many redirects are followed, when a client follows them, by an HTTP client
// whose CheckRedirect is CheckRedirect: as many as Go's default policy allows.
const maxRedirects = 10

// PathEscape escapes a path parameter so that it stays one path segment: "/", "?", "#" and "%"
// are percent-encoded, and so are the dots of a "." or ".." segment, so no ID can change the route.
func PathEscape(s string) string {
	e := url.PathEscape(s)
	if e == "." || e == ".." {
		return strings.Repeat("%2E", len(e))
	}
	return e
}

// CheckURL checks a service URL: an absolute http or https URL without a query or a fragment
// (the operations' paths are added to it). example is a URL of the right form, for the message.
func CheckURL(s, example string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("invalid service URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid service URL %q: it must be an absolute http or https URL, such as %s", s, example)
	}
	if strings.ContainsAny(s, "?#") {
		return fmt.Errorf("invalid service URL %q: it must have no query (?...) or fragment (#...): the operations' paths are added to it", s)
	}
	return nil
}

// NewHTTPClient returns the HTTP client of a new client of this module: the standard transport,
// with enough idle connections per host that many goroutines sharing one client keep their
// connections instead of reconnecting, and TLS 1.2 at least. It follows no redirect (see
// CheckRedirect).
func NewHTTPClient() *http.Client {
	transport := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
	}
	return &http.Client{Transport: transport, CheckRedirect: CheckRedirect}
}

// followRedirectsKey marks, in a request's context, a call that follows redirects with a client
// whose CheckRedirect is CheckRedirect.
type followRedirectsKey struct{}

// CheckRedirect is the CheckRedirect of the HTTP clients this module makes: it refuses every
// redirect (the answer is handed back as it is, and the call reports it as an ErrRedirected
// error), unless the call follows redirects, then it allows as many as Go's default.
func CheckRedirect(req *http.Request, via []*http.Request) error {
	if req.Context().Value(followRedirectsKey{}) != nil {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
	return http.ErrUseLastResponse
}

var checkRedirectPC = reflect.ValueOf(CheckRedirect).Pointer()

// IsCheckRedirect reports whether f is CheckRedirect.
func IsCheckRedirect(f func(*http.Request, []*http.Request) error) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == checkRedirectPC
}

// RefusingRedirects returns client, or, when it may follow redirects (a client the user set), a
// copy of it that shares its transport and refuses them.
func RefusingRedirects(client *http.Client) *http.Client {
	if IsCheckRedirect(client.CheckRedirect) {
		return client
	}
	c := *client
	c.CheckRedirect = CheckRedirect
	return &c
}

// followingRedirects returns ctx marked so that CheckRedirect lets the redirects of its requests
// be followed.
func followingRedirects(ctx context.Context) context.Context {
	return context.WithValue(ctx, followRedirectsKey{}, true)
}

// IsRedirect reports whether resp is a redirect that an HTTP client would follow: 301, 302, 303,
// 307 or 308 with a Location.
func IsRedirect(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return resp.Header.Get("Location") != ""
	}
	return false
}

// redirectError describes a redirect answer that was not followed: its status and its target
// (without the target's user information or query, which may hold credentials), and hint, what
// the caller may do about it.
func redirectError(op string, resp *http.Response, hint string) error {
	var target string
	if u, err := resp.Location(); err == nil {
		query := u.RawQuery != "" || u.ForceQuery
		u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
		target = u.String()
		if query {
			target += "?..."
		}
	} else {
		target = "an invalid Location"
	}
	return fmt.Errorf("%w: %s was answered %d %s, to %s; the Secrets Manager API never redirects, so the SDK does not follow it "+
		"(the request, its body and its credentials were not sent there): %s",
		ErrRedirected, op, resp.StatusCode, http.StatusText(resp.StatusCode), target, hint)
}
