package fleet

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// DefaultTop is how many findings the index keeps per tenant.
const DefaultTop = 5

// Options shape the index.
type Options struct {
	Top      int          // findings kept per tenant; zero or less: DefaultTop
	Tool     finding.Tool // the program writing the index
	IndexDir string       // the index's folder: report links are relative to it
}

// Build summarises the tenants, sorted by name.
func Build(tenants []Scanned, opts Options) finding.Index {
	top := opts.Top
	if top <= 0 {
		top = DefaultTop
	}
	idx := finding.Index{SchemaVersion: finding.IndexSchemaVersion, Tool: opts.Tool, Top: top,
		Tenants: make([]finding.TenantSummary, 0, len(tenants))}
	for _, s := range tenants {
		idx.Tenants = append(idx.Tenants, summarize(s, top, opts.IndexDir))
	}
	slices.SortFunc(idx.Tenants, func(a, b finding.TenantSummary) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range idx.Tenants {
		tot := &idx.Totals
		tot.Tenants++
		switch t.Outcome {
		case finding.OutcomeOK:
			tot.OK++
		case finding.OutcomeFindings:
			tot.Findings++
		default:
			tot.Failed++
		}
		tot.Counts = tot.Counts.Plus(t.Counts)
		if t.Drift != nil {
			tot.Weakening += t.Drift.Weakening
		}
	}
	return idx
}

// summarize is one tenant's line. A tenant whose folder lacks a readable
// findings.json, holds a broken file, or whose scan.json says the scan
// failed, is failed: its counts would be missing or stale (a failed scan
// leaves the previous run's reports in place).
func summarize(s Scanned, top int, indexDir string) finding.TenantSummary {
	t := finding.TenantSummary{Name: s.Name, Worst: []finding.WorstFinding{}, Reports: []finding.ReportLink{}}
	if s.Result != nil {
		t.ExitCode, t.FailOn, t.Error = s.Result.ExitCode, s.Result.FailOn, OneLine(s.Result.Error)
	}
	switch {
	case s.Problem != "":
		t.Error = OneLine(s.Problem)
	case s.Report == nil && t.Error == "":
		t.Error = "no " + FindingsFile + ": the scan did not finish (its log says why)"
	}
	if s.Report == nil || s.Problem != "" || t.ExitCode > 1 {
		t.Outcome = finding.OutcomeFailed
		if t.ExitCode < 2 {
			t.ExitCode = 3 // the CLI's runtime error: nothing says it was a usage error
		}
		return t
	}
	t.Error = ""
	t.Outcome = finding.OutcomeOK
	if t.ExitCode == 1 {
		t.Outcome = finding.OutcomeFindings
	}
	rep := s.Report
	t.Tenant, t.EvaluatedAt = rep.Tenant, rep.EvaluatedAt
	for _, c := range rep.Controls {
		t.Counts.Add(c.Status, 1)
	}
	all := failing(rep.Controls)
	t.FailingAll = len(all)
	t.Worst = all[:min(top, len(all))]
	t.Drift = summarizeDrift(s.Drift)
	for _, r := range s.Reports {
		t.Reports = append(t.Reports, finding.ReportLink{Format: r.Format, Path: link(indexDir, s.Dir, r.Path)})
	}
	return t
}

// failing lists every failing finding not covered by an active waiver
// (a control that fails for the whole tenant is one, without an object),
// most severe first, then by control, object and message.
func failing(controls []finding.Result) []finding.WorstFinding {
	var out []finding.WorstFinding
	for _, c := range controls {
		if c.Status != finding.StatusFail {
			continue
		}
		n := 0
		for _, f := range c.Findings {
			if f.Waiver != nil && !f.Waiver.Expired {
				continue
			}
			out = append(out, finding.WorstFinding{Control: c.ID, Severity: c.Severity, Title: c.Title,
				Object: f.Resource, Message: f.Message})
			n++
		}
		if n == 0 {
			out = append(out, finding.WorstFinding{Control: c.ID, Severity: c.Severity, Title: c.Title, Message: c.Message})
		}
	}
	slices.SortStableFunc(out, func(a, b finding.WorstFinding) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			strings.Compare(a.Control, b.Control),
			strings.Compare(a.Object.Name, b.Object.Name),
			strings.Compare(a.Object.ID, b.Object.ID),
			strings.Compare(a.Message, b.Message))
	})
	return out
}

// summarizeDrift counts a drift; nil stays nil (no baseline).
func summarizeDrift(d *finding.Drift) *finding.DriftSummary {
	if d == nil {
		return nil
	}
	s := &finding.DriftSummary{Changed: len(d.Changes), Weakened: []string{}}
	for _, c := range d.Changes {
		switch c.Kind {
		case finding.ChangeAdded:
			s.Added++
		case finding.ChangeRemoved:
			s.Removed++
		default:
			s.Modified++
		}
		if len(c.Weakens) > 0 {
			s.Weakening++
			s.Weakened = append(s.Weakened, c.Weakens...)
		}
	}
	slices.Sort(s.Weakened)
	s.Weakened = slices.Compact(s.Weakened)
	for _, r := range d.Resources {
		if r.Status == finding.ResourceNotComparable {
			s.NotComparable++
		}
	}
	return s
}

// link is file (relative to dir) as a slash path relative to indexDir;
// absolute when no relative path leads there.
func link(indexDir, dir, file string) string {
	path := filepath.Join(dir, file)
	if rel, err := filepath.Rel(indexDir, path); err == nil {
		return filepath.ToSlash(rel)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return filepath.ToSlash(path)
}

// maxError caps a tenant's error line.
const maxError = 400

// OneLine is an error message as the index shows it: one line (line
// breaks become "; "), at most maxError characters.
func OneLine(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\r\n") {
		var parts []string
		for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if l = strings.TrimSpace(l); l != "" {
				parts = append(parts, l)
			}
		}
		s = strings.Join(parts, "; ")
	}
	if utf8.RuneCountInString(s) > maxError {
		s = string([]rune(s)[:maxError-1]) + "…"
	}
	return s
}
