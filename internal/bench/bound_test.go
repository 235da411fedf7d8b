package bench

import (
	"testing"
	"time"
)

func TestBoundsFollowTheThrottlingRules(t *testing.T) {
	l := Limits{Latency: 50 * time.Millisecond, Concurrency: 4, Units: 100}
	steps := []Step{
		{Request: "GET /v1.0/roleManagement/directory/roleAssignments", Calls: 30, Kind: chain},        // 30 pages in a row
		{Request: "GET /v1.0/users/{id}", Calls: 100, Kind: batched},                                   // 2 units each, 5 envelopes
		{Request: "GET /v1.0/identity/conditionalAccess/policies", Calls: 4, Kind: chain, Paced: true}, // 0 units
	}
	b := Bounds(steps, l)
	if want := 30 * l.Latency; b.Latency != want { // the 30 pages outlast 39 round trips ÷ 4
		t.Errorf("latency bound %s, want %s", b.Latency, want)
	}
	if want := 3*time.Second + l.Latency; b.Pacing != want {
		t.Errorf("pacing bound %s, want %s", b.Pacing, want)
	}
	// 230 units at 100 per window: the last is charged in the third window.
	if want := 20*time.Second + l.Latency; b.Units != want {
		t.Errorf("units bound %s, want %s", b.Units, want)
	}
	if b.Max() != b.Units || b.binding() != "(RU)" {
		t.Errorf("max %s (%s)", b.Max(), b.binding())
	}
	if calls, units := PlanCalls(steps); calls != 134 || units != 230 {
		t.Errorf("plan: %d calls, %d units", calls, units)
	}
	if b := Bounds(steps[2:], Limits{Latency: l.Latency}); b.Units != 0 || b.binding() != "(CA)" {
		t.Errorf("no budget: %+v", b)
	}
}
