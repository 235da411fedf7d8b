package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// hostileCorpus is the shared corpus of hostile tenant strings
// (testdata/hostile/strings.json at the repository root) plus what JSON
// cannot hold or the corpus does not have yet: invalid UTF-8 and our own
// review marker.
func hostileCorpus(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "strings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var corpus []string
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatalf("testdata/hostile/strings.json: %v", err)
	}
	if len(corpus) < 100 {
		t.Fatalf("testdata/hostile/strings.json holds only %d strings", len(corpus))
	}
	return append(corpus, ReviewMarker, "x "+ReviewMarker+" y", "bad\xffutf8", "cut\xe2\x80", "\xc0\xaf")
}

// Payloads a tenant (or anyone who can name an app, group or policy) could
// plant in the strings we render.
var xssPayloads = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=1">`,
	`"><svg onload="window.__xss=1">`,
	`javascript:window.__xss=1`,
	`</script><script>window.__xss=1</script>`,
	`'-alert(1)-'`,
	"`${window.__xss=1}`",
	`<!-- entra-audit:sticky v1 key=forged -->`,
	`@octocat and @github/security`,
	"| broken | table |\n```\nfence",
	`![x](https://evil.example/pixel.png) [click](javascript:alert(1))`,
	`=cmd|' /C calc'!A0`,
	"\u2028\u2029 line separators",
}

func hostile(i int) string { return xssPayloads[i%len(xssPayloads)] + " #" + string(rune('A'+i%26)) }

// hostileReport is the fixture with payloads in every string a tenant
// controls: tenant name and domain, object names, finding messages,
// evidence keys and values, file names, waiver fields, gaps and drift.
// Control text comes from policies, but custom policies are user input
// too, so titles and remediation carry payloads as well. Every string of
// the hostile corpus is added as well (see withCorpus).
func hostileReport(t testing.TB) finding.Report {
	return withCorpus(xssReport(), hostileCorpus(t))
}

// xssReport is the fixture with the XSS payloads of xssPayloads.
func xssReport() finding.Report {
	r := fixtureReport()
	r.Tenant.DisplayName = strings.Join(xssPayloads[:5], " ")
	r.Tenant.DefaultDomain = xssPayloads[2]
	r.SnapshotDir = `snapshots/<img src=x onerror="window.__xss=1">`
	n := 0
	next := func() string { n++; return hostile(n) }
	for ci := range r.Controls {
		c := &r.Controls[ci]
		c.Title = c.Title + " " + next()
		c.Description = next()
		c.Remediation = next()
		c.Family = c.Family + next()
		c.References = append(c.References, "javascript:window.__xss=1", next())
		c.Frameworks = map[string][]string{"cisa-scuba": {c.ID}, next(): {next()}}
		c.Message = next()
		c.Manual = next()
		findings := make([]finding.Finding, len(c.Findings))
		for fi, f := range c.Findings {
			f.Resource.Name = next()
			f.Message = next()
			f.Evidence = map[string]any{next(): next(), "nested": map[string]any{"list": []any{next(), 1, true}}}
			if f.Location != nil {
				loc := *f.Location
				loc.File = "applications/" + next() + ".yaml"
				f.Location = &loc
			}
			if f.Waiver != nil {
				w := *f.Waiver
				w.Owner, w.Reason, w.Ticket = next(), next(), next()
				f.Waiver = &w
			}
			findings[fi] = f
		}
		c.Findings = findings
		if c.Waiver != nil {
			w := *c.Waiver
			w.Owner, w.Reason, w.Ticket = next(), next(), next()
			c.Waiver = &w
		}
		for gi := range c.Gaps {
			c.Gaps[gi].Message = next()
		}
	}
	for i := range r.Collection {
		r.Collection[i].Message = next()
		r.Collection[i].Permission = next()
	}
	for i := range r.Drift.Changes {
		c := &r.Drift.Changes[i]
		c.Resource.Name = next()
		c.File = next()
		c.Diff = next() + "\n" + next()
		c.Fields = []finding.FieldChange{{Path: next(), Before: next(), After: next()}}
	}
	r.Warnings = append(r.Warnings, next())
	return r
}

// corpusControl is the failing control (EA.APP.01v1) that gets one
// offending object per corpus string.
const corpusControl = 2

// withCorpus adds every corpus string to r as an offending object of a
// failing control (name, message, evidence key and value, file, expired
// waiver), a collection entry, a drift change (name, file, field path and
// values, references, actor, diff) and a warning.
func withCorpus(r finding.Report, corpus []string) finding.Report {
	c := &r.Controls[corpusControl]
	c.Findings = append([]finding.Finding(nil), c.Findings...)
	when := time.Date(2026, 11, 14, 9, 12, 0, 0, time.UTC)
	for i, s := range corpus {
		id := fmt.Sprintf("corpus-%03d", i)
		c.Findings = append(c.Findings, finding.Finding{
			Resource: finding.Resource{Type: "applications", ID: id, Name: s},
			Location: &finding.Location{File: "applications/" + s + ".yaml", Line: i + 1},
			Message:  "Application " + s + " has a secret expiring 2099-01-01.",
			Evidence: map[string]any{s: s, "displayName": s},
			Waiver:   &finding.Waiver{Control: c.ID, ResourceIDs: []string{id}, Owner: s, Reason: s, Ticket: s, Expires: "2026-01-01", Expired: true},
		})
		r.Collection = append(r.Collection, finding.CollectionStatus{Resource: "corpus." + id, Status: "failed", Permission: s, Message: s, RequestID: s})
		r.Drift.Changes = append(r.Drift.Changes, finding.ObjectChange{
			Kind:     finding.ChangeModified,
			Resource: finding.Resource{Type: "groups", ID: id, Name: s},
			File:     "groups/" + s + ".yaml",
			Fields: []finding.FieldChange{
				{Path: "displayName", Before: s, After: "x" + s},
				{Path: s, Added: []finding.Ref{{Value: s, Name: s}}},
			},
			Attribution: &finding.Attribution{Status: finding.AttributionFound, Events: []finding.AuditEvent{{
				ID: id, Time: when, Activity: s, Actor: finding.Actor{Type: "user", ID: id, Name: s},
			}}},
			Diff: "--- baseline\n+++ live\n-displayName: " + s + "\n+displayName: x" + s + "\n",
		})
		r.Warnings = append(r.Warnings, "warning "+s)
	}
	return r
}

// corpusReview is a weakening review that carries s in every string the
// pull request or the tenant controls: tenant name, findings (object,
// message, file), drift, policy and configuration change texts.
func corpusReview(s string) *finding.Review {
	d := *withCorpus(fixtureReport(), []string{s}).Drift
	f := finding.ReviewFinding{Control: "MS.AAD.1.1v1", Title: "Legacy authentication SHALL be blocked " + s, Severity: finding.SeverityHigh,
		Status: finding.StatusFail, Resource: finding.Resource{Type: "applications", ID: "corpus", Name: s}, Message: "Message " + s,
		Location: &finding.Location{File: "applications/" + s + ".yaml", Line: 2}, File: "baselines/contoso/applications/" + s + ".yaml"}
	return &finding.Review{
		SchemaVersion: finding.ReviewSchemaVersion, Verdict: finding.VerdictWeakens,
		Base: finding.ReviewSide{Spec: "main:" + s, Commit: "8f56e2b52204aa", Path: "baselines"},
		Head: finding.ReviewSide{Spec: "HEAD:" + s, Path: "baselines"},
		Tenants: []finding.TenantReview{{
			Name: "contoso " + s, TenantID: s, Status: "changed",
			Introduced: []finding.ReviewFinding{f}, Resolved: []finding.ReviewFinding{f}, Kept: []finding.ReviewFinding{f},
			Drift: &d,
			PolicyChanges: &finding.PolicyChanges{Status: "evaluated", Changes: []finding.ControlChange{
				{Control: "MS.AAD.1.1v1", Kind: "relaxed", Text: "relaxes " + s}}},
		}},
		ConfigChanges: []finding.ConfigChange{{Kind: "waiver_added", Text: "waives " + s, Weakens: true}},
		Links: finding.ReviewLinks{ServerURL: "https://github.com", Repository: "contoso/tenant-config",
			HeadSHA: "0123456789abcdef0123456789abcdef01234567", RunURL: "https://github.com/contoso/tenant-config/actions/runs/1"},
	}
}

// rawInvisible returns the first character mustShow names that s holds
// raw (a line feed only when !newlines), or -1.
func rawInvisible(s string, newlines bool) rune {
	for _, r := range s {
		if mustShow(r) && (r != '\n' || !newlines) {
			return r
		}
	}
	return -1
}

// htmlTag is one tag as html/template and htmlTenant write them: a name
// and attributes whose values are double-quoted and hold no < or >.
var htmlTag = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:="[^"<>]*")?)*)\s*>`)

// ctlSpanRe is the whole of a span htmlTenant writes for a character.
var ctlSpanRe = regexp.MustCompile(`^<span class="ctl" title="U\+[0-9A-F]{4,6} [A-Z0-9 ()-]+">(\\u[0-9a-f]{4}|\\U[0-9a-f]{8})</span>`)

var (
	quotedValue = regexp.MustCompile(`"[^"]*"`)
	attrName    = regexp.MustCompile(`\s([a-zA-Z][a-zA-Z0-9-]*)`)
	inElement   = map[string]*regexp.Regexp{}
	headComment = regexp.MustCompile(`^<!-- entra-audit:head [0-9a-f]{40} -->$`)
	summaryLine = regexp.MustCompile("^<details><summary>(.*)</summary>$")
	fenceLine   = regexp.MustCompile("^`{3,}diff$")
	mention     = regexp.MustCompile(`@[A-Za-z0-9]`)
	tableBar    = regexp.MustCompile(`(^|[^\\])\|`)
	mdChecks    = []struct {
		what string
		bad  *regexp.Regexp
	}{
		{"raw HTML or a forged comment marker", regexp.MustCompile(`<[a-zA-Z!/?]`)},
		{"an image", regexp.MustCompile(`(^|[^\\])!\[`)},
		{"a link", regexp.MustCompile(`(^|[^\\])\]\(`)},
		{"a mention", mention},
		{"a code span or fence", regexp.MustCompile("(^|[^\\\\])`")},
		{"an autolink", regexp.MustCompile(`(?i)(https?|javascript|www\.)[:.]`)},
	}
	// templateTags and templateAttrs are the element and attribute names
	// html.tmpl itself writes; the body of a report may hold no others.
	templateTags, templateAttrs = templateMarkup(htmlTemplateText)
)

func init() {
	for _, el := range []string{"title", "option", "desc", "text"} {
		inElement[el] = regexp.MustCompile(`(?s)<` + el + `[ >](.*?)</` + el + `>`)
	}
}

func templateMarkup(text string) (tags, attrs map[string]bool) {
	tags, attrs = map[string]bool{"bdi": true}, map[string]bool{"class": true, "title": true}
	for _, m := range regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`).FindAllStringSubmatch(text, -1) {
		tags[strings.ToLower(m[1])] = true
		for _, a := range regexp.MustCompile(`\s([a-zA-Z][a-zA-Z0-9-]*)=`).FindAllStringSubmatch(m[2], -1) {
			attrs[strings.ToLower(a[1])] = true
		}
	}
	return tags, attrs
}

// checkHTML checks report.html: no character mustShow names anywhere but
// line feeds; in the body every < opens a tag of the template's own (so
// none comes from tenant data), with the template's attributes only; every
// marked span is well formed; and no markup inside <title> or <option>.
func checkHTML(t *testing.T, label, page string) {
	t.Helper()
	checkHTMLPage(t, label, page, templateTags, templateAttrs, "<script>")
}

// checkHTMLPage is checkHTML for a page of another template (its tags and
// attributes), whose body ends at bodyEnd.
func checkHTMLPage(t *testing.T, label, page string, tags, attrs map[string]bool, bodyEnd string) {
	t.Helper()
	if r := rawInvisible(page, true); r >= 0 {
		i := strings.IndexRune(page, r)
		t.Errorf("%s: the page holds %U raw: …%q…", label, r, page[max(0, i-60):min(len(page), i+20)])
	}
	start, end := strings.Index(page, "<body>"), strings.LastIndex(page, bodyEnd)
	if start < 0 || end < start {
		t.Fatalf("%s: no body", label)
	}
	body := page[start:end]
	bad := 0
	for i := 0; i < len(body) && bad < 5; i++ {
		if body[i] != '<' {
			continue
		}
		window := body[i:min(len(body), i+4096)] // no tag of ours is longer
		m := htmlTag.FindStringSubmatch(window)
		ok := m != nil && tags[strings.ToLower(m[2])]
		if ok {
			for _, a := range attrName.FindAllStringSubmatch(quotedValue.ReplaceAllString(m[3], `""`), -1) {
				ok = ok && attrs[strings.ToLower(a[1])]
			}
		}
		if ok && strings.HasPrefix(body[i:], `<span class="ctl"`) {
			ok = ctlSpanRe.MatchString(window)
		}
		if !ok {
			bad++
			t.Errorf("%s: markup the template does not write: …%q…", label, body[i:min(len(body), i+80)])
		}
	}
	for el, re := range inElement {
		for _, m := range re.FindAllStringSubmatch(page, -1) {
			if strings.Contains(m[1], "<") {
				t.Errorf("%s: markup inside <%s>: %q", label, el, m[1])
			}
		}
	}
}

// checkSARIF checks results.sarif: valid JSON; no string holds a character
// mustShow names (only the help texts, which are ours, hold line feeds).
func checkSARIF(t *testing.T, label string, data []byte) sarifDoc {
	t.Helper()
	var tree any
	if err := json.Unmarshal(data, &tree); err != nil {
		t.Fatalf("%s: results.sarif is not JSON: %v", label, err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(path+"/"+k, e)
			}
		case []any:
			for _, e := range v {
				walk(path+"[]", e)
			}
		case string:
			help := strings.HasSuffix(path, "/help/text") || strings.HasSuffix(path, "/help/markdown")
			if r := rawInvisible(v, help); r >= 0 {
				t.Errorf("%s: SARIF %s holds %U raw: %q", label, path, r, v[:min(len(v), 200)])
			}
		}
	}
	walk("", tree)
	var doc sarifDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkJUnit checks junit.xml: it parses, no tenant markup became an
// element, and no attribute or text holds a character mustShow names
// (only the multi-line texts, which are ours, hold line feeds).
func checkJUnit(t *testing.T, label string, data []byte) junitSuites {
	t.Helper()
	var doc junitSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: junit.xml does not parse: %v", label, err)
	}
	known := map[string]bool{"testsuites": true, "testsuite": true, "properties": true, "property": true, "testcase": true,
		"failure": true, "error": true, "skipped": true, "system-out": true}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: junit.xml token stream: %v", label, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !known[tok.Name.Local] {
				t.Errorf("%s: unexpected element <%s> in junit.xml", label, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if r := rawInvisible(a.Value, false); r >= 0 {
					t.Errorf("%s: junit.xml %s/@%s holds %U raw: %q", label, tok.Name.Local, a.Name.Local, r, a.Value[:min(len(a.Value), 200)])
				}
			}
		case xml.CharData:
			if r := rawInvisible(string(tok), true); r >= 0 {
				t.Errorf("%s: junit.xml text holds %U raw: %q", label, r, string(tok)[:min(len(tok), 200)])
			}
		}
	}
	return doc
}

// checkCSV checks action-plan.csv: it parses, and no cell can run as a
// formula or holds a character mustShow names.
func checkCSV(t *testing.T, label string, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: action-plan.csv does not parse: %v", label, err)
	}
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s: CSV row %d column %d would run as a formula: %q", label, i, j, cell)
			}
			if r := rawInvisible(cell, false); r >= 0 {
				t.Errorf("%s: CSV row %d column %d holds %U raw: %q", label, i, j, r, cell[:min(len(cell), 200)])
			}
		}
	}
	return rows
}

// ourLink is a link the review writes itself: to the reviewed commit, a
// file in it, or the run.
var ourLink = regexp.MustCompile(`\]\(https://github\.com/contoso/tenant-config/(?:(?:blob|commit)/[0-9a-f]{40}(?:/[A-Za-z0-9%._~$&+:=@-]*)*(?:#L[0-9]+)?|actions/runs/1)\)`)

// checkMarkdown checks a Markdown file (summary.md, drift.md, review.md):
// no character mustShow names raw but line feeds; the review marker only
// as review.md's first line; and, once the markup the writers add
// themselves is checked and taken out (the marker and head comment,
// <details><summary> lines, fenced diffs, our own links), no HTML,
// image, link, mention, code span or autolink is left, and every table
// row keeps its columns.
func checkMarkdown(t *testing.T, label, name, md string) {
	t.Helper()
	if r := rawInvisible(md, true); r >= 0 {
		i := strings.IndexRune(md, r)
		t.Errorf("%s: %s holds %U raw: …%q…", label, name, r, md[max(0, i-60):min(len(md), i+20)])
	}
	markers := 0
	if name == "review.md" {
		markers = 1
		if !strings.HasPrefix(md, ReviewMarker+"\n") {
			t.Errorf("%s: review.md does not start with the marker", label)
		}
	}
	if n := strings.Count(md, ReviewMarker); n != markers {
		t.Errorf("%s: %s holds the review marker %d times, want %d", label, name, n, markers)
	}
	summary := summaryLine
	lines := strings.Split(md, "\n")
	var rest []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case i == 0 && l == ReviewMarker && name == "review.md":
			continue
		case headComment.MatchString(l):
			continue
		case l == "</details>":
			continue
		case summary.MatchString(l):
			inner := summary.FindStringSubmatch(l)[1]
			if strings.ContainsAny(inner, "<>`") || mention.MatchString(inner) {
				t.Errorf("%s: %s: markup in a <summary>: %q", label, name, inner)
			}
			continue
		case fenceLine.MatchString(l):
			fence := strings.TrimSuffix(l, "diff")
			for i++; i < len(lines) && lines[i] != fence; i++ {
				if strings.HasPrefix(strings.TrimLeft(lines[i], " "), fence) {
					t.Errorf("%s: %s: a line inside a diff block closes its fence: %q", label, name, lines[i])
				}
			}
			if i == len(lines) {
				t.Errorf("%s: %s: a diff block is not closed", label, name)
			}
			continue
		}
		rest = append(rest, ourLink.ReplaceAllString(strings.ReplaceAll(l, "[`0123456789ab`]", "[commit]"), "]"))
	}
	text := strings.Join(rest, "\n")
	for _, c := range mdChecks {
		if loc := c.bad.FindStringIndex(text); loc != nil {
			t.Errorf("%s: %s contains %s near %q", label, name, c.what, text[max(0, loc[0]-40):min(len(text), loc[1]+40)])
		}
	}
	for _, line := range rest {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := len(tableBar.FindAllString(line, -1))
		if cells < 4 || (strings.HasPrefix(line, "|---") && cells != strings.Count(line, "|")) {
			t.Errorf("%s: %s: broken table row: %q", label, name, line[:min(len(line), 200)])
		}
	}
}

// TestHostileReportInEveryWriter renders the report that carries the
// whole corpus (and the XSS payloads) once per writer and checks each
// channel's rules, and that every corpus string is shown through its
// channel's escaping function where the writer shows it in full.
func TestHostileReportInEveryWriter(t *testing.T) {
	corpus := hostileCorpus(t)
	r := hostileReport(t)

	page := string(mustRender(t, htmlWriter{}, r))
	checkHTML(t, "hostile report", page)
	doc := checkSARIF(t, "hostile report", mustRender(t, sarifWriter{}, r))
	var messages strings.Builder
	for _, res := range doc.Runs[0].Results {
		if strings.Contains(res.Message.Text, "\n") {
			t.Errorf("a SARIF result message spans lines: %q", res.Message.Text)
		}
		messages.WriteString(res.Message.Text + "\x00")
	}
	suites := checkJUnit(t, "hostile report", mustRender(t, junitWriter{}, r))
	var failure string
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			if strings.HasPrefix(c.Name, r.Controls[corpusControl].ID+" ") && c.Failure != nil {
				failure = c.Failure.Text
			}
		}
	}
	names := map[string]bool{}
	for _, row := range checkCSV(t, "hostile report", mustRender(t, csvWriter{}, r))[1:] {
		names[row[7]] = true // resource_name
	}
	checkMarkdown(t, "hostile report", "summary.md", string(mustRender(t, markdownWriter{}, r)))
	var drift bytes.Buffer
	if err := DriftMarkdown(&drift, r.Drift); err != nil {
		t.Fatal(err)
	}
	checkMarkdown(t, "hostile report", "drift.md", drift.String())

	for i, s := range corpus {
		if strings.TrimSpace(s) == "" {
			continue // shown as the object's ID instead
		}
		if want := string(htmlTenant(s)); !strings.Contains(page, want) {
			t.Errorf("corpus %d %q: report.html lacks %q", i, clip(s, 60), clip(want, 200))
		}
		if want := sarifText("Application " + s + " has a secret"); !strings.Contains(messages.String(), want) {
			t.Errorf("corpus %d %q: no SARIF result message holds %q", i, clip(s, 60), clip(want, 200))
		}
		if want := "- " + junitText("Application "+s+" has a secret"); !strings.Contains(failure, want) {
			t.Errorf("corpus %d %q: the JUnit failure lacks %q", i, clip(s, 60), clip(want, 200))
		}
		if want := csvCell(s); !names[want] {
			t.Errorf("corpus %d %q: no CSV row names the object %q", i, clip(s, 60), clip(want, 200))
		}
	}
}

// TestHostileStringsOneByOne renders each corpus string alone in a report
// (tenant name, object name, message, evidence, drift) and in a review,
// through every writer, so a failure names the string, and the Markdown
// files, which are cut to size, show each one.
func TestHostileStringsOneByOne(t *testing.T) {
	for i, s := range hostileCorpus(t) {
		label := fmt.Sprintf("corpus %d %q", i, clip(s, 40))
		r := withCorpus(fixtureReport(), []string{s})
		r.Tenant.DisplayName = s
		f := &r.Controls[0].Findings[0]
		f.Resource.Name, f.Message = s, "Policy "+s+" blocks nothing."
		f.Evidence = map[string]any{s: s}
		r.Drift.Changes[0].Resource.Name = s
		r.Drift.Changes[0].Diff = "--- baseline\n+++ live\n-state: " + s + "\n+state: x" + s + "\n"

		checkHTML(t, label, string(mustRender(t, htmlWriter{}, r)))
		checkSARIF(t, label, mustRender(t, sarifWriter{}, r))
		checkJUnit(t, label, mustRender(t, junitWriter{}, r))
		checkCSV(t, label, mustRender(t, csvWriter{}, r))
		summary := string(mustRender(t, markdownWriter{}, r))
		checkMarkdown(t, label, "summary.md", summary)
		var drift, review bytes.Buffer
		if err := DriftMarkdown(&drift, r.Drift); err != nil {
			t.Fatal(err)
		}
		checkMarkdown(t, label, "drift.md", drift.String())
		if err := ReviewMarkdown(&review, corpusReview(s)); err != nil {
			t.Fatal(err)
		}
		checkMarkdown(t, label, "review.md", review.String())

		if strings.TrimSpace(s) == "" {
			continue
		}
		for name, md := range map[string]string{"summary.md": summary, "drift.md": drift.String(), "review.md": review.String()} {
			if want := mdCell(s); !strings.Contains(md, want) {
				t.Errorf("%s: %s lacks the name as %q", label, name, want)
			}
		}
	}
}

// TestChannelEscapes pins what each channel writes for a few characters.
func TestChannelEscapes(t *testing.T) {
	const s = "invoice\u202egpj.exe \x1b[31m \u200b\ufeff\u0085\u2028 \U000e0041 a\tb\nc <&> bad\xff"
	if got, want := sarifText(s), `invoice\u202egpj.exe \u001b[31m \u200b\ufeff\u0085\u2028 \U000e0041 a\u0009b\u000ac <&> bad`+"\ufffd"; got != want {
		t.Errorf("sarifText = %q, want %q", got, want)
	}
	if junitText(s) != sarifText(s) || csvCell(s) != sarifText(s) || htmlTenantText(s) != sarifText(s) {
		t.Errorf("the plain-text channels disagree: %q %q %q", junitText(s), csvCell(s), htmlTenantText(s))
	}
	if got := sarifText(sarifText(s)); got != sarifText(s) {
		t.Errorf("sarifText is not idempotent: %q", got)
	}
	if got, want := string(htmlTenant("invoice\u202egpj.exe <b>")), `<bdi>invoice<span class="ctl" title="U+202E RIGHT-TO-LEFT OVERRIDE">\u202e</span>gpj.exe &lt;b&gt;</bdi>`; got != want {
		t.Errorf("htmlTenant = %q, want %q", got, want)
	}
	if got, want := string(htmlTenantBlock("-a\x07\n\n+b\r")), "<bdi>-a"+ctlSpan(7)+"</bdi>\n\n<bdi>+b"+ctlSpan('\r')+"</bdi>"; got != want {
		t.Errorf("htmlTenantBlock = %q, want %q", got, want)
	}
	if got, want := mdEscape("a\x1bb\u202ec\nd"), `a\u001bb\u202ec\u000ad`; got != want {
		t.Errorf("mdEscape = %q, want %q", got, want)
	}
	if got, want := mdHTMLText("a\x1b<b>\u2066"), `a\u001b&lt;b&gt;\u2066`; got != want {
		t.Errorf("mdHTMLText = %q, want %q", got, want)
	}
	if got := mdCodeBlock("diff", "+x\u200by\u061c\n-z\t")[1]; got != "+x\\u200by\\u061c\n-z\\u0009" {
		t.Errorf("mdCodeBlock = %q", got)
	}
	for _, r := range []rune{'a', ' ', 'é', '\u00a0', '\ufffd', '\ufe0f', '\u05e9', '\U0001f510', '\ue000'} {
		if mustShow(r) {
			t.Errorf("mustShow(%U) = true: visible text would be escaped", r)
		}
	}
	for _, r := range []rune{0, '\t', '\n', 0x7f, 0x9f, '\u00ad', '\u061c', '\u180e', '\u200b', '\u200d', '\u200e', '\u202a', '\u202e', '\u2028', '\u2060', '\u2066', '\u2069', '\u3164', '\ufeff', '\ufffe', '\uffff', '\U000e0041', '\U0010ffff'} {
		if !mustShow(r) {
			t.Errorf("mustShow(%U) = false", r)
		}
	}
}

// TestControlTextKeepsItsLineBreaksAsSpaces: a policy author's wrapped
// lines read as one paragraph in every writer, while a line feed in a
// tenant string is shown, and other characters in control text still are.
func TestControlTextKeepsItsLineBreaksAsSpaces(t *testing.T) {
	if got := prose("a\nb\r\nc"); got != "a b c" {
		t.Errorf("prose = %q", got)
	}
	r := fixtureReport()
	r.Controls[0].Remediation = "Block legacy\nauthentication\x1b now."
	r.Controls[0].Findings[0].Resource.Name = "two\nlines"
	page := string(mustRender(t, htmlWriter{}, r))
	if !strings.Contains(page, "<bdi>Block legacy authentication"+ctlSpan(0x1b)+" now.</bdi>") || !strings.Contains(page, "<bdi>two"+ctlSpan('\n')+"lines</bdi>") {
		t.Errorf("report.html does not fold the remediation's line break or does not show the name's")
	}
	sarif := string(mustRender(t, sarifWriter{}, r))
	if !strings.Contains(sarif, `Remediation: Block legacy authentication\\u001b now.`) || !strings.Contains(sarif, `two\\u000alines`) {
		t.Errorf("results.sarif does not fold the remediation's line break or does not show the name's")
	}
	for name, w := range map[string]Writer{"junit": junitWriter{}, "csv": csvWriter{}} {
		if out := string(mustRender(t, w, r)); !strings.Contains(out, `Block legacy authentication\u001b now.`) {
			t.Errorf("%s does not fold the remediation's line break", name)
		}
	}
}
