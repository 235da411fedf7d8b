package graph

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2.128", 2128 * time.Millisecond, true},
		{" 3 ", 3 * time.Second, true},
		{"0", 0, true},
		{"0.5", 500 * time.Millisecond, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
		{"NaN", 0, false},
	} {
		got, ok := retryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	for attempt := 1; attempt <= 12; attempt++ {
		ceiling := min(backoffBase<<(attempt-1), backoffCap)
		var maxSeen time.Duration
		for range 200 {
			d := backoff(attempt)
			if d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v outside [0, %v]", attempt, d, ceiling)
			}
			maxSeen = max(maxSeen, d)
		}
		if maxSeen < ceiling/4 {
			t.Fatalf("backoff(%d) never above %v: no jitter spread up to %v", attempt, maxSeen, ceiling)
		}
	}
}

func TestEscapeLoose(t *testing.T) {
	for in, want := range map[string]string{
		"/v1.0/users": "/v1.0/users",
		"/v1.0/users?$filter=userType eq 'Guest'":  "/v1.0/users?$filter=userType%20eq%20'Guest'",
		"/v1.0/x?$filter=startswith(a,'b%20c')":    "/v1.0/x?$filter=startswith(a,'b%20c')",
		"/v1.0/x?$filter=a eq \"é\"":               "/v1.0/x?$filter=a%20eq%20%22%C3%A9%22",
		"/v1.0/x?$filter=id in ('a','b')&$top=999": "/v1.0/x?$filter=id%20in%20('a','b')&$top=999",
	} {
		if got := escapeLoose(in); got != want {
			t.Errorf("escapeLoose(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPacedPaths(t *testing.T) {
	p := newPacer(DefaultPacePrefixes, DefaultPaceIntervals, time.Now, sleepCtx)
	for path, want := range map[string]bool{
		"/v1.0/identity/conditionalAccess/policies":           true,
		"/beta/identity/conditionalaccess/namedLocations":     true,
		"/v1.0/identity/conditionalAccess/policies?$top=5":    true,
		"/beta/identityProtection/riskyUsers":                 true,
		"/v1.0/identity/conditionalAccess":                    true,
		"/v1.0/identity/b2xUserFlows":                         false,
		"/v1.0/policies/authorizationPolicy":                  false,
		"/v1.0/users":                                         false,
		"/v1.0/conditionalAccessLookalike/identityProtection": false,
		"/v1.0/auditLogs/directoryAudits?$top=999":            true,
		"/beta/auditlogs/signIns":                             true,
	} {
		if got := p.paced(path); got != want {
			t.Errorf("paced(%q) = %v, want %v", path, got, want)
		}
	}
}

// Prefixes with the same interval share a lane (one Graph limit); the
// audit logs have their own, two seconds apart.
func TestPaceLanes(t *testing.T) {
	p := newPacer(DefaultPacePrefixes, DefaultPaceIntervals, time.Now, sleepCtx)
	ca := p.laneOf("/v1.0/identity/conditionalAccess/policies")
	if ip := p.laneOf("/beta/identityProtection/riskyUsers"); ca == nil || ip != ca || ca.interval != paceInterval {
		t.Fatalf("CA lane %+v, Identity Protection lane %+v: want one shared lane of paceInterval", ca, ip)
	}
	audit := p.laneOf("/v1.0/auditLogs/directoryAudits")
	if audit == nil || audit == ca || audit.interval != 2*time.Second {
		t.Fatalf("audit lane %+v: want its own 2s lane", audit)
	}
	// Interval keys are matched like prefixes: any case, slash optional.
	q := newPacer([]string{"/auditLogs/"}, map[string]time.Duration{"auditlogs/": 3 * time.Second}, time.Now, sleepCtx)
	if l := q.laneOf("/v1.0/auditLogs/signIns"); l == nil || l.interval != 3*time.Second {
		t.Fatalf("custom interval lane %+v, want 3s", l)
	}
	if n := newPacer([]string{}, DefaultPaceIntervals, time.Now, sleepCtx); n.paced("/v1.0/auditLogs/directoryAudits") {
		t.Fatal("an interval without its prefix paced a request")
	}
}

func TestPacerHonoursCancellation(t *testing.T) {
	p := newPacer(DefaultPacePrefixes, DefaultPaceIntervals, time.Now, sleepCtx)
	ca := p.laneOf("/v1.0/identity/conditionalAccess/policies")
	release, err := p.acquire(context.Background(), ca)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := p.acquire(ctx, ca); err == nil {
		t.Fatal("second acquire succeeded while the slot was held")
	}
	release()
	// The next turn is a second away; a cancelled context does not wait.
	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := p.acquire(ctx2, ca); err == nil {
		t.Fatal("acquire ignored a cancelled context")
	}
}
