package inprocess

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTransport checks that a round trip fails as one over a network would: the answer when the
// handler gives one, a connection reset when it aborts, the context's error when the client gave
// up first; and that a panic other than an abort is not hidden.
func TestTransport(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		cancel  bool
		status  int
		body    string
		err     error
	}{
		{name: "answer", handler: func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body) // a nil request body is http.NoBody
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write(append([]byte("got:"), b...))
		}, status: http.StatusCreated, body: "got:"},
		{name: "abort", handler: func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }, err: ErrConnectionReset},
		{name: "client gave up", handler: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }, cancel: true, err: context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			if tc.cancel {
				cancel()
			}
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://in.process/x", nil)
			require.NoError(t, err)
			resp, err := Transport(tc.handler).RoundTrip(req)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				require.Nil(t, resp)
				return
			}
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, tc.status, resp.StatusCode)
			b, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.Equal(t, tc.body, string(b))
			require.Same(t, req, resp.Request)
		})
	}
	require.PanicsWithValue(t, "a bug", func() {
		req, _ := http.NewRequest(http.MethodGet, "http://in.process/x", nil)
		_, _ = Transport(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") })).RoundTrip(req)
	})
}
