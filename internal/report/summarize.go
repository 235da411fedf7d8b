package report

import (
	"sort"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Helpers shared by the human-readable formats (HTML, Markdown, JUnit, CSV).

// statusLabel is the display name of a status.
func statusLabel(s finding.Status) string {
	switch s {
	case finding.StatusPass:
		return "pass"
	case finding.StatusFail:
		return "fail"
	case finding.StatusNotApplicable:
		return "not applicable"
	case finding.StatusManual:
		return "manual"
	case finding.StatusError:
		return "error"
	case finding.StatusWaived:
		return "waived"
	}
	return "unknown"
}

// statusOrder lists every status a report can hold, unknown last, so a
// result nobody set is still counted and shown.
func statusOrder() []finding.Status {
	return append(finding.Statuses(), finding.StatusUnknown)
}

// failingByRisk returns the failing controls, most severe first, keeping
// the engine's order within a severity.
func failingByRisk(r finding.Report) []finding.Result {
	var out []finding.Result
	for _, c := range r.Controls {
		if c.Status == finding.StatusFail {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity.Rank() > out[j].Severity.Rank() })
	return out
}

// activeFindings are the findings of a control not covered by an active
// waiver (expired waivers count as not covering).
func activeFindings(c finding.Result) []finding.Finding {
	var out []finding.Finding
	for _, f := range c.Findings {
		if f.Waiver != nil && !f.Waiver.Expired {
			continue
		}
		out = append(out, f)
	}
	return out
}

// waiverRow is one waiver with what it covers.
type waiverRow struct {
	Control  string
	Resource string // empty: the whole control
	Waiver   finding.Waiver
}

// waivers lists whole-control and per-finding waivers in report order.
func waivers(r finding.Report) []waiverRow {
	var out []waiverRow
	for _, c := range r.Controls {
		if c.Waiver != nil {
			out = append(out, waiverRow{Control: c.ID, Waiver: *c.Waiver})
		}
		for _, f := range c.Findings {
			if f.Waiver != nil {
				out = append(out, waiverRow{Control: c.ID, Resource: firstNonEmpty(f.Resource.Name, f.Resource.ID), Waiver: *f.Waiver})
			}
		}
	}
	return out
}

// gaps lists collection statuses that are not "collected".
func gaps(r finding.Report) []finding.CollectionStatus {
	var out []finding.CollectionStatus
	for _, c := range r.Collection {
		if c.Status != "collected" {
			out = append(out, c)
		}
	}
	return out
}

// gapNeed says what would close a collection gap.
func gapNeed(g finding.CollectionStatus) string {
	switch {
	case g.Permission != "" && g.License != "":
		return "permission " + g.Permission + ", licence " + g.License
	case g.Permission != "":
		return "permission " + g.Permission
	case g.License != "":
		return "licence " + g.License
	}
	return ""
}
