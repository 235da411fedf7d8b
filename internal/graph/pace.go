package graph

import (
	"context"
	"strings"
	"time"
)

// DefaultPacePrefixes are the API paths (below the version segment) that
// Graph throttles at one request per second per tenant for all apps, and
// whose 429s carry no Retry-After: Conditional Access and Identity
// Protection. Pacing them up front is cheaper than hitting the limit.
var DefaultPacePrefixes = []string{"/identity/conditionalAccess/", "/identityProtection/"}

// paceInterval is the spacing Graph enforces on paced endpoints.
const paceInterval = time.Second

// pacer serialises paced requests: one holds it from the moment it may go
// until its response arrives, and the next may start no earlier than one
// interval after the previous started. Retries and nextLink pages pass
// through it again, so they are paced too.
type pacer struct {
	slot     chan struct{} // capacity 1: the right to send a paced request
	next     time.Time     // earliest start of the next paced request
	prefixes []string
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
}

func newPacer(prefixes []string, now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	ps := make([]string, 0, len(prefixes))
	for _, p := range prefixes {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		ps = append(ps, strings.ToLower(p))
	}
	return &pacer{slot: make(chan struct{}, 1), prefixes: ps, now: now, sleep: sleep}
}

// paced reports whether the API path (below the base URL, with or without
// its version segment, e.g. "/beta/identity/conditionalAccess/policies") is
// paced. Graph matches paths case-insensitively, so do we.
func (p *pacer) paced(path string) bool {
	if len(p.prefixes) == 0 {
		return false
	}
	lp := strings.ToLower(path)
	if i := strings.IndexByte(lp, '?'); i >= 0 {
		lp = lp[:i]
	}
	rest := lp
	if len(lp) > 1 {
		if i := strings.IndexByte(lp[1:], '/'); i >= 0 {
			rest = lp[1+i:] // drop "/v1.0", "/beta"
		}
	}
	for _, pre := range p.prefixes {
		trimmed := strings.TrimRight(pre, "/")
		for _, cand := range []string{lp, rest} {
			if strings.HasPrefix(cand, pre) || cand == trimmed {
				return true
			}
		}
	}
	return false
}

// acquire waits for the turn of a paced request and returns the function
// that ends it. Both the wait for the slot and the spacing sleep stop when
// ctx ends.
func (p *pacer) acquire(ctx context.Context) (release func(), err error) {
	select {
	case p.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if wait := p.next.Sub(p.now()); wait > 0 {
		if err := p.sleep(ctx, wait); err != nil {
			<-p.slot
			return nil, err
		}
	}
	p.next = p.now().Add(paceInterval)
	return func() { <-p.slot }, nil
}
