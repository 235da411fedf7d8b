package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestMarkdownEscapesTenantStrings(t *testing.T) {
	md := withoutDiffBlocks(t, string(mustRender(t, markdownWriter{}, hostileReport(t))))
	checks := []struct {
		name string
		bad  *regexp.Regexp
	}{
		{"raw HTML or a forged comment marker", regexp.MustCompile(`<[a-zA-Z!/]`)},
		{"an image", regexp.MustCompile(`(^|[^\\])!\[`)},
		{"a link", regexp.MustCompile(`(^|[^\\])\]\(`)},
		{"a mention", regexp.MustCompile(`@[A-Za-z0-9]`)},
		{"a code span or fence", regexp.MustCompile("(^|[^\\\\])`")},
		{"an autolink", regexp.MustCompile(`(?i)(https?|javascript):`)},
	}
	for _, c := range checks {
		if loc := c.bad.FindStringIndex(md); loc != nil {
			t.Errorf("summary.md contains %s near %q", c.name, md[max(0, loc[0]-30):min(len(md), loc[1]+30)])
		}
	}
	// Every table row must keep its column count despite pipes and newlines in values.
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1))
		header := strings.Count(line, "|")
		if cells < 4 || (strings.HasPrefix(line, "|---") && cells != header) {
			t.Errorf("broken table row: %q", line)
		}
	}
	// The escaped text is still there for people to read.
	if !strings.Contains(md, `&lt;script&gt;window.\_\_xss=1&lt;/script&gt;`) {
		t.Errorf("tenant name missing or mangled:\n%s", md[:400])
	}
}

func TestMdEscapeCases(t *testing.T) {
	cases := map[string]string{
		"@octocat":        "@&#8203;octocat",
		"a|b":             `a\|b`,
		"<!-- x -->":      `&lt;\!\-\- x \-\-&gt;`,
		"![i](u)":         `\!\[i\]\(u\)`,
		"```":             "\\`\\`\\`",
		"line1\nline2":    `line1\u000aline2`,
		"a\x1bb\u202ec":   `a\u001bb\u202ec`,
		"https://e.x":     `https\://e.x`,
		"&lt;":            "&amp;lt;",
		"plain words 1.2": "plain words 1.2",
	}
	for in, want := range cases {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownTruncatesHugeReports(t *testing.T) {
	r := bigReport(100)
	for i := range r.Controls {
		r.Controls[i].ID = fmt.Sprintf("EA.HUGE.%04dv1", i)
	}
	for len(r.Controls) < 3000 {
		c := r.Controls[len(r.Controls)%40]
		c.ID = fmt.Sprintf("EA.HUGE.%04dv1", len(r.Controls))
		r.Controls = append(r.Controls, c)
	}
	md := mustRender(t, markdownWriter{}, r)
	if len(md) > markdownMaxBytes {
		t.Fatalf("summary.md is %d bytes, over %d", len(md), markdownMaxBytes)
	}
	if len(md) < markdownMaxBytes-2000 {
		t.Errorf("summary.md is only %d bytes: truncation wastes the budget", len(md))
	}
	s := string(md)
	if !strings.Contains(s, "This summary was cut") || !strings.Contains(s, "report.html") {
		t.Errorf("truncated summary does not say so or point at the full report:\n%s", s[len(s)-500:])
	}
	if !strings.HasPrefix(s, "## entra-audit") || !strings.Contains(s, "of 3000 controls") {
		t.Errorf("head of the summary lost")
	}
	// A small report is not truncated.
	if small := string(mustRender(t, markdownWriter{}, fixtureReport())); strings.Contains(small, "was cut") {
		t.Errorf("fixture summary was truncated")
	}
}

func TestMarkdownCapsHugeValues(t *testing.T) {
	r := fixtureReport()
	r.Tenant.DisplayName = strings.Repeat("<@x>|", 50000)
	r.Controls[0].Title = strings.Repeat("T", 200000)
	md := mustRender(t, markdownWriter{}, r)
	if len(md) > markdownMaxBytes {
		t.Fatalf("summary.md is %d bytes with huge values", len(md))
	}
	if !strings.Contains(string(md), "EA.TEN.02v1") {
		t.Errorf("a huge title pushed the other failing controls out of the summary")
	}
}

// diffSummary is the opening line of one collapsible drift diff.
var diffSummary = regexp.MustCompile("^<details><summary>([^<>]*)</summary>$")

// withoutDiffBlocks removes the markup summary.md writes itself around
// drift diffs (<details>, <summary> and a fenced block) after checking it
// cannot be subverted: the summary text holds no markup, and no line
// inside a block can close its fence or carries a raw control character.
// What remains is held to the rules for tenant text.
func withoutDiffBlocks(t *testing.T, md string) string {
	t.Helper()
	lines := strings.Split(md, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		m := diffSummary.FindStringSubmatch(lines[i])
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		if strings.ContainsAny(m[1], "`") || regexp.MustCompile(`@[A-Za-z0-9]`).MatchString(m[1]) {
			t.Errorf("diff summary carries markup: %q", m[1])
		}
		i += 2 // the blank line, then the fence
		fence := strings.TrimSuffix(lines[i], "diff")
		if len(fence) < 3 || strings.Trim(fence, "`") != "" {
			t.Fatalf("no fence after %q: %q", lines[i-2], lines[i])
		}
		for i++; i < len(lines) && lines[i] != fence; i++ {
			if strings.HasPrefix(strings.TrimLeft(lines[i], " "), fence) {
				t.Errorf("a line inside the diff block closes its fence: %q", lines[i])
			}
			for _, r := range lines[i] {
				if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
					t.Errorf("raw control character %U inside a diff block: %q", r, lines[i])
				}
			}
		}
		if i+2 >= len(lines) || lines[i+2] != "</details>" {
			t.Fatalf("diff block for %q is not closed", m[1])
		}
		i += 2
	}
	return strings.Join(out, "\n")
}

func TestMdCodeBlockCannotBeClosedFromInside(t *testing.T) {
	text := " displayName: x\n```\n   ````` \n+\x1b[31mred\u202e\n"
	block := mdCodeBlock("diff", text)
	if block[0] != "``````diff" || block[2] != "``````" {
		t.Errorf("fence = %q / %q, want six backticks (one more than the longest run)", block[0], block[2])
	}
	if strings.ContainsAny(block[1], "\x1b\u202e") || !strings.Contains(block[1], `\u001b[31mred\u202e`) {
		t.Errorf("control characters not shown as escapes: %q", block[1])
	}
}

// TestFitLinesNeverCutsInsideABlock: the size limit cuts between blocks,
// never inside a collapsible diff or a code fence.
func TestFitLinesNeverCutsInsideABlock(t *testing.T) {
	var body []string
	for i := range 50 {
		body = append(body, fmt.Sprintf("<details><summary>change %d</summary>", i), "", "```diff")
		for range 20 {
			body = append(body, "-state: enabled", "+state: disabled")
		}
		body = append(body, "```", "", "</details>", "")
	}
	for _, limit := range []int{3000, 5000, 7777, 12345} {
		out := fitLines([]string{"## head", ""}, body, limit)
		if len(out) > limit {
			t.Errorf("limit %d: %d bytes", limit, len(out))
		}
		if strings.Count(out, "<details>") != strings.Count(out, "</details>") || strings.Count(out, "```")%2 != 0 {
			t.Errorf("limit %d: a block was cut open:\n%s", limit, out[max(0, len(out)-300):])
		}
		if !strings.Contains(out, "This summary was cut") {
			t.Errorf("limit %d: no notice", limit)
		}
	}
}
