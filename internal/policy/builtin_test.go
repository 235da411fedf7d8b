package policy

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/entra-audit/entra-audit/policies"
)

// minCoverage is the Rego line coverage the built-in pack must keep.
const minCoverage = 90.0

// TestBuiltinRegoTests runs every embedded _test.rego under the sandbox,
// fails on any Rego test failure and asserts line coverage of the pack.
func TestBuiltinRegoTests(t *testing.T) {
	rep, err := RunTests(context.Background(), TestOptions{Builtin: policies.FS, Coverage: true})
	if err != nil {
		t.Fatalf("run built-in Rego tests: %v", err)
	}
	passed, failed, skipped := rep.Counts()
	for _, r := range rep.Results {
		if !r.Passed && !r.Skipped {
			t.Errorf("Rego test %s.%s (%s:%d) failed %s\n%s", r.Package, r.Name, r.File, r.Line, r.Error, r.Output)
		}
	}
	if passed == 0 {
		t.Fatal("no Rego test ran: the built-in pack must carry _test.rego files")
	}
	t.Logf("%d Rego tests passed, %d failed, %d skipped; line coverage %.1f%% (%d of %d lines)", passed, failed, skipped,
		rep.Coverage.Coverage, rep.Coverage.CoveredLines, rep.Coverage.CoveredLines+rep.Coverage.NotCoveredLines)
	if rep.Coverage.Coverage < minCoverage || testing.Verbose() {
		var lines []string
		for name, fr := range rep.Coverage.Files {
			if fr.NotCoveredLines > 0 {
				lines = append(lines, fmt.Sprintf("  %5.1f%% %s (%d lines not covered)", fr.Coverage, name, fr.NotCoveredLines))
			}
		}
		slices.Sort(lines)
		for _, l := range lines {
			fmt.Fprintln(os.Stderr, l)
		}
	}
	if rep.Coverage.Coverage < minCoverage {
		t.Errorf("Rego line coverage of the built-in pack is %.1f%%, want at least %.0f%%", rep.Coverage.Coverage, minCoverage)
	}
}
