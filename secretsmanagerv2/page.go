package secretsmanagerv2

// The paging arithmetic of the pagers: where the next page starts.

import (
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

// nextPageOffset decides where the page after this one starts, or nil when this was the last:
// the next link's offset when it moves forward, else this page's offset plus its size while
// total_count says more items remain. A link that does not move forward never loops the pager.
func nextPageOffset(next *PaginatedCollectionNext, requested, offset *int64, count int, total *int64) *int64 {
	cur := int64(0)
	if offset != nil {
		cur = *offset
	} else if requested != nil {
		cur = *requested
	}
	if next != nil {
		if n, err := offsetFromHref(next.Href); err == nil && n != nil && *n > cur {
			return n
		}
	}
	if next == nil || count == 0 {
		return nil
	}
	n := cur + int64(count)
	if total != nil && n >= *total {
		return nil
	}
	return &n
}
