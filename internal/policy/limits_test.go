package policy

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// runaway loads the test pack plus one custom control whose findings rule
// has body as its condition.
func runaway(t *testing.T, body string) *Engine {
	t.Helper()
	dir := writeFiles(t, map[string]string{"runaway/runaway.rego": customHeader + `
findings contains result.tenant_finding("tenant.securityDefaults", "never", {}) if {
` + body + `
}
`})
	return mustLoad(t, LoadOptions{CustomDirs: []string{dir}})
}

// checkOthers: every control but the runaway one got its usual result.
func checkOthers(t *testing.T, ev *Evaluation) {
	t.Helper()
	want := mustEvaluate(t, mustLoad(t, LoadOptions{}), testInput())
	for _, w := range want.Results {
		if got := resultByID(t, ev, w.ID); got.Status != w.Status || got.Message != w.Message {
			t.Errorf("%s = %s %q, want %s %q: the runaway control affected another", w.ID, got.Status, got.Message, w.Status, w.Message)
		}
	}
}

func TestPolicyTimeoutEndsOnlyThatControl(t *testing.T) {
	for name, body := range map[string]string{
		// Cancelled inside the builtin, while it builds the array.
		"builtin": "\tsome n in numbers.range(1, 1e11)\n\tn < 0",
		// Cancelled between evaluation steps: 10^10 iterations.
		"loop": "\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti + j < 0",
	} {
		t.Run(name, func(t *testing.T) {
			e := runaway(t, body)
			start := time.Now()
			ev, err := e.Evaluate(context.Background(), testInput(), EvalOptions{Time: evalTime, Locator: fakeLocator{},
				Timeout: 300 * time.Millisecond, HeapGuard: 8 << 30})
			if err != nil {
				t.Fatalf("Evaluate = %v, want the run to go on", err)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("Evaluate took %s with a 300ms timeout", took)
			}
			const msg = "the policy did not finish within 300ms (--policy-timeout)"
			r := resultByID(t, ev, "ACME.TEN.1v1")
			if r.Status != finding.StatusError || r.Message != msg {
				t.Errorf("runaway control = %s %q, want error %q", r.Status, r.Message, msg)
			}
			if !containsString(ev.Warnings, "control ACME.TEN.1v1: "+msg) {
				t.Errorf("warnings = %q", ev.Warnings)
			}
			checkOthers(t, ev)
		})
	}
}

func TestMemoryGuardStopsTheControlAtFault(t *testing.T) {
	// numbers.range(1, 1e11) would need terabytes; the guard stops it at
	// 64 MiB of growth, long before the 1-minute timeout.
	e := runaway(t, "\tcount(numbers.range(1, 1e11)) < 0")
	start := time.Now()
	ev, err := e.Evaluate(context.Background(), testInput(), EvalOptions{Time: evalTime, Locator: fakeLocator{},
		Timeout: time.Minute, HeapGuard: 64 << 20})
	if err != nil {
		t.Fatalf("Evaluate = %v", err)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("Evaluate took %s: the guard did not stop the control", took)
	}
	const msg = "the policy was stopped by the memory guard: the heap grew by more than 64 MiB while it ran"
	r := resultByID(t, ev, "ACME.TEN.1v1")
	if r.Status != finding.StatusError || r.Message != msg {
		t.Errorf("runaway control = %s %q, want error %q", r.Status, r.Message, msg)
	}
	// Controls stopped beside it were run again alone.
	checkOthers(t, ev)
}

func TestDefaultLimits(t *testing.T) {
	if DefaultTimeout != 30*time.Second {
		t.Errorf("DefaultTimeout = %s: the docs say 30s", DefaultTimeout)
	}
	if d, m := (EvalOptions{}).limits(); d != DefaultTimeout || m != DefaultHeapGuard {
		t.Errorf("zero EvalOptions limits = %s, %d; want %s, %d", d, m, DefaultTimeout, uint64(DefaultHeapGuard))
	}
	if d, m := (EvalOptions{Timeout: time.Second, HeapGuard: 1 << 20}).limits(); d != time.Second || m != 1<<20 {
		t.Errorf("limits = %s, %d", d, m)
	}
	for d, want := range map[time.Duration]string{10 * time.Second: "10s", 90 * time.Second: "1m30s", 2 * time.Minute: "2m",
		300 * time.Millisecond: "300ms", time.Hour: "1h"} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}
