package secretcache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// Prefetch loads the secrets of keys into the cache, at most WithConcurrency (DefaultConcurrency)
// at once, so that a service can read every secret it needs at start-up and fail fast. Keys
// already cached and fresh cost nothing; a key given twice is loaded once.
//
// It returns when every key is loaded or failed, or when ctx ends (keys not loaded by then fail
// with the context's error). When some keys failed, the error is a *PrefetchError that lists each
// of them and why (never a secret value); the keys that loaded stay cached. Prefetch of more keys
// than WithMaxEntries allows drops the first ones again.
func (c *Cache) Prefetch(ctx context.Context, keys ...Key) error {
	seen := make(map[Key]struct{}, len(keys))
	list := make([]Key, 0, len(keys))
	for _, k := range keys {
		if _, dup := seen[k]; !dup {
			seen[k] = struct{}{}
			list = append(list, k)
		}
	}
	errs := make([]error, len(list))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(c.cfg.concurrency, len(list)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(list) {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[i] = err
					continue
				}
				_, errs[i] = c.get(ctx, list[i], false)
			}
		}()
	}
	wg.Wait()
	var pe *PrefetchError
	for i, err := range errs {
		if err == nil {
			continue
		}
		if pe == nil {
			pe = &PrefetchError{Total: len(list)}
		}
		var ke *KeyError
		if !errors.As(err, &ke) || ke.Key != list[i] {
			ke = &KeyError{Key: list[i], Err: err}
		}
		pe.Failures = append(pe.Failures, ke)
	}
	if pe == nil {
		return nil
	}
	return pe
}
