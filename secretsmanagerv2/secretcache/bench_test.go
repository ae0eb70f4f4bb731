package secretcache_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretcache"
)

func benchCache(b *testing.B) (*secretcache.Cache, secretcache.Key) {
	e := newEnv(&testing.T{})
	id := e.arbitrary("bench", "bench-value")
	c := secretcache.New(e.client)
	b.Cleanup(func() { c.Close(); e.srv.Close() })
	key := secretcache.ByID(id)
	_, err := c.Get(context.Background(), key)
	require.NoError(b, err)
	return c, key
}

// BenchmarkGetHit measures a cache hit: Get of a fresh key.
func BenchmarkGetHit(b *testing.B) {
	c, key := benchCache(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Get(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetHitParallel measures cache hits from every processor at once.
func BenchmarkGetHitParallel(b *testing.B) {
	c, key := benchCache(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Get(ctx, key); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkPayloadHit measures the typed helper Payload on a hit.
func BenchmarkPayloadHit(b *testing.B) {
	c, key := benchCache(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Payload(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}
