package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// browserResult is what tools/browser-test/run.js reports per job.
type browserResult struct {
	Kind             string   `json:"kind"`
	File             string   `json:"file"`
	TotalRows        int      `json:"totalRows"`
	VisibleBefore    int      `json:"visibleBefore"`
	VisibleAfter     int      `json:"visibleAfter"`
	ShownText        string   `json:"shownText"`
	VisibleStatuses  []string `json:"visibleStatuses"`
	PrintVisibleRows int      `json:"printVisibleRows"`
	Screenshot       string   `json:"screenshot"`
	Axe              []struct {
		ID, Impact, Help string
		Nodes            []string
	} `json:"axe"`
	ConsoleErrors    []string `json:"consoleErrors"`
	CSPViolations    []string `json:"cspViolations"`
	Dialogs          []string `json:"dialogs"`
	Requests         []string `json:"requests"`
	XSS              bool     `json:"xss"`
	JavascriptLinks  int      `json:"javascriptLinks"`
	InjectedElements int      `json:"injectedElements"`
}

type browserJob struct {
	Kind       string            `json:"kind"`
	File       string            `json:"file"`
	Filter     map[string]string `json:"filter,omitempty"`
	Screenshot string            `json:"screenshot,omitempty"`
}

// runBrowser runs jobs in one headless Chromium session.
func runBrowser(t *testing.T, jobs []browserJob) []browserResult {
	t.Helper()
	dir := requireTool(t, "browser-test")
	chromium := os.Getenv("CHROMIUM_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		skipOrFail(t, "chromium not found at "+chromium+": apt-get install chromium or set CHROMIUM_PATH")
	}
	plan := filepath.Join(t.TempDir(), "plan.json")
	data, _ := json.Marshal(map[string]any{"jobs": jobs})
	if err := os.WriteFile(plan, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(dir, "run.js"), plan)
	cmd.Env = append(os.Environ(), "CHROMIUM_PATH="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("browser run failed: %v\n%s", err, stderr.String())
	}
	var results []browserResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("browser output: %v\n%s", err, out)
	}
	if len(results) != len(jobs) {
		t.Fatalf("browser returned %d results for %d jobs", len(results), len(jobs))
	}
	return results
}

// screenshotDir is where CI keeps screenshots as artefacts.
func screenshotDir(t *testing.T) string {
	if dir := os.Getenv("ENTRA_AUDIT_ARTIFACTS"); dir != "" {
		return dir
	}
	return t.TempDir()
}

// TestHTMLInBrowser opens report.html from file:// in headless Chromium,
// drives the filters, and checks console, CSP, network and axe-core.
func TestHTMLInBrowser(t *testing.T) {
	tmp := t.TempDir()
	r := fixtureReport()
	fixture := writeTemp(t, tmp, "report.html", mustRender(t, htmlWriter{}, r))
	failing := r.Counts()[finding.StatusFail]
	shot := filepath.Join(screenshotDir(t), "report-fixture.png")
	jobs := []browserJob{
		{Kind: "check", File: fixture, Filter: map[string]string{"f-status": "fail"}, Screenshot: shot},
		{Kind: "check", File: fixture, Filter: map[string]string{"f-framework": "eidsca", "f-search": "CONSENT"}},
	}
	if demo := os.Getenv("ENTRA_AUDIT_DEMO_HTML"); demo != "" {
		jobs = append(jobs, browserJob{Kind: "check", File: demo, Filter: map[string]string{"f-status": "fail"},
			Screenshot: filepath.Join(screenshotDir(t), "report-demo.png")})
	}
	results := runBrowser(t, jobs)

	byStatus := results[0]
	if byStatus.TotalRows != len(r.Controls) || byStatus.VisibleBefore != len(r.Controls) {
		t.Errorf("rows total=%d visible=%d, want %d", byStatus.TotalRows, byStatus.VisibleBefore, len(r.Controls))
	}
	if byStatus.VisibleAfter != failing {
		t.Errorf("status=fail shows %d rows, want %d failing controls", byStatus.VisibleAfter, failing)
	}
	for _, s := range byStatus.VisibleStatuses {
		if s != "fail" {
			t.Errorf("status=fail filter shows a %q row", s)
		}
	}
	if want := fmt.Sprintf("Showing %d of %d controls", failing, len(r.Controls)); byStatus.ShownText != want {
		t.Errorf("count text = %q, want %q", byStatus.ShownText, want)
	}
	if byStatus.PrintVisibleRows != len(r.Controls) {
		t.Errorf("print shows %d rows, want all %d", byStatus.PrintVisibleRows, len(r.Controls))
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10000 {
		t.Errorf("screenshot %s missing or empty: %v", shot, err)
	} else {
		t.Logf("screenshot: %s", shot)
	}
	// eidsca + "consent": only EA.TEN.02v1 (search is case-insensitive).
	if results[1].VisibleAfter != 1 {
		t.Errorf("framework=eidsca search=CONSENT shows %d rows, want 1", results[1].VisibleAfter)
	}
	for _, res := range results {
		assertCleanPage(t, res)
		for _, v := range res.Axe {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: axe %s violation %s (%s) at %v", filepath.Base(res.File), v.Impact, v.ID, v.Help, v.Nodes)
			} else {
				t.Logf("%s: axe %s violation %s (%s)", filepath.Base(res.File), v.Impact, v.ID, v.Help)
			}
		}
	}
}

func assertCleanPage(t *testing.T, res browserResult) {
	t.Helper()
	name := filepath.Base(res.File)
	if len(res.ConsoleErrors) > 0 {
		t.Errorf("%s: console errors: %v", name, res.ConsoleErrors)
	}
	if len(res.CSPViolations) > 0 {
		t.Errorf("%s: CSP violations: %v", name, res.CSPViolations)
	}
	if len(res.Requests) > 0 {
		t.Errorf("%s: network requests: %v", name, res.Requests)
	}
	if len(res.Dialogs) > 0 {
		t.Errorf("%s: dialogs: %v", name, res.Dialogs)
	}
}

// TestHTMLResistsXSSInBrowser renders payloads in every tenant-controlled
// string and checks none runs. The unsafe control page, with the same
// payload pasted in raw, must be caught: that shows the check can fail.
func TestHTMLResistsXSSInBrowser(t *testing.T) {
	tmp := t.TempDir()
	hostileRep := hostileReport(t)
	hostile := writeTemp(t, tmp, "hostile.html", mustRender(t, htmlWriter{}, hostileRep))
	unsafePage := "<!DOCTYPE html><html lang=\"en\"><head><title>unsafe</title></head><body><main><h1>" +
		hostileRep.Tenant.DisplayName + "</h1><p>" + strings.Join(xssPayloads, "</p><p>") + "</p></main></body></html>"
	unsafe := writeTemp(t, tmp, "unsafe.html", []byte(unsafePage))
	results := runBrowser(t, []browserJob{{Kind: "xss", File: hostile}, {Kind: "xss", File: unsafe}})

	safe := results[0]
	if safe.XSS || len(safe.Dialogs) > 0 {
		t.Errorf("payload executed in report.html: __xss=%v dialogs=%v", safe.XSS, safe.Dialogs)
	}
	if safe.JavascriptLinks != 0 || safe.InjectedElements != 0 {
		t.Errorf("report.html has %d javascript: links and %d injected elements", safe.JavascriptLinks, safe.InjectedElements)
	}
	assertCleanPage(t, safe)

	if !results[1].XSS {
		t.Errorf("the deliberately unsafe page did not execute its payload: the XSS check cannot fail (%+v)", results[1])
	}
}
