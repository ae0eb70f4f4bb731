package secretsmanagerv2

// The paging arithmetic of the pagers: where the next page starts, and which pages cannot be right.

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// offsetFromHref reads the offset query parameter of a paging link.
func offsetFromHref(href *string) (*int64, error) {
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

// ErrPaging is matched (errors.Is) by the error that ends a pager when the service answers a page
// that cannot follow the one before: another offset than the one asked for, the previous page
// again, a next link that goes back, more items than its total_count, or no items while more are
// announced. Following such a page would loop forever or skip items.
var ErrPaging = errors.New("secretsmanagerv2: the service's pages do not advance")

// advance decides where the page after this one starts, or nil when this was the last. requested
// is the offset this page was asked for, offset the one it reports, count its number of items,
// repeated whether they are those of the previous page. The next offset is requested plus the page's size:
// the service's next link tells only whether there is one. A page that does not advance the
// listing is an error that matches ErrPaging.
func advance(requested int64, offset *int64, count int64, repeated bool, next *PaginatedCollectionNext, total *int64) (*int64, error) {
	switch {
	case repeated:
		return nil, fmt.Errorf("%w: the page at offset %d repeats the previous page", ErrPaging, requested)
	case total != nil && count > 0 && requested+count > *total:
		return nil, fmt.Errorf("%w: the page at offset %d has %d items, past the total_count of %d", ErrPaging, requested, count, *total)
	}
	n := requested + count
	if next == nil || (total != nil && n >= *total) {
		return nil, nil // the last page: nothing can loop or be skipped
	}
	switch {
	case offset != nil && *offset != requested:
		return nil, fmt.Errorf("%w: asked for the page at offset %d, got the page at offset %d", ErrPaging, requested, *offset)
	case count == 0:
		return nil, fmt.Errorf("%w: the page at offset %d is empty but has a next link", ErrPaging, requested)
	}
	if link, err := offsetFromHref(next.Href); err == nil && link != nil && *link <= requested {
		return nil, fmt.Errorf("%w: the next link of the page at offset %d points back to offset %d", ErrPaging, requested, *link)
	}
	return &n, nil
}
