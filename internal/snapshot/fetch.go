package snapshot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// Helpers shared by the family collectors: read a collection or a
// singleton and record it, run GETs through $batch and read their answers,
// and walk decoded objects, so each family file only says what to read.

// listObjects reads every page of path and decodes the items.
func listObjects(ctx context.Context, src Source, path string) ([]Object, error) {
	raws, err := src.ListAll(ctx, path)
	if err != nil {
		return nil, err
	}
	objs := make([]Object, 0, len(raws))
	for i, raw := range raws {
		obj, err := DecodeObject(raw)
		if err != nil {
			return nil, fmt.Errorf("GET %s: item %d: %w", path, i, err)
		}
		objs = append(objs, obj)
	}
	return objs, nil
}

// getObject reads one object.
func getObject(ctx context.Context, src Source, path string) (Object, error) {
	var raw json.RawMessage
	if err := src.Get(ctx, path, &raw); err != nil {
		return nil, err
	}
	obj, err := DecodeObject(raw)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	return obj, nil
}

// collectList records the collection at path under key. It returns an
// error only when ctx is done (the run stops); any other failure is
// recorded.
func collectList(ctx context.Context, src Source, rec *Recorder, key, path string) ([]Object, error) {
	objs, err := listObjects(ctx, src, path)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec.Fail(key, err)
		return nil, nil
	}
	rec.Put(key, objs)
	return objs, nil
}

// collectOne records the singleton at path under key, like collectList.
func collectOne(ctx context.Context, src Source, rec *Recorder, key, path string) (Object, error) {
	obj, err := getObject(ctx, src, path)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec.Fail(key, err)
		return nil, nil
	}
	rec.PutOne(key, obj)
	return obj, nil
}

// objectFromJSON decodes one object answered inside a $batch, without
// the response's @odata.context (the list helpers never see one).
func objectFromJSON(raw json.RawMessage) (Object, error) {
	o, err := DecodeObject(raw)
	if err != nil {
		return nil, err
	}
	delete(o, "@odata.context")
	return o, nil
}

// batchGet runs requests through $batch, or GETs one by one when the run
// has no batch function (a POST then fails in errs). A per-request failure
// is in errs, not err.
func batchGet(ctx context.Context, src Sources, version string, reqs []BatchGet) (bodies map[string]json.RawMessage, errs map[string]error, err error) {
	if len(reqs) == 0 {
		return map[string]json.RawMessage{}, map[string]error{}, nil
	}
	if src.Batch != nil {
		return src.Batch(ctx, version, reqs)
	}
	bodies, errs = map[string]json.RawMessage{}, map[string]error{}
	for _, r := range reqs {
		if r.Method != "" && !strings.EqualFold(r.Method, "GET") {
			// A Source only GETs: a POST needs $batch.
			errs[r.ID] = fmt.Errorf("%s /%s%s: this run cannot send it (no $batch)", r.Method, version, r.URL)
			continue
		}
		var raw json.RawMessage
		if e := src.Graph.Get(ctx, "/"+version+r.URL, &raw); e != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			errs[r.ID] = e
			continue
		}
		bodies[r.ID] = raw
	}
	return bodies, errs, nil
}

// pageObjects decodes a collection page answered inside a $batch and
// follows its nextLink, if any, with ordinary paged GETs.
func pageObjects(ctx context.Context, src Source, body json.RawMessage) ([]Object, error) {
	page, err := DecodeObject(body)
	if err != nil {
		return nil, fmt.Errorf("decode collection page: %w", err)
	}
	objs := []Object{}
	for _, v := range asList(page["value"]) {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("collection page holds a %T, not an object", v)
		}
		objs = append(objs, o)
	}
	next, _ := page["@odata.nextLink"].(string)
	if next != "" {
		more, err := listObjects(ctx, src, next)
		if err != nil {
			return nil, err
		}
		objs = append(objs, more...)
	}
	return objs, nil
}

// dig walks nested objects; a missing step gives nil.
func dig(o map[string]any, path ...string) map[string]any {
	cur := o
	for _, p := range path {
		next, _ := cur[p].(map[string]any)
		if next == nil {
			return nil
		}
		cur = next
	}
	return cur
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// walkObjects calls fn for every object nested anywhere in v.
func walkObjects(v any, fn func(map[string]any)) {
	switch t := v.(type) {
	case map[string]any:
		fn(t)
		for _, c := range t {
			walkObjects(c, fn)
		}
	case []any:
		for _, c := range t {
			walkObjects(c, fn)
		}
	}
}

// sortedUnion returns the keys of the sets, sorted, so request order (and
// so test expectations) are stable.
func sortedUnion(sets ...map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range sets {
		for k := range s {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// objectsToAny is objs as the []any that normalisation and readers walk.
func objectsToAny(objs []Object) []any {
	out := make([]any, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out
}

// lookupByID GETs one object per id through $batch (urlFormat is relative
// to v1.0, with %s for the id). Ids Graph answers 404 for are returned in
// missing; any other failure fails the whole lookup.
func lookupByID(ctx context.Context, src Sources, prefix string, ids []string, urlFormat string) (found []Object, missing []string, err error) {
	reqs := make([]BatchGet, len(ids))
	for i, id := range ids {
		reqs[i] = BatchGet{ID: fmt.Sprintf("%s%d", prefix, i), URL: fmt.Sprintf(urlFormat, id)}
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		return nil, nil, err
	}
	found = []Object{}
	for i, id := range ids {
		rid := reqs[i].ID
		if e := errs[rid]; e != nil {
			if graph.KindOf(e) == graph.KindNotFound {
				missing = append(missing, id)
				continue
			}
			return nil, nil, e
		}
		o, err := objectFromJSON(bodies[rid])
		if err != nil {
			return nil, nil, fmt.Errorf("decode %s: %w", reqs[i].URL, err)
		}
		found = append(found, o)
	}
	return found, missing, nil
}
