package cli

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// TestScanDemoWithBaseline is the README's main command: the demo tenant
// against its committed baseline shows each documented change with its
// field changes, the controls it made fail, and who made it.
func TestScanDemoWithBaseline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := auditMain(t, "scan", "--demo", "--baseline", demoBaselineDir, "--out", out, "--format", "json,markdown", "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("scan --demo --baseline: exit %d\n%s", code, stderr)
	}
	rep := readFindings(t, out)
	if rep.Drift == nil || len(rep.Drift.Changes) != len(demoBaselineChanges) {
		t.Fatalf("findings.json drift: %+v", rep.Drift)
	}
	type want struct{ actor, field string }
	expect := map[string]want{
		"3eabedcb-baa8-4dd4-88bd-64072bcfbe01":          {"lee.gu@contoso.com", "state"},
		"ab9099a4-35a2-40ae-9af3-05535ec42e08":          {"megan.bowen@contoso.com", "conditions.users.excludeUsers"},
		"a9488d99-0bbb-4599-91ce-5dd2b45ed1f0":          {"lee.gu@contoso.com", "inboundTrust.isMfaAccepted"},
		"pqO3Q42aA0qYBntx2PVkE4Nf0lHXnA5Ek8JwVq0dCQA":   {"Fabrikam Mail Archiver", ""},
		"lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1": {"bg1@contoso.onmicrosoft.com", ""},
	}
	for _, c := range rep.Drift.Changes {
		w, ok := expect[c.Resource.ID]
		if !ok {
			// SMS and Isaiah Langer's user object: no event names them.
			if c.Attribution == nil || c.Attribution.Status != finding.AttributionNoEvent {
				t.Errorf("%s %s: attribution %+v, want no_event", c.Kind, c.Resource.Name, c.Attribution)
			}
			continue
		}
		if c.Attribution == nil || c.Attribution.Status != finding.AttributionFound || len(c.Attribution.Events) == 0 ||
			c.Attribution.Events[0].Actor.Name != w.actor {
			t.Errorf("%s %s: attribution %+v, want %s", c.Kind, c.Resource.Name, c.Attribution, w.actor)
		}
		if w.field != "" && !slices.ContainsFunc(c.Fields, func(f finding.FieldChange) bool { return f.Path == w.field }) {
			t.Errorf("%s: fields %+v lack %s", c.Resource.Name, c.Fields, w.field)
		}
	}
	// The exclusion names the excluded user, and the change names the control it weakens.
	for _, c := range rep.Drift.Changes {
		if c.Resource.ID != "ab9099a4-35a2-40ae-9af3-05535ec42e08" {
			continue
		}
		if len(c.Fields) != 1 || len(c.Fields[0].Added) != 1 || c.Fields[0].Added[0].Name != "Isaiah Langer (isaiah.langer@contoso.com)" ||
			!slices.Contains(c.Weakens, "MS.AAD.3.2v2") {
			t.Errorf("CA002 change: %+v", c)
		}
	}
	st := statuses(rep)
	for _, id := range []string{"EA.DRIFT.1v1", "EA.DRIFT.2v1", "EA.DRIFT.3v1", "EA.DRIFT.4v1", "EA.DRIFT.5v1", "EA.DRIFT.6v1"} {
		if st[id] != finding.StatusFail {
			t.Errorf("%s on the demo against its baseline: %s, want fail", id, st[id])
		}
	}
	md, err := os.ReadFile(filepath.Join(out, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"### Drift from the baseline", "lee.gu@&#8203;contoso.com", "```diff"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("summary.md lacks %q", s)
		}
	}
	for _, s := range []string{"Drift from ", "by bg1@contoso.onmicrosoft.com", "weakens MS.AAD.3.2v2"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("the terminal summary lacks %q:\n%s", s, stderr)
		}
	}
}

// TestReportOnlyInACopyOfTheBaseline: a CA policy moved from enabled to
// report-only in a copy of the demo baseline is found by the control it
// weakens, with the field-level change, offline (audit --baseline).
func TestReportOnlyInACopyOfTheBaseline(t *testing.T) {
	live := copyTree(t, demoBaselineDir)
	ca001 := filepath.Join(live, "conditional-access/policies/ca001-block-legacy-authentication--29a3b2e9.yaml")
	b, err := os.ReadFile(ca001)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ca001, []byte(strings.Replace(string(b), "\nstate: enabled\n", "\nstate: enabledForReportingButNotEnforced\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := auditMain(t, "audit", "-s", live, "--baseline", demoBaselineDir, "-c", "../../internal/demo/entra-audit.yaml", "-o", out, "-f", "json", "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("audit --baseline: exit %d\n%s", code, stderr)
	}
	rep := readFindings(t, out)
	if rep.Drift == nil || len(rep.Drift.Changes) != 1 {
		t.Fatalf("drift = %+v, want the one change", rep.Drift)
	}
	c := rep.Drift.Changes[0]
	if len(c.Fields) != 1 || c.Fields[0].Path != "state" || c.Fields[0].Before != "enabled" || c.Fields[0].After != "enabledForReportingButNotEnforced" {
		t.Errorf("field changes: %+v", c.Fields)
	}
	if !slices.Contains(c.Weakens, "MS.AAD.1.1v1") {
		t.Errorf("the change weakens %v, want MS.AAD.1.1v1 (legacy authentication is no longer blocked)", c.Weakens)
	}
	var ea1 finding.Result
	for _, r := range rep.Controls {
		if r.ID == "EA.DRIFT.1v1" {
			ea1 = r
		}
	}
	if ea1.Status != finding.StatusFail || len(ea1.Findings) != 1 || ea1.Findings[0].Resource.ID != "29a3b2e9-5d65-4441-9588-42dea2bc372f" ||
		ea1.Findings[0].Location == nil || ea1.Findings[0].Location.File != "conditional-access/policies/ca001-block-legacy-authentication--29a3b2e9.yaml" {
		t.Errorf("EA.DRIFT.1v1 = %+v", ea1)
	}
}

func TestDriftCommand(t *testing.T) {
	live := demoSnapshot(t)
	out := t.TempDir()
	code, _, stderr := auditMain(t, "drift", "--baseline", demoBaselineDir, "--snapshot", live, "--out", out)
	if code != ExitOK {
		t.Fatalf("drift: exit %d\n%s", code, stderr)
	}
	var d finding.Drift
	b, err := os.ReadFile(filepath.Join(out, "drift.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.SchemaVersion != finding.DriftSchemaVersion || len(d.Changes) != len(demoBaselineChanges) || d.Attribution != nil {
		t.Errorf("drift.json: schema %q, %d changes, attribution %+v (none without --attribute)", d.SchemaVersion, len(d.Changes), d.Attribution)
	}
	if md, err := os.ReadFile(filepath.Join(out, "drift.md")); err != nil || !strings.Contains(string(md), "## Drift from the baseline") {
		t.Errorf("drift.md: %v\n%s", err, md)
	}

	for _, tc := range []struct {
		name string
		args []string
		code int
		says string
	}{
		{"drift fails the build", []string{"--fail-on-drift"}, ExitFindings, "8 objects drifted"},
		{"same tree, uncollected resources", []string{"--snapshot", demoBaselineDir, "--fail-on-drift"}, ExitFindings, "2 resources could not be compared"},
		{"same tree, gaps accepted", []string{"--snapshot", demoBaselineDir, "--fail-on-drift", "--allow-errors"}, ExitOK, "0 changed objects"},
		{"attribution from the demo log", []string{"--attribute", "--demo"}, ExitOK, "by lee.gu@contoso.com at 2026-11-05T14:22:31Z"},
		{"--demo without --attribute", []string{"--demo"}, ExitUsage, "add --attribute"},
		{"unknown format", []string{"--out", t.TempDir(), "--format", "sarif"}, ExitUsage, `unknown drift format "sarif"`},
		{"not a baseline", []string{"--baseline", t.TempDir()}, ExitUsage, "--baseline"},
		{"another tenant", []string{"--baseline", otherTenant(t)}, ExitUsage, "is of tenant 00000000-0000-4000-8000-00000000beef"},
	} {
		args := append([]string{"drift", "--baseline", demoBaselineDir, "--snapshot", live}, tc.args...)
		code, _, stderr := auditMain(t, args...)
		if code != tc.code || !strings.Contains(stderr, tc.says) {
			t.Errorf("%s: exit %d, want %d and %q in:\n%s", tc.name, code, tc.code, tc.says, stderr)
		}
	}
}

// TestDriftAttributionWithoutAuditLogPermission: the audit log answers 403;
// every change says why it is not attributed, and the run succeeds.
func TestDriftAttributionWithoutAuditLogPermission(t *testing.T) {
	tn, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	tn.SetError("/v1.0/auditLogs/directoryAudits", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	token := fakeJWT("Policy.Read.All")
	srv := httptest.NewServer(graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: token}))
	defer srv.Close()
	out := t.TempDir()
	code, _, stderr := runCLI(t, map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": token}, "drift", "--baseline", demoBaselineDir,
		"--snapshot", demoSnapshot(t), "--attribute", "--graph-url", srv.URL, "--out", out, "--format", "json")
	if code != ExitOK {
		t.Fatalf("drift --attribute without AuditLog.Read.All: exit %d, want 0\n%s", code, stderr)
	}
	var d finding.Drift
	b, _ := os.ReadFile(filepath.Join(out, "drift.json"))
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.Attribution == nil || d.Attribution.Status != finding.AttributionUnavailable {
		t.Errorf("attribution run: %+v", d.Attribution)
	}
	for _, c := range d.Changes {
		if c.Attribution == nil || c.Attribution.Status != finding.AttributionUnavailable || !strings.Contains(c.Attribution.Message, "AuditLog.Read.All") {
			t.Errorf("%s: %+v, want unavailable naming AuditLog.Read.All", c.Resource.Name, c.Attribution)
		}
	}
}

func TestBaselineUpdate(t *testing.T) {
	live := demoSnapshot(t)
	to := copyTree(t, demoBaselineDir)
	code, _, stderr := auditMain(t, "baseline", "update", "--from", live, "--to", to)
	if code != ExitOK || !strings.Contains(stderr, "(8 changed objects accepted since the previous baseline)") {
		t.Fatalf("baseline update: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := auditMain(t, "drift", "--baseline", to, "--snapshot", live, "--fail-on-drift", "--allow-errors"); code != ExitOK {
		t.Errorf("after the update the snapshot still drifts: exit %d\n%s", code, stderr)
	}
	// A folder that is not a snapshot is refused and left as it was.
	mine := t.TempDir()
	if err := os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := auditMain(t, "baseline", "update", "--from", live, "--to", mine); code != ExitUsage {
		t.Errorf("update into a foreign folder: exit %d, want %d\n%s", code, ExitUsage, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the foreign folder was touched: %v %q", err, b)
	}
	if code, _, _ := auditMain(t, "baseline", "update", "--from", t.TempDir(), "--to", filepath.Join(t.TempDir(), "x")); code != ExitUsage {
		t.Errorf("update from a non-snapshot: exit %d, want %d", code, ExitUsage)
	}
}

// TestScanChecksTheBaselineBeforeReadingTheTenant: a bad --baseline, or a
// --snapshot-dir that is the baseline, stops scan before it collects.
func TestScanChecksTheBaselineBeforeReadingTheTenant(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := auditMain(t, "scan", "--demo", "--baseline", t.TempDir(), "--out", out)
	if code != ExitUsage || strings.Contains(stderr, "Snapshot of") {
		t.Errorf("bad --baseline: exit %d, want %d before any collection\n%s", code, ExitUsage, stderr)
	}
	base := copyTree(t, demoBaselineDir)
	before := treeFiles(t, base)
	code, _, stderr = auditMain(t, "scan", "--demo", "--baseline", base, "--snapshot-dir", base, "--out", out)
	if code != ExitUsage || !strings.Contains(stderr, "would overwrite the baseline") {
		t.Errorf("--snapshot-dir = --baseline: exit %d\n%s", code, stderr)
	}
	if after := treeFiles(t, base); len(after) != len(before) {
		t.Errorf("the baseline was touched")
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("scan wrote %s before refusing", out)
	}
}

// copyTree copies a tree into a new temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	copyDir(t, src, dst)
	return dst
}

// otherTenant is a copy of the demo baseline claiming another tenant id.
func otherTenant(t *testing.T) string {
	t.Helper()
	dir := copyTree(t, demoBaselineDir)
	p := filepath.Join(dir, "manifest.yaml")
	b, _ := os.ReadFile(p)
	b = []byte(strings.Replace(string(b), "id: "+demo.TenantID, "id: 00000000-0000-4000-8000-00000000beef", 1))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
