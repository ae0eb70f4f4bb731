package secretsmanagerv2

import (
	"context"
	"iter"
	"reflect"
)

// pagerCore is the paging state that every generated pager wraps: R is the page (a paginated
// collection) and I an item of its list. fetch gets the page at an offset; page reads a page's items,
// next link, offset and total count.
//
// The items of a page that All has fetched but not yielded yet (the loop broke in the middle of a
// page) are held: the next All, GetNext, GetAll or Pages starts with them, so that no item is lost.
// A page that does not advance the listing (it repeats the previous page, answers another offset
// than the one asked for, reaches past total_count, or is empty while a next
// link says more follow) ends the pager with an error matching ErrPaging instead of looping or
// skipping items.
type pagerCore[R any, I any] struct {
	hasNext bool   // a page may be fetched, or items are held; what HasNext reports
	next    *int64 // offset of the next page; nil for the service's default
	total   *int64
	fetch   func(ctx context.Context, offset *int64) (*R, error)
	page    func(*R) (items []I, next *PaginatedCollectionNext, offset, total *int64)

	done       bool  // no page is left to fetch
	fetched    int   // pages fetched
	held       []I   // items of heldPage not yielded yet
	heldPage   *R    // the page the held items come from
	heldOffset int64 // the offset of the first held item
	prev       []I   // the items of the last page fetched, to see a page repeat
}

// sync sets hasNext from the state.
func (p *pagerCore[R, I]) sync() {
	p.hasNext = !p.done || len(p.held) > 0
}

// fetchPage fetches the next page and advances the pager. A failed request leaves the pager as it
// was, so the call can be repeated; a page that does not advance the listing ends the pager.
func (p *pagerCore[R, I]) fetchPage(ctx context.Context) (*R, []I, error) {
	if p.done {
		p.sync()
		return nil, nil, errNoMoreResults
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
		p.sync()
		return new(R), nil, nil
	}
	items, next, offset, total := p.page(result)
	p.total = total
	n, err := advance(requested, offset, int64(len(items)), p.fetched > 1 && len(items) > 0 && reflect.DeepEqual(items, p.prev), next, total)
	p.prev = items
	if err != nil {
		p.done = true
		p.sync()
		return nil, nil, err
	}
	p.next = n
	p.done = n == nil
	p.sync()
	return result, items, nil
}

// take returns the held items and lets them go.
func (p *pagerCore[R, I]) take() []I {
	items := p.held
	p.held, p.heldPage = nil, nil
	p.sync()
	return items
}

// getNext returns the items held from a page cut short by a break in All, or else fetches the
// next page and returns its items.
func (p *pagerCore[R, I]) getNext(ctx context.Context) ([]I, error) {
	if len(p.held) > 0 {
		return p.take(), nil
	}
	_, items, err := p.fetchPage(ctx)
	return items, err
}

// getAll returns the held items and those of every remaining page, in order.
func (p *pagerCore[R, I]) getAll(ctx context.Context) (all []I, err error) {
	for p.hasNext {
		var items []I
		if items, err = p.getNext(ctx); err != nil {
			return
		}
		all = append(all, items...)
	}
	return
}

// all iterates over the remaining items, fetching a page when the loop needs its first item. An
// item is given up by the pager as it is yielded: after a break, the next call starts with the
// item after the last one yielded.
func (p *pagerCore[R, I]) all(ctx context.Context) iter.Seq2[I, error] {
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
			p.sync()
			if !yield(item, nil) {
				return
			}
		}
	}
}

// pages iterates over the remaining pages; a page cut short by a break in All comes first, with
// its items not yielded yet and the offset of the first of them.
func (p *pagerCore[R, I]) pages(ctx context.Context) iter.Seq2[*R, error] {
	return func(yield func(*R, error) bool) {
		if len(p.held) > 0 {
			page := p.remainder()
			if !yield(page, nil) {
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

// remainder returns a copy of the held page with the held items only, and lets them go.
func (p *pagerCore[R, I]) remainder() *R {
	page := *p.heldPage
	offset := p.heldOffset
	items := p.take()
	v := reflect.ValueOf(&page).Elem()
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
