package graph

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Graph's identity limits (resource units per app and tenant, per 10 s)
// are shared by every request a run sends. When one request is told to
// wait (a 429's Retry-After) the others would be refused too, and when a
// response says the budget is nearly spent (x-ms-throttle-limit-percentage,
// sent from 0.8 of the limit on) the next requests would overrun it. The
// gate holds back every new request of the client in both cases, so a run
// slows down instead of collecting 429s. Paced lanes (Conditional Access)
// have their own limit and pace, and are not held.
type gate struct {
	mu    sync.Mutex
	until time.Time
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

// throttleWindow is the window Graph's identity budget is counted over.
const throttleWindow = 10 * time.Second

// wait returns once the gate is open (or ctx ends), with the time it
// held the caller back.
func (g *gate) wait(ctx context.Context) (time.Duration, error) {
	var waited time.Duration
	for {
		g.mu.Lock()
		d := g.until.Sub(g.now())
		g.mu.Unlock()
		if d <= 0 {
			return waited, nil
		}
		if err := g.sleep(ctx, d); err != nil {
			return waited, err
		}
		waited += d
	}
}

// hold closes the gate for d from now (a longer hold already set stays).
func (g *gate) hold(d time.Duration) {
	if d <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if t := g.now().Add(d); t.After(g.until) {
		g.until = t
	}
}

// holdFor is how long a successful response asks the client to slow down:
// nothing below 0.8 of the limit, then a growing share of the window (0.1
// above the threshold, one second), the whole window at 1.8 (Graph's
// highest value).
func holdFor(header func(string) string) time.Duration {
	p, err := strconv.ParseFloat(strings.TrimSpace(header("x-ms-throttle-limit-percentage")), 64)
	if err != nil || p < 0.8 {
		return 0
	}
	share := math.Round(min(p-0.8, 1)*1000) / 1000 // 1.0-0.8 is 0.19999… in floating point
	return time.Duration(share * float64(throttleWindow))
}
