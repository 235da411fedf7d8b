package report

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// markdownMaxBytes keeps summary.md under GitHub's 65,536-character PR
// comment limit with room for a sticky-comment marker, and far under the
// 1 MiB job-summary limit.
const markdownMaxBytes = 60000

// markdownMaxCell caps each tenant-supplied value (before escaping).
const markdownMaxCell = 300

// markdownWriter writes summary.md for $GITHUB_STEP_SUMMARY and PR
// comments. Every tenant string goes through mdEscape.
type markdownWriter struct {
	maxBytes int // zero: markdownMaxBytes; tests lower it
}

func (markdownWriter) Name() string     { return "markdown" }
func (markdownWriter) FileName() string { return "summary.md" }

func (m markdownWriter) Write(_ context.Context, w io.Writer, r finding.Report) error {
	limit := m.maxBytes
	if limit <= 0 {
		limit = markdownMaxBytes
	}
	head, body := markdownLines(r)
	_, err := io.WriteString(w, fitLines(head, body, limit))
	return err
}

// fitLines joins head and body, dropping body lines from the end when the
// result would exceed limit bytes, and says so with a pointer to the full
// report. Cutting on line boundaries never splits an escape or a table row.
func fitLines(head, body []string, limit int) string {
	return fitLinesNote(head, body, limit,
		"The full report is in report.html, with every finding in findings.json and results.sarif, in this run's artifacts.")
}

// fitLinesNote is fitLines with the notice's pointer to the full report.
func fitLinesNote(head, body []string, limit int, fullReport string) string {
	all := strings.Join(append(append([]string{}, head...), body...), "\n") + "\n"
	if len(all) <= limit {
		return all
	}
	var b strings.Builder
	for _, l := range head {
		b.WriteString(l + "\n")
	}
	reserve := 400 // the notice below
	size, kept := b.Len(), 0
	safe := blockBoundaries(body)
	for i, l := range body {
		if size+len(l)+1+reserve > limit {
			break
		}
		size += len(l) + 1
		if safe[i+1] {
			kept = i + 1 // never cut inside a collapsible block or a code fence
		}
	}
	for _, l := range body[:kept] {
		b.WriteString(l + "\n")
	}
	fmt.Fprintf(&b, "\n> [!WARNING]\n> This summary was cut to fit %d bytes: %d more lines are not shown. %s\n",
		limit, len(body)-kept, fullReport)
	return b.String()
}

// blockBoundaries marks the places between lines (index i: before line
// i) that are outside every <details> block and code fence, where a
// Markdown document can be cut without leaving one open.
func blockBoundaries(lines []string) []bool {
	safe := make([]bool, len(lines)+1)
	fence, depth := "", 0
	safe[0] = true
	for i, l := range lines {
		switch {
		case fence != "":
			if strings.TrimRight(l, " ") == fence {
				fence = ""
			}
		case strings.HasPrefix(l, "```"):
			fence = strings.TrimRight(l, "abcdefghijklmnopqrstuvwxyz")
		case strings.HasPrefix(l, "<details>"):
			depth++
		case l == "</details>":
			depth = max(0, depth-1)
		}
		safe[i+1] = fence == "" && depth == 0
	}
	return safe
}

// markdownLines renders the summary as lines: head is always kept, body
// is in priority order (failing controls first) for truncation.
func markdownLines(r finding.Report) (head, body []string) {
	t := r.Tenant
	name := firstNonEmpty(t.DisplayName, t.DefaultDomain, t.ID)
	head = append(head, "## entra-audit: "+mdCell(name), "")
	var who []string
	if t.DefaultDomain != "" && t.DefaultDomain != name {
		who = append(who, mdCell(t.DefaultDomain))
	}
	if t.ID != "" {
		who = append(who, "tenant "+mdCell(t.ID))
	}
	if t.Cloud != "" {
		who = append(who, "cloud "+mdCell(t.Cloud))
	}
	if len(who) > 0 {
		head = append(head, strings.Join(who, " · ")+"  ")
	}
	head = append(head, fmt.Sprintf("Evaluated %s with %s %s (snapshot collected %s)",
		mdTime(r.EvaluatedAt), mdCell(firstNonEmpty(r.Tool.Name, "entra-audit")), mdCell(r.Tool.Version), mdTime(r.CollectedAt)), "")

	counts := r.Counts()
	var parts []string
	for _, s := range statusOrder() {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s **%d %s**", statusIcon(s), counts[s], statusLabel(s)))
		}
	}
	head = append(head, strings.Join(parts, " · ")+fmt.Sprintf(" of %d controls", len(r.Controls)), "")

	failing := failingByRisk(r)
	if len(failing) == 0 {
		head = append(head, "No failing controls.", "")
	} else {
		body = append(body, fmt.Sprintf("### Failing controls (%d)", len(failing)), "",
			"| Severity | Control | Title | Objects |", "|---|---|---|---|")
		for _, c := range failing {
			body = append(body, fmt.Sprintf("| %s | %s | %s | %s |",
				severityLabel(c.Severity), mdCell(c.ID), mdCell(prose(c.Title)), mdObjects(c)))
		}
		body = append(body, "")
	}
	if errs := controlsWith(r, finding.StatusError); len(errs) > 0 {
		body = append(body, fmt.Sprintf("### Not evaluated (%d)", len(errs)), "")
		for _, c := range errs {
			body = append(body, fmt.Sprintf("- %s %s: %s", mdCell(c.ID), mdCell(prose(c.Title)), mdCell(c.Message)))
		}
		body = append(body, "")
	}
	if g := gaps(r); len(g) > 0 {
		body = append(body, "### Collection gaps", "", "| Resource | Status | Needs |", "|---|---|---|")
		for _, c := range g {
			body = append(body, fmt.Sprintf("| %s | %s | %s |", mdCell(c.Resource), mdCell(c.Status), mdCell(gapNeed(c))))
		}
		body = append(body, "")
	}
	if r.Drift != nil {
		body = append(body, driftMarkdown(r.Drift, "###")...)
	}
	if ws := waivers(r); len(ws) > 0 {
		body = append(body, "### Waivers", "", "| Control | Object | Owner | Expires | Reason |", "|---|---|---|---|---|")
		for _, w := range ws {
			expires := mdCell(w.Waiver.Expires)
			if w.Waiver.Expired {
				expires += " (expired)"
			}
			body = append(body, fmt.Sprintf("| %s | %s | %s | %s | %s |", mdCell(w.Control),
				mdCell(firstNonEmpty(w.Resource, "all")), mdCell(w.Waiver.Owner), expires, mdCell(w.Waiver.Reason)))
		}
		body = append(body, "")
	}
	for _, warn := range r.Warnings {
		body = append(body, "> "+mdCell(warn))
	}
	if len(r.Warnings) > 0 {
		body = append(body, "")
	}
	body = append(body, "Full report: report.html · machine-readable: findings.json, results.sarif")
	return head, body
}

// mdCell escapes one value and caps it, so one absurdly long name cannot
// eat the whole size budget or push the head of the summary over it.
func mdCell(s string) string { return mdEscape(clip(s, markdownMaxCell)) }

// mdObjects names up to three offending objects of a control.
func mdObjects(c finding.Result) string {
	fs := activeFindings(c)
	if len(fs) == 0 {
		return "tenant"
	}
	var names []string
	for i, f := range fs {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(fs)-3))
			break
		}
		names = append(names, mdCell(firstNonEmpty(f.Resource.Name, f.Resource.ID, f.Resource.Type)))
	}
	return strings.Join(names, ", ")
}

func controlsWith(r finding.Report, s finding.Status) []finding.Result {
	var out []finding.Result
	for _, c := range r.Controls {
		if c.Status == s {
			out = append(out, c)
		}
	}
	return out
}

func statusIcon(s finding.Status) string {
	switch s {
	case finding.StatusFail:
		return "❌"
	case finding.StatusError:
		return "⚠️"
	case finding.StatusWaived:
		return "⏸️"
	case finding.StatusManual:
		return "✋"
	case finding.StatusNotApplicable:
		return "➖"
	case finding.StatusPass:
		return "✅"
	}
	return "❓"
}

func mdTime(t time.Time) string {
	if t.IsZero() {
		return "unknown time"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
