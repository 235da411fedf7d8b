package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// fixtureIndex is three tenants: one with findings at or above its failOn
// and drift, one clean without a baseline, and one whose scan failed.
func fixtureIndex() finding.Index {
	evaluated := time.Date(2026, 11, 20, 6, 1, 30, 0, time.UTC)
	links := func(name string) []finding.ReportLink {
		return []finding.ReportLink{{Format: "json", Path: name + "/findings.json"},
			{Format: "html", Path: name + "/report.html"}, {Format: "markdown", Path: name + "/summary.md"}}
	}
	return finding.Index{
		SchemaVersion: finding.IndexSchemaVersion,
		Tool:          finding.Tool{Name: "entra-audit", Version: "0.1.0-test", InformationURI: "https://github.com/entra-audit/entra-audit"},
		Top:           3,
		Totals: finding.IndexTotals{Tenants: 3, OK: 1, Findings: 1, Failed: 1, Weakening: 2,
			Counts: finding.StatusCounts{Fail: 4, Error: 1, Waived: 1, Manual: 2, NotApplicable: 3, Pass: 19}},
		Tenants: []finding.TenantSummary{
			{
				Name:        "contoso",
				Tenant:      finding.Tenant{ID: "00000000-0000-4000-8000-00000000c0de", DefaultDomain: "contoso.com", DisplayName: "Contoso Ltd", Cloud: "global"},
				Outcome:     finding.OutcomeFindings,
				ExitCode:    1,
				FailOn:      finding.SeverityHigh,
				Counts:      finding.StatusCounts{Fail: 4, Error: 1, Waived: 1, Manual: 1, NotApplicable: 2, Pass: 9},
				EvaluatedAt: evaluated,
				Worst: []finding.WorstFinding{
					{Control: "MS.AAD.3.2v2", Severity: finding.SeverityCritical, Title: "MFA SHALL be enforced for all users",
						Object:  finding.Resource{Type: "conditionalAccess.policies", ID: "ab9099a4", Name: "CA002 Require MFA for all users"},
						Message: "CA002 excludes user Adele Vance, not declared in config."},
					{Control: "MS.AAD.7.1v1", Severity: finding.SeverityHigh, Title: "Two to eight Global Administrators",
						Message: "9 users hold Global Administrator."},
					{Control: "EA.APP.5v1", Severity: finding.SeverityMedium, Title: "App secrets expire",
						Object:  finding.Resource{Type: "applications", ID: "f00d", Name: "Payroll | Export"},
						Message: "Payroll | Export has a secret without an end date."},
				},
				FailingAll: 6,
				Drift:      &finding.DriftSummary{Changed: 3, Added: 1, Modified: 2, Weakening: 2, Weakened: []string{"MS.AAD.3.2v2", "MS.AAD.7.3v1"}},
				Reports:    links("contoso"),
			},
			{
				Name:        "fabrikam",
				Tenant:      finding.Tenant{ID: "11111111-0000-4000-8000-0000000fab00", DefaultDomain: "fabrikam.com", DisplayName: "Fabrikam"},
				Outcome:     finding.OutcomeOK,
				FailOn:      finding.SeverityCritical,
				Counts:      finding.StatusCounts{Manual: 1, NotApplicable: 1, Pass: 10},
				EvaluatedAt: evaluated,
				Worst:       []finding.WorstFinding{},
				Reports:     links("fabrikam"),
			},
			{
				Name:     "northwind",
				Outcome:  finding.OutcomeFailed,
				ExitCode: 3,
				Error:    "sign-in failed: tenant northwind.example, authority https://login.microsoftonline.com, credential secret: AADSTS7000215: Invalid client secret provided; nothing was read",
				Worst:    []finding.WorstFinding{},
				Reports:  []finding.ReportLink{},
			},
		},
	}
}

var indexRenderers = map[string]func(*bytes.Buffer, finding.Index) error{
	"index.json": func(b *bytes.Buffer, idx finding.Index) error { return IndexJSON(b, idx) },
	"index.md":   func(b *bytes.Buffer, idx finding.Index) error { return IndexMarkdown(b, idx) },
	"index.html": func(b *bytes.Buffer, idx finding.Index) error { return IndexHTML(b, idx) },
}

// TestIndexGolden renders the fixture index in each format and compares
// it with testdata/golden/index.*; rendering twice gives the same bytes.
func TestIndexGolden(t *testing.T) {
	for name, render := range indexRenderers {
		t.Run(name, func(t *testing.T) {
			var buf, again bytes.Buffer
			if err := render(&buf, fixtureIndex()); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s; if the change is intended run go test ./internal/report -run TestIndexGolden -update\n%s",
					name, path, firstDiff(buf.Bytes(), want))
			}
			if err := render(&again, fixtureIndex()); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("%s is not deterministic (%v)", name, err)
			}
		})
	}
}

// TestWriteIndexWritesThreeFiles: WriteIndex puts the three files side by
// side, each the same bytes as its renderer's.
func TestWriteIndexWritesThreeFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fleet")
	paths, err := WriteIndex(context.Background(), dir, fixtureIndex())
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("wrote %v", paths)
	}
	for _, p := range paths {
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := indexRenderers[filepath.Base(p)](&want, fixtureIndex()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s differs from its renderer's output", p)
		}
	}
}

// hostileIndex carries s in every string of the index a tenant, a policy
// or an error message controls.
func hostileIndex(s string) finding.Index {
	idx := fixtureIndex()
	for i := range idx.Tenants {
		tn := &idx.Tenants[i]
		tn.Tenant = finding.Tenant{ID: s, DefaultDomain: s, DisplayName: s, Cloud: s}
		if tn.Outcome == finding.OutcomeFailed {
			tn.Error = "sign-in failed: " + s
			continue
		}
		tn.Worst = append(tn.Worst, finding.WorstFinding{Control: s, Severity: finding.SeverityHigh, Title: s,
			Object: finding.Resource{Type: s, ID: s, Name: s}, Message: s})
		for j := range tn.Worst {
			tn.Worst[j].Object.Name = s
			tn.Worst[j].Message = "Object " + s + " fails."
		}
		if tn.Drift != nil {
			tn.Drift.Weakened = append(tn.Drift.Weakened, s)
		}
	}
	return idx
}

// ourIndexLink is a link index.md writes itself, to a tenant's report.
var ourIndexLink = regexp.MustCompile(`\[(?:findings\.json|report\.html|summary\.md)\]\([a-z0-9-]+/(?:findings\.json|report\.html|summary\.md)\)`)

var indexTags, indexAttrs = templateMarkup(indexTemplateText)

// checkIndex checks the three index files for one index: index.md and
// index.html as the other Markdown and HTML reports are checked, and
// index.json is valid, holds no character mustShow names raw and no raw
// angle bracket, and decodes to the index it was written from.
func checkIndex(t *testing.T, label string, idx finding.Index) {
	t.Helper()
	var md, page, js bytes.Buffer
	if err := IndexMarkdown(&md, idx); err != nil {
		t.Fatal(err)
	}
	if err := IndexHTML(&page, idx); err != nil {
		t.Fatal(err)
	}
	if err := IndexJSON(&js, idx); err != nil {
		t.Fatal(err)
	}
	checkMarkdown(t, label, "index.md", ourIndexLink.ReplaceAllString(md.String(), "report"))
	checkHTMLPage(t, label, page.String(), indexTags, indexAttrs, "</body>")
	if r := rawInvisible(js.String(), true); r >= 0 {
		t.Errorf("%s: index.json holds %U raw", label, r)
	}
	if strings.ContainsAny(js.String(), "<>") {
		t.Errorf("%s: index.json holds a raw angle bracket", label)
	}
	var back finding.Index
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatalf("%s: index.json: %v", label, err)
	}
	// Compared as decoded: invalid UTF-8 was U+FFFD in both.
	var direct finding.Index
	plain, _ := json.Marshal(idx)
	if err := json.Unmarshal(plain, &direct); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(direct)
	got, _ := json.Marshal(back)
	if !bytes.Equal(want, got) {
		t.Errorf("%s: index.json does not decode to the index it was written from", label)
	}
}

// TestHostileIndex renders the index with each string of the hostile
// corpus (and the XSS payloads) in every tenant-controlled field.
func TestHostileIndex(t *testing.T) {
	for i, s := range append(hostileCorpus(t), xssPayloads...) {
		checkIndex(t, fmt.Sprintf("string %d %q", i, s[:min(len(s), 40)]), hostileIndex(s))
		if t.Failed() {
			return // one string's failures are enough to read
		}
	}
	all := hostileIndex(strings.Join(xssPayloads, " "))
	var page bytes.Buffer
	if err := IndexHTML(&page, all); err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"<script", "<img", "<svg"} {
		if strings.Contains(page.String(), tag) {
			t.Errorf("index.html carries a payload as markup: %s", tag)
		}
	}
	if !strings.Contains(page.String(), `content="`+html.EscapeString(indexCSP)+`"`) || strings.Contains(indexCSP, "script-src") {
		t.Errorf("index.html lacks its CSP, or the CSP allows a script")
	}
}

// TestIndexMarkdownIsCutToFit: many tenants lose their worst findings
// first, then table rows, never the totals; the note names the index.
func TestIndexMarkdownIsCutToFit(t *testing.T) {
	idx := fixtureIndex()
	base := idx.Tenants[0]
	idx.Tenants = nil
	for i := range 400 {
		tn := base
		tn.Name = fmt.Sprintf("tenant-%03d", i)
		idx.Tenants = append(idx.Tenants, tn)
	}
	var b bytes.Buffer
	if err := indexMarkdownWithin(&b, idx, 40000); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if len(md) > 40000 || !strings.HasPrefix(md, "## entra-audit: ") || !strings.Contains(md, "index.html and index.json") {
		t.Errorf("cut index.md: %d bytes, head or note missing:\n%s", len(md), md[max(0, len(md)-300):])
	}
	if !strings.Contains(md, `| tenant\-000 |`) || strings.Contains(md, "### tenant-000: worst findings") {
		t.Errorf("the cut kept worst findings over table rows:\n%s", md[:min(len(md), 2000)])
	}
}

// TestJSONEscapeHidden: the escape is lossless and covers characters
// above the Basic Multilingual Plane with a surrogate pair.
func TestJSONEscapeHidden(t *testing.T) {
	in := "a\u202eb\U000e0041c\u200bd\u0085"
	b, _ := json.Marshal(in)
	out := jsonEscapeHidden(b)
	if want := `"a\u202eb\udb40\udc41c\u200bd\u0085"`; string(out) != want {
		t.Errorf("got %s, want %s", out, want)
	}
	var back string
	if err := json.Unmarshal(out, &back); err != nil || back != in {
		t.Errorf("round trip: %q, %v", back, err)
	}
}

// TestIndexHTMLInBrowser opens the index, and the index with the XSS
// payloads in every tenant field, in headless Chromium: no script runs,
// nothing is loaded, no CSP violation, no serious axe-core finding. Without
// the tools it skips, except under CI=true.
func TestIndexHTMLInBrowser(t *testing.T) {
	tmp := t.TempDir()
	render := func(idx finding.Index) []byte {
		var b bytes.Buffer
		if err := IndexHTML(&b, idx); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	plain := writeTemp(t, tmp, "index.html", render(fixtureIndex()))
	hostile := writeTemp(t, tmp, "hostile-index.html", render(hostileIndex(strings.Join(xssPayloads, " "))))
	results := runBrowser(t, []browserJob{
		{Kind: "check", File: plain, Screenshot: filepath.Join(screenshotDir(t), "index-fixture.png")},
		{Kind: "xss", File: hostile},
	})
	assertCleanPage(t, results[0])
	for _, v := range results[0].Axe {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("index.html: axe %s violation %s: %s %v", v.Impact, v.ID, v.Help, v.Nodes)
		}
	}
	x := results[1]
	if x.XSS || x.JavascriptLinks != 0 || x.InjectedElements != 0 {
		t.Errorf("hostile index.html: __xss=%v, %d javascript: links, %d injected elements", x.XSS, x.JavascriptLinks, x.InjectedElements)
	}
	assertCleanPage(t, x)
}
