package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path"

	"github.com/entra-audit/entra-audit/internal/finding"
)

//go:embed index.tmpl
var indexTemplateText string

// indexTemplate prints report data only through the tenant functions of
// htmlFuncs, as report.html does (html_tenant.go).
var indexTemplate = template.Must(template.New("index.html").Funcs(htmlFuncs).Parse(indexTemplateText))

// indexCSP is report.html's policy without a script: the index has none,
// so none may run, and nothing may be loaded.
const indexCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

// IndexHTML writes index.html: one self-contained page (inline CSS, no
// script, no network) with a line per tenant and links to its reports.
func IndexHTML(w io.Writer, idx finding.Index) error {
	if err := indexTemplate.Execute(w, buildIndexView(idx)); err != nil {
		return fmt.Errorf("render HTML index: %w", err)
	}
	return nil
}

type indexView struct {
	CSP      string
	Tool     finding.Tool
	Top      int
	Total    int
	Outcomes []statusCount // Status holds the outcome
	Counts   []statusCount
	Statuses []option
	Tenants  []indexTenant
	Failed   []indexTenant
	Weakened int
}

type indexTenant struct {
	Anchor      string
	Name        string
	Directory   string // display name and domain
	TenantID    string // when the directory is named otherwise
	Outcome     string
	ExitCode    int
	Result      string
	Error       string
	EvaluatedAt string
	Counts      []int
	Drift       *finding.DriftSummary
	Reports     []indexLink
	Worst       []indexFinding
	FailingAll  int
}

// indexLink is a tenant's report file, relative to the index; html/template
// escapes it as a URL (a path that looks like another scheme is refused).
type indexLink struct{ Text, Path string }

type indexFinding struct {
	Severity, SeverityLabel, Control, Title, Object, ObjectType, Message string
}

func buildIndexView(idx finding.Index) indexView {
	tot := idx.Totals
	v := indexView{CSP: indexCSP, Tool: idx.Tool, Top: idx.Top, Total: tot.Tenants, Weakened: tot.Weakening}
	for _, o := range []struct {
		outcome string
		n       int
	}{{finding.OutcomeOK, tot.OK}, {finding.OutcomeFindings, tot.Findings}, {finding.OutcomeFailed, tot.Failed}} {
		label := outcomeLabel(o.outcome)
		if o.outcome == finding.OutcomeFindings {
			label = "with findings at or above their failOn"
		}
		v.Outcomes = append(v.Outcomes, statusCount{Status: o.outcome, Label: label, Count: o.n})
	}
	for _, s := range finding.Statuses() {
		v.Statuses = append(v.Statuses, option{Value: statusKey(s), Label: statusLabel(s)})
		v.Counts = append(v.Counts, statusCount{Status: statusKey(s), Label: statusLabel(s), Count: tot.Counts.Of(s)})
	}
	for i, t := range idx.Tenants {
		it := indexTenant{Anchor: fmt.Sprintf("tenant-%d", i+1), Name: t.Name, Directory: directoryText(t.Tenant),
			Outcome: t.Outcome, ExitCode: t.ExitCode, Result: resultText(t), Error: t.Error,
			Drift: t.Drift, FailingAll: t.FailingAll}
		if it.Directory != t.Tenant.ID {
			it.TenantID = t.Tenant.ID
		}
		if !t.EvaluatedAt.IsZero() {
			it.EvaluatedAt = htmlTime(t.EvaluatedAt)
		}
		if t.Outcome != finding.OutcomeFailed {
			for _, s := range finding.Statuses() {
				it.Counts = append(it.Counts, t.Counts.Of(s))
			}
		}
		for _, r := range t.Reports {
			it.Reports = append(it.Reports, indexLink{Text: path.Base(r.Path), Path: r.Path})
		}
		for _, f := range t.Worst {
			it.Worst = append(it.Worst, indexFinding{Severity: string(f.Severity), SeverityLabel: severityLabel(f.Severity),
				Control: f.Control, Title: prose(f.Title), Object: worstObject(f.Object), ObjectType: f.Object.Type, Message: f.Message})
		}
		v.Tenants = append(v.Tenants, it)
		if t.Outcome == finding.OutcomeFailed {
			v.Failed = append(v.Failed, it)
		}
	}
	return v
}

// directoryText names the tenant as its directory does, for the page.
func directoryText(t finding.Tenant) string {
	switch {
	case t.DisplayName != "" && t.DefaultDomain != "":
		return t.DisplayName + " (" + t.DefaultDomain + ")"
	case t.DisplayName != "" || t.DefaultDomain != "":
		return t.DisplayName + t.DefaultDomain
	}
	return t.ID
}
