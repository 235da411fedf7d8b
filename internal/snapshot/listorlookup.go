package snapshot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// readByID reads the objects of ids from a directory collection in the
// fewest Graph calls: one GET per id (through $batch) costs len(ids)
// calls, listing the whole collection (listPath, $top=999) one call per
// 999 objects, and which is cheaper depends on a size the run does not
// know. So it lists page by page while the pages read stay fewer than the
// ids still to find, and looks up the rest one by one (lookupFormat, %s
// the id) once they do not: never more than about twice the cheaper plan,
// and a single page for a tenant of up to 999 objects. Listing keeps only
// the objects of ids, so what is written is the same either way.
//
// Ids the listing did not return (it ran to its end) or that a lookup
// answered 404 for are returned in missing.
func readByID(ctx context.Context, src Sources, prefix string, ids []string, listPath, lookupFormat string) (found []Object, missing []string, err error) {
	found = []Object{}
	if len(ids) == 0 {
		return found, nil, nil
	}
	remaining := map[string]string{} // lower-case id -> id as referenced
	for _, id := range ids {
		remaining[strings.ToLower(id)] = id
	}
	byID := map[string]Object{}
	complete, err := listWhileCheaper(ctx, src.Graph, listPath, remaining, byID)
	if err != nil {
		return nil, nil, err
	}
	var rest []string
	for _, id := range ids {
		if _, ok := remaining[strings.ToLower(id)]; ok {
			rest = append(rest, id)
		}
	}
	if !complete && len(rest) > 0 {
		looked, notFound, err := lookupByID(ctx, src, prefix, rest, lookupFormat)
		if err != nil {
			return nil, nil, err
		}
		for _, o := range looked {
			id, _ := o["id"].(string)
			byID[strings.ToLower(id)] = o
		}
		rest = notFound
	}
	for _, id := range ids {
		if o, ok := byID[strings.ToLower(id)]; ok {
			found = append(found, o)
		}
	}
	return found, rest, nil
}

// listWhileCheaper pages through path, moving the objects whose ids are in
// remaining into byID, until the collection ends (complete) or the pages
// read reach the ids still remaining (then a lookup each is cheaper than
// reading on).
func listWhileCheaper(ctx context.Context, src Source, path string, remaining map[string]string, byID map[string]Object) (complete bool, err error) {
	seen := map[string]bool{}
	for pages, next := 0, path; ; pages++ {
		if next == "" {
			return true, nil
		}
		if len(remaining) == 0 || pages >= len(remaining) {
			return false, nil
		}
		if seen[next] {
			return false, fmt.Errorf("GET %s: page %d repeats the nextLink; stopping to avoid a loop", path, pages+1)
		}
		seen[next] = true
		var page struct {
			Value    []json.RawMessage `json:"value"`
			NextLink string            `json:"@odata.nextLink"`
		}
		if err := src.Get(ctx, next, &page); err != nil {
			return false, err
		}
		for i, raw := range page.Value {
			o, err := DecodeObject(raw)
			if err != nil {
				return false, fmt.Errorf("GET %s: page %d, item %d: %w", path, pages+1, i, err)
			}
			id, _ := o["id"].(string)
			key := strings.ToLower(id)
			if _, wanted := remaining[key]; wanted {
				byID[key] = o
				delete(remaining, key)
			}
		}
		next = page.NextLink
	}
}
