package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// page is one page of a collection: Graph names the continuation
// "@odata.nextLink", ARM names it "nextLink".
type page struct {
	Value         []json.RawMessage `json:"value"`
	ODataNextLink string            `json:"@odata.nextLink"`
	ARMNextLink   string            `json:"nextLink"`
}

// List fetches the collection at path and calls each for every item, in
// order, following the whole nextLink until it is absent. A nextLink that
// leaves the configured origin is refused (ErrForeignOrigin) before any
// request is made to it. An error from each stops the listing and is
// returned as is.
func (c *Client) List(ctx context.Context, path string, each func(item json.RawMessage) error) error {
	next := path
	seen := map[string]bool{}
	for pages := 1; next != ""; pages++ {
		u, err := c.base.resolve(next)
		if err != nil {
			return fmt.Errorf("graph: list %s, page %d: %w", path, pages, err)
		}
		key := u.String()
		if seen[key] {
			return fmt.Errorf("graph: list %s: page %d repeats the nextLink %s; stopping to avoid a loop", path, pages, redactURL(u))
		}
		seen[key] = true
		res, err := c.send(ctx, http.MethodGet, u, nil, nil)
		if err != nil {
			return err
		}
		var p page
		if err := decodeInto(res.body, &p, http.MethodGet, u); err != nil {
			return err
		}
		for _, item := range p.Value {
			if err := each(item); err != nil {
				return err
			}
		}
		next = p.ODataNextLink
		if next == "" {
			next = p.ARMNextLink
		}
	}
	return nil
}

// ListAll is List collecting every item.
func (c *Client) ListAll(ctx context.Context, path string) ([]json.RawMessage, error) {
	items := make([]json.RawMessage, 0)
	err := c.List(ctx, path, func(item json.RawMessage) error {
		items = append(items, item)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}
