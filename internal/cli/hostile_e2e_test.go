package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// TestHostileTenantEndToEnd names the demo tenant's objects (organization,
// Conditional Access policies, named locations, users, groups, service
// principals) with strings of the hostile corpus, serves it with the fake
// Graph and runs the whole chain: scan against the committed baseline
// (snapshot, audit, every report, drift, attribution), review, and the
// sticky PR comment. Every channel must stay inert: files only inside
// --out, no raw control character and no workflow command on the
// terminal, no markup from tenant data in Markdown, valid JSON and SARIF,
// the comment's marker exactly once.
func TestHostileTenantEndToEnd(t *testing.T) {
	names := hostileSelection(t)
	tn, used := hostileTenant(t, names)
	token := fakeJWT("Policy.Read.All")
	srv := httptest.NewServer(graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: token}))
	defer srv.Close()

	work := t.TempDir()
	out := filepath.Join(work, "out")
	env := map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": token}
	code, stdout, stderr := runCLI(t, env, "scan", "--graph-url", srv.URL, "--baseline", demoBaselineDir, "--out", out,
		"--config", "../../internal/demo/entra-audit.yaml", "--evaluation-time", fixedTime)
	if code != ExitOK {
		t.Fatalf("scan of the hostile tenant: exit %d\n%s", code, stderr)
	}
	terminalIsInert(t, "scan", stdout+stderr)

	// Nothing outside --out.
	entries, _ := os.ReadDir(work)
	if len(entries) != 1 || entries[0].Name() != "out" {
		t.Errorf("scan wrote beside --out: %v", entries)
	}
	// The strings survive exactly into findings.json's drift (names of changed objects).
	findings, err := os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Drift struct {
			Changes []struct {
				Resource struct{ Name string }
			}
		}
	}
	if err := json.Unmarshal(findings, &rep); err != nil {
		t.Fatalf("findings.json: %v", err)
	}
	seen := map[string]bool{}
	for _, c := range rep.Drift.Changes {
		seen[c.Resource.Name] = true
	}
	survived := 0
	for _, n := range used {
		if seen[n] {
			survived++
		}
	}
	if survived == 0 {
		t.Errorf("no hostile name reached the drift by its exact text (of %d used)", len(used))
	}
	for _, f := range []string{"results.sarif", "findings.json"} {
		b, _ := os.ReadFile(filepath.Join(out, f))
		if !json.Valid(b) {
			t.Errorf("%s is not valid JSON", f)
		}
	}
	summary, _ := os.ReadFile(filepath.Join(out, "summary.md"))
	markdownIsInert(t, "summary.md", string(summary))
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	// Escaped, the payloads are text; raw, they would be markup.
	for _, n := range used {
		if strings.ContainsAny(n, "<>\"'&") && bytes.Contains(html, []byte(n)) {
			t.Errorf("report.html carries the tenant string %q unescaped", n[:min(len(n), 60)])
		}
	}
	rawControls(t, "report.html", string(html), "\n\t")

	// The review of the hostile snapshot against the baseline, and its comment.
	rv := filepath.Join(work, "review")
	code, stdout, stderr = runCLI(t, nil, "review", "--base", demoBaselineDir, "--head", filepath.Join(out, "snapshot"),
		"--config", "../../internal/demo/entra-audit.yaml", "--evaluation-time", fixedTime, "--out", rv)
	if code != ExitOK {
		t.Fatalf("review: exit %d\n%s", code, stderr)
	}
	terminalIsInert(t, "review", stdout+stderr)
	body, err := os.ReadFile(filepath.Join(rv, "review.md"))
	if err != nil {
		t.Fatal(err)
	}
	markdownIsInert(t, "review.md", string(body))
	if n := strings.Count(string(body), ReviewMarkerForTest); n != 1 {
		t.Errorf("review.md carries the marker %d times", n)
	}

	gh, ghEnv := githubFake(t)
	code, _, stderr = runCLI(t, ghEnv, "github", "comment", "--pr", "5", "--body-file", filepath.Join(rv, "review.md"))
	if code != ExitOK {
		t.Fatalf("github comment: exit %d\n%s", code, stderr)
	}
	terminalIsInert(t, "github comment", stderr)
	comments := gh.Comments("octo/cfg", 5)
	if len(comments) != 1 {
		t.Fatalf("%d comments posted, want 1", len(comments))
	}
	if n := strings.Count(comments[0].Body, "<!-- entra-audit:"); n != 2 { // the sticky marker and review.md's own
		t.Errorf("the posted comment carries %d entra-audit markers, want 2 (sticky + review)", n)
	}
	markdownIsInert(t, "the posted comment", comments[0].Body)
}

// hostileSelection picks corpus strings that cover each class of attack,
// then others, as many as the demo has names to give.
func hostileSelection(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../testdata/hostile/strings.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus []string
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatal(err)
	}
	var picked []string
	taken := map[int]bool{}
	for _, needle := range []string{"\x1b", "\x07", "\r", "\n::", "::error", "\x00", "\u202e", "\u200b", "\ufeff", "<script", "<img", "@", "![",
		"<!--", "../", "`", "|", "javascript:", "\u2028", "\x9b", "\u0085"} {
		for i, s := range corpus {
			if !taken[i] && strings.Contains(s, needle) {
				picked, taken[i] = append(picked, s), true
				break
			}
		}
	}
	for i, s := range corpus {
		if !taken[i] && utf8.RuneCountInString(s) > 1000 {
			picked, taken[i] = append(picked, s), true
			break
		}
	}
	for i := 0; i < len(corpus); i += 7 {
		if !taken[i] {
			picked, taken[i] = append(picked, corpus[i]), true
		}
	}
	return picked
}

// hostileTenant is the demo tenant with displayName of the objects of a
// few collections replaced by names, one each; it returns the names used.
func hostileTenant(t *testing.T, names []string) (*graphtest.Tenant, []string) {
	t.Helper()
	targets := map[string][]string{
		"tenant.json":            {"/v1.0/organization"},
		"conditionalaccess.json": {"/v1.0/identity/conditionalAccess/policies", "/v1.0/identity/conditionalAccess/namedLocations"},
		"principals.json":        {"/v1.0/users", "/v1.0/groups"},
		"apps.json":              {"/v1.0/servicePrincipals"},
	}
	files := fstest.MapFS{}
	err := fs.WalkDir(demo.Fixtures, demo.FixturesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(demo.Fixtures, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var used []string
	next := 0
	for file, paths := range targets {
		name := path.Join(demo.FixturesDir, file)
		dec := json.NewDecoder(bytes.NewReader(files[name].Data))
		dec.UseNumber()
		var entries []map[string]any
		if err := dec.Decode(&entries); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			for _, p := range paths {
				if e["path"] != p {
					continue
				}
				items, _ := e["value"].([]any)
				for _, it := range items {
					obj, _ := it.(map[string]any)
					if _, ok := obj["displayName"]; ok && next < len(names) {
						obj["displayName"] = names[next]
						used = append(used, names[next])
						next++
					}
				}
			}
		}
		b, err := json.Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: b}
	}
	if len(used) < 20 {
		t.Fatalf("only %d names placed", len(used))
	}
	tn, err := graphtest.LoadTenantFS(files, demo.FixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	return tn, used
}

// terminalIsInert: no raw control character (but newline), no C1, bidi or
// separator character, and no line a GitHub Actions runner would execute.
func terminalIsInert(t *testing.T, what, text string) {
	t.Helper()
	rawControls(t, what+" output", text, "\n")
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "::") {
			t.Errorf("%s prints a workflow command line: %q", what, line[:min(len(line), 80)])
		}
	}
}

// rawControls reports characters a reader cannot see or that drive a terminal.
func rawControls(t *testing.T, what, text, allowed string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("%s is not valid UTF-8", what)
	}
	for i, r := range text {
		bad := (r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') ||
			(r >= '\u2066' && r <= '\u2069')) && !strings.ContainsRune(allowed, r)
		if bad {
			t.Errorf("%s holds a raw %U near %q", what, r, text[max(0, i-30):min(len(text), i+30)])
			return
		}
	}
}

// markdownIsInert: outside the tool's own diff blocks and links, no HTML,
// image, link, mention or emphasis from tenant data, and no raw control.
func markdownIsInert(t *testing.T, what, md string) {
	t.Helper()
	outside := withoutDiffBlocksAndLinks(t, md)
	outside = regexp.MustCompile(`<!-- entra-audit:[a-z0-9-]+ -->`).ReplaceAllString(outside, "")
	for name, bad := range map[string]*regexp.Regexp{
		"raw HTML":  regexp.MustCompile(`<[a-zA-Z!/]`),
		"a mention": regexp.MustCompile(`@[A-Za-z0-9]`),
		"an image":  regexp.MustCompile(`(^|[^\\])!\[`),
		"a link":    regexp.MustCompile(`(^|[^\\])\]\((?:[^o]|o[^w])`), // our own links were replaced by "(own link)"
	} {
		if loc := bad.FindStringIndex(outside); loc != nil {
			t.Errorf("%s carries %s near %q", what, name, outside[max(0, loc[0]-40):min(len(outside), loc[1]+40)])
		}
	}
	rawControls(t, what, md, "\n")
}
