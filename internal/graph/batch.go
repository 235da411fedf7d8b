package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
)

// maxBatchSize is Graph's limit of requests in one $batch.
const maxBatchSize = 20

// BatchRequest is one request of a JSON batch. URL is relative to the
// version, e.g. "/policies/authorizationPolicy". DependsOn names requests
// (by ID) of the same Batch call that must complete first.
type BatchRequest struct {
	ID        string
	Method    string // default GET
	URL       string
	DependsOn []string
	Headers   map[string]string
	Body      any // marshalled to JSON; Content-Type defaults to application/json
}

// BatchResponse is the answer to the BatchRequest with the same ID. Err is
// a classified *Error when Status >= 400 (424 when a dependency failed).
// Headers are the inner response headers Graph returned (none for requests
// sent individually, see Batch).
type BatchResponse struct {
	ID      string
	Status  int
	Headers map[string]string
	Body    json.RawMessage
	Err     error
}

// batchItem and batchAnswer are the wire shapes of $batch.
type batchItem struct {
	ID        string            `json:"id"`
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	DependsOn []string          `json:"dependsOn,omitempty"`
	Headers   map[string]string `json:"headers,omitempty"`
	Body      any               `json:"body,omitempty"`
}

type batchAnswer struct {
	Responses []struct {
		ID      string            `json:"id"`
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"responses"`
}

// Batch sends reqs through POST /{version}/$batch and returns one response
// per request, in the order of reqs, whatever order Graph answered in.
//
// Any number of requests is accepted: they are split into batches of at
// most 20, keeping requests linked by DependsOn in the same batch (a linked
// group larger than 20 is an error). Inner 429, 503 and 504 answers are
// retried individually, honouring their inner Retry-After, up to the
// client's retry cap; requests that only failed with 424 because such a
// dependency was throttled are re-sent with it.
//
// Requests to paced endpoints (Conditional Access, Identity Protection,
// audit logs) are not put into batches, where Graph would count them
// against the same limit without us seeing it: they are sent individually,
// through the pacer, in dependency order; their responses carry no headers.
//
// The error result is for failures of the whole call (invalid requests,
// outer HTTP failure, cancelled context); per-request failures are in
// BatchResponse.Err.
func (c *Client) Batch(ctx context.Context, version string, reqs []BatchRequest) ([]BatchResponse, error) {
	if version != "v1.0" && version != "beta" {
		return nil, fmt.Errorf("graph: batch: version %q must be v1.0 or beta", version)
	}
	items, index, err := prepareBatch(reqs)
	if err != nil {
		return nil, err
	}
	groups := linkedGroups(items, index)
	var chunks [][]int
	var solo [][]int
	cur := []int{}
	for _, g := range groups {
		if slices.ContainsFunc(g, func(i int) bool { return c.pacer.paced("/" + version + items[i].URL) }) {
			solo = append(solo, g)
			continue
		}
		if len(g) > maxBatchSize {
			return nil, fmt.Errorf("graph: batch: %d requests linked by dependsOn (starting with id %q) exceed the limit of %d per batch", len(g), items[g[0]].ID, maxBatchSize)
		}
		if len(cur)+len(g) > maxBatchSize {
			chunks = append(chunks, cur)
			cur = []int{}
		}
		cur = append(cur, g...)
	}
	if len(cur) > 0 {
		chunks = append(chunks, cur)
	}

	out := make([]BatchResponse, len(items))
	// Chunks and solo requests run at once; the first error cancels the rest.
	g, ctx := errgroup.WithContext(ctx)
	for _, chunk := range chunks {
		slices.Sort(chunk)
		g.Go(func() error { return c.runChunk(ctx, version, items, index, chunk, out) })
	}
	for _, group := range solo {
		g.Go(func() error { return c.runSolo(ctx, version, items, index, group, out) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// prepareBatch validates reqs and normalises them into wire items.
func prepareBatch(reqs []BatchRequest) ([]batchItem, map[string]int, error) {
	items := make([]batchItem, len(reqs))
	index := make(map[string]int, len(reqs))
	for i, r := range reqs {
		if r.ID == "" {
			return nil, nil, fmt.Errorf("graph: batch: request %d has no ID", i)
		}
		if _, dup := index[r.ID]; dup {
			return nil, nil, fmt.Errorf("graph: batch: duplicate request ID %q", r.ID)
		}
		index[r.ID] = i
		u := r.URL
		if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
			return nil, nil, fmt.Errorf("graph: batch: request %q: URL %q must be relative to the version, e.g. /users", r.ID, u)
		}
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		m := strings.ToUpper(r.Method)
		if m == "" {
			m = http.MethodGet
		}
		h := r.Headers
		if r.Body != nil && headerMap(h)("Content-Type") == "" {
			h = make(map[string]string, len(r.Headers)+1)
			for k, v := range r.Headers {
				h[k] = v
			}
			h["Content-Type"] = "application/json"
		}
		items[i] = batchItem{ID: r.ID, Method: m, URL: escapeLoose(u), DependsOn: r.DependsOn, Headers: h, Body: r.Body}
	}
	for _, it := range items {
		for _, d := range it.DependsOn {
			if _, ok := index[d]; !ok || d == it.ID {
				return nil, nil, fmt.Errorf("graph: batch: request %q depends on %q, which is not another request of this batch", it.ID, d)
			}
		}
	}
	if _, err := dependencyOrder(items, index, nil); err != nil {
		return nil, nil, err
	}
	return items, index, nil
}

// linkedGroups partitions request indexes into groups connected by
// dependsOn (in either direction), each sorted, groups ordered by their
// first request.
func linkedGroups(items []batchItem, index map[string]int) [][]int {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, it := range items {
		for _, d := range it.DependsOn {
			a, b := find(i), find(index[d])
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	byRoot := map[int][]int{}
	var roots []int
	for i := range items {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	groups := make([][]int, 0, len(roots))
	for _, r := range roots {
		groups = append(groups, byRoot[r])
	}
	return groups
}

// dependencyOrder returns the indexes of subset (all when nil) so that each
// request comes after the ones it depends on, or an error on a cycle.
func dependencyOrder(items []batchItem, index map[string]int, subset []int) ([]int, error) {
	if subset == nil {
		subset = make([]int, len(items))
		for i := range subset {
			subset[i] = i
		}
	}
	done := make(map[int]bool, len(subset))
	order := make([]int, 0, len(subset))
	for len(order) < len(subset) {
		progressed := false
		for _, i := range subset {
			if done[i] {
				continue
			}
			ready := true
			for _, d := range items[i].DependsOn {
				if !done[index[d]] {
					ready = false
					break
				}
			}
			if ready {
				done[i] = true
				order = append(order, i)
				progressed = true
			}
		}
		if !progressed {
			return nil, errors.New("graph: batch: dependsOn forms a cycle")
		}
	}
	return order, nil
}

// innerError classifies a failed inner response.
func innerError(version string, it batchItem, status int, headers map[string]string, body json.RawMessage, attempts int) *Error {
	return newAPIError(it.Method, "/"+version+it.URL, status, headerMap(headers), body, attempts)
}
