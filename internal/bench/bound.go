package bench

import (
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// Limits are what bounds a run from below.
type Limits struct {
	Latency     time.Duration // per round trip
	Concurrency int           // requests in flight (the Graph client's, 4 by default)
	Units       int           // resource units per Window; 0 = unlimited
	Window      time.Duration // default 10 s
}

// maxBatch is Graph's limit of requests per $batch.
const maxBatch = 20

// Bound is the least time steps can take under limits, for each reason;
// Max is the bound.
type Bound struct {
	Latency time.Duration // round trips at the concurrency, or the longest chain of pages
	Pacing  time.Duration // Conditional Access: (calls − 1) s after the first
	Units   time.Duration // whole windows spent before the last unit can be charged
}

// Max is the binding bound.
func (b Bound) Max() time.Duration { return max(b.Latency, b.Pacing, b.Units) }

// Bounds computes the bound of steps: latency × max(longest chain,
// round trips ÷ concurrency), where independent Graph calls share $batch
// round trips of 20; (paced calls − 1) × 1 s + latency; ⌊(units − 1) ÷
// budget⌋ × window + latency. It ignores the order families must run in, so
// it is a floor, not a schedule.
func Bounds(steps []Step, l Limits) Bound {
	if l.Concurrency <= 0 {
		l.Concurrency = 4
	}
	if l.Window <= 0 {
		l.Window = 10 * time.Second
	}
	longest, trips, inBatch, paced, units := 0, 0, 0, 0, 0
	for _, s := range steps {
		switch s.Kind {
		case chain:
			longest = max(longest, s.Calls)
			trips += s.Calls
		case batched:
			inBatch += s.Calls
		case parallel:
			trips += s.Calls
		}
		if s.Paced {
			paced += s.Calls
		}
		units += s.Calls * s.Units()
	}
	trips += (inBatch + maxBatch - 1) / maxBatch
	var b Bound
	b.Latency = l.Latency * time.Duration(max(longest, (trips+l.Concurrency-1)/l.Concurrency))
	// A single paced call, or units within one window, wait for nothing.
	if paced > 1 {
		b.Pacing = time.Duration(paced-1)*time.Second + l.Latency
	}
	if l.Units > 0 && units > l.Units {
		b.Units = time.Duration((units-1)/l.Units)*l.Window + l.Latency
	}
	return b
}

// Units is the resource units one call of the step costs.
func (s Step) Units() int {
	method, target, _ := strings.Cut(s.Request, " ")
	return graphtest.ResourceUnits(method, target)
}

// PlanCalls sums the calls of steps.
func PlanCalls(steps []Step) (calls, units int) {
	for _, s := range steps {
		calls += s.Calls
		units += s.Calls * s.Units()
	}
	return calls, units
}

// ofFamily keeps the steps of one family.
func ofFamily(steps []Step, family string) []Step {
	var out []Step
	for _, s := range steps {
		if s.Family == family {
			out = append(out, s)
		}
	}
	return out
}
