package paging

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func i64(n int64) *int64   { return &n }
func str(s string) *string { return &s }

var (
	linked = &Config{Items: "items", Total: "total_count", Done: errors.New("done")}
	totals = &Config{Items: "locks", Total: "locks_total", TotalOnly: true}
)

func TestAdvance(t *testing.T) {
	link := func(s string) Info { return Info{Next: true, NextHref: &s} }
	with := func(info Info, offset, total *int64) Info {
		info.Offset, info.Total = offset, total
		return info
	}
	cases := []struct {
		name      string
		cfg       *Config
		requested int64
		count     int64
		repeated  bool
		info      Info
		want      *int64
		err       string
	}{
		{"last page", linked, 0, 10, false, with(Info{}, i64(0), i64(10)), nil, ""},
		{"next link", linked, 0, 10, false, with(link("https://h/api/v2/secrets?offset=10&limit=10"), i64(0), i64(30)), i64(10), ""},
		{"next link without offset", linked, 10, 10, false, with(link("https://h/api/v2/secrets?limit=10"), i64(10), i64(30)), i64(20), ""},
		{"next link without href", linked, 10, 10, false, with(Info{Next: true}, i64(10), i64(30)), i64(20), ""},
		{"next link that does not parse: the offset asked for wins", linked, 10, 10, false, with(link("https://h/x?offset=ten"), i64(10), i64(30)), i64(20), ""},
		{"next link that skips: the offset asked for wins", linked, 10, 10, false, with(link("https://h/x?offset=25"), i64(10), i64(30)), i64(20), ""},
		{"next link backwards", linked, 10, 10, false, with(link("https://h/api/v2/secrets?offset=0"), i64(10), i64(30)), nil, "points back to offset 0"},
		{"next link that stays", linked, 10, 10, false, with(link("https://h/api/v2/secrets?offset=10"), i64(10), i64(30)), nil, "points back to offset 10"},
		{"next link but total reached", linked, 10, 10, false, with(link("https://h/x?offset=5"), i64(10), i64(20)), nil, ""},
		{"empty page with a next link", linked, 10, 0, false, with(link("https://h/x?limit=10"), i64(10), i64(30)), nil, "is empty but has a next link"},
		{"empty page past the total (items deleted meanwhile)", linked, 10, 0, false, with(link("https://h/x?limit=10"), i64(10), i64(5)), nil, ""},
		{"offset missing in answer", linked, 20, 10, false, with(link("https://h/x?limit=10"), nil, nil), i64(30), ""},
		{"another offset than asked for", linked, 20, 10, false, with(link("https://h/x?offset=10"), i64(0), i64(100)), nil, "got the page at offset 0"},
		{"another offset than asked for, on the last page", linked, 0, 10, false, with(Info{}, i64(100), i64(232)), nil, ""},
		{"repeated page", linked, 20, 10, true, with(link("https://h/x?offset=30"), i64(20), i64(100)), nil, "repeats the previous page"},
		{"repeated last page", linked, 20, 10, true, with(Info{}, i64(20), i64(30)), nil, "repeats the previous page"},
		{"more items than total_count", linked, 25, 10, false, with(link("https://h/x?offset=35"), i64(25), i64(30)), nil, "has 10 items, past the total_count of 30"},

		{"total: more follow", totals, 0, 10, false, Info{Total: i64(30)}, i64(10), ""},
		{"total: a next link does not count", totals, 0, 10, false, with(link("https://h/x?offset=0"), nil, i64(30)), i64(10), ""},
		{"total: reached", totals, 20, 10, false, Info{Total: i64(30)}, nil, ""},
		{"total: none, the last page", totals, 0, 10, false, Info{}, nil, ""},
		{"total: empty page, none", totals, 0, 0, false, Info{}, nil, ""},
		{"total: empty page at the total", totals, 30, 0, false, Info{Total: i64(30)}, nil, ""},
		{"total: empty page before the total", totals, 10, 0, false, Info{Total: i64(30)}, nil, "is empty, but locks_total is 30"},
		{"total: more locks than locks_total", totals, 20, 10, false, Info{Total: i64(25)}, nil, "has 10 locks, past the locks_total of 25"},
		{"total: repeated page", totals, 10, 10, true, Info{Total: i64(30)}, nil, "repeats the previous page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.cfg.advance(c.requested, c.count, c.repeated, c.info)
			if c.err != "" {
				require.ErrorIs(t, err, ErrPaging)
				require.ErrorContains(t, err, c.err)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
}

func TestOffsetFromHref(t *testing.T) {
	cases := []struct {
		name string
		href *string
		want *int64
		err  bool
	}{
		{"no link", nil, nil, false},
		{"offset", str("https://h/x?offset=7&limit=2"), i64(7), false},
		{"relative", str("/api/v2/secrets?offset=12"), i64(12), false},
		{"no offset", str("https://h/x?limit=2"), nil, false},
		{"offset not a number", str("https://h/x?offset=seven"), nil, true},
		{"not a URL", str("%zz"), nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := OffsetFromHref(c.href)
			if c.err {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
}

// list is a page of a scripted listing.
type list struct {
	Items  []string
	Offset *int64
	Total  *int64
	Next   *string
	Limit  int
}

// script is a listing of total items served limit at a time, like the service, with faults:
// a fetch func for New that records the offsets asked for.
type script struct {
	total, limit int
	asked        []*int64
	// page, if set, changes the page answered for the offset asked for.
	page func(offset int64, l *list) *list
	// fail, if set, fails the request with the given number (from 1).
	fail func(n int) error
}

func (s *script) fetch(_ context.Context, offset *int64) (*list, error) {
	s.asked = append(s.asked, offset)
	if s.fail != nil {
		if err := s.fail(len(s.asked)); err != nil {
			return nil, err
		}
	}
	off := int64(0)
	if offset != nil {
		off = *offset
	}
	l := &list{Offset: i64(off), Total: i64(int64(s.total)), Limit: s.limit}
	for i := off; i < off+int64(s.limit) && i < int64(s.total); i++ {
		l.Items = append(l.Items, fmt.Sprintf("i%02d", i))
	}
	if off+int64(s.limit) < int64(s.total) {
		l.Next = str(fmt.Sprintf("/x?offset=%d&limit=%d", off+int64(s.limit), s.limit))
	}
	if s.page != nil {
		l = s.page(off, l)
	}
	return l, nil
}

func readList(l *list) ([]string, Info) {
	return l.Items, Info{Offset: l.Offset, Total: l.Total, Next: l.Next != nil, NextHref: l.Next}
}

func (s *script) pager(start *int64) Pager[list, string] {
	return New(linked, start, s.fetch, readList)
}

func want(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("i%02d", i))
	}
	return out
}

// resume ranges over All, breaks after the item at breakAfter (never, if it is past the end),
// and reads the rest with how.
func resume(p *Pager[list, string], breakAfter int, how string) (seen []string, err error) {
	ctx := context.Background()
	for item, err := range p.All(ctx) {
		if err != nil {
			return seen, err
		}
		seen = append(seen, item)
		if len(seen) == breakAfter+1 {
			break
		}
	}
	switch how {
	case "All":
		for item, err := range p.All(ctx) {
			if err != nil {
				return seen, err
			}
			seen = append(seen, item)
		}
	case "GetNext":
		for p.HasNext() {
			items, err := p.GetNext(ctx)
			if err != nil {
				return seen, err
			}
			seen = append(seen, items...)
		}
	case "GetAll":
		all, err := p.GetAll(ctx)
		seen = append(seen, all...)
		if err != nil {
			return seen, err
		}
	case "Pages":
		for page, err := range p.Pages(ctx) {
			if err != nil {
				return seen, err
			}
			seen = append(seen, page.Items...)
		}
	}
	if p.HasNext() {
		return seen, fmt.Errorf("HasNext after %s", how)
	}
	return seen, nil
}

var hows = []string{"All", "GetNext", "GetAll", "Pages"}

// TestPagerResumesAfterBreak breaks out of All at every position of every page, and checks that
// the next All, GetNext, GetAll or Pages yields every item not yielded yet, once, in order, with
// each page fetched once.
func TestPagerResumesAfterBreak(t *testing.T) {
	cases := []struct {
		name         string
		total, limit int
		start        *int64
		pages        int
	}{
		{"pages of 4, 4 and 2", 10, 4, nil, 3},
		{"full pages", 8, 4, nil, 2},
		{"one page", 3, 10, nil, 1},
		{"pages of 1", 3, 1, nil, 3},
		{"from offset 3", 10, 4, i64(3), 2},
	}
	for _, c := range cases {
		from := 0
		if c.start != nil {
			from = int(*c.start)
		}
		for _, how := range hows {
			for breakAfter := range c.total - from {
				t.Run(fmt.Sprintf("%s/break after %d, then %s", c.name, breakAfter, how), func(t *testing.T) {
					s := &script{total: c.total, limit: c.limit}
					p := s.pager(c.start)
					seen, err := resume(&p, breakAfter, how)
					require.NoError(t, err)
					require.Equal(t, want(from, c.total), seen)
					require.Len(t, s.asked, c.pages, "each page is fetched once")
					require.Equal(t, c.start, s.asked[0], "the first page at the start offset")
					require.EqualValues(t, c.total, *p.TotalCount())
					_, err = p.GetNext(context.Background())
					require.ErrorIs(t, err, linked.Done, "no page after the last")
				})
			}
		}
	}
}

// TestPagerPagesAfterBreak: the page cut short by a break comes first, with its offset moved to
// its first item not yielded; the pages after it are as the service answered them.
func TestPagerPagesAfterBreak(t *testing.T) {
	s := &script{total: 10, limit: 4}
	p := s.pager(nil)
	n := 0
	for range p.All(context.Background()) {
		if n++; n == 2 {
			break
		}
	}
	var offsets []int64
	var items [][]string
	for page, err := range p.Pages(context.Background()) {
		require.NoError(t, err)
		offsets, items = append(offsets, *page.Offset), append(items, page.Items)
		require.Equal(t, 4, page.Limit, "the other fields are the page's")
	}
	require.Equal(t, []int64{2, 4, 8}, offsets)
	require.Equal(t, [][]string{want(2, 4), want(4, 8), want(8, 10)}, items)
}

// TestPagerEndsOnPagesThatDoNotAdvance serves pages that cannot follow the one before: the pager
// ends with ErrPaging at that page, whichever way it is read, having yielded each item once.
func TestPagerEndsOnPagesThatDoNotAdvance(t *testing.T) {
	cases := []struct {
		name string
		page func(offset int64, l *list) *list
		err  string
		seen int
		asks int
	}{
		{"another offset than asked for", func(offset int64, l *list) *list {
			l.Offset = i64(0)
			return l
		}, "asked for the page at offset 10, got the page at offset 0", 10, 2},
		{"the first page again, saying so", func(offset int64, l *list) *list {
			l.Items, l.Offset = want(0, 10), i64(0)
			return l
		}, "repeats the previous page", 10, 2},
		{"the first page again, with the offset asked for", func(offset int64, l *list) *list {
			l.Items = want(0, 10)
			return l
		}, "repeats the previous page", 10, 2},
		{"the first page again, saying nothing", func(offset int64, l *list) *list {
			return &list{Items: want(0, 10), Next: str(fmt.Sprintf("/x?offset=%d", offset+10))}
		}, "repeats the previous page", 10, 2},
		{"a next link that goes back", func(offset int64, l *list) *list {
			if offset == 10 {
				l.Next = str("/x?offset=10")
			}
			return l
		}, "points back to offset 10", 10, 2},
		{"an empty page with a next link", func(offset int64, l *list) *list {
			if offset == 10 {
				l.Items = nil
			}
			return l
		}, "is empty but has a next link", 10, 2},
		{"more items than total_count", func(offset int64, l *list) *list {
			l.Total = i64(25)
			return l
		}, "has 10 items, past the total_count of 25", 20, 3},
	}
	for _, c := range cases {
		for _, how := range hows {
			t.Run(c.name+"/"+how, func(t *testing.T) {
				s := &script{total: 30, limit: 10, page: c.page}
				p := s.pager(nil)
				seen, err := resume(&p, 100, how) // no break: All reads it all
				require.ErrorIs(t, err, ErrPaging)
				require.ErrorContains(t, err, c.err)
				require.Equal(t, want(0, c.seen), seen, "each item before the bad page, once")
				require.Len(t, s.asked, c.asks, "the bad page ends the pager")
				require.False(t, p.HasNext())
			})
		}
	}
}

// TestPagerTotalOnly pages by a total without next links, as the Vault API's locks.
func TestPagerTotalOnly(t *testing.T) {
	cases := []struct {
		name  string
		total *int64
		page  func(offset int64, l *list) *list
		err   string
		seen  int
		asks  int
	}{
		{"to the total", i64(10), nil, "", 10, 3},
		{"no total: one page", nil, nil, "", 4, 1},
		{"an empty page before the total", i64(10), func(offset int64, l *list) *list {
			if offset == 4 {
				l.Items = nil
			}
			return l
		}, "is empty, but locks_total is 10", 4, 2},
		{"more than the total", i64(6), nil, "has 4 locks, past the locks_total of 6", 4, 2},
	}
	for _, c := range cases {
		for _, how := range hows {
			t.Run(c.name+"/"+how, func(t *testing.T) {
				s := &script{total: 10, limit: 4, page: c.page}
				p := New(totals, i64(0), s.fetch, func(l *list) ([]string, Info) { return l.Items, Info{Total: c.total} })
				seen, err := resume(&p, 1, how)
				if c.err == "" {
					require.NoError(t, err)
				} else {
					require.ErrorIs(t, err, ErrPaging)
					require.ErrorContains(t, err, c.err)
				}
				require.Equal(t, want(0, c.seen), seen)
				require.Len(t, s.asked, c.asks)
				_, err = p.GetNext(context.Background())
				require.ErrorIs(t, err, errDone, "without Config.Done")
			})
		}
	}
}

// TestPagerRequestFails: a failed request is yielded once and leaves the pager as it was, so the
// next call asks for the same page again and the listing goes on where it stopped.
func TestPagerRequestFails(t *testing.T) {
	boom := errors.New("boom")
	for _, how := range hows {
		t.Run(how, func(t *testing.T) {
			s := &script{total: 10, limit: 4, fail: func(n int) error {
				if n == 2 {
					return boom
				}
				return nil
			}}
			p := s.pager(nil)
			seen, err := resume(&p, 1, how) // a break, then the second page fails
			require.ErrorIs(t, err, boom)
			require.Equal(t, want(0, 4), seen)
			require.True(t, p.HasNext())
			rest, err := resume(&p, 100, how)
			require.NoError(t, err)
			require.Equal(t, want(4, 10), rest)
			require.Equal(t, []*int64{nil, i64(4), i64(4), i64(8)}, s.asked)
		})
	}
}

func TestPagerContextDone(t *testing.T) {
	s := &script{total: 10, limit: 4}
	p := s.pager(nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen []string
	var last error
	for item, err := range p.All(ctx) {
		if err != nil {
			last = err
			break
		}
		if seen = append(seen, item); len(seen) == 4 {
			cancel()
		}
	}
	require.ErrorIs(t, last, context.Canceled)
	require.Equal(t, want(0, 4), seen, "the page fetched is yielded whole")
	require.Len(t, s.asked, 1, "no page is fetched once the context is done")
	for page, err := range p.Pages(ctx) {
		require.Nil(t, page)
		require.ErrorIs(t, err, context.Canceled)
	}
	require.True(t, p.HasNext())
	all, err := p.GetAll(context.Background())
	require.NoError(t, err)
	require.Equal(t, want(4, 10), all)
}

// TestPagerNilPage: a nil page without error ends the pager; Pages yields an empty page for it.
func TestPagerNilPage(t *testing.T) {
	for _, how := range hows {
		t.Run(how, func(t *testing.T) {
			s := &script{total: 10, limit: 4, page: func(offset int64, l *list) *list {
				if offset == 4 {
					return nil
				}
				return l
			}}
			p := s.pager(nil)
			seen, err := resume(&p, 100, how)
			require.NoError(t, err)
			require.Equal(t, want(0, 4), seen)
			require.Len(t, s.asked, 2)
			require.EqualValues(t, 10, *p.TotalCount(), "the total of the last page read")
		})
	}
	s := &script{total: 10, limit: 4, page: func(offset int64, l *list) *list { return nil }}
	p := s.pager(nil)
	var pages []*list
	for page, err := range p.Pages(context.Background()) {
		require.NoError(t, err)
		pages = append(pages, page)
	}
	require.Equal(t, []*list{{}}, pages, "an empty page")
	require.False(t, p.HasNext())
}

func TestPagerEmptyListing(t *testing.T) {
	for _, how := range hows {
		t.Run(how, func(t *testing.T) {
			s := &script{total: 0, limit: 4}
			p := s.pager(nil)
			seen, err := resume(&p, 100, how)
			require.NoError(t, err)
			require.Empty(t, seen)
			require.Len(t, s.asked, 1)
			require.EqualValues(t, 0, *p.TotalCount())
		})
	}
}
