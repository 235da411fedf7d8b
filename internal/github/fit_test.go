package github_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/github"
)

func TestGitHubFitLeavesABodyWithinTheLimitAlone(t *testing.T) {
	body := "## a\n" + strings.Repeat("é", 100)
	if got := github.FitComment(body, 105, ""); got != body {
		t.Errorf("a body of 105 characters (205 bytes) changed under a 105-character limit")
	}
	if got := github.FitSummary(body, 205, ""); got != body {
		t.Errorf("a 205-byte body changed under a 205-byte limit")
	}
	if got := github.FitSummary(body, 204, ""); got == body {
		t.Errorf("a 205-byte body kept under a 204-byte limit")
	}
}

func TestGitHubFitDropsWholeSectionsFromTheEnd(t *testing.T) {
	body := "<!-- entra-audit:review -->\n# Review\n\n## Summary\nok\n\n" +
		"### Failing controls (2)\n" + strings.Repeat("row\n", 50) +
		"```diff\n## inside a fence, not a section\n```\n" +
		"<details><summary>Changed <b>CA001</b> (conditionalAccess/ca1.yaml)</summary>\n\n### nested, not a section\n</details>\n\n" +
		"### @admins [click](javascript:alert(1)) <img src=x>\n" + strings.Repeat("x", 400) + "\n"
	limit := utf8.RuneCountInString(body) - 100
	got := github.FitComment(body, limit, "https://github.example/o/r/actions/runs/1")
	if n := utf8.RuneCountInString(got); n > limit {
		t.Fatalf("%d characters over %d", n, limit)
	}
	// Only the last section had to go, and only it is named.
	keep := body[:strings.Index(body, "### @admins")]
	if !strings.HasPrefix(got, keep) {
		t.Errorf("kept text differs:\n%s", got)
	}
	note := got[len(keep):]
	want := "> [!NOTE]\n> 1 section was cut to fit GitHub's comment limit: @&#8203;admins \\[click\\]\\(javascript\\:alert\\(1\\)\\). " +
		"The full report is at <https://github.example/o/r/actions/runs/1>.\n"
	if note != want {
		t.Errorf("note\n%q\nwant\n%q", note, want)
	}

	// Tighter: the <details> block goes whole, named by its summary.
	got = github.FitComment(body, utf8.RuneCountInString(body[:strings.Index(body, "<details>")])+250, "")
	if !strings.Contains(got, "2 sections were cut to fit GitHub's comment limit: Changed CA001 \\(conditionalAccess/ca1.yaml\\); @&#8203;admins") ||
		strings.Contains(got, "<details>") || !strings.Contains(got, "## inside a fence") {
		t.Errorf("got\n%s", got)
	}
	if !strings.Contains(got, "The full report is in this run's artifacts.") {
		t.Errorf("no artifacts pointer:\n%s", got)
	}
	// An unsafe report URL is not linked.
	if got := github.FitComment(body, limit, "javascript:alert(1)"); strings.Contains(got, "javascript:alert(1)>") {
		t.Errorf("unsafe URL linked:\n%s", got)
	}
}

func TestGitHubFitKeepsTheFirstSectionEvenWhenAllElseGoes(t *testing.T) {
	body := "<!-- entra-audit:review -->\n## Summary\nshort\n\n## Findings\n" + strings.Repeat("f", 5000) + "\n## Drift\nd\n"
	got := github.FitComment(body, 400, "")
	if !strings.HasPrefix(got, "<!-- entra-audit:review -->\n## Summary\nshort\n\n> [!NOTE]\n> 2 sections were cut") {
		t.Errorf("got\n%s", got)
	}
}

func TestGitHubFitShortensAnOversizedFirstSectionAtALine(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!-- entra-audit:review -->\n## Summary\n```\n")
	for range 2000 {
		b.WriteString("a line of the first section\n")
	}
	b.WriteString("```\n## Next\nmore\n")
	got := github.FitComment(b.String(), 10000, "")
	if n := utf8.RuneCountInString(got); n > 10000 || n < 9000 {
		t.Fatalf("%d characters", n)
	}
	if !strings.HasPrefix(got, "<!-- entra-audit:review -->\n## Summary\n```\na line") ||
		!strings.Contains(got, "a line of the first section\n\n```\n\n> [!NOTE]\n> This report was shortened and 1 section was cut to fit GitHub's comment limit: Next.") {
		t.Errorf("got ...%s", got[len(got)-300:])
	}
	// Not even the note fits: nothing, rather than something over the limit.
	if got := github.FitComment(b.String(), 20, ""); got != "" {
		t.Errorf("got %q", got)
	}
}

func TestGitHubFitManySectionsAreNamedBriefly(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Head\n## First\n")
	for i := range 500 {
		b.WriteString("### " + strings.Repeat("long heading ", 20) + string(rune('A'+i%26)) + "\n" + strings.Repeat("z", 100) + "\n")
	}
	got := github.FitComment(b.String(), 3000, "")
	if n := utf8.RuneCountInString(got); n > 3000 {
		t.Fatalf("%d characters", n)
	}
	if !strings.Contains(got, "; and ") || !strings.Contains(got, " more. The full report") || !strings.Contains(got, " l…; long") {
		t.Errorf("note %s", got[strings.Index(got, "> [!NOTE]"):])
	}
}

func TestGitHubMarkerNames(t *testing.T) {
	for name, ok := range map[string]bool{
		"review": true, "review-contoso-prod": true, "drift.v2_x": true,
		"review-" + strings.Repeat("a", 63): true, strings.Repeat("a", 129): false,
		"": false, "-x": false, "x -->": false, "x>": false, "a b": false,
	} {
		if github.ValidMarker(name) != ok {
			t.Errorf("ValidMarker(%q) = %v", name, !ok)
		}
	}
	if got := github.WithMarker("a\n<!-- entra-audit:r -->\nb", "r"); got != "<!-- entra-audit:r -->\na\nb" {
		t.Errorf("WithMarker moved nothing: %q", got)
	}
}
