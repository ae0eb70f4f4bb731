package secretcache_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

func TestTLSServerPresentsRotatedCertificate(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	pc := e.privateCert("tls-server", "www.example.com")
	require.Len(t, pc.CaChain, 2)
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithTTL(time.Minute), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByName(sm.SecretTypePrivateCert, "tls-server")
	require.NoError(t, c.Prefetch(ctx, key))

	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "hello")
	}))
	ts.TLS = &tls.Config{GetCertificate: c.GetCertificateFunc(key)}
	ts.StartTLS()
	defer ts.Close()

	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM([]byte(pc.CaChain[1])))
	var handshakes atomic.Int64
	handshake := func() string {
		t.Helper()
		conn, err := tls.Dial("tcp", ts.Listener.Addr().String(), &tls.Config{RootCAs: roots, ServerName: "www.example.com"})
		require.NoError(t, err, "every handshake succeeds, and the chain verifies")
		defer conn.Close()
		handshakes.Add(1)
		peer := conn.ConnectionState().PeerCertificates
		require.Len(t, peer, 2, "leaf and intermediate")
		return serialHex(peer[0].SerialNumber.Bytes())
	}
	require.Equal(t, *pc.SerialNumber, handshake())

	// A real HTTPS request works too.
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: "www.example.com"}}}
	defer client.CloseIdleConnections()
	resp, err := client.Get(ts.URL)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, "hello", string(body))

	ver, _, err := e.client.CreateSecretVersion(e.client.NewCreateSecretVersionOptions(*pc.ID, &sm.PrivateCertificateVersionPrototype{}))
	require.NoError(t, err)
	newSerial := *ver.(*sm.PrivateCertificateVersion).SerialNumber
	require.NotEqual(t, *pc.SerialNumber, newSerial)

	require.Equal(t, *pc.SerialNumber, handshake(), "the old certificate is served until the TTL")
	e.count.reset()
	clock.Advance(2 * time.Minute)
	// The first handshake after the TTL is served the old certificate at once while the new one
	// loads in the background; later ones get the new certificate.
	require.Eventually(t, func() bool { return handshake() == newSerial }, 10*time.Second, 5*time.Millisecond)
	require.EqualValues(t, 1, e.count.metadata.Load())
	require.EqualValues(t, 1, e.count.getSecret.Load())
	require.Equal(t, newSerial, handshake())

	cert, err := c.Certificate(ctx, key)
	require.NoError(t, err)
	require.Equal(t, newSerial, serialHex(cert.Leaf.SerialNumber.Bytes()))
}

func TestTLSNeverBlocksOnRefresh(t *testing.T) {
	e := newEnv(t)
	pc := e.privateCert("tls-slow", "slow.example.com")
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithTTL(time.Minute), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByID(*pc.ID)
	getCert := c.GetCertificateFunc(key)
	hello := &tls.ClientHelloInfo{ServerName: "slow.example.com"}
	cert, err := getCert(hello) // cold: loads
	require.NoError(t, err)

	e.count.delay.Store(int64(time.Second))
	clock.Advance(2 * time.Minute)
	start := time.Now()
	again, err := getCert(hello)
	require.NoError(t, err)
	require.Same(t, cert, again)
	require.Less(t, time.Since(start), 500*time.Millisecond, "the handshake does not wait for the refresh")
}

func TestDynamicCredentialsRefreshedBeforeLeaseEnds(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	iam := e.create(&sm.IAMCredentialsSecretPrototype{SecretType: secretTypePtr("iam_credentials"), Name: secretTypePtr("lease"),
		TTL: secretTypePtr("1800"), AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: boolPtr(true)}).(*sm.IAMCredentialsSecret)
	require.NotNil(t, iam.ExpirationDate)
	clock := newFakeClock()
	c := secretcache.New(e.client, secretcache.WithTTL(time.Hour), secretcache.WithJitter(0),
		secretcache.WithStaleFor(time.Hour), secretcache.WithClock(clock))
	defer c.Close()
	key := secretcache.ByID(*iam.ID)

	k1, err := c.IAMCredentials(ctx, key)
	require.NoError(t, err)
	require.Equal(t, *iam.ApiKey, k1)
	e.count.reset()

	clock.Advance(15 * time.Minute) // before 2/3 of the 30 minutes lease
	k, err := c.IAMCredentials(ctx, key)
	require.NoError(t, err)
	require.Equal(t, k1, k)
	require.Zero(t, e.count.getSecret.Load()+e.count.metadata.Load())

	// The service issues a new key (here, by a rotation) ...
	_, _, err = e.client.CreateSecretVersion(e.client.NewCreateSecretVersionOptions(*iam.ID, &sm.IAMCredentialsSecretVersionPrototype{}))
	require.NoError(t, err)
	clock.Advance(6 * time.Minute) // 21m: past 2/3 of the lease, long before the TTL of one hour
	k2, err := c.IAMCredentials(ctx, key)
	require.NoError(t, err)
	require.NotEqual(t, k1, k2, "the credentials are read again before their lease runs out")
	require.EqualValues(t, 1, e.count.getSecret.Load(), "a lease refresh reads the value")
	require.Zero(t, e.count.metadata.Load(), "a lease refresh does not stop at the metadata")

	// Never served past the lease, whatever WithStaleFor says. The new key's lease ends 30 minutes
	// after it was issued (in real time, about when the test started): at about 9 minutes from
	// the fake clock's now.
	e.srv.Close()
	clock.Advance(7 * time.Minute)
	k, err = c.IAMCredentials(ctx, key)
	require.NoError(t, err, "stale but still valid")
	require.Equal(t, k2, k)
	clock.Advance(3 * time.Minute)
	_, err = c.IAMCredentials(ctx, key)
	require.Error(t, err, "expired credentials are never served")
	requireNoSecret(t, err, k1, k2)
}

func secretTypePtr(s string) *string { return &s }
func boolPtr(b bool) *bool           { return &b }

// TestDynamicCredentialsRenewedInTheBackground checks that a dynamic secret is read again when two
// thirds of its lease are over, without anyone asking for it. It runs in a synctest bubble against
// an in-process server: the cache's renewer, its ticker and the lease all run on fake time.
func TestDynamicCredentialsRenewedInTheBackground(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, _ := secretsmanagertest.NewInProcessClient(t)
		var reads atomic.Int64
		client.Service.SetHTTPClient(&http.Client{Transport: countingTransport{base: client.Service.Client.Transport, gets: &reads}})
		ctx := context.Background()
		created, _, err := client.CreateSecret(client.NewCreateSecretOptions(&sm.IAMCredentialsSecretPrototype{
			Name: secretTypePtr("renewed"), TTL: secretTypePtr("1800"), AccessGroups: []string{"AccessGroupId-1"}, ReuseApiKey: boolPtr(true)}))
		require.NoError(t, err)
		id := *created.(*sm.IAMCredentialsSecret).ID
		c := secretcache.New(client, secretcache.WithTTL(time.Hour), secretcache.WithJitter(0))
		defer c.Close()
		key := secretcache.ByID(id)
		k1, err := c.IAMCredentials(ctx, key)
		require.NoError(t, err)
		_, _, err = client.CreateSecretVersion(client.NewCreateSecretVersionOptions(id, &sm.IAMCredentialsSecretVersionPrototype{}))
		require.NoError(t, err)
		reads.Store(0)

		time.Sleep(10 * time.Minute) // a third of the lease: nothing to do
		synctest.Wait()
		require.Zero(t, reads.Load())

		time.Sleep(11 * time.Minute) // past two thirds: renewed with no read
		synctest.Wait()
		require.EqualValues(t, 1, reads.Load())
		k2, err := c.IAMCredentials(ctx, key)
		require.NoError(t, err)
		require.NotEqual(t, k1, k2)
		require.EqualValues(t, 1, reads.Load(), "the read is served the renewed credentials from memory")
	})
}

// countingTransport counts the GetSecret requests that pass through it.
type countingTransport struct {
	base http.RoundTripper
	gets *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/"); r.Method == http.MethodGet && len(segs) == 4 && segs[2] == "secrets" {
		t.gets.Add(1)
	}
	return t.base.RoundTrip(r)
}
