package secretsmanagerv2

import (
	"context"
	"iter"
)

// pagerCore is the paging state that every generated pager wraps: R is the page (a paginated
// collection) and I an item of its list. fetch gets the page at an offset; page reads a page's items,
// next link, offset and total count.
type pagerCore[R any, I any] struct {
	hasNext bool
	next    *int64 // offset of the next page; nil for the service's default
	total   *int64
	fetch   func(ctx context.Context, offset *int64) (*R, error)
	page    func(*R) (items []I, next *PaginatedCollectionNext, offset, total *int64)
}

// nextPage fetches the next page and advances the pager.
func (p *pagerCore[R, I]) nextPage(ctx context.Context) (*R, error) {
	if !p.hasNext {
		return nil, errNoMoreResults
	}
	result, err := p.fetch(ctx, p.next)
	if err != nil {
		return nil, err
	}
	if result == nil {
		p.hasNext = false
		return new(R), nil
	}
	items, next, offset, total := p.page(result)
	p.total = total
	p.next = nextPageOffset(next, p.next, offset, len(items), total)
	p.hasNext = p.next != nil
	return result, nil
}

// getNext fetches the next page and returns its items.
func (p *pagerCore[R, I]) getNext(ctx context.Context) ([]I, error) {
	result, err := p.nextPage(ctx)
	if err != nil {
		return nil, err
	}
	items, _, _, _ := p.page(result)
	return items, nil
}

// getAll fetches every remaining page and returns all their items, in order.
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

// all iterates over the remaining items, fetching a page when the loop needs its first item.
func (p *pagerCore[R, I]) all(ctx context.Context) iter.Seq2[I, error] {
	return func(yield func(I, error) bool) {
		var zero I
		for p.hasNext {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, err := p.getNext(ctx)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// pages iterates over the remaining pages.
func (p *pagerCore[R, I]) pages(ctx context.Context) iter.Seq2[*R, error] {
	return func(yield func(*R, error) bool) {
		for p.hasNext {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			result, err := p.nextPage(ctx)
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
