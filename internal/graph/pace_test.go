package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// pacedTimes returns the arrival times of paced requests the fake saw,
// failing if any was answered 429 by its strict 1 request/second rule.
func pacedTimes(t *testing.T, reqs []graphtest.RecordedRequest) []time.Time {
	t.Helper()
	var out []time.Time
	for _, r := range reqs {
		if !r.Paced {
			continue
		}
		if r.Status == 429 {
			t.Errorf("paced request %s was throttled at %s", r.URL, r.Time.Format(time.StampMilli))
		}
		out = append(out, r.Time)
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

func wantSpacing(t *testing.T, times []time.Time, n int) {
	t.Helper()
	if len(times) != n {
		t.Fatalf("%d paced requests, want %d", len(times), n)
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < time.Second {
			t.Fatalf("paced requests %d and %d only %v apart", i-1, i, gap)
		}
	}
}

func caTenant() *graphtest.Tenant {
	tenant := graphtest.NewTenant()
	var pols []json.RawMessage
	for i := 1; i <= 5; i++ {
		pols = append(pols, json.RawMessage(fmt.Sprintf(`{"id":"p%d","state":"enabled"}`, i)))
	}
	tenant.AddCollection("/v1.0/identity/conditionalAccess/policies", pols...)
	tenant.AddCollection("/v1.0/identity/conditionalAccess/namedLocations", json.RawMessage(`{"id":"l1"}`))
	tenant.AddCollection("/beta/identityProtection/riskyUsers")
	tenant.AddCollection("/v1.0/users", users(3)...)
	return tenant
}

// Conditional Access and Identity Protection requests, nextLink pages
// included, reach the fake at least a second apart on the shared virtual
// clock; the fake's strict pacing would answer 429 otherwise. Other
// requests are not slowed.
func TestPacingSpacesConditionalAccessRequests(t *testing.T) {
	srv, c, clock := startFake(t, caTenant(), graphtest.ServerOptions{PageSize: 2, StrictPacing: true}, nil)
	ctx := context.Background()
	for _, p := range []string{
		"/v1.0/identity/conditionalAccess/policies", // 3 pages
		"/v1.0/users",
		"/v1.0/identity/conditionalAccess/namedLocations",
		"/v1.0/users",
		"/beta/identityProtection/riskyUsers",
	} {
		if _, err := c.ListAll(ctx, p); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	reqs := srv.Requests()
	wantSpacing(t, pacedTimes(t, reqs), 5)
	for _, s := range clock.Sleeps() {
		if s > 1050*time.Millisecond {
			t.Fatalf("slept %v: pacing should wait at most one interval", s)
		}
	}
	// The user listings came right after a paced request, without a wait.
	for i, r := range reqs {
		if !r.Paced && i > 0 && !r.Time.Equal(reqs[i-1].Time) {
			t.Fatalf("unpaced %s was delayed", r.URL)
		}
	}
}

func TestPacingSerialisesConcurrentRequests(t *testing.T) {
	srv, c, _ := startFake(t, caTenant(), graphtest.ServerOptions{StrictPacing: true}, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			errs <- c.Get(context.Background(), fmt.Sprintf("/v1.0/identity/conditionalAccess/policies/p%d", i%5+1), nil)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	wantSpacing(t, pacedTimes(t, srv.Requests()), 8)
}

// Graph's CA 429s carry no Retry-After; a jittered backoff may be near zero,
// yet the retry still waits its turn at the pacer.
func TestPacingAppliesToRetries(t *testing.T) {
	faults := graphtest.NewFaults(7, graphtest.Fault{Path: "/v1.0/identity/conditionalAccess/policies", Status: 429, Times: 3})
	srv, c, _ := startFake(t, caTenant(), graphtest.ServerOptions{Faults: faults, StrictPacing: true}, nil)
	if _, err := c.ListAll(context.Background(), "/v1.0/identity/conditionalAccess/policies"); err != nil {
		t.Fatal(err)
	}
	var times []time.Time
	for _, r := range srv.Requests() {
		times = append(times, r.Time)
	}
	wantSpacing(t, times, 4)
}

func TestPacePrefixesOption(t *testing.T) {
	tenant := caTenant()
	tenant.AddCollection("/v1.0/auditLogs/signIns", json.RawMessage(`{"id":"s1"}`))
	_, c, clock := startFake(t, tenant, graphtest.ServerOptions{}, func(o *graph.Options) { o.PacePrefixes = []string{"/auditLogs/"} })
	for range 3 {
		if _, err := c.ListAll(context.Background(), "/v1.0/auditLogs/signIns"); err != nil {
			t.Fatal(err)
		}
		// Not paced any more with the custom prefixes.
		if _, err := c.ListAll(context.Background(), "/v1.0/identity/conditionalAccess/policies"); err != nil {
			t.Fatal(err)
		}
	}
	if s := clock.Sleeps(); len(s) != 2 || s[0] != 1050*time.Millisecond || s[1] != 1050*time.Millisecond {
		t.Fatalf("sleeps %v, want two 1.05s paces for the three sign-in listings", s)
	}
}

// Audit log reads (about 5 requests per 10 s per app and tenant in Graph)
// are spaced two seconds apart by default, nextLink pages included, on a
// lane of their own: a Conditional Access request between them does not
// wait for it, nor they for it.
func TestPacingSpacesAuditLogRequestsTwoSeconds(t *testing.T) {
	tenant := caTenant()
	var events []json.RawMessage
	for i := 1; i <= 5; i++ {
		events = append(events, json.RawMessage(fmt.Sprintf(`{"id":"e%d","activityDateTime":"2026-11-0%dT10:00:00Z"}`, i, i)))
	}
	tenant.AddCollection("/v1.0/auditLogs/directoryAudits", events...)
	srv, c, clock := startFake(t, tenant, graphtest.ServerOptions{PageSize: 2}, nil)
	ctx := context.Background()
	for _, p := range []string{
		"/v1.0/auditLogs/directoryAudits", // 3 pages
		"/v1.0/identity/conditionalAccess/policies?$top=10",
		"/v1.0/auditLogs/directoryAudits?$top=5",
	} {
		if _, err := c.ListAll(ctx, p); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	var audit []time.Time
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/auditLogs/") {
			audit = append(audit, r.Time)
		}
	}
	if len(audit) != 4 {
		t.Fatalf("%d audit log requests, want 4", len(audit))
	}
	for i := 1; i < len(audit); i++ {
		if gap := audit[i].Sub(audit[i-1]); gap != 2*time.Second {
			t.Fatalf("audit log requests %d and %d %v apart, want 2s", i-1, i, gap)
		}
	}
	// Three 2s waits between the four audit requests; the CA request did
	// not wait (its lane was free) and did not delay the next audit read.
	if s := clock.Sleeps(); !slices.Equal(s, []time.Duration{2 * time.Second, 2 * time.Second, 2 * time.Second}) {
		t.Fatalf("sleeps %v, want three 2s paces", s)
	}
}

// A custom interval applies to a custom prefix; the demo's empty prefix
// list paces nothing, whatever the intervals.
func TestPaceIntervalsOption(t *testing.T) {
	tenant := caTenant()
	tenant.AddCollection("/v1.0/auditLogs/signIns", json.RawMessage(`{"id":"s1"}`))
	_, c, clock := startFake(t, tenant, graphtest.ServerOptions{}, func(o *graph.Options) {
		o.PacePrefixes = []string{"/auditLogs/"}
		o.PaceIntervals = map[string]time.Duration{"/auditLogs/": 5 * time.Second}
	})
	for range 2 {
		if _, err := c.ListAll(context.Background(), "/v1.0/auditLogs/signIns"); err != nil {
			t.Fatal(err)
		}
	}
	if s := clock.Sleeps(); !slices.Equal(s, []time.Duration{5 * time.Second}) {
		t.Fatalf("sleeps %v, want one 5s pace", s)
	}

	_, c, clock = startFake(t, tenant, graphtest.ServerOptions{}, func(o *graph.Options) { o.PacePrefixes = []string{} })
	for range 3 {
		for _, p := range []string{"/v1.0/auditLogs/signIns", "/v1.0/identity/conditionalAccess/policies"} {
			if _, err := c.ListAll(context.Background(), p); err != nil {
				t.Fatal(err)
			}
		}
	}
	if s := clock.Sleeps(); len(s) != 0 {
		t.Fatalf("sleeps %v with pacing off", s)
	}
}
