// Package paging is the paging core that the pagers of this module share (the generated pagers
// of package secretsmanagerv2 and the LocksPager of package vault): a Pager fetches pages by
// offset, decides where the next page starts (the offset asked for plus the page's item count),
// ends with an error matching ErrPaging on a page that does not advance the listing, and holds the
// items of a page that All fetched but did not yield, so that the next All, GetNext, GetAll or
// Pages starts with them. Each client keeps only what its API makes different: how a page is
// fetched and read (Info), and the names its errors use (Config).
package paging

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"reflect"
	"strconv"
)

// ErrPaging is matched (errors.Is) by the error that ends a pager when the service answers a page
// that cannot follow the one before: another offset than the one asked for, the previous page
// again, a next link that goes back, more items than its total, or no items while more are
// announced. Following such a page would loop forever or skip items. The clients export it.
var ErrPaging = errors.New("secretsmanagerv2: the service's pages do not advance")

// errDone is the error of GetNext after the last page when Config.Done is nil.
var errDone = errors.New("no more results available")

// Config is what the pagers of one API share: the names their errors use, and how a page says
// that more follow.
type Config struct {
	// Items is what an item is called in errors ("items", "locks").
	Items string
	// Total is the name of the property with the total count of items ("total_count").
	Total string
	// TotalOnly says that the pages have no next link: more follow while the items received do
	// not reach the total, and a page without a total is the last.
	TotalOnly bool
	// Done is the error of GetNext called after the last page.
	Done error
}

// Info is what a pager reads from a page besides its items.
type Info struct {
	// Offset is the offset the page says it starts at, or nil if it does not say.
	Offset *int64
	// Total is the total number of items the page reports, or nil.
	Total *int64
	// Next says that the page has a next link (unused with Config.TotalOnly).
	Next bool
	// NextHref is the href of the next link, or nil; a link whose offset does not move forward
	// ends the pager (unused with Config.TotalOnly).
	NextHref *string
}

// OffsetFromHref reads the offset query parameter of a paging link: nil if there is no link or
// the link has no offset.
func OffsetFromHref(href *string) (*int64, error) {
	if href == nil {
		return nil, nil
	}
	u, err := url.Parse(*href)
	if err != nil {
		return nil, fmt.Errorf("reading the next page link: %w", err)
	}
	v := u.Query().Get("offset")
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("reading the offset of the next page link: %w", err)
	}
	return &n, nil
}

// advance decides where the page after this one starts, or nil when this was the last. requested
// is the offset this page was asked for, count its number of items, repeated whether they are
// those of the previous page, and info what else it says. The next offset is requested plus
// count: the service's next link tells only whether there is one. A page that does not advance
// the listing is an error that matches ErrPaging.
func (c *Config) advance(requested, count int64, repeated bool, info Info) (*int64, error) {
	total := info.Total
	switch {
	case repeated:
		return nil, fmt.Errorf("%w: the page at offset %d repeats the previous page", ErrPaging, requested)
	case total != nil && count > 0 && requested+count > *total:
		return nil, fmt.Errorf("%w: the page at offset %d has %d %s, past the %s of %d", ErrPaging, requested, count, c.Items, c.Total, *total)
	}
	more := info.Next
	if c.TotalOnly {
		more = total != nil
	}
	n := requested + count
	if !more || (total != nil && n >= *total) {
		return nil, nil // the last page: nothing can loop or be skipped
	}
	switch {
	case info.Offset != nil && *info.Offset != requested:
		return nil, fmt.Errorf("%w: asked for the page at offset %d, got the page at offset %d", ErrPaging, requested, *info.Offset)
	case count == 0 && c.TotalOnly:
		return nil, fmt.Errorf("%w: the page at offset %d is empty, but %s is %d", ErrPaging, requested, c.Total, *total)
	case count == 0:
		return nil, fmt.Errorf("%w: the page at offset %d is empty but has a next link", ErrPaging, requested)
	}
	if c.TotalOnly {
		return &n, nil
	}
	if link, err := OffsetFromHref(info.NextHref); err == nil && link != nil && *link <= requested {
		return nil, fmt.Errorf("%w: the next link of the page at offset %d points back to offset %d", ErrPaging, requested, *link)
	}
	return &n, nil
}

// Pager is the paging state that a client's pager wraps: P is the page and I an item of its list.
// A pager is not safe for concurrent use.
//
// The items of a page that All has fetched but not yielded yet (the loop broke in the middle of a
// page) are held: the next All, GetNext, GetAll or Pages starts with them, so that no item is lost.
// A page that does not advance the listing ends the pager with an error matching ErrPaging
// instead of looping or skipping items.
type Pager[P, I any] struct {
	cfg   *Config
	fetch func(ctx context.Context, offset *int64) (*P, error)
	read  func(*P) ([]I, Info)

	next       *int64 // offset of the next page; nil for the service's default
	total      *int64 // the total of the last page fetched
	done       bool   // no page is left to fetch
	fetched    int    // pages fetched
	held       []I    // items of heldPage not yielded yet
	heldPage   *P     // the page the held items come from
	heldOffset int64  // the offset of the first held item
	prev       []I    // the items of the last page fetched, to see a page repeat
}

// New returns a pager whose first page is at offset start (nil for the service's default). fetch
// gets the page at an offset (nil for the default); a nil page without error ends the pager.
// read returns a page's items and what else it says.
func New[P, I any](cfg *Config, start *int64, fetch func(ctx context.Context, offset *int64) (*P, error), read func(*P) ([]I, Info)) Pager[P, I] {
	return Pager[P, I]{cfg: cfg, fetch: fetch, read: read, next: start}
}

// HasNext reports whether a page may be fetched, or items are held from a page cut short.
func (p *Pager[P, I]) HasNext() bool {
	return !p.done || len(p.held) > 0
}

// TotalCount returns the total number of items the last page fetched reported, or nil before the
// first.
func (p *Pager[P, I]) TotalCount() *int64 {
	return p.total
}

// fetchPage fetches the next page and advances the pager. A failed request leaves the pager as it
// was, so the call can be repeated; a page that does not advance the listing ends the pager.
func (p *Pager[P, I]) fetchPage(ctx context.Context) (*P, []I, error) {
	if p.done {
		if p.cfg.Done == nil {
			return nil, nil, errDone
		}
		return nil, nil, p.cfg.Done
	}
	requested := int64(0)
	if p.next != nil {
		requested = *p.next
	}
	result, err := p.fetch(ctx, p.next)
	if err != nil {
		return nil, nil, err
	}
	p.fetched++
	if result == nil {
		p.done = true
		return new(P), nil, nil
	}
	items, info := p.read(result)
	p.total = info.Total
	repeated := p.fetched > 1 && len(items) > 0 && reflect.DeepEqual(items, p.prev)
	n, err := p.cfg.advance(requested, int64(len(items)), repeated, info)
	p.prev = items
	if err != nil {
		p.done = true
		return nil, nil, err
	}
	p.next = n
	p.done = n == nil
	return result, items, nil
}

// take returns the held items and lets them go.
func (p *Pager[P, I]) take() []I {
	items := p.held
	p.held, p.heldPage = nil, nil
	return items
}

// GetNext returns the items held from a page cut short by a break in All, or else fetches the
// next page and returns its items.
func (p *Pager[P, I]) GetNext(ctx context.Context) ([]I, error) {
	if len(p.held) > 0 {
		return p.take(), nil
	}
	_, items, err := p.fetchPage(ctx)
	return items, err
}

// GetAll returns the held items and those of every remaining page, in order; on an error, the
// items read before it with the error.
func (p *Pager[P, I]) GetAll(ctx context.Context) (all []I, err error) {
	for p.HasNext() {
		var items []I
		if items, err = p.GetNext(ctx); err != nil {
			return all, err
		}
		all = append(all, items...)
	}
	return all, nil
}

// All iterates over the remaining items, fetching a page when the loop needs its first item. An
// item is given up by the pager as it is yielded: after a break, the next call starts with the
// item after the last one yielded. An error is yielded once, with a zero item, and ends the
// iteration.
func (p *Pager[P, I]) All(ctx context.Context) iter.Seq2[I, error] {
	return func(yield func(I, error) bool) {
		var zero I
		for {
			if len(p.held) == 0 {
				if p.done {
					return
				}
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				offset := int64(0)
				if p.next != nil {
					offset = *p.next
				}
				result, items, err := p.fetchPage(ctx)
				if err != nil {
					yield(zero, err)
					return
				}
				if len(items) == 0 {
					continue
				}
				p.held, p.heldPage, p.heldOffset = items, result, offset
			}
			item := p.held[0]
			p.held = p.held[1:]
			p.heldOffset++
			if len(p.held) == 0 {
				p.held, p.heldPage = nil, nil
			}
			if !yield(item, nil) {
				return
			}
		}
	}
}

// Pages iterates over the remaining pages; a page cut short by a break in All comes first, with
// only its items not yielded yet (and, if the page has an Offset field, the offset of the first of
// them). An error is yielded once, with a nil page, and ends the iteration.
func (p *Pager[P, I]) Pages(ctx context.Context) iter.Seq2[*P, error] {
	return func(yield func(*P, error) bool) {
		if len(p.held) > 0 {
			if !yield(p.remainder(), nil) {
				return
			}
		}
		for !p.done {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			result, _, err := p.fetchPage(ctx)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(result, nil) {
				return
			}
		}
	}
}

// remainder returns a copy of the held page with the held items only (in its exported field of
// type []I) and the offset of the first of them (in an exported Offset field of type *int64, if
// it has one), and lets them go.
func (p *Pager[P, I]) remainder() *P {
	page := *p.heldPage
	offset := p.heldOffset
	items := p.take()
	v := reflect.ValueOf(&page).Elem()
	if v.Kind() != reflect.Struct {
		return &page
	}
	itemsType, offsetType := reflect.TypeFor[[]I](), reflect.TypeFor[*int64]()
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		switch {
		case !sf.IsExported():
		case f.Type() == itemsType:
			f.Set(reflect.ValueOf(items))
		case sf.Name == "Offset" && f.Type() == offsetType:
			f.Set(reflect.ValueOf(&offset))
		}
	}
	return &page
}
