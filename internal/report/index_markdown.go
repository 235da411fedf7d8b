package report

import (
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// indexMarkdownMaxBytes bounds index.md: half the 1 MiB job summary, so a
// few hundred tenants fit with room for the steps around it.
const indexMarkdownMaxBytes = 512 << 10

// IndexMarkdown writes index.md, the job summary across tenants. Every
// string from a tenant (names, domains, objects, messages, errors) goes
// through mdCell.
func IndexMarkdown(w io.Writer, idx finding.Index) error {
	return indexMarkdownWithin(w, idx, indexMarkdownMaxBytes)
}

func indexMarkdownWithin(w io.Writer, idx finding.Index, limit int) error {
	head, body := indexMarkdownLines(idx)
	_, err := io.WriteString(w, fitLinesNote(head, body, limit,
		"Every tenant's line is in index.html and index.json, in this run's artifacts."))
	return err
}

// indexMarkdownLines: head is the totals, body in priority order for
// truncation: failed scans, the tenants table, then each tenant's worst
// findings.
func indexMarkdownLines(idx finding.Index) (head, body []string) {
	tot := idx.Totals
	head = append(head, "## entra-audit: "+plural(tot.Tenants, "tenant"), "")
	var outcomes []string
	for _, o := range []struct {
		n           int
		outcome, in string
	}{
		{tot.OK, finding.OutcomeOK, "ok"},
		{tot.Findings, finding.OutcomeFindings, "with findings at or above their failOn"},
		{tot.Failed, finding.OutcomeFailed, "failed"},
	} {
		if o.n > 0 {
			outcomes = append(outcomes, fmt.Sprintf("%s **%d %s**", outcomeIcon(o.outcome), o.n, o.in))
		}
	}
	if len(outcomes) > 0 {
		head = append(head, strings.Join(outcomes, " · ")+"  ")
	}
	var counts []string
	for _, s := range finding.Statuses() {
		if n := tot.Counts.Of(s); n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d %s", statusIcon(s), n, statusLabel(s)))
		}
	}
	if len(counts) > 0 {
		head = append(head, "Controls across tenants: "+strings.Join(counts, " · ")+"  ")
	}
	if tot.Weakening > 0 {
		head = append(head, "Drift: **"+plural(tot.Weakening, "change")+" made a control fail**")
	}
	head = append(head, "")

	var failed []finding.TenantSummary
	for _, t := range idx.Tenants {
		if t.Outcome == finding.OutcomeFailed {
			failed = append(failed, t)
		}
	}
	if len(failed) > 0 {
		body = append(body, fmt.Sprintf("### Failed scans (%d)", len(failed)), "")
		for _, t := range failed {
			body = append(body, fmt.Sprintf("- **%s** (exit %d): %s", mdCell(t.Name), t.ExitCode, mdCell(t.Error)))
		}
		body = append(body, "")
	}
	if len(idx.Tenants) > 0 {
		body = append(body, "### Tenants", "",
			"| Tenant | Directory | Result | Fail | Error | Waived | Manual | N/A | Pass | Changed | Weakening | Reports |",
			"|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
		for _, t := range idx.Tenants {
			body = append(body, indexMarkdownRow(t))
		}
		body = append(body, "")
	}
	for _, t := range idx.Tenants {
		if len(t.Worst) == 0 {
			continue
		}
		body = append(body, fmt.Sprintf("### %s: worst findings (%d of %d)", mdCell(t.Name), len(t.Worst), t.FailingAll), "",
			"| Severity | Control | Object | Finding |", "|---|---|---|---|")
		for _, f := range t.Worst {
			body = append(body, fmt.Sprintf("| %s | %s %s | %s | %s |", severityLabel(f.Severity), mdCell(f.Control),
				mdCell(prose(f.Title)), mdCell(worstObject(f.Object)), mdCell(f.Message)))
		}
		body = append(body, "")
	}
	return head, body
}

func indexMarkdownRow(t finding.TenantSummary) string {
	cells := []string{mdCell(t.Name), mdDirectory(t.Tenant), indexResult(t)}
	if t.Outcome == finding.OutcomeFailed {
		cells = append(cells, "", "", "", "", "", "", "", "") // six statuses, two drift counts
	} else {
		for _, s := range finding.Statuses() {
			cells = append(cells, fmt.Sprint(t.Counts.Of(s)))
		}
		if d := t.Drift; d != nil {
			cells = append(cells, fmt.Sprint(d.Changed), fmt.Sprint(d.Weakening))
		} else {
			cells = append(cells, "no baseline", "")
		}
	}
	var links []string
	for _, r := range t.Reports {
		// The three a reader opens; index.html links every format.
		if r.Format == "html" || r.Format == "markdown" || r.Format == "json" {
			links = append(links, mdPathLink(path.Base(r.Path), r.Path))
		}
	}
	cells = append(cells, strings.Join(links, " · "))
	return "| " + strings.Join(cells, " | ") + " |"
}

// mdDirectory names the tenant as its directory does.
func mdDirectory(t finding.Tenant) string {
	return mdCell(firstNonEmpty(directoryText(t), "unknown"))
}

// indexResult is a tenant's outcome in words, with its exit code and, for
// findings, the threshold they reached.
func indexResult(t finding.TenantSummary) string {
	return outcomeIcon(t.Outcome) + " " + resultText(t)
}

// resultText is indexResult without the icon (the page colours its badge).
func resultText(t finding.TenantSummary) string {
	label := outcomeLabel(t.Outcome)
	if t.Outcome == finding.OutcomeFindings && t.FailOn != "" {
		label += " ≥ " + severityLabel(t.FailOn)
	}
	return fmt.Sprintf("%s (exit %d)", label, t.ExitCode)
}

// outcomeLabel is the display name of a scan outcome.
func outcomeLabel(o string) string {
	switch o {
	case finding.OutcomeOK:
		return "ok"
	case finding.OutcomeFindings:
		return "findings"
	}
	return "failed"
}

func outcomeIcon(outcome string) string {
	switch outcome {
	case finding.OutcomeOK:
		return "✅"
	case finding.OutcomeFindings:
		return "❌"
	}
	return "💥"
}

// worstObject names a finding's object; a control failing for the whole
// tenant has none.
func worstObject(r finding.Resource) string {
	if name := firstNonEmpty(r.Name, r.ID); name != "" {
		return name
	}
	return "tenant-wide"
}

// plainPath is a link target Markdown cannot misread: letters, digits and
// . _ / - only (no scheme, spaces, brackets or parentheses).
var plainPath = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)

// mdPathLink links a report file by its relative path, or names it as
// text when the path could break the link.
func mdPathLink(label, p string) string {
	if plainPath.MatchString(p) && plainPath.MatchString(label) {
		return "[" + label + "](" + p + ")"
	}
	return mdCell(p)
}
