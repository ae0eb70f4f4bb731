package secretsmanagertest

import (
	"crypto"
	"crypto/rsa"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// withKeyGen replaces the key generator of a handler (tests only).
func withKeyGen(gen func(keyType string, bits int64) (crypto.Signer, error)) Option {
	return func(c *config) { c.keyGen = gen }
}

// failGuard is how long a request may take before the test concludes that
// it is blocked; requests that are not blocked take milliseconds.
const failGuard = 30 * time.Second

// TestKeysAreMadeOutsideTheLock blocks the making of an RSA key and checks
// that other requests are served meanwhile, and that the request waiting for
// the key completes once, with that key.
func TestKeysAreMadeOutsideTheLock(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var made []crypto.Signer
	gen := func(keyType string, bits int64) (crypto.Signer, error) {
		if keyType == "rsa" {
			started <- struct{}{}
			<-release
		}
		k, err := generateKey(keyType, bits)
		if keyType == "rsa" {
			mu.Lock()
			made = append(made, k)
			mu.Unlock()
		}
		return k, err
	}
	c, _ := newInProcess(t, withKeyGen(gen))
	setupPrivateCA(t, c, "ec")
	c.must(200, "PATCH", "/api/v2/configurations/example-certificate-template", map[string]any{"key_type": "rsa", "key_bits": 2048})

	type answer struct {
		status int
		body   map[string]any
	}
	slow := make(chan answer, 1)
	go func() {
		st, out := c.do("POST", "/api/v2/secrets", map[string]any{"secret_type": "private_cert", "name": "rsa-cert",
			"certificate_template": "example-certificate-template", "common_name": "rsa.example.com"})
		slow <- answer{st, out}
	}()
	<-started // the key is being made

	fast := make(chan answer, 1)
	go func() {
		st, out := c.do("POST", "/api/v2/secrets", map[string]any{"secret_type": "arbitrary", "name": "meanwhile", "payload": "p"})
		c.do("GET", "/api/v2/secrets", nil)
		fast <- answer{st, out}
	}()
	select {
	case a := <-fast:
		require.Equal(t, 201, a.status, "%v", a.body)
	case <-time.After(failGuard):
		t.Fatal("a request was blocked while an RSA key was being made")
	}
	close(release)
	a := <-slow
	require.Equal(t, 201, a.status, "%v", a.body)
	require.Equal(t, "RSA2048", a.body["key_algorithm"])
	k, err := parsePrivateKey(str(a.body["private_key"]))
	require.NoError(t, err)
	mu.Lock()
	require.Len(t, made, 1, "one RSA key made")
	require.True(t, k.(*rsa.PrivateKey).Equal(made[0]))
	mu.Unlock()
	l := c.must(200, "GET", "/api/v2/secrets?secret_types=private_cert", nil)
	require.EqualValues(t, 1, l["total_count"], "the request that waited for its key ran once")
}

// panicKind is a secret type whose actions and updates panic after changing
// the secret: a stand-in for a bug of the server.
type panicKind struct{ kindBase }

func (k *panicKind) clone() secretKind { return shallow(k) }

func (k *panicKind) create(*store, *secret, *body) *apiError { return nil }

func (k *panicKind) newVersion(s *store, sec *secret, v *version, b *body, _ bool) (bool, *apiError) {
	v.data = &payloadVersion{payload: "p"}
	if sec.name == "explode" {
		s.groups["ghost"] = &secretGroup{id: "ghost", name: "ghost"}
		panic("boom at creation")
	}
	return false, nil
}

func (k *panicKind) action(s *store, sec *secret, _ *version, action string, _ *body) (map[string]any, *apiError) {
	sec.name, sec.labels = "changed", []string{"changed"}
	sec.current().locks = append(sec.current().locks, &secretLock{name: "ghost"})
	s.addVersion(sec, s.blankVersion())
	delete(s.groups, "default")
	var list []int
	_ = list[len(action)] // an index out of range: a runtime panic
	return nil, nil
}

func init() {
	// The one registration line a new secret type needs.
	secretKinds["test_panic"] = func() secretKind { return &panicKind{} }
}

func TestPanicIsReportedAndUndone(t *testing.T) {
	var mu sync.Mutex
	var logs []string
	logf := func(format string, args ...any) {
		mu.Lock()
		logs = append(logs, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	c, _ := newRaw(t, WithLogf(logf))
	s := c.must(201, "POST", "/api/v2/secrets", map[string]any{"secret_type": "test_panic", "name": "buggy", "labels": []string{"orig"}})
	id := str(s["id"])
	path := "/api/v2/secrets/" + id + "/actions"

	st, out := c.do("POST", path, map[string]any{"action_type": "crash"})
	require.Equal(t, 500, st)
	msg := str(out["errors"].([]any)[0].(map[string]any)["message"])
	require.Contains(t, msg, "panicked serving POST "+path)
	require.Contains(t, msg, "index out of range")
	mu.Lock()
	require.Len(t, logs, 1)
	require.Contains(t, logs[0], msg)
	require.Contains(t, logs[0], "(*panicKind).action", "the log has the stack")
	mu.Unlock()

	// Every change of the failed request is undone, and the server goes on.
	got := c.must(200, "GET", "/api/v2/secrets/"+id+"/metadata", nil)
	require.Equal(t, "buggy", got["name"])
	require.Equal(t, []any{"orig"}, got["labels"])
	require.EqualValues(t, 1, got["versions_total"])
	require.EqualValues(t, 0, got["locks_total"])
	c.must(200, "GET", "/api/v2/secret_groups/default", nil)

	// A panic while creating leaves no secret and no other change.
	st, out = c.do("POST", "/api/v2/secrets", map[string]any{"secret_type": "test_panic", "name": "explode"})
	require.Equal(t, 500, st)
	require.Contains(t, str(out["errors"].([]any)[0].(map[string]any)["message"]), "POST /api/v2/secrets: boom at creation")
	c.must(404, "GET", "/api/v2/secret_groups/default/secret_types/test_panic/secrets/explode", nil)
	require.EqualValues(t, 1, c.must(200, "GET", "/api/v2/secret_groups", nil)["total_count"])
	require.EqualValues(t, 1, c.must(200, "GET", "/api/v2/secrets", nil)["total_count"])
	mu.Lock()
	require.Len(t, logs, 2)
	require.True(t, strings.HasPrefix(logs[1], "Internal server error: secretsmanagertest panicked serving POST /api/v2/secrets: boom at creation"))
	mu.Unlock()
}
