package vault

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// locksServer serves total locks, a page of limit at a time; mode makes it misbehave: "ignore"
// answers the first page whatever the offset, "overfull" says 5 locks fewer than it has.
func locksServer(t *testing.T, total int, mode string) (*Client, *atomic.Int64) {
	var requests atomic.Int64
	f := &fakeVault{}
	c := fakeClient(t, f, Options{Token: "s.static"})
	c.http.Transport = handlerTransport{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		if mode == "ignore" {
			off = 0
		}
		var locks []Lock
		for i := off; i < min(off+limit, total); i++ {
			name := fmt.Sprintf("lock-%d", i)
			locks = append(locks, Lock{Name: &name})
		}
		reported := int64(total)
		if mode == "overfull" {
			reported -= 5
		}
		_ = json.NewEncoder(w).Encode(Response[LockList]{Data: &LockList{Locks: locks, LocksTotal: &reported}})
	})}
	return c, &requests
}

// resumeLocks ranges over All, breaks after the lock at breakAfter and reads the rest with how.
func resumeLocks(p *LocksPager, breakAfter int, how string) ([]string, error) {
	ctx := context.Background()
	var seen []string
	for l, err := range p.All(ctx) {
		if err != nil {
			return seen, err
		}
		seen = append(seen, *l.Name)
		if len(seen) == breakAfter+1 {
			break
		}
	}
	add := func(locks []Lock) {
		for _, l := range locks {
			seen = append(seen, *l.Name)
		}
	}
	switch how {
	case "All":
		for l, err := range p.All(ctx) {
			if err != nil {
				return seen, err
			}
			add([]Lock{l})
		}
	case "GetNext":
		for p.HasNext() {
			page, err := p.GetNext(ctx)
			if err != nil {
				return seen, err
			}
			add(page)
		}
	case "GetAll":
		all, err := p.GetAll(ctx)
		add(all)
		if err != nil {
			return seen, err
		}
	case "Pages":
		for page, err := range p.Pages(ctx) {
			if err != nil {
				return seen, err
			}
			add(page.Locks)
		}
	}
	if p.HasNext() {
		return seen, fmt.Errorf("HasNext after %s", how)
	}
	return seen, nil
}

func TestLocksPagerResumesAfterBreak(t *testing.T) {
	const total = 10 // pages of 4, 4 and 2
	c, requests := locksServer(t, total, "")
	var want []string
	for i := range total {
		want = append(want, fmt.Sprintf("lock-%d", i))
	}
	for _, how := range []string{"All", "GetNext", "GetAll", "Pages"} {
		for breakAfter := range total {
			requests.Store(0)
			p := c.KV().NewLocksPager("id", &ListLocksOptions{Limit: i64(4)})
			seen, err := resumeLocks(p, breakAfter, how)
			require.NoError(t, err, "break after lock %d, then %s", breakAfter, how)
			require.Equal(t, want, seen, "break after lock %d, then %s", breakAfter, how)
			require.EqualValues(t, 3, requests.Load(), "each page is fetched once")
		}
	}
}

func TestLocksPagerEndsOnPagesThatDoNotAdvance(t *testing.T) {
	cases := []struct {
		mode, err string
		seen      int
		requests  int64
	}{
		{"ignore", "repeats the previous page", 10, 2},
		{"overfull", "past the locks_total of 25", 20, 3},
	}
	for _, tc := range cases {
		for _, how := range []string{"All", "GetNext", "GetAll", "Pages"} {
			t.Run(tc.mode+"/"+how, func(t *testing.T) {
				c, requests := locksServer(t, 30, tc.mode)
				p := c.Arbitrary().NewVersionLocksPager("id", CurrentVersion, &ListLocksOptions{Limit: i64(10)})
				seen, err := resumeLocks(p, 100, how)
				require.ErrorIs(t, err, ErrPaging)
				require.ErrorIs(t, err, sm.ErrPaging, "the v2 client's ErrPaging matches too")
				require.ErrorContains(t, err, tc.err)
				require.Len(t, seen, tc.seen)
				require.Equal(t, tc.requests, requests.Load())
				require.False(t, p.HasNext())
			})
		}
	}
}
