package report

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// sarifDoc is the subset of SARIF the tests inspect.
type sarifDoc struct {
	Runs []struct {
		AutomationDetails struct{ ID string } `json:"automationDetails"`
		Tool              struct {
			Driver struct {
				Name, Version string
				Rules         []struct {
					ID         string         `json:"id"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
					Region           struct{ StartLine int } `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, w sarifWriter, r finding.Report) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(mustRender(t, w, r), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("runs = %d, want 1", len(doc.Runs))
	}
	return doc
}

func TestSARIFResultsAndRules(t *testing.T) {
	r := fixtureReport()
	run := decodeSARIF(t, sarifWriter{}, r).Runs[0]
	if run.AutomationDetails.ID != "entra-audit/"+r.Tenant.ID+"/" {
		t.Errorf("automationDetails.id = %q", run.AutomationDetails.ID)
	}
	if len(run.Tool.Driver.Rules) != len(r.Controls) {
		t.Errorf("rules = %d, want one per control (%d)", len(run.Tool.Driver.Rules), len(r.Controls))
	}
	// 4 failing controls: MS.AAD.1.1 (1), MS.AAD.7.1 (1), EA.APP.01 (2, one
	// with an expired waiver), EA.TEN.02 (1, tenant-wide). Waived, passing,
	// error, manual and not-applicable controls give no results.
	want := []struct {
		rule, level, uri string
		line             int
	}{
		{"MS.AAD.1.1v1", "error", "snapshots/contoso/conditionalAccess/policies/7d1c6f3a-0b59-4c1e-9a53-1c2b3d4e5f60.yaml", 3},
		{"MS.AAD.7.1v1", "error", "snapshots/contoso/roles/definitions/62e90394-69f5-4237-9190-012177145e10.yaml", 1},
		{"EA.APP.01v1", "warning", "snapshots/contoso/applications/a1b2c3d4-0000-4000-8000-000000000001.yaml", 12},
		{"EA.APP.01v1", "warning", "snapshots/contoso/applications/a1b2c3d4-0000-4000-8000-000000000002.yaml", 9},
		{"EA.TEN.02v1", "note", "snapshots/contoso/manifest.yaml", 1},
	}
	if len(run.Results) != len(want) {
		t.Fatalf("results = %d, want %d", len(run.Results), len(want))
	}
	for i, w := range want {
		res := run.Results[i]
		loc := res.Locations[0].PhysicalLocation
		if res.RuleID != w.rule || res.Level != w.level || loc.ArtifactLocation.URI != w.uri || loc.Region.StartLine != w.line {
			t.Errorf("result %d = %s %s %s:%d, want %s %s %s:%d", i, res.RuleID, res.Level, loc.ArtifactLocation.URI, loc.Region.StartLine, w.rule, w.level, w.uri, w.line)
		}
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d ruleIndex %d points at %s", i, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
	}
	if !strings.Contains(run.Results[3].Message.Text, "expired on 2026-10-01") {
		t.Errorf("expired-waiver result message lacks the expiry: %q", run.Results[3].Message.Text)
	}
	if !strings.Contains(run.Results[1].Message.Text, "62e90394-69f5-4237-9190-012177145e10") {
		t.Errorf("message does not name the object: %q", run.Results[1].Message.Text)
	}
	sev := map[string]any{}
	for _, rule := range run.Tool.Driver.Rules {
		sev[rule.ID] = rule.Properties["security-severity"]
	}
	for id, want := range map[string]any{"MS.AAD.1.1v1": "9.5", "MS.AAD.7.1v1": "8.0", "EA.APP.01v1": "5.5", "EA.TEN.02v1": "2.0", "MS.AAD.8.1v1": nil} {
		if sev[id] != want {
			t.Errorf("security-severity of %s = %v, want %v", id, sev[id], want)
		}
	}
}

func TestSARIFFingerprintIgnoresLinesAndNames(t *testing.T) {
	a := decodeSARIF(t, sarifWriter{}, fixtureReport()).Runs[0].Results[0]
	moved := fixtureReport()
	moved.Controls[0].Findings[0].Location.Line = 40
	moved.Controls[0].Findings[0].Resource.Name = "renamed"
	moved.Controls[0].Findings[0].Message = "different words"
	b := decodeSARIF(t, sarifWriter{}, moved).Runs[0].Results[0]
	fa, fb := a.PartialFingerprints["primaryLocationLineHash"], b.PartialFingerprints["primaryLocationLineHash"]
	if fa == "" || fa != fb {
		t.Errorf("fingerprint changed with line/name/message: %q vs %q", fa, fb)
	}
	other := fixtureReport()
	other.Tenant.ID = "11111111-0000-4000-8000-000000000000"
	c := decodeSARIF(t, sarifWriter{}, other).Runs[0].Results[0]
	if c.PartialFingerprints["primaryLocationLineHash"] == fa {
		t.Errorf("fingerprint does not depend on the tenant")
	}
}

func TestSARIFURIs(t *testing.T) {
	cases := []struct{ dir, file, want string }{
		{"snapshots/contoso", "users/a b#1.yaml", "snapshots/contoso/users/a%20b%231.yaml"},
		{`snapshots\contoso`, `apps\x.yaml`, "snapshots/contoso/apps/x.yaml"},
		{"./snap/", "", "snap/manifest.yaml"},
		{"", "x.yaml", "x.yaml"},
		{"/abs/snap", "x.yaml", "x.yaml"},
		{`C:\work\snap`, "x.yaml", "x.yaml"},
		{"snap", "<img onerror=x>.yaml", "snap/%3Cimg%20onerror%3Dx%3E.yaml"},
	}
	for _, c := range cases {
		if got := snapshotURI(c.dir, c.file); got != c.want {
			t.Errorf("snapshotURI(%q, %q) = %q, want %q", c.dir, c.file, got, c.want)
		}
	}
	r := fixtureReport()
	r.SnapshotDir = "/home/runner/snap"
	r.Warnings = nil
	notes := decodeSARIF(t, sarifWriter{}, r).Runs[0].Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || !strings.Contains(notes[0].Message.Text, "absolute") {
		t.Errorf("no notification about the absolute snapshot directory: %+v", notes)
	}
}

func TestSARIFTagsCapped(t *testing.T) {
	c := fixtureReport().Controls[0]
	for i := 0; i < 30; i++ {
		c.Frameworks[fmt.Sprintf("fw%02d", i)] = []string{"X"}
	}
	if tags := ruleTags(c); len(tags) != sarifMaxTags || tags[0] != "security" {
		t.Errorf("tags = %d %v", len(tags), tags)
	}
}

// bigReport has n failing findings spread over severities.
func bigReport(n int) finding.Report {
	r := fixtureReport()
	base := r.Controls[:4] // the failing ones
	var controls []finding.Result
	for ci := 0; ci < 40; ci++ {
		c := base[ci%len(base)]
		c.ID = fmt.Sprintf("EA.BIG.%02dv1", ci)
		c.Findings = nil
		controls = append(controls, c)
	}
	for i := 0; i < n; i++ {
		c := &controls[i%len(controls)]
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)
		c.Findings = append(c.Findings, finding.Finding{
			Resource: finding.Resource{Type: "applications", ID: id, Name: "App number " + id},
			Location: &finding.Location{File: "applications/" + id + ".yaml", Line: 1 + i%50},
			Message:  "Application App number " + id + " has a secret that never expires.",
			Evidence: map[string]any{"endDateTime": "2099-01-01T00:00:00Z"},
		})
	}
	r.Controls = controls
	return r
}

func TestSARIFStaysWithinGitHubLimits(t *testing.T) {
	r := bigReport(30000)
	data := mustRender(t, sarifWriter{}, r)
	var doc sarifDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if len(run.Results) != sarifMaxResults {
		t.Errorf("results = %d, want capped at %d", len(run.Results), sarifMaxResults)
	}
	// The most severe results are kept: no critical finding may be dropped.
	criticalKept := 0
	for _, res := range run.Results {
		if res.Level == "error" {
			criticalKept++
		}
	}
	if criticalKept < 15000 { // half of 30,000 are critical/high
		t.Errorf("only %d error-level results kept", criticalKept)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) == 0 || !strings.Contains(notes[0].Message.Text, "30000 results exceed") {
		t.Errorf("truncation is not reported: %+v", notes)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	t.Logf("25,000 results: %d bytes, %d gzipped", len(data), gz.Len())
	if gz.Len() > 10<<20 {
		t.Errorf("gzipped SARIF is %d bytes, over GitHub's 10 MB", gz.Len())
	}
}
