package snapshot

import (
	"context"
	"encoding/json"
	"fmt"
)

// Helpers shared by the family collectors: read a collection or a singleton
// and record it, so each family file only says what to read.

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
