package secretsmanagertest

import (
	"encoding/binary"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// openClient opens a handler on the data file path and returns a client of it.
func openClient(t *testing.T, path string, opts ...Option) (*sm.SecretsManagerV2, *Handler, func()) {
	t.Helper()
	h, err := OpenHandler(path, opts...)
	require.NoError(t, err)
	ts := httptest.NewServer(h)
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: ts.URL, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	return client, h, func() {
		ts.Close()
		require.NoError(t, h.Close())
	}
}

// dumpWithout returns the dump of h with its secrets, without the time of the dump.
func dumpWithout(h *Handler) map[string]any {
	d := h.Dump(true)
	delete(d, "now")
	return d
}

// seedEveryType creates secrets of every type, with versions and locks, and
// configurations of every kind.
func seedEveryType(t *testing.T, client *sm.SecretsManagerV2) {
	t.Helper()
	s := NewSeeder(t, client)
	g := s.Group("team")
	s.InGroup(g).Arbitrary("arb", "payload-1")
	s.KV("kv", map[string]any{"a": "b", "n": 1.5, "l": []any{"x", true}})
	up := s.UsernamePassword("up", "app", "pw-1")
	s.IAMCredentials("iam", "ServiceId-1234", "1d")
	s.ServiceCredentials("svc", "crn:v1:bluemix:public:cloud-object-storage:global:a/123:456::")
	cert, key := SelfSignedCertificate(t, "imported.example.com")
	s.ImportedCert("imp", cert, key, "")
	ca := s.PrivateCA("pki")
	s.PrivateCert("priv", ca, "app.example.com")
	s.PublicCert("pub", "pub.example.com")
	_, _, err := client.CreateSecretVersion(client.NewCreateSecretVersionOptions(*up.ID,
		&sm.UsernamePasswordSecretVersionPrototype{Password: core.StringPtr("pw-2")}))
	require.NoError(t, err)
	_, _, err = client.CreateSecretLocksBulk(client.NewCreateSecretLocksBulkOptions(*up.ID,
		[]sm.SecretLockPrototype{{Name: core.StringPtr("lock-1"), Attributes: map[string]any{"k": "v"}}}))
	require.NoError(t, err)
}

func TestDataFileKeepsEveryTypeAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sm.data")
	client, h, closeIt := openClient(t, path)
	seedEveryType(t, client)
	before := dumpWithout(h)
	closeIt()

	client, h, closeIt = openClient(t, path)
	defer closeIt()
	require.Equal(t, before, dumpWithout(h))

	// The restored state works: a private certificate from the restored CA, a rotation.
	ca := PrivateCA{Template: "pki-template"}
	NewSeeder(t, client).PrivateCert("priv-2", ca, "two.example.com")
	list, _, err := client.ListSecrets(client.NewListSecretsOptions())
	require.NoError(t, err)
	require.Equal(t, int64(9), *list.TotalCount)
}

func TestDataFileWithoutCloseKeepsAnsweredWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sm.data")
	client, h, _ := openClient(t, path) // never closed: as after kill -9
	seedEveryType(t, client)
	before := dumpWithout(h)

	_, h2, closeIt := openClient(t, path)
	defer closeIt()
	require.Equal(t, before, dumpWithout(h2))
}

func TestDataFileTornAndDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sm.data")
	client, h, _ := openClient(t, path)
	s := NewSeeder(t, client)
	s.Arbitrary("one", "1")
	whole := dumpWithout(h)
	s.Arbitrary("two", "2")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	// The last record: find its start by walking the frames.
	off := len(dataFileMagic)
	last := off
	for off < len(data) {
		last = off
		off += 8 + int(binary.BigEndian.Uint32(data[off:]))
	}
	require.Equal(t, len(data), off)

	tests := []struct {
		name    string
		content []byte
		recover bool
		wantErr string
		wantLog string
		want    map[string]any // nil: the state with both secrets
	}{
		{name: "whole", content: data},
		{name: "torn tail", content: data[:len(data)-3], want: whole, wantLog: "dropped its last record"},
		{name: "torn header", content: data[:last+5], want: whole, wantLog: "dropped its last record"},
		{name: "zeroed tail", content: append(append([]byte{}, data[:last+8]...), make([]byte, len(data)-last-8)...), want: whole, wantLog: "checksum"},
		{name: "damaged before the end", content: flip(data, last-4), wantErr: "damaged at byte"},
		{name: "recovered", content: flip(data, last-4), recover: true, wantLog: "recovered"},
		{name: "damaged first record", content: flip(data, len(dataFileMagic)+12), wantErr: "damaged at byte 8"},
		{name: "first record cut", content: data[:len(dataFileMagic)+20], wantErr: "in the first record"},
		{name: "not a data file", content: []byte("hello world, this is not it"), wantErr: "not a data file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "sm.data")
			require.NoError(t, os.WriteFile(p, tc.content, 0o600))
			var logs strings.Builder
			opts := []Option{WithLogf(func(f string, a ...any) { fmt.Fprintf(&logs, f+"\n", a...) })}
			if tc.recover {
				opts = append(opts, WithDataFileRecovery())
			}
			h, err := OpenHandler(p, opts...)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				var dfe *DataFileError
				require.ErrorAs(t, err, &dfe)
				after, rerr := os.ReadFile(p)
				require.NoError(t, rerr)
				require.Equal(t, tc.content, after, "a refused file is left as it was")
				return
			}
			require.NoError(t, err)
			defer func() { require.NoError(t, h.Close()) }()
			require.Contains(t, logs.String(), tc.wantLog)
			got := dumpWithout(h)
			if tc.want != nil {
				require.Equal(t, tc.want, got)
			} else if !tc.recover {
				require.Len(t, got["secrets"], 2)
			} else {
				require.Len(t, got["secrets"], 0, "the damage is in the first record of the secrets: nothing after it is kept")
			}
		})
	}
}

// flip returns a copy of b with the byte at i changed.
func flip(b []byte, i int) []byte {
	c := append([]byte{}, b...)
	c[i] ^= 0xff
	return c
}

func TestClockAndResetPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sm.data")
	client, h, closeIt := openClient(t, path)
	NewSeeder(t, client).Arbitrary("one", "1")
	_, err := h.AdvanceClock(48 * time.Hour)
	require.NoError(t, err)
	_, err = h.AdvanceClock(-time.Second)
	require.Error(t, err)
	closeIt()

	_, h, closeIt = openClient(t, path)
	require.WithinDuration(t, time.Now().Add(48*time.Hour), h.Now(), time.Minute)
	require.Len(t, h.Dump(false)["secrets"], 1)
	require.NoError(t, h.Reset())
	closeIt()

	_, h, closeIt = openClient(t, path)
	defer closeIt()
	require.Len(t, h.Dump(false)["secrets"], 0)
}

func TestDataFileCompactsAsItGrows(t *testing.T) {
	old := compactAfter
	compactAfter = 16 << 10
	t.Cleanup(func() { compactAfter = old })
	path := filepath.Join(t.TempDir(), "sm.data")
	client, h, _ := openClient(t, path)
	s := NewSeeder(t, client)
	up := s.UsernamePassword("up", "app", "pw-0")
	maxSize := int64(0)
	for i := range 150 {
		_, _, err := client.CreateSecretVersion(client.NewCreateSecretVersionOptions(*up.ID,
			&sm.UsernamePasswordSecretVersionPrototype{Password: core.StringPtr(fmt.Sprintf("pw-%d", i+1))}))
		require.NoError(t, err)
		st, err := os.Stat(path)
		require.NoError(t, err)
		maxSize = max(maxSize, st.Size())
	}
	// Without compaction the log would hold 150 records of the whole secret, of 1 to 150
	// versions: over 3 MB.
	require.Less(t, maxSize, int64(600<<10), "the data file is compacted as it grows")
	before := dumpWithout(h)
	_, h2, closeIt := openClient(t, path)
	defer closeIt()
	require.Equal(t, before, dumpWithout(h2))
}

func TestDataFileKeepsCustomCredentialsAndTheirTasks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sm.data")
	open := func() (*rawClient, *Handler, func()) {
		h, err := OpenHandler(path, WithCodeEngineJob(testJob))
		require.NoError(t, err)
		ts := httptest.NewServer(h)
		return &rawClient{t: t, base: ts.URL, hc: ts.Client()}, h, func() { ts.Close(); require.NoError(t, h.Close()) }
	}
	c, h, closeIt := open()
	customSetup(t, c)
	s := createCustom(t, c, "pd-key", map[string]any{"ttl": "30d"})
	id := str(s["id"])
	task := tasksOf(t, c, id)[0]
	c.must(200, "PUT", "/api/v2/secrets/"+id+"/tasks/"+str(task["id"]), created("key-1", map[string]any{"api_key": "k1"}))
	c.must(201, "POST", "/api/v2/secrets/"+id+"/versions", map[string]any{}) // a rotation task, processing
	before := dumpWithout(h)
	closeIt()

	c, h, closeIt = open()
	defer closeIt()
	require.Equal(t, before, dumpWithout(h))
	// The restored task queue still answers to its secret: the rotation completes.
	tasks := tasksOf(t, c, id)
	last := tasks[len(tasks)-1]
	require.Equal(t, "processing", last["status"])
	c.must(200, "PUT", "/api/v2/secrets/"+id+"/tasks/"+str(last["id"]), created("key-2", map[string]any{"api_key": "k2"}))
	got := c.must(200, "GET", "/api/v2/secrets/"+id, nil)
	require.EqualValues(t, 2, got["versions_total"])
	require.Equal(t, "k2", got["credentials_content"].(map[string]any)["api_key"])
}
