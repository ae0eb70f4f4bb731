package secretsmanagerv2

import (
	"context"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/paging"
)

// ErrPaging is matched (errors.Is) by the error that ends a pager when the service answers a page
// that cannot follow the one before: another offset than the one asked for, the previous page
// again, a next link that goes back, more items than its total_count, or no items while more are
// announced. Following such a page would loop forever or skip items.
var ErrPaging = paging.ErrPaging

// pagerCore is the paging core that every generated pager wraps (secretsmanagerv2/internal/paging,
// shared with the Vault client's LocksPager): R is the page (a paginated collection) and I an item
// of its list.
type pagerCore[R, I any] = paging.Pager[R, I]

// pagingConfig is what the v2 API's pages say and what their errors call things.
var pagingConfig = &paging.Config{Items: "items", Total: "total_count", Done: errNoMoreResults}

// newPagerCore returns the core of a generated pager whose first page is at offset start (nil for
// the service's default). fetch gets the page at an offset; page reads a page's items, next link,
// offset and total count.
func newPagerCore[R, I any](start *int64, fetch func(ctx context.Context, offset *int64) (*R, error), page func(*R) (items []I, next *PaginatedCollectionNext, offset, total *int64)) pagerCore[R, I] {
	return paging.New(pagingConfig, start, fetch, func(r *R) ([]I, paging.Info) {
		items, next, offset, total := page(r)
		info := paging.Info{Offset: offset, Total: total}
		if next != nil {
			info.Next, info.NextHref = true, next.Href
		}
		return items, info
	})
}

// offsetFromHref reads the offset query parameter of a paging link.
func offsetFromHref(href *string) (*int64, error) {
	return paging.OffsetFromHref(href)
}
