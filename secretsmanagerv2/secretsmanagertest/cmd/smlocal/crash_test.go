package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// writeLog is what the writers of a crash round sent and what was answered.
type writeLog struct {
	mu sync.Mutex
	// creates: name -> payload sent; answered marks the 201s.
	sent     map[string]string
	answered map[string]bool
	// rotations of each writer's own secret: the highest version answered
	// and the highest sent.
	rotAnswered map[int]int
	rotSent     map[int]int
	// reached is closed once threshold creates are answered.
	threshold int
	reached   chan struct{}
}

func newWriteLog(threshold int) *writeLog {
	return &writeLog{sent: map[string]string{}, answered: map[string]bool{}, rotAnswered: map[int]int{}, rotSent: map[int]int{},
		threshold: threshold, reached: make(chan struct{})}
}

// own is the name of writer g's own secret, which it rotates.
func own(g int) string { return fmt.Sprintf("own-%02d", g) }

// writers runs n goroutines writing until a request fails (the process is
// gone) or stop is closed: each creates secrets (with labels and custom
// metadata that must come back whole) and rotates its own secret, whose
// payload names its version. ownIDs are the IDs of the own secrets and
// versions their versions_total at the start.
func writers(p *proc, n int, round int, ownIDs []string, versions []int, wl *writeLog, stop <-chan struct{}) *sync.WaitGroup {
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := versions[g]
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if i%2 == 0 {
					name := fmt.Sprintf("r%d-g%02d-%04d", round, g, i)
					payload := strings.Repeat(name, 8)
					wl.mu.Lock()
					wl.sent[name] = payload
					wl.mu.Unlock()
					st, _, err := p.request("POST", "/api/v2/secrets", "", map[string]any{"secret_type": "arbitrary", "name": name,
						"secret_group_id": "default", "payload": payload, "labels": []string{name, "crash"},
						"custom_metadata": map[string]any{"name": name, "i": i}})
					if err != nil {
						return
					}
					if st == http.StatusCreated {
						wl.mu.Lock()
						wl.answered[name] = true
						if len(wl.answered) == wl.threshold {
							close(wl.reached)
						}
						wl.mu.Unlock()
					}
					continue
				}
				next := v + 1
				wl.mu.Lock()
				wl.rotSent[g] = next
				wl.mu.Unlock()
				st, _, err := p.request("POST", "/api/v2/secrets/"+ownIDs[g]+"/versions", "", map[string]any{
					"payload": "v" + strconv.Itoa(next), "version_custom_metadata": map[string]any{"v": next}})
				if err != nil {
					return
				}
				if st == http.StatusCreated {
					v = next
					wl.mu.Lock()
					wl.rotAnswered[g] = next
					wl.mu.Unlock()
				}
			}
		}()
	}
	return &wg
}

// listAll returns every secret's metadata by name.
func listAll(t *testing.T, p *proc) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for offset := 0; ; offset += 1000 {
		page := p.must(http.StatusOK, "GET", "/api/v2/secrets?limit=1000&offset="+strconv.Itoa(offset), "", nil)
		items := page["secrets"].([]any)
		for _, it := range items {
			m := it.(map[string]any)
			out[m["name"].(string)] = m
		}
		if len(items) < 1000 {
			return out
		}
	}
}

// checkRound checks the state after a restart against what was answered.
func checkRound(t *testing.T, p *proc, wl *writeLog, n int) (ownIDs []string, versions []int) {
	t.Helper()
	all := listAll(t, p)
	for name := range wl.answered {
		require.Contains(t, all, name, "an answered write is missing")
	}
	for name, m := range all {
		if strings.HasPrefix(name, "own-") {
			continue
		}
		payload, ok := wl.sent[name]
		if !ok {
			continue // an earlier round's
		}
		// Present: it must be whole.
		require.EqualValues(t, 1, m["versions_total"], name)
		require.Equal(t, []any{name, "crash"}, m["labels"], name)
		require.Equal(t, name, m["custom_metadata"].(map[string]any)["name"], name)
		if !wl.answered[name] {
			full := p.must(http.StatusOK, "GET", "/api/v2/secrets/"+url.PathEscape(m["id"].(string)), "", nil)
			require.Equal(t, payload, full["payload"], "an unanswered write is half there: %s", name)
		}
	}
	for g := range n {
		m := all[own(g)]
		require.NotNil(t, m, own(g))
		total := int(m["versions_total"].(float64))
		require.GreaterOrEqual(t, total, wl.rotAnswered[g], "an answered rotation of %s is missing", own(g))
		if s, ok := wl.rotSent[g]; ok {
			require.LessOrEqual(t, total, s)
		}
		cur := p.must(http.StatusOK, "GET", "/api/v2/secrets/"+m["id"].(string)+"/versions/current", "", nil)
		require.Equal(t, "v"+strconv.Itoa(total), cur["payload"], "the current version of %s is whole", own(g))
		require.EqualValues(t, total, cur["version_custom_metadata"].(map[string]any)["v"])
		ownIDs = append(ownIDs, m["id"].(string))
		versions = append(versions, total)
	}
	return ownIDs, versions
}

func TestCrashKeepsEveryAnsweredWrite(t *testing.T) {
	const goroutines = 64
	data := filepath.Join(t.TempDir(), "sm.data")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("kill timing seed %d", seed)

	p := start(t, "-http", "-data", data)
	ownIDs := make([]string, goroutines)
	versions := make([]int, goroutines)
	for g := range goroutines {
		m := p.must(http.StatusCreated, "POST", "/api/v2/secrets", "", map[string]any{"secret_type": "arbitrary", "name": own(g),
			"secret_group_id": "default", "payload": "v1", "version_custom_metadata": map[string]any{"v": 1}})
		ownIDs[g], versions[g] = m["id"].(string), 1
	}
	delays := []time.Duration{0, 2 * time.Millisecond, 10 * time.Millisecond, 40 * time.Millisecond, 120 * time.Millisecond, 300 * time.Millisecond}
	totalAnswered := 0
	for round, base := range delays {
		wl := newWriteLog(-1)
		stop := make(chan struct{})
		wg := writers(p, goroutines, round, ownIDs, versions, wl, stop)
		// Kill in the middle of the writes, after a varied time.
		wait := base + time.Duration(rng.Int64N(int64(base/2+time.Millisecond)))
		timer := time.NewTimer(wait)
		<-timer.C
		p.kill()
		close(stop)
		wg.Wait()
		p = start(t, "-http", "-data", data)
		ownIDs, versions = checkRound(t, p, wl, goroutines)
		wl.mu.Lock()
		t.Logf("round %d: killed after %v: %d creates answered of %d sent; rotations answered up to %v", round, wait,
			len(wl.answered), len(wl.sent), maxOf(wl.rotAnswered))
		totalAnswered += len(wl.answered)
		wl.mu.Unlock()
	}
	require.Positive(t, totalAnswered, "the writers got answers before the kills")
	require.Equal(t, 0, p.terminate())
}

func maxOf(m map[int]int) int {
	x := 0
	for _, v := range m {
		x = max(x, v)
	}
	return x
}

func TestSIGTERMDuringLoad(t *testing.T) {
	const goroutines = 16
	data := filepath.Join(t.TempDir(), "sm.data")
	p := start(t, "-http", "-data", data)
	ownIDs := make([]string, goroutines)
	versions := make([]int, goroutines)
	for g := range goroutines {
		m := p.must(http.StatusCreated, "POST", "/api/v2/secrets", "", map[string]any{"secret_type": "arbitrary", "name": own(g),
			"secret_group_id": "default", "payload": "v1", "version_custom_metadata": map[string]any{"v": 1}})
		ownIDs[g], versions[g] = m["id"].(string), 1
	}
	wl := newWriteLog(50)
	stop := make(chan struct{})
	wg := writers(p, goroutines, 0, ownIDs, versions, wl, stop)
	// Let the writers get going: wait for some answers, not for a time.
	select {
	case <-wl.reached:
	case <-p.done:
		t.Fatalf("smlocal exited: %s", p.Logs())
	}
	require.Equal(t, 0, p.terminate(), "a graceful shutdown exits 0: %s", p.Logs())
	close(stop)
	wg.Wait()
	require.Contains(t, p.Logs(), "shutting down")
	require.Contains(t, p.Logs(), "stopped")

	p = start(t, "-http", "-data", data)
	require.NotContains(t, p.Logs(), "dropped its last record", "a graceful shutdown leaves a whole data file")
	checkRound(t, p, wl, goroutines)
	var dump map[string]any
	require.NoError(t, json.Unmarshal([]byte(mustJSON(t, p.must(http.StatusOK, "GET", "/admin/dump", "", nil))), &dump))
	require.GreaterOrEqual(t, len(dump["secrets"].([]any)), goroutines+50)
}
