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
	d := newDirectoryRead(prefix, listPath, lookupFormat)
	if err := d.list(ctx, src, ids); err != nil {
		return nil, nil, err
	}
	return d.finish(ctx, src, ids)
}

// directoryRead is readByID in two steps, for ids that grow in between:
// list with the ids known, then finish with all of them. An id learnt
// late is looked up when the listing passed it (its object was not kept)
// or did not run to its end; otherwise the listing says it is not there.
type directoryRead struct {
	prefix, listPath, lookupFormat string
	byID                           map[string]Object // lower-case id -> object, for the ids listed for
	seen                           map[string]bool   // lower-case ids of every object listed
	complete                       bool
}

func newDirectoryRead(prefix, listPath, lookupFormat string) *directoryRead {
	return &directoryRead{prefix: prefix, listPath: listPath, lookupFormat: lookupFormat,
		byID: map[string]Object{}, seen: map[string]bool{}}
}

// list pages through the collection for ids while that is cheaper than a
// lookup each.
func (d *directoryRead) list(ctx context.Context, src Sources, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	remaining := map[string]string{} // lower-case id -> id as referenced
	for _, id := range ids {
		remaining[strings.ToLower(id)] = id
	}
	complete, err := listWhileCheaper(ctx, src.Graph, d.listPath, remaining, d.byID, d.seen)
	d.complete = complete
	return err
}

// finish looks up what the listing did not settle and returns the objects
// of ids, in their order, and the ids that are not there.
func (d *directoryRead) finish(ctx context.Context, src Sources, ids []string) (found []Object, missing []string, err error) {
	found = []Object{}
	var rest []string
	for _, id := range ids {
		key := strings.ToLower(id)
		switch _, kept := d.byID[key]; {
		case kept:
		case !d.complete || d.seen[key]:
			rest = append(rest, id)
		default:
			missing = append(missing, id)
		}
	}
	if len(rest) > 0 {
		looked, notFound, err := lookupByID(ctx, src, d.prefix, rest, d.lookupFormat)
		if err != nil {
			return nil, nil, err
		}
		for _, o := range looked {
			id, _ := o["id"].(string)
			d.byID[strings.ToLower(id)] = o
		}
		missing = append(missing, notFound...)
	}
	for _, id := range ids {
		if o, ok := d.byID[strings.ToLower(id)]; ok {
			found = append(found, o)
		}
	}
	return found, missing, nil
}

// listWhileCheaper pages through path, moving the objects whose ids are in
// remaining into byID and noting every id in seen, until the collection
// ends (complete) or the pages read reach the ids still remaining (then a
// lookup each is cheaper than reading on).
func listWhileCheaper(ctx context.Context, src Source, path string, remaining map[string]string, byID map[string]Object, seen map[string]bool) (complete bool, err error) {
	pagesSeen := map[string]bool{}
	for pages, next := 0, path; ; pages++ {
		if next == "" {
			return true, nil
		}
		if len(remaining) == 0 || pages >= len(remaining) {
			return false, nil
		}
		if pagesSeen[next] {
			return false, fmt.Errorf("GET %s: page %d repeats the nextLink; stopping to avoid a loop", path, pages+1)
		}
		pagesSeen[next] = true
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
			seen[key] = true
			if _, wanted := remaining[key]; wanted {
				byID[key] = o
				delete(remaining, key)
			}
		}
		next = page.NextLink
	}
}
