package auditlog_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/auditlog"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

const step = 30 * time.Minute

var (
	from = time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	to   = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
)

// fakeGraph serves tenant over loopback TLS to a client with default
// pacing and retries on a virtual clock.
func fakeGraph(t *testing.T, tenant *graphtest.Tenant, faults *graphtest.Faults) (*graphtest.Server, *graph.Client, *graphtest.Clock) {
	t.Helper()
	clock := graphtest.NewClock(to.Add(time.Hour))
	srv := graphtest.NewServer(tenant, graphtest.ServerOptions{Now: clock.Now, Faults: faults})
	t.Cleanup(srv.Close)
	c, err := graph.New(graph.Options{BaseURL: srv.URL, HTTPClient: srv.Client(), Sleep: clock.Sleep, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, clock
}

// auditTenant holds n events half an hour apart from start, newest first
// as Graph lists them; every third was initiated by an app.
func auditTenant(start time.Time, n int) *graphtest.Tenant {
	items := make([]json.RawMessage, 0, n)
	for i := n - 1; i >= 0; i-- {
		at := start.Add(time.Duration(i) * step).Format("2006-01-02T15:04:05.0000000Z")
		by := `{"user":{"id":"u1","displayName":"Lee Gu","userPrincipalName":"lee.gu@contoso.com","ipAddress":"203.0.113.24"},"app":null}`
		if i%3 == 0 {
			by = `{"user":null,"app":{"appId":"a1","displayName":"Sync","servicePrincipalId":"sp1","servicePrincipalName":null}}`
		}
		items = append(items, json.RawMessage(fmt.Sprintf(`{"id":"Directory_%05d","activityDateTime":%q,"activityDisplayName":"Update user",
			"category":"UserManagement","result":"success","loggedByService":"Core Directory","initiatedBy":%s,
			"targetResources":[{"id":"t%d","displayName":null,"type":"User","modifiedProperties":[]}],"additionalDetails":[]}`, i, at, by, i)))
	}
	tenant := graphtest.NewTenant()
	tenant.AddCollection(auditlog.Path, items...)
	return tenant
}

// Every event of the window is read across pages of 999, in one filtered
// list whose pages are paced two seconds apart; events before and after
// the window are filtered out by Graph (the fake), and the result is sorted
// oldest first although Graph lists newest first.
func TestReadFollowsEveryPageOfTheWindow(t *testing.T) {
	start := from.Add(-5 * step) // 5 events before the window
	n := 1600                    // past the window's end too
	srv, c, clock := fakeGraph(t, auditTenant(start, n), nil)
	events, err := auditlog.Read(context.Background(), c, from, to)
	if err != nil {
		t.Fatal(err)
	}
	inWindow := int(to.Sub(from)/step) + 1 // both ends inclusive: 1537, two pages
	if len(events) != inWindow {
		t.Fatalf("read %d events, want the %d of the window", len(events), inWindow)
	}
	if !events[0].Time.Equal(from) || !events[len(events)-1].Time.Equal(to) {
		t.Fatalf("first %s, last %s: want the window's ends", events[0].Time, events[len(events)-1].Time)
	}
	if !slices.IsSortedFunc(events, func(a, b finding.AuditEvent) int { return a.Time.Compare(b.Time) }) {
		t.Fatal("events are not sorted oldest first")
	}
	if u, a := events[0], events[1]; a.Actor != (finding.Actor{Type: "app", ID: "sp1", Name: "Sync", AppID: "a1"}) ||
		u.Actor != (finding.Actor{Type: "user", ID: "u1", Name: "lee.gu@contoso.com", IPAddress: "203.0.113.24"}) {
		t.Fatalf("actors %+v, %+v", a.Actor, u.Actor)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 pages", len(reqs))
	}
	q, err := url.ParseQuery(strings.SplitN(reqs[0].URL, "?", 2)[1])
	if err != nil {
		t.Fatal(err)
	}
	if f := q.Get("$filter"); f != "activityDateTime ge 2026-11-02T06:00:00Z and activityDateTime le 2026-12-04T00:00:00Z" || q.Get("$top") != "999" || q.Has("$orderby") {
		t.Fatalf("first request %s", reqs[0].URL)
	}
	if !strings.Contains(reqs[1].URL, "$skiptoken=") || !strings.Contains(reqs[1].URL, "$filter=") {
		t.Fatalf("second request %s is not the nextLink", reqs[1].URL)
	}
	if gap := reqs[1].Time.Sub(reqs[0].Time); gap != 2*time.Second || !slices.Equal(clock.Sleeps(), []time.Duration{2 * time.Second}) {
		t.Fatalf("pages %v apart, sleeps %v: want the 2 s audit log pace", gap, clock.Sleeps())
	}
}

// A window with sub-second ends is widened to whole seconds for Graph.
func TestReadWidensTheFilterToWholeSeconds(t *testing.T) {
	srv, c, _ := fakeGraph(t, auditTenant(from, 3), nil)
	if _, err := auditlog.Read(context.Background(), c, from.Add(400*time.Millisecond), to.Add(-time.Minute+time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(strings.SplitN(srv.Requests()[0].URL, "?", 2)[1])
	if f := q.Get("$filter"); f != "activityDateTime ge 2026-11-02T06:00:00Z and activityDateTime le 2026-12-03T23:59:01Z" {
		t.Fatalf("filter %q", f)
	}
	if _, err := auditlog.Read(context.Background(), c, to, from); err == nil {
		t.Fatal("a reversed window was read")
	}
}

// Without AuditLog.Read.All Graph answers 403 Authorization_RequestDenied:
// Read returns it typed, and Attribute marks every change unavailable
// naming the permission, without failing.
func TestMissingPermissionMakesAttributionUnavailable(t *testing.T) {
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: auditlog.Path, Status: 403})
	_, c, _ := fakeGraph(t, auditTenant(from, 3), faults)
	events, err := auditlog.Read(context.Background(), c, from, to)
	if err == nil || graph.KindOf(err) != graph.KindMissingPermission || events != nil {
		t.Fatalf("Read: %v (%v), %d events: want a missing-permission error", err, graph.KindOf(err), len(events))
	}
	d := &finding.Drift{Changes: []finding.ObjectChange{
		{Kind: finding.ChangeModified, Resource: finding.Resource{Type: "conditionalAccess.policies", ID: "t1"}},
		{Kind: finding.ChangeAdded, Resource: finding.Resource{Type: "roles.assignments", ID: "ra"}, Related: []string{"u1", "r1"}},
	}}
	auditlog.Attribute(d, events, err, from, to, to, auditlog.RetentionPremium)
	if d.Attribution.Status != finding.AttributionUnavailable || !strings.Contains(d.Attribution.Message, "missing permission AuditLog.Read.All") {
		t.Fatalf("run %+v", d.Attribution)
	}
	for _, ch := range d.Changes {
		if a := ch.Attribution; a == nil || a.Status != finding.AttributionUnavailable ||
			!strings.Contains(a.Message, "AuditLog.Read.All; grant it") || !strings.Contains(a.Message, "403 Authorization_RequestDenied") {
			t.Fatalf("%s: %+v", ch.Resource.ID, a)
		}
	}
}

// The audit log's 429s carry Retry-After: the client waits as told and
// reads the window.
func TestThrottledReadIsRetried(t *testing.T) {
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: auditlog.Path, Status: 429, RetryAfter: "7", Times: 2})
	srv, c, clock := fakeGraph(t, auditTenant(from, 3), faults)
	events, err := auditlog.Read(context.Background(), c, from, to)
	if err != nil || len(events) != 3 {
		t.Fatalf("Read: %d events, %v", len(events), err)
	}
	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	if !slices.Equal(statuses, []int{429, 429, 200}) || faults.Fired() != 2 {
		t.Fatalf("statuses %v", statuses)
	}
	// Each retry waits the 7 s asked for (the 2 s pace is already spent).
	if s := clock.Sleeps(); !slices.Equal(s, []time.Duration{7 * time.Second, 7 * time.Second}) {
		t.Fatalf("sleeps %v, want two 7s Retry-After waits", s)
	}
}

// Past the retry cap the error is typed as throttled.
func TestPersistentThrottlingIsTyped(t *testing.T) {
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: auditlog.Path, Status: 429, RetryAfter: "1"})
	_, c, _ := fakeGraph(t, auditTenant(from, 1), faults)
	_, err := auditlog.Read(context.Background(), c, from, to)
	if graph.KindOf(err) != graph.KindThrottled {
		t.Fatalf("%v: kind %v", err, graph.KindOf(err))
	}
	d := &finding.Drift{Changes: []finding.ObjectChange{{Resource: finding.Resource{Type: "conditionalAccess.policies", ID: "t0"}}}}
	auditlog.Attribute(d, nil, err, from, to, to, auditlog.RetentionPremium)
	if a := d.Changes[0].Attribution; a.Status != finding.AttributionUnavailable || !strings.Contains(a.Message, "throttling") {
		t.Fatalf("%+v", a)
	}
}
