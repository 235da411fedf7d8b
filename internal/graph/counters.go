package graph

import (
	"context"
	"sync/atomic"
	"time"
)

// Counters tally what the requests made with a context cost, for progress
// lines: Graph calls (an inner $batch request counts as one, its envelope
// as none), the calls Graph refused for throttling (429), and the time
// spent waiting for throttling (Retry-After, backoff, the gate).
type Counters struct {
	calls     atomic.Int64
	throttled atomic.Int64
	waited    atomic.Int64 // nanoseconds
}

// CountersSnapshot is a reading of Counters.
type CountersSnapshot struct {
	Calls, Throttled int64
	Waited           time.Duration
}

// Read returns the counts so far.
func (c *Counters) Read() CountersSnapshot {
	return CountersSnapshot{Calls: c.calls.Load(), Throttled: c.throttled.Load(), Waited: time.Duration(c.waited.Load())}
}

type countersKey struct{}

// WithCounters returns a context whose requests are tallied in c.
func WithCounters(ctx context.Context, c *Counters) context.Context {
	return context.WithValue(ctx, countersKey{}, c)
}

func countersOf(ctx context.Context) *Counters {
	c, _ := ctx.Value(countersKey{}).(*Counters)
	return c
}

func (c *Counters) call(n int) {
	if c != nil {
		c.calls.Add(int64(n))
	}
}

func (c *Counters) throttle(n int) {
	if c != nil {
		c.throttled.Add(int64(n))
	}
}

func (c *Counters) wait(d time.Duration) {
	if c != nil && d > 0 {
		c.waited.Add(int64(d))
	}
}

// envelopeKey marks the context of a $batch envelope: its inner requests
// are counted, not the envelope.
type envelopeKey struct{}

func asEnvelope(ctx context.Context) context.Context {
	return context.WithValue(ctx, envelopeKey{}, true)
}

func isEnvelope(ctx context.Context) bool { return ctx.Value(envelopeKey{}) != nil }
