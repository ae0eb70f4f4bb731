package secretsmanagertest

import (
	"crypto"
	"crypto/rsa"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

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
