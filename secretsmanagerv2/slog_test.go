package secretsmanagerv2_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// lockedBuffer is a bytes.Buffer safe for concurrent writers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// useSlog installs a SlogLogger writing JSON records to a buffer for the test, and restores the
// previous go-sdk-core logger after it.
func useSlog(t *testing.T, coreLevel core.LogLevel, handlerLevel slog.Level) (*sm.SlogLogger, *lockedBuffer) {
	var buf lockedBuffer
	l := sm.NewSlogLogger(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: handlerLevel})), coreLevel)
	previous := core.GetLogger()
	core.SetLogger(l)
	t.Cleanup(func() { core.SetLogger(previous) })
	return l, &buf
}

func TestSlogLoggerRedactsEverySecretType(t *testing.T) {
	_, buf := useSlog(t, core.LevelDebug, slog.LevelDebug)
	client, _ := secretsmanagertest.NewClient(t, secretsmanagertest.WithToken("bearer-token-SECRET"))
	seed := secretsmanagertest.NewSeeder(t, client)

	secrets := []string{"arbitrary-VALUE-1", "kv-VALUE-2", "password-VALUE-3"}
	seed.Arbitrary("s-arbitrary", secrets[0])
	seed.KV("s-kv", map[string]interface{}{"nested": map[string]interface{}{"k": secrets[1]}})
	seed.UsernamePassword("s-user", "alice", secrets[2])
	key, _ := sm.APIKey(seed.IAMCredentials("s-iam", "ServiceId-1", "1h"))
	secrets = append(secrets, key)
	svcKey, _ := sm.APIKey(seed.ServiceCredentials("s-svc", "crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::"))
	secrets = append(secrets, svcKey)
	tlsCert := seed.PrivateCert("s-private", seed.PrivateCA("s"), "s.example.com")
	secrets = append(secrets, pemBody(*tlsCert.PrivateKey))
	certPEM, keyPEM := secretsmanagertest.SelfSignedCertificate(t, "i.example.com")
	seed.ImportedCert("s-imported", certPEM, keyPEM, "")
	secrets = append(secrets, pemBody(keyPEM), "bearer-token-SECRET")
	for _, s := range secrets {
		require.NotEmpty(t, s)
	}

	out := buf.String()
	var records int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec map[string]interface{}
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		require.Equal(t, "DEBUG", rec["level"])
		require.Equal(t, "secretsmanagerv2", rec["component"])
		records++
	}
	require.Greater(t, records, 20, "each request and response is a record")
	require.Contains(t, out, "s-arbitrary", "the rest of the log stays readable")
	require.Contains(t, out, "[redacted]")
	for i, s := range secrets {
		require.NotContains(t, out, s, "secret value number %d reached the log", i)
	}
}

func TestSlogLoggerRedactsWhatOthersLog(t *testing.T) {
	l, buf := useSlog(t, core.LevelDebug, slog.LevelDebug)
	l.Debug("Request:\nPOST /x\nAuthorization: Bearer abc.def\nX-Auth-Token: tok-123\n\n%s", `{"name":"n","password":"hunter2","api_key":"k-1","nested":{"private_key":"-----BEGIN-\"x"}}`)
	l.Info("connecting with apikey=my-api-key&other=1")
	out := buf.String()
	for _, s := range []string{"abc.def", "tok-123", "hunter2", "k-1", "BEGIN", "my-api-key"} {
		require.NotContains(t, out, s)
	}
	require.Contains(t, out, `\"name\":\"n\"`)
	require.Contains(t, out, `"level":"INFO"`)
	require.Contains(t, out, "other=1")
}

func TestSlogLoggerLevels(t *testing.T) {
	cases := []struct {
		name         string
		coreLevel    core.LogLevel
		handlerLevel slog.Level
		written      []string
	}{
		{"debug everywhere", core.LevelDebug, slog.LevelDebug, []string{"e", "w", "i", "d"}},
		{"core at info", core.LevelInfo, slog.LevelDebug, []string{"e", "w", "i"}},
		{"handler at warn", core.LevelDebug, slog.LevelWarn, []string{"e", "w"}},
		{"none", core.LevelNone, slog.LevelDebug, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, buf := useSlog(t, c.coreLevel, c.handlerLevel)
			l.Error("msg-%s", "e")
			l.Warn("msg-%s", "w")
			l.Info("msg-%s", "i")
			l.Debug("msg-%s", "d")
			out := buf.String()
			for _, m := range []string{"e", "w", "i", "d"} {
				want := false
				for _, w := range c.written {
					want = want || w == m
				}
				require.Equal(t, want, strings.Contains(out, `"msg":"msg-`+m+`"`), "message %s in %s", m, out)
			}
			require.Equal(t, len(c.written) == 4, l.IsLogLevelEnabled(core.LevelDebug))
		})
	}
	l := sm.NewSlogLogger(nil, core.LevelWarn)
	require.Equal(t, core.LevelWarn, l.GetLogLevel())
	l.SetLogLevel(core.LevelError)
	require.Equal(t, core.LevelError, l.GetLogLevel())
	require.False(t, l.IsLogLevelEnabled(core.LevelWarn))
}
