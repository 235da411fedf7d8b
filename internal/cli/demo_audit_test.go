package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
)

// demoExpected is testdata/demo-expected.yaml: the status each control
// should give on the demo tenant (internal/demo) with its configuration
// (internal/demo/entra-audit.yaml), and why.
type demoExpected struct {
	Controls []demoExpectation `yaml:"controls"`
}

type demoExpectation struct {
	ID     string         `yaml:"id"`
	Status finding.Status `yaml:"status"`          // what the demo should give
	Today  finding.Status `yaml:"today,omitempty"` // what it gives while Bug stands
	Why    string         `yaml:"why"`
	Bug    string         `yaml:"bug,omitempty"` // the known control or fixture bug, and its room
}

// now is the status the audit is expected to give today.
func (e demoExpectation) now() finding.Status {
	if e.Today != "" {
		return e.Today
	}
	return e.Status
}

const demoExpectedPath = "testdata/demo-expected.yaml"

// TestDemoAuditStatuses snapshots the demo tenant, audits it with its
// configuration and compares every control's status with the committed
// table. A mismatch is a control bug or a fixture bug: investigate, then fix
// the one that is wrong (or, for an intended change, refresh the table with
// -update and review the diff: new rows have no `why` yet).
func TestDemoAuditStatuses(t *testing.T) {
	snap := demoSnapshot(t)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := auditMain(t, "audit", "--snapshot", snap, "--out", out, "--format", "json",
		"--config", "../demo/entra-audit.yaml", "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("audit: exit %d\n%s", code, stderr)
	}
	rep := readFindings(t, out)
	if len(rep.Warnings) > 0 {
		t.Errorf("the demo audit warns: %q", rep.Warnings)
	}
	got := map[string]finding.Result{}
	for _, r := range rep.Controls {
		got[r.ID] = r
	}

	want := readDemoExpected(t)
	if updating() {
		writeDemoExpected(t, rep, want)
		return
	}

	seen := map[string]bool{}
	for _, e := range want.Controls {
		seen[e.ID] = true
		r, ok := got[e.ID]
		switch {
		case !ok:
			t.Errorf("%s: expected %s (%s) but the control is gone", e.ID, e.Status, e.Why)
		case r.Status != e.now() && r.Status == e.Status:
			t.Errorf("%s: gives %s as it should: the known bug is fixed; remove today and bug from %s (%s)",
				e.ID, r.Status, demoExpectedPath, e.Bug)
		case r.Status != e.now():
			t.Errorf("%s: got %s, want %s (%s)\n    message: %s\n%s", e.ID, r.Status, e.now(), e.Why, r.Message, findingLines(r))
		case e.Bug != "":
			t.Logf("%s: known bug, gives %s instead of %s: %s", e.ID, e.Today, e.Status, e.Bug)
		}
	}
	for _, r := range rep.Controls {
		if !seen[r.ID] {
			t.Errorf("%s (%s) is not in %s: add it with the status the demo should give", r.ID, r.Status, demoExpectedPath)
		}
	}

	// The demo exists to show every verdict an audit can give.
	counts := rep.Counts()
	for _, s := range finding.Statuses() {
		if counts[s] == 0 {
			t.Errorf("the demo audit has no %s result: the demo should show every status", s)
		}
	}
	for _, r := range rep.Controls {
		if r.Status == finding.StatusError && len(r.Gaps) == 0 {
			t.Errorf("%s is an error without gaps: a policy failed to evaluate: %s", r.ID, r.Message)
		}
	}
}

// readDemoExpected reads the committed table strictly; under -update a
// missing table is empty, so it can be written afresh.
func readDemoExpected(t *testing.T) demoExpected {
	t.Helper()
	var want demoExpected
	b, err := os.ReadFile(demoExpectedPath)
	if err != nil && !updating() {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&want); err != nil && len(b) > 0 {
		t.Fatalf("%s: %v", demoExpectedPath, err)
	}
	return want
}

func findingLines(r finding.Result) string {
	var b strings.Builder
	for i, f := range r.Findings {
		if i == 5 {
			fmt.Fprintf(&b, "      … %d more\n", len(r.Findings)-5)
			break
		}
		fmt.Fprintf(&b, "      - %s %s: %s\n", f.Resource.Type, f.Resource.ID, f.Message)
	}
	return b.String()
}

// writeDemoExpected refreshes the table from the audit: rows keep their
// `why` while the status holds; known-bug rows keep their intended status,
// and lose the bug once the audit gives it.
func writeDemoExpected(t *testing.T, rep finding.Report, old demoExpected) {
	t.Helper()
	prev := map[string]demoExpectation{}
	for _, e := range old.Controls {
		prev[e.ID] = e
	}
	var out demoExpected
	for _, r := range rep.Controls {
		e := demoExpectation{ID: r.ID, Status: r.Status}
		p, ok := prev[r.ID]
		switch {
		case ok && p.Bug != "" && r.Status != p.Status:
			e = p
			e.Today = r.Status
		case ok && (p.Status == r.Status || p.now() == r.Status):
			e.Why = p.Why
		}
		out.Controls = append(out.Controls, e)
	}
	slices.SortFunc(out.Controls, func(a, b demoExpectation) int { return policy.CompareIDs(a.ID, b.ID) })
	var buf bytes.Buffer
	buf.WriteString(demoExpectedHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(demoExpectedPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

const demoExpectedHeader = `# Expected status of every control on the demo tenant (internal/demo), audited with
# internal/demo/entra-audit.yaml at 2026-11-26T10:05:00Z. Checked by TestDemoAuditStatuses.
# status is what the demo should give. While a known bug stands, today holds the status it gives now
# and bug names the room at fault; the test fails when today stops being true, so the row gets fixed.
# Refresh with -update only after deciding that a changed status is right, then write why.
`
