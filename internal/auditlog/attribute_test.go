package auditlog

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph"
)

var (
	winFrom = time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	winTo   = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
)

func twoChanges() *finding.Drift {
	return &finding.Drift{Changes: []finding.ObjectChange{
		change("conditionalAccess.policies", policyCA005, "CA005"),
		change("authenticationMethods.policy", "authenticationMethodsPolicy", "Authentication Methods Policy"),
	}}
}

func ev(id, at, result string, targets ...string) finding.AuditEvent {
	e := finding.AuditEvent{ID: id, Result: result, Activity: "Update conditional access policy"}
	e.Time, _ = time.Parse(time.RFC3339, at)
	for _, t := range targets {
		e.Targets = append(e.Targets, finding.AuditTarget{ID: t})
	}
	return e
}

func TestAttributeRecordsTheRunAndNamesTheWindow(t *testing.T) {
	d := twoChanges()
	events := []finding.AuditEvent{
		ev("late", "2026-11-20T10:00:00Z", "success", policyCA005),
		ev("early", "2026-11-03T10:00:00Z", "success", policyCA005),
		ev("failed", "2026-11-04T10:00:00Z", "failure", policyCA005),
		ev("edge", "2026-12-04T00:00:00Z", "Success", policyCA005), // the window is inclusive; result case-insensitive
		ev("after", "2026-12-04T00:00:01Z", "success", policyCA005),
	}
	now := winFrom.Add(RetentionPremium) // the log still holds the whole window
	Attribute(d, events, nil, winFrom, winTo, now, RetentionPremium)
	run := d.Attribution
	if run == nil || run.Status != finding.AttributionFound || run.Events != 4 || !run.From.Equal(winFrom) || !run.To.Equal(winTo) || run.Message != "" {
		t.Fatalf("run %+v: want attributed, 4 events in the window, no retention note", run)
	}
	a := d.Changes[0].Attribution
	var ids []string
	for _, e := range a.Events {
		ids = append(ids, e.ID)
	}
	if a.Status != finding.AttributionFound || strings.Join(ids, ",") != "early,late,edge" || a.Message != "" {
		t.Fatalf("CA005: %+v %v, want attributed early,late,edge", a, ids)
	}
	b := d.Changes[1].Attribution
	want := "no directory audit event between 2026-11-02T06:00:00Z and 2026-12-04T00:00:00Z names this object"
	if b.Status != finding.AttributionNoEvent || b.Message != want || len(b.Events) != 0 {
		t.Fatalf("auth methods: %+v, want no_event %q", b, want)
	}
}

func TestAttributeSaysWhatRetentionLosesWhenTheWindowStartsBeforeIt(t *testing.T) {
	now := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		retention time.Duration
		note      string
	}{
		{RetentionPremium, "changes before 2026-11-10T12:00:00Z cannot be attributed because the directory audit log keeps 30 days"},
		{RetentionFree, "changes before 2026-12-03T12:00:00Z cannot be attributed because the directory audit log keeps 7 days"},
		{36 * time.Hour, "changes before 2026-12-09T00:00:00Z cannot be attributed because the directory audit log keeps 36h0m0s"},
		{0, ""},
	} {
		d := twoChanges()
		Attribute(d, nil, nil, winFrom, winTo, now, tc.retention)
		if d.Attribution.Status != finding.AttributionFound || d.Attribution.Message != tc.note {
			t.Errorf("retention %v: run %+v, want note %q", tc.retention, d.Attribution, tc.note)
		}
		msg := d.Changes[0].Attribution.Message
		if d.Changes[0].Attribution.Status != finding.AttributionNoEvent || !strings.HasPrefix(msg, "no directory audit event between") ||
			(tc.note != "" && !strings.HasSuffix(msg, "names this object; "+tc.note)) || (tc.note == "" && strings.Contains(msg, ";")) {
			t.Errorf("retention %v: change message %q", tc.retention, msg)
		}
	}
}

func TestAttributeUnavailableSaysWhy(t *testing.T) {
	gerr := func(status int, code string) error {
		return fmt.Errorf("auditlog: read the directory audit log: %w",
			&graph.Error{Method: "GET", URL: Path, Status: status, Code: code, Kind: graph.Classify(status, code)})
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{gerr(403, "Authorization_RequestDenied"), "the directory audit log could not be read: missing permission AuditLog.Read.All; grant it (with Directory.Read.All) to attribute changes (Graph: 403 Authorization_RequestDenied)"},
		{gerr(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant"), "the directory audit log could not be read: the tenant's licence does not include it (Graph: 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant)"},
		{gerr(429, "TooManyRequests"), "the directory audit log could not be read: Graph kept throttling the requests; run again later (Graph: 429 TooManyRequests)"},
		{gerr(401, ""), "the directory audit log could not be read: the access token was refused; sign in again (Graph: 401)"},
		{errors.New("dial tcp: connection refused"), "the directory audit log could not be read: dial tcp: connection refused"},
	} {
		d := twoChanges()
		// Events passed alongside an error are not used.
		Attribute(d, []finding.AuditEvent{ev("x", "2026-11-03T10:00:00Z", "success", policyCA005)}, tc.err, winFrom, winTo, winTo, RetentionPremium)
		if d.Attribution.Status != finding.AttributionUnavailable || d.Attribution.Message != tc.want || d.Attribution.Events != 0 {
			t.Errorf("%v: run %+v, want unavailable %q", tc.err, d.Attribution, tc.want)
		}
		for _, c := range d.Changes {
			if c.Attribution == nil || c.Attribution.Status != finding.AttributionUnavailable || c.Attribution.Message != tc.want || len(c.Attribution.Events) != 0 {
				t.Errorf("%v: change %s %+v", tc.err, c.Resource.ID, c.Attribution)
			}
		}
	}
}

func TestAttributeWithoutChangesOrDrift(t *testing.T) {
	Attribute(nil, nil, nil, winFrom, winTo, winTo, RetentionPremium) // no panic
	d := &finding.Drift{}
	Attribute(d, []finding.AuditEvent{ev("x", "2026-11-03T10:00:00Z", "success", "y")}, nil, winFrom, winTo, winTo, RetentionPremium)
	if d.Attribution == nil || d.Attribution.Status != finding.AttributionFound || d.Attribution.Events != 1 {
		t.Fatalf("run %+v", d.Attribution)
	}
}
