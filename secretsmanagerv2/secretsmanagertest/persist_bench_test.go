package secretsmanagertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// BenchmarkCreateSecret measures concurrent creates of arbitrary secrets
// in-process, in memory and with a data file (fsync before each answer,
// shared by the concurrent writers).
func BenchmarkCreateSecret(b *testing.B) {
	for _, mode := range []string{"memory", "datafile"} {
		b.Run(mode, func(b *testing.B) {
			h := NewHandler()
			if mode == "datafile" {
				var err error
				h, err = OpenHandler(filepath.Join(b.TempDir(), "sm.data"))
				if err != nil {
					b.Fatal(err)
				}
				defer h.Close()
			}
			var n atomic.Int64
			b.SetParallelism(8) // 8 x GOMAXPROCS writers
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					body := fmt.Sprintf(`{"secret_type":"arbitrary","name":"s-%d","secret_group_id":"default","payload":"p-%d"}`, i, i)
					req := httptest.NewRequest("POST", "/api/v2/secrets", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusCreated {
						b.Errorf("status %d: %s", rec.Code, rec.Body)
						return
					}
				}
			})
		})
	}
}
