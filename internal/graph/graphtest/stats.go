package graphtest

import (
	"context"
	"maps"
	"net/http"
	"strconv"
)

// ThrottleCounts are the counters of one request name, one label or the
// whole run.
type ThrottleCounts struct {
	Calls     int // requests answered: inner $batch requests each, envelopes not
	InBatch   int // of Calls, inner $batch requests
	Succeeded int // of Calls, answered 2xx
	Throttled int // of Calls, answered 429 (pacing, budget, random or Faults)
	Units     int // resource units charged
	Batches   int // $batch envelopes: round trips are Calls - InBatch + Batches
}

func (c *ThrottleCounts) add(o ThrottleCounts) {
	c.Calls += o.Calls
	c.InBatch += o.InBatch
	c.Succeeded += o.Succeeded
	c.Throttled += o.Throttled
	c.Units += o.Units
	c.Batches += o.Batches
}

// ThrottleStats is what a throttling fake counted.
type ThrottleStats struct {
	Total ThrottleCounts
	// ByRequest is keyed by NormalizedRequest ("GET /v1.0/users/{id}").
	ByRequest map[string]ThrottleCounts
	// ByLabel is keyed by the label of the request's context (WithLabel),
	// "" for none; inner $batch requests have their envelope's.
	ByLabel map[string]ThrottleCounts
}

func newThrottleStats() ThrottleStats {
	return ThrottleStats{ByRequest: map[string]ThrottleCounts{}, ByLabel: map[string]ThrottleCounts{}}
}

type labelKey struct{}

// WithLabel tags the requests sent with ctx so that ThrottleStats.ByLabel
// counts them apart (e.g. per collector). The label travels in the
// request's context, so it reaches a fake served in process (NewTransport),
// not one behind a socket.
func WithLabel(ctx context.Context, label string) context.Context {
	return context.WithValue(ctx, labelKey{}, label)
}

func labelOf(ctx context.Context) string {
	l, _ := ctx.Value(labelKey{}).(string)
	return l
}

// observe counts one answered request; envelope requests count as Batches.
func (t *throttle) observe(r *http.Request, envelope, inBatch bool, status int, header http.Header) {
	var c ThrottleCounts
	switch {
	case envelope:
		c.Batches = 1
	default:
		c.Calls = 1
		if inBatch {
			c.InBatch = 1
		}
		if status >= 200 && status < 300 {
			c.Succeeded = 1
		}
		if status == http.StatusTooManyRequests {
			c.Throttled = 1
		}
		c.Units, _ = strconv.Atoi(header.Get("x-ms-resource-unit"))
	}
	name := NormalizedRequest(r.Method, r.URL.RequestURI())
	label := labelOf(r.Context())
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stats.Total.add(c)
	byName, byLabel := t.stats.ByRequest[name], t.stats.ByLabel[label]
	byName.add(c)
	byLabel.add(c)
	t.stats.ByRequest[name], t.stats.ByLabel[label] = byName, byLabel
}

// ThrottleStats returns a copy of the counters; all zero unless
// ServerOptions.Throttling is set.
func (f *Fake) ThrottleStats() ThrottleStats {
	if f.throttle == nil {
		return newThrottleStats()
	}
	f.throttle.mu.Lock()
	defer f.throttle.mu.Unlock()
	s := f.throttle.stats
	s.ByRequest, s.ByLabel = maps.Clone(s.ByRequest), maps.Clone(s.ByLabel)
	return s
}
