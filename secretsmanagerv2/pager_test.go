package secretsmanagerv2

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// pagedServer serves total items under key at path, offset/limit paged like the service, with
// first/next/previous/last links; it counts the requests it gets.
type pagedServer struct {
	fake     *FakeServer
	requests atomic.Int64
	offsets  chan int
	// ignore makes the server ignore the offset asked for, as a broken service would: "report0"
	// answers the first page and says so, "echo" answers the first page with the offset asked for,
	// "silent" answers the first page without offset nor total_count; "overfull" answers the
	// right pages but a total_count 5 lower than the items it has.
	ignore string
}

func newPagedServer(t *testing.T, path, key string, total int, item func(i int) interface{}) *pagedServer {
	ps := &pagedServer{offsets: make(chan int, 1000)}
	ps.fake = NewFake(t, func(r FakeRequest) FakeAnswer {
		ps.requests.Add(1)
		if r.EscapedPath != path {
			return FakeAnswer{Status: http.StatusNotFound, Body: `{"errors":[{"code":"not_found","message":"no such path"}],"status_code":404}`}
		}
		q, _ := url.ParseQuery(r.RawQuery)
		offset, _ := strconv.Atoi(q.Get("offset"))
		limit := 10
		if l := q.Get("limit"); l != "" {
			limit, _ = strconv.Atoi(l)
		}
		select {
		case ps.offsets <- offset:
		default:
		}
		asked := offset
		if ps.ignore != "" && ps.ignore != "overfull" {
			offset = 0
		}
		link := func(o int) map[string]string {
			return map[string]string{"href": fmt.Sprintf("%s%s?offset=%d&limit=%d", ps.fake.URL, path, o, limit)}
		}
		page := map[string]interface{}{"limit": limit, "offset": offset, "total_count": total, "first": link(0), "last": link((total - 1) / limit * limit)}
		if offset+limit < total {
			page["next"] = link(offset + limit)
		}
		if offset > 0 {
			page["previous"] = link(max(0, offset-limit))
		}
		items := []interface{}{}
		for i := offset; i < offset+limit && i < total; i++ {
			items = append(items, item(i))
		}
		page[key] = items
		switch ps.ignore {
		case "report0":
			page["next"] = link(asked + limit)
		case "echo":
			page["offset"], page["next"] = asked, link(asked+limit)
		case "overfull":
			page["total_count"] = total - 5
		case "silent":
			delete(page, "offset")
			delete(page, "total_count")
			page["next"] = link(asked + limit)
		}
		body, err := json.Marshal(page)
		if err != nil {
			panic(err)
		}
		return FakeAnswer{RawBody: body}
	}).WithoutRecording()
	return ps
}

func testClient(t testing.TB, url string) *SecretsManagerV2 {
	sm, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: url, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	return sm
}

func secretItem(i int) interface{} {
	types := []string{"arbitrary", "kv", "username_password", "imported_cert"}
	return map[string]interface{}{"id": fmt.Sprintf("id-%03d", i), "name": fmt.Sprintf("s%03d", i), "secret_type": types[i%len(types)]}
}

func lockItem(i int) interface{} {
	return map[string]interface{}{"name": fmt.Sprintf("lock-%03d", i), "secret_id": "s", "secret_version_id": "v"}
}

// pager is what every generated pager offers, for items T in pages of type C.
type pager[T, C any] interface {
	HasNext() bool
	GetNext() ([]T, error)
	GetAll() ([]T, error)
	All(context.Context) iter.Seq2[T, error]
	Pages(context.Context) iter.Seq2[*C, error]
	TotalCount() *int64
}

// pagerRun is what driving a pager every way produced: item names and page counts.
type pagerRun struct {
	walked, all, iterated []string
	walkedPages, pages    int
	total                 int64
}

// drive walks fresh pagers made by newPager with HasNext/GetNext, GetAll, All and Pages.
func drive[T, C any](newPager func() (pager[T, C], error), name func(T) string) (run pagerRun, err error) {
	p, err := newPager()
	for err == nil && p.HasNext() {
		var page []T
		if page, err = p.GetNext(); err == nil {
			run.walked, run.walkedPages = append(run.walked, names(page, name)...), run.walkedPages+1
		}
	}
	if err != nil {
		return run, err
	}
	if p, err = newPager(); err != nil {
		return run, err
	}
	all, err := p.GetAll()
	if err != nil {
		return run, err
	}
	run.all = names(all, name)
	if p, err = newPager(); err != nil {
		return run, err
	}
	for item, err := range p.All(context.Background()) {
		if err != nil {
			return run, err
		}
		run.iterated = append(run.iterated, name(item))
	}
	if p, err = newPager(); err != nil {
		return run, err
	}
	for _, err := range p.Pages(context.Background()) {
		if err != nil {
			return run, err
		}
		run.pages++
	}
	run.total = deref(p.TotalCount())
	return run, nil
}

func names[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	return out
}

func secretName(s SecretMetadataIntf) string        { return s.Common().Name }
func lockName(l SecretLock) string                  { return *l.Name }
func locksName(l SecretLocks) string                { return *l.SecretID }
func configName(c ConfigurationMetadataIntf) string { return c.Common().Name }

// pagerCase is one of the five pagers, the route it lists and how its items look.
type pagerCase struct {
	name, path, key string
	item            func(int) interface{}
	drive           func(sm *SecretsManagerV2) (pagerRun, error)
	// resume ranges over All of a pager of pages of limit items, breaks after the item at
	// breakAfter and goes on with how: All, GetNext, GetAll or Pages.
	resume func(sm *SecretsManagerV2, limit int64, breakAfter int, how string) ([]string, error)
}

func pagerCases() []pagerCase {
	limit := int64(10)
	return []pagerCase{
		{"SecretsPager", "/api/v2/secrets", "secrets", secretItem, func(sm *SecretsManagerV2) (pagerRun, error) {
			return drive(func() (pager[SecretMetadataIntf, SecretMetadataPaginatedCollection], error) {
				return sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit})
			}, secretName)
		}, func(sm *SecretsManagerV2, limit int64, breakAfter int, how string) ([]string, error) {
			p, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit})
			if err != nil {
				return nil, err
			}
			return resume(p, secretName, func(c *SecretMetadataPaginatedCollection) []SecretMetadataIntf { return c.Secrets }, breakAfter, how)
		}},
		{"SecretsLocksPager", "/api/v2/secrets_locks", "secrets_locks",
			func(i int) interface{} {
				return map[string]interface{}{"secret_id": fmt.Sprintf("s%03d", i), "versions": []interface{}{}}
			},
			func(sm *SecretsManagerV2) (pagerRun, error) {
				return drive(func() (pager[SecretLocks, SecretsLocksPaginatedCollection], error) {
					return sm.NewSecretsLocksPager(&ListSecretsLocksOptions{Limit: &limit})
				}, locksName)
			}, func(sm *SecretsManagerV2, limit int64, breakAfter int, how string) ([]string, error) {
				p, err := sm.NewSecretsLocksPager(&ListSecretsLocksOptions{Limit: &limit})
				if err != nil {
					return nil, err
				}
				return resume(p, locksName, func(c *SecretsLocksPaginatedCollection) []SecretLocks { return c.SecretsLocks }, breakAfter, how)
			}},
		{"SecretLocksPager", "/api/v2/secrets/s1/locks", "locks", lockItem, func(sm *SecretsManagerV2) (pagerRun, error) {
			return drive(func() (pager[SecretLock, SecretLocksPaginatedCollection], error) {
				return sm.NewSecretLocksPager(&ListSecretLocksOptions{ID: core.StringPtr("s1"), Limit: &limit})
			}, lockName)
		}, func(sm *SecretsManagerV2, limit int64, breakAfter int, how string) ([]string, error) {
			p, err := sm.NewSecretLocksPager(&ListSecretLocksOptions{ID: core.StringPtr("s1"), Limit: &limit})
			if err != nil {
				return nil, err
			}
			return resume(p, lockName, func(c *SecretLocksPaginatedCollection) []SecretLock { return c.Locks }, breakAfter, how)
		}},
		{"SecretVersionLocksPager", "/api/v2/secrets/s1/versions/current/locks", "locks", lockItem, func(sm *SecretsManagerV2) (pagerRun, error) {
			return drive(func() (pager[SecretLock, SecretVersionLocksPaginatedCollection], error) {
				return sm.NewSecretVersionLocksPager(&ListSecretVersionLocksOptions{SecretID: core.StringPtr("s1"), ID: core.StringPtr("current"), Limit: &limit})
			}, lockName)
		}, func(sm *SecretsManagerV2, limit int64, breakAfter int, how string) ([]string, error) {
			p, err := sm.NewSecretVersionLocksPager(&ListSecretVersionLocksOptions{SecretID: core.StringPtr("s1"), ID: core.StringPtr("current"), Limit: &limit})
			if err != nil {
				return nil, err
			}
			return resume(p, lockName, func(c *SecretVersionLocksPaginatedCollection) []SecretLock { return c.Locks }, breakAfter, how)
		}},
		{"ConfigurationsPager", "/api/v2/configurations", "configurations",
			func(i int) interface{} {
				return map[string]interface{}{"name": fmt.Sprintf("c%03d", i), "config_type": "iam_credentials_configuration", "secret_type": "iam_credentials"}
			},
			func(sm *SecretsManagerV2) (pagerRun, error) {
				return drive(func() (pager[ConfigurationMetadataIntf, ConfigurationMetadataPaginatedCollection], error) {
					return sm.NewConfigurationsPager(&ListConfigurationsOptions{Limit: &limit})
				}, configName)
			}, func(sm *SecretsManagerV2, limit int64, breakAfter int, how string) ([]string, error) {
				p, err := sm.NewConfigurationsPager(&ListConfigurationsOptions{Limit: &limit})
				if err != nil {
					return nil, err
				}
				return resume(p, configName, func(c *ConfigurationMetadataPaginatedCollection) []ConfigurationMetadataIntf { return c.Configurations }, breakAfter, how)
			}},
	}
}

// resume ranges over p.All, breaks after the item at index breakAfter, then reads the rest with
// how; it returns the names of every item it saw, in order.
func resume[T, C any](p pager[T, C], name func(T) string, items func(*C) []T, breakAfter int, how string) ([]string, error) {
	var seen []string
	for item, err := range p.All(context.Background()) {
		if err != nil {
			return seen, err
		}
		seen = append(seen, name(item))
		if len(seen) == breakAfter+1 {
			break
		}
	}
	switch how {
	case "All":
		for item, err := range p.All(context.Background()) {
			if err != nil {
				return seen, err
			}
			seen = append(seen, name(item))
		}
	case "GetNext":
		for p.HasNext() {
			page, err := p.GetNext()
			if err != nil {
				return seen, err
			}
			seen = append(seen, names(page, name)...)
		}
	case "GetAll":
		all, err := p.GetAll()
		if err != nil {
			return seen, err
		}
		seen = append(seen, names(all, name)...)
	case "Pages":
		for page, err := range p.Pages(context.Background()) {
			if err != nil {
				return seen, err
			}
			seen = append(seen, names(items(page), name)...)
		}
	}
	if p.HasNext() {
		return seen, fmt.Errorf("HasNext after %s", how)
	}
	return seen, nil
}

func itemName(item interface{}) string {
	m := item.(map[string]interface{})
	for _, k := range []string{"name", "secret_id"} {
		if v, ok := m[k]; ok {
			return v.(string)
		}
	}
	return ""
}

func TestPagersWalkAllPages(t *testing.T) {
	for _, pc := range pagerCases() {
		t.Run(pc.name, func(t *testing.T) {
			const total = 35
			ps := newPagedServer(t, pc.path, pc.key, total, pc.item)
			sm := testClient(t, ps.fake.URL)
			var want []string
			for i := 0; i < total; i++ {
				want = append(want, itemName(pc.item(i)))
			}

			run, err := pc.drive(sm)
			require.NoError(t, err)
			require.Equal(t, want, run.walked, "GetNext returns every item, in order")
			require.Equal(t, 4, run.walkedPages)
			require.Equal(t, want, run.all, "GetAll returns every item, in order")
			require.Equal(t, want, run.iterated, "All yields every item, in order")
			require.Equal(t, 4, run.pages, "Pages yields every page")
			require.EqualValues(t, total, run.total)
			require.EqualValues(t, 16, ps.requests.Load())
		})
	}
}

// TestPagersResumeAfterBreak breaks out of All at every position of every page, and checks that
// the next All, GetNext, GetAll or Pages yields every item not yielded yet, once, in order.
func TestPagersResumeAfterBreak(t *testing.T) {
	const total, limit = 10, 4 // pages of 4, 4 and 2
	for _, pc := range pagerCases() {
		t.Run(pc.name, func(t *testing.T) {
			ps := newPagedServer(t, pc.path, pc.key, total, pc.item)
			sm := testClient(t, ps.fake.URL)
			var want []string
			for i := range total {
				want = append(want, itemName(pc.item(i)))
			}
			for _, how := range []string{"All", "GetNext", "GetAll", "Pages"} {
				for breakAfter := range total {
					ps.requests.Store(0)
					seen, err := pc.resume(sm, limit, breakAfter, how)
					require.NoError(t, err, "break after item %d, then %s", breakAfter, how)
					require.Equal(t, want, seen, "break after item %d, then %s", breakAfter, how)
					require.EqualValues(t, 3, ps.requests.Load(), "each page is fetched once")
				}
			}
		})
	}
}

func TestPagerPagesAfterBreak(t *testing.T) {
	ps := newPagedServer(t, "/api/v2/secrets", "secrets", 10, secretItem)
	pager, err := testClient(t, ps.fake.URL).NewSecretsPager(&ListSecretsOptions{Limit: core.Int64Ptr(4)})
	require.NoError(t, err)
	for range pager.All(context.Background()) {
		break
	}
	var offsets []int64
	var sizes []int
	for page, err := range pager.Pages(context.Background()) {
		require.NoError(t, err)
		offsets, sizes = append(offsets, *page.Offset), append(sizes, len(page.Secrets))
	}
	require.Equal(t, []int64{1, 4, 8}, offsets, "the page cut short comes first, with the offset of its first item")
	require.Equal(t, []int{3, 4, 2}, sizes)
}

// TestPagersEndOnPagesThatDoNotAdvance serves pagers from a service that ignores the offset asked
// for: every pager ends with ErrPaging after the first page, instead of looping or repeating items.
func TestPagersEndOnPagesThatDoNotAdvance(t *testing.T) {
	for _, pc := range pagerCases() {
		for _, mode := range []string{"report0", "echo", "silent"} {
			t.Run(pc.name+"/"+mode, func(t *testing.T) {
				ps := newPagedServer(t, pc.path, pc.key, 30, pc.item)
				ps.ignore = mode
				sm := testClient(t, ps.fake.URL)
				for _, how := range []string{"All", "GetNext", "GetAll", "Pages"} {
					ps.requests.Store(0)
					seen, err := pc.resume(sm, 10, 100, how) // no break: All reads it all
					require.ErrorIs(t, err, ErrPaging, how)
					require.Len(t, seen, 10, "the first page only, once")
					require.EqualValues(t, 2, ps.requests.Load(), "the second page ends the pager")
				}
			})
		}
		t.Run(pc.name+"/more items than total_count", func(t *testing.T) {
			ps := newPagedServer(t, pc.path, pc.key, 30, pc.item)
			ps.ignore = "overfull" // says 25, has 30: the third page reaches past it
			seen, err := pc.resume(testClient(t, ps.fake.URL), 10, 100, "GetAll")
			require.ErrorIs(t, err, ErrPaging)
			require.ErrorContains(t, err, "past the total_count of 25")
			require.Len(t, seen, 20)
		})
	}
}

func TestSecretsPagerIterators(t *testing.T) {
	const total = 100 // 10 pages of 10
	ps := newPagedServer(t, "/api/v2/secrets", "secrets", total, secretItem)
	sm := testClient(t, ps.fake.URL)
	limit := int64(10)

	t.Run("break after 3 items makes one request", func(t *testing.T) {
		ps.requests.Store(0)
		pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit})
		require.NoError(t, err)
		var seen []string
		for s, err := range pager.All(context.Background()) {
			require.NoError(t, err)
			seen = append(seen, s.Common().Name)
			if len(seen) == 3 {
				break
			}
		}
		require.Equal(t, []string{"s000", "s001", "s002"}, seen)
		require.EqualValues(t, 1, ps.requests.Load())
	})

	t.Run("all items across pages", func(t *testing.T) {
		ps.requests.Store(0)
		pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit})
		require.NoError(t, err)
		n := 0
		for s, err := range pager.All(context.Background()) {
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("s%03d", n), s.Common().Name)
			n++
		}
		require.Equal(t, total, n)
		require.EqualValues(t, 10, ps.requests.Load())
		require.False(t, pager.HasNext())
	})

	t.Run("pages with total count", func(t *testing.T) {
		pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit})
		require.NoError(t, err)
		var offsets []int64
		for page, err := range pager.Pages(context.Background()) {
			require.NoError(t, err)
			require.EqualValues(t, total, *page.TotalCount)
			offsets = append(offsets, *page.Offset)
			if len(offsets) == 2 {
				break
			}
		}
		require.Equal(t, []int64{0, 10}, offsets)
		require.EqualValues(t, total, *pager.TotalCount())
	})

	t.Run("cancelled context stops the iteration", func(t *testing.T) {
		ps.requests.Store(0)
		pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n := 0
		var lastErr error
		for _, err := range pager.All(ctx) {
			if err != nil {
				lastErr = err
				break
			}
			n++
			if n == 10 {
				cancel()
			}
		}
		require.Equal(t, 10, n)
		require.ErrorIs(t, lastErr, context.Canceled)
		require.EqualValues(t, 1, ps.requests.Load())
	})

	t.Run("starting offset and no more results", func(t *testing.T) {
		pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: &limit, Offset: core.Int64Ptr(90)})
		require.NoError(t, err)
		page, err := pager.GetNext()
		require.NoError(t, err)
		require.Len(t, page, 10)
		require.Equal(t, "s090", page[0].Common().Name)
		require.False(t, pager.HasNext())
		_, err = pager.GetNext()
		require.Error(t, err)
	})

	t.Run("the caller's options are not changed", func(t *testing.T) {
		opts := &ListSecretsOptions{Limit: &limit}
		pager, err := sm.NewSecretsPager(opts)
		require.NoError(t, err)
		_, err = pager.GetAll()
		require.NoError(t, err)
		require.Nil(t, opts.Offset)
	})
}

func TestPagerValidation(t *testing.T) {
	sm := testClient(t, "http://127.0.0.1:1")
	_, err := sm.NewSecretLocksPager(nil)
	require.ErrorIs(t, err, ErrInvalidInput, "ID is required")
	_, err = sm.NewSecretsPager(&ListSecretsOptions{Limit: core.Int64Ptr(5000)})
	require.ErrorIs(t, err, ErrInvalidInput)
	p, err := sm.NewSecretsPager(nil)
	require.NoError(t, err, "nil options mean no filters")
	require.True(t, p.HasNext())
}

// TestPagerStopsOnStuckNextLink guards against a service whose next link does not move forward.
func TestPagerStopsOnStuckNextLink(t *testing.T) {
	srv := NewFake(t, FixedAnswer(http.StatusOK, `{"limit":2,"offset":0,"total_count":2,"first":{"href":"x"},"last":{"href":"x"},"next":{"href":"/api/v2/secrets?offset=0&limit=2"},"secrets":[{"secret_type":"kv","id":"a"},{"secret_type":"kv","id":"b"}]}`))
	pager, err := testClient(t, srv.URL).NewSecretsPager(nil)
	require.NoError(t, err)
	all, err := pager.GetAll()
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.EqualValues(t, 1, srv.Count())
}

// TestGetNextOffset: a page's GetNextOffset reads the offset of its next link (the paging
// arithmetic itself is tested in internal/paging).
func TestGetNextOffset(t *testing.T) {
	href := func(s string) *PaginatedCollectionNext { return &PaginatedCollectionNext{Href: &s} }
	off, err := (&SecretMetadataPaginatedCollection{Next: href("https://h/x?offset=7")}).GetNextOffset()
	require.NoError(t, err)
	require.EqualValues(t, 7, *off)
	off, err = (&SecretMetadataPaginatedCollection{}).GetNextOffset()
	require.NoError(t, err)
	require.Nil(t, off, "the last page")
	_, err = (&SecretMetadataPaginatedCollection{Next: href("https://h/x?offset=seven")}).GetNextOffset()
	require.Error(t, err)
}
