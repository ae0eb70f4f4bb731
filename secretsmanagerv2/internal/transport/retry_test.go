package transport

import (
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestStatus(t *testing.T) {
	p := Policy{MaxRetries: 2, MaxInterval: time.Second}
	cases := []struct {
		method  string
		attempt int
		status  int
		header  string
		retried bool
		wait    time.Duration // exact when a Retry-After is given
	}{
		{"POST", 0, 429, "", true, 0},
		{"POST", 0, 503, "", false, 0},
		{"GET", 0, 503, "", true, 0},
		{"DELETE", 1, 502, "", true, 0},
		{"GET", 2, 503, "", false, 0},
		{"GET", 0, 404, "", false, 0},
		{"GET", 0, 429, "0", true, 0},
		{"GET", 0, 429, "120", true, time.Second},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.header != "" {
			h.Set("Retry-After", c.header)
		}
		d, ok := p.Status(c.method, c.attempt, c.status, h)
		require.Equal(t, c.retried, ok, "%+v", c)
		if ok && c.header != "" {
			require.Equal(t, c.wait, d, "%+v", c)
		}
		if ok {
			require.LessOrEqual(t, d, time.Second)
		}
	}
}

func TestConnError(t *testing.T) {
	p := Policy{MaxRetries: 1, MaxInterval: time.Second}
	dial := &net.OpError{Op: "dial", Err: errors.New("refused")}
	read := &net.OpError{Op: "read", Err: errors.New("reset")}
	_, ok := p.ConnError("POST", 0, dial)
	require.True(t, ok, "a request that never left may be sent again")
	_, ok = p.ConnError("POST", 0, read)
	require.False(t, ok, "a POST that may have been processed is not repeated")
	_, ok = p.ConnError("GET", 0, read)
	require.True(t, ok)
	_, ok = p.ConnError("GET", 1, read)
	require.False(t, ok, "retries are counted")
}

func TestAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"3": 3 * time.Second, "999999999": 24 * time.Hour,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
	} {
		got, ok := After(in, now)
		require.True(t, ok, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "-1", "soon"} {
		_, ok := After(in, now)
		require.False(t, ok, in)
	}
}
