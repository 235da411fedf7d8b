package graph

import (
	"context"
	"strings"
	"time"
)

// DefaultPacePrefixes are the API paths (below the version segment) that
// Graph throttles hard enough to pace up front, which is cheaper than
// hitting the limit: Conditional Access and Identity Protection (one
// request per second per tenant for all apps, and their 429s carry no
// Retry-After) and the audit logs (about 5 requests per 10 seconds per app
// and tenant; DefaultPaceIntervals spaces them 2 s).
var DefaultPacePrefixes = []string{"/identity/conditionalAccess/", "/identityProtection/", "/auditLogs/"}

// DefaultPaceIntervals are the spacings of default paced prefixes slower
// than paceInterval.
var DefaultPaceIntervals = map[string]time.Duration{"/auditLogs/": 2 * time.Second}

// paceInterval is the spacing of a paced prefix without an interval of its
// own: Graph's one request per second, plus a margin for the jitter between
// leaving here and arriving there (a 429 on these paths has no Retry-After
// and costs a backoff and another turn, twenty times the margin).
const paceInterval = time.Second + 50*time.Millisecond

// pacer spaces requests to paced prefixes. Prefixes with the same interval
// share one lane, as Graph counts them against one limit (Conditional
// Access with Identity Protection; sign-in with audit reports). A lane is
// held by one request from the moment it may go until its response
// arrives, and the next may start no earlier than one interval after the
// previous started. Retries and nextLink pages pass through it again, so
// they are paced too.
type pacer struct {
	prefixes []pacedPrefix
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
}

type pacedPrefix struct {
	prefix string // lower case, with a leading slash
	lane   *lane
}

// lane is one paced limit.
type lane struct {
	slot     chan struct{} // capacity 1: the right to send a paced request
	next     time.Time     // earliest start of the next paced request
	interval time.Duration
}

// newPacer paces prefixes, each at its interval in intervals (keys
// matched case-insensitively, with or without the leading slash) or else
// at paceInterval.
func newPacer(prefixes []string, intervals map[string]time.Duration, now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	norm := func(p string) string {
		p = strings.TrimSpace(p)
		if p != "" && !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		return strings.ToLower(p)
	}
	every := map[string]time.Duration{}
	for k, d := range intervals {
		every[norm(k)] = d
	}
	lanes := map[time.Duration]*lane{}
	ps := make([]pacedPrefix, 0, len(prefixes))
	for _, p := range prefixes {
		p = norm(p)
		if p == "" {
			continue
		}
		d := every[p]
		if d <= 0 {
			d = paceInterval
		}
		if lanes[d] == nil {
			lanes[d] = &lane{slot: make(chan struct{}, 1), interval: d}
		}
		ps = append(ps, pacedPrefix{prefix: p, lane: lanes[d]})
	}
	return &pacer{prefixes: ps, now: now, sleep: sleep}
}

// paced reports whether the API path is paced.
func (p *pacer) paced(path string) bool { return p.laneOf(path) != nil }

// laneOf returns the lane of the API path (below the base URL, with or
// without its version segment, e.g. "/beta/identity/conditionalAccess/policies"),
// nil when it is not paced. Graph matches paths case-insensitively, so do we.
func (p *pacer) laneOf(path string) *lane {
	if len(p.prefixes) == 0 {
		return nil
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
	for _, pp := range p.prefixes {
		trimmed := strings.TrimRight(pp.prefix, "/")
		for _, cand := range []string{lp, rest} {
			if strings.HasPrefix(cand, pp.prefix) || cand == trimmed {
				return pp.lane
			}
		}
	}
	return nil
}

// acquire waits for the turn of a request on lane l and returns the
// function that ends it. Both the wait for the slot and the spacing sleep
// stop when ctx ends.
func (p *pacer) acquire(ctx context.Context, l *lane) (release func(), err error) {
	select {
	case l.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if wait := l.next.Sub(p.now()); wait > 0 {
		if err := p.sleep(ctx, wait); err != nil {
			<-l.slot
			return nil, err
		}
	}
	l.next = p.now().Add(l.interval)
	return func() { <-l.slot }, nil
}

// sent counts the interval from when the request actually leaves (after
// the token was fetched), so the next one is never less than the interval
// behind it at the server. The caller holds l's slot.
func (p *pacer) sent(l *lane) {
	if t := p.now().Add(l.interval); t.After(l.next) {
		l.next = t
	}
}
