package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// TestScanDemoAppliesContosoConfig: scan --demo audits with the demo
// tenant's own configuration, so its statuses are the committed table's;
// --config replaces that configuration.
func TestScanDemoAppliesContosoConfig(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := auditMain(t, "scan", "--demo", "--out", out, "--format", "json", "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("scan --demo: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "Configuration: internal/demo/entra-audit.yaml") {
		t.Errorf("scan --demo does not say which configuration it applied:\n%s", stderr)
	}
	got := statuses(readFindings(t, out))
	for _, e := range readDemoExpected(t).Controls {
		if got[e.ID] != e.now() {
			t.Errorf("%s: scan --demo gives %s, the demo table %s", e.ID, got[e.ID], e.now())
		}
	}

	empty := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(empty, []byte("cloud: global\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(t.TempDir(), "out")
	code, _, stderr = auditMain(t, "scan", "--demo", "--out", out2, "--format", "json", "--config", empty, "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("scan --demo --config: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "Configuration: "+empty+"\n") || strings.Contains(stderr, "demo/entra-audit.yaml") {
		t.Errorf("scan --demo --config does not name the given configuration alone:\n%s", stderr)
	}
	// Without Contoso's break-glass declaration the break-glass control has nothing to check.
	if s := statuses(readFindings(t, out2))["EA.CA.4v1"]; s != finding.StatusNotApplicable {
		t.Errorf("EA.CA.4v1 with an empty --config: %s, want not_applicable", s)
	}
}

func statuses(rep finding.Report) map[string]finding.Status {
	m := map[string]finding.Status{}
	for _, r := range rep.Controls {
		m[r.ID] = r.Status
	}
	return m
}

func TestScanDemoWritesSnapshotAndEveryReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := auditMain(t, "scan", "--demo", "--out", out, "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("scan --demo: exit %d\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("scan wrote to stdout (reserved for machine output): %q", stdout)
	}
	for _, name := range []string{"snapshot/manifest.yaml", "findings.json", "results.sarif", "report.html", "summary.md", "junit.xml", "action-plan.csv"} {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", name, err)
		}
	}
	rep := readFindings(t, out)
	if rep.SnapshotDir != filepath.ToSlash(filepath.Join(out, "snapshot")) || len(rep.Controls) == 0 {
		t.Errorf("findings.json snapshotDir=%q controls=%d", rep.SnapshotDir, len(rep.Controls))
	}
	abs, _ := filepath.Abs(filepath.Join(out, "report.html"))
	if !strings.HasSuffix(strings.TrimSpace(stderr), "Open the report: "+abs) {
		t.Errorf("scan does not end with the report path:\n%s", stderr[max(0, len(stderr)-400):])
	}
	for _, want := range []string{"Snapshot of Contoso", "Audited contoso.com", "fail  "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("console summary lacks %q", want)
		}
	}

	// Scanning again into the same directory replaces the snapshot and reports.
	if code, _, stderr := auditMain(t, "scan", "--demo", "--out", out, "--format", "json,markdown", "--fail-on", "high"); code != ExitFindings {
		t.Errorf("scan --fail-on high: exit %d, want %d\n%s", code, ExitFindings, stderr)
	} else if !strings.Contains(stderr, "Open the report: ") || !strings.Contains(stderr, "findings.json") {
		t.Errorf("scan --fail-on: no pointer to the reports:\n%s", stderr)
	}
}

func TestScanUsageErrorsBeforeCollecting(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"scan", "--demo"},
		{"scan", "--demo", "--out", dir, "--format", "pdf"},
		{"scan", "--demo", "--out", dir, "--fail-on", "sometimes"},
	} {
		code, _, stderr := auditMain(t, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, ExitUsage, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a usage error still wrote %d entries", len(entries))
	}
}

// TestScanDemoReportsPassTheCIChecks is issue 5's acceptance on the demo
// run: its SARIF passes the SARIF Multitool (GitHub rules) and the JSON
// schema, and its HTML works in headless Chromium (filter, console, CSP,
// axe-core). Without the tools it skips, except under CI=true.
func TestScanDemoReportsPassTheCIChecks(t *testing.T) {
	root, _ := filepath.Abs("../..")
	validate := filepath.Join(root, "tools", "sarif-validate")
	browser := filepath.Join(root, "tools", "browser-test")
	chromium := os.Getenv("CHROMIUM_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	for _, need := range []string{filepath.Join(validate, "node_modules"), filepath.Join(browser, "node_modules"), chromium} {
		if _, err := os.Stat(need); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing (CI=true: run npm ci in tools/* and install chromium)", need)
			}
			t.Skipf("%s is missing: run npm ci in tools/sarif-validate and tools/browser-test, apt-get install chromium", need)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := auditMain(t, "scan", "--demo", "--out", out, "--evaluation-time", fixedTime); code != ExitOK {
		t.Fatalf("scan --demo: exit %d\n%s", code, stderr)
	}
	sarifOut, err := exec.Command("node", filepath.Join(validate, "validate.js"), filepath.Join(out, "results.sarif")).CombinedOutput()
	if err != nil {
		t.Errorf("demo SARIF fails validation: %v\n%s", err, sarifOut)
	} else {
		t.Logf("%s", bytes.TrimSpace(sarifOut))
	}

	rep := readFindings(t, out)
	failing := rep.Counts()[finding.StatusFail]
	shotDir := os.Getenv("ENTRA_AUDIT_ARTIFACTS")
	if shotDir == "" {
		shotDir = t.TempDir()
	}
	plan, _ := json.Marshal(map[string]any{"jobs": []map[string]any{{
		"kind": "check", "file": filepath.Join(out, "report.html"),
		"filter": map[string]string{"f-status": "fail"}, "screenshot": filepath.Join(shotDir, "report-demo.png"),
	}}})
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(planFile, plan, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(browser, "run.js"), planFile)
	cmd.Env = append(os.Environ(), "CHROMIUM_PATH="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("browser: %v\n%s", err, stderr.String())
	}
	var res []struct {
		TotalRows, VisibleAfter                int
		ConsoleErrors, CSPViolations, Requests []string
		Axe                                    []struct{ ID, Impact, Help string }
	}
	if err := json.Unmarshal(raw, &res); err != nil || len(res) != 1 {
		t.Fatalf("browser output: %v\n%s", err, raw)
	}
	r := res[0]
	if r.TotalRows != len(rep.Controls) || r.VisibleAfter != failing {
		t.Errorf("demo report: %d rows, %d shown for status=fail; want %d and %d", r.TotalRows, r.VisibleAfter, len(rep.Controls), failing)
	}
	if len(r.ConsoleErrors)+len(r.CSPViolations)+len(r.Requests) > 0 {
		t.Errorf("demo report: console %v, CSP %v, requests %v", r.ConsoleErrors, r.CSPViolations, r.Requests)
	}
	for _, v := range r.Axe {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("demo report: axe %s violation %s: %s", v.Impact, v.ID, v.Help)
		}
	}
}
