package report

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Drift as text: the Markdown section shared by summary.md (audit with a
// baseline) and drift.md, and the one-line descriptions of field changes
// that the HTML report uses too. Every tenant string goes through the
// channel's escaping function (mdCell, mdHTMLText, mdCodeBlock).

// driftMaxValue caps a before/after value shown inline.
const driftMaxValue = 120

// driftMarkdown renders the drift section: the headline, resources that
// could not be compared, one table row per change (what changed, who), and
// a collapsible diff per changed object. Lines come in priority order so
// that fitLines cuts the diffs first.
func driftMarkdown(d *finding.Drift, level string) []string {
	if d == nil {
		return nil
	}
	out := []string{level + " Drift from the baseline", "", driftHeadline(d), ""}
	var notComparable []string
	for _, r := range d.Resources {
		if r.Status != finding.ResourceCompared {
			notComparable = append(notComparable, fmt.Sprintf("%s (%s)", r.Resource, r.Reason))
		}
	}
	if len(notComparable) > 0 {
		out = append(out, "> [!WARNING]", "> Not comparable, so not checked for drift: "+mdCell(strings.Join(notComparable, "; ")), "")
	}
	if a := d.Attribution; a != nil && a.Message != "" {
		out = append(out, "> "+mdCell(a.Message), "")
	}
	if len(d.Changes) == 0 {
		return out
	}
	out = append(out, "| Change | Object | What changed | Who |", "|---|---|---|---|")
	for _, c := range d.Changes {
		out = append(out, fmt.Sprintf("| %s | %s (%s) | %s | %s |", c.Kind, mdCell(firstNonEmpty(c.Resource.Name, c.Resource.ID)),
			mdCell(c.Resource.Type), mdCell(strings.Join(changeSummary(c), "; ")), mdCell(attributionText(c.Attribution))))
	}
	out = append(out, "")
	for _, c := range d.Changes {
		if c.Diff == "" {
			continue
		}
		out = append(out, fmt.Sprintf("<details><summary>%s %s (%s)</summary>", c.Kind,
			mdHTMLText(firstNonEmpty(c.Resource.Name, c.Resource.ID)), mdHTMLText(c.File)), "")
		out = append(out, mdCodeBlock("diff", c.Diff)...)
		out = append(out, "", "</details>", "")
	}
	return out
}

// driftHeadline says how much changed between which two collections.
func driftHeadline(d *finding.Drift) string {
	var added, removed, modified int
	for _, c := range d.Changes {
		switch c.Kind {
		case finding.ChangeAdded:
			added++
		case finding.ChangeRemoved:
			removed++
		default:
			modified++
		}
	}
	since := fmt.Sprintf("Baseline %s (collected %s) → snapshot collected %s: ", mdCell(d.Baseline.Dir),
		mdTime(d.Baseline.CollectedAt), mdTime(d.Snapshot.CollectedAt))
	if len(d.Changes) == 0 {
		return since + "**no drift**."
	}
	return since + fmt.Sprintf("**%d changed objects** (%d modified, %d added, %d removed).", len(d.Changes), modified, added, removed)
}

// changeSummary describes a change in a few phrases: "state: enabled →
// disabled", "conditions.users.excludeUsers + Isaiah Langer", and the
// controls it weakens.
func changeSummary(c finding.ObjectChange) []string { return withWeakens(c, changeWhat(c)) }

// changeWhat is changeSummary without the weakened controls.
func changeWhat(c finding.ObjectChange) []string {
	switch c.Kind {
	case finding.ChangeAdded:
		return []string{"new object"}
	case finding.ChangeRemoved:
		return []string{"deleted"}
	}
	var out []string
	for _, f := range c.Fields {
		out = append(out, fieldSummary(f))
	}
	return out
}

func withWeakens(c finding.ObjectChange, parts []string) []string {
	if w := weakensText(c); w != "" {
		return append(parts, w)
	}
	return parts
}

// weakensText names the controls a change made fail ("" for none).
func weakensText(c finding.ObjectChange) string {
	if len(c.Weakens) == 0 {
		return ""
	}
	return "weakens " + strings.Join(c.Weakens, ", ")
}

func fieldSummary(f finding.FieldChange) string {
	if len(f.Added) > 0 || len(f.Removed) > 0 {
		var parts []string
		for _, r := range f.Added {
			parts = append(parts, "+ "+refText(r))
		}
		for _, r := range f.Removed {
			parts = append(parts, "− "+refText(r))
		}
		return f.Path + " " + strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%s: %s → %s", f.Path, valueText(f.Before), valueText(f.After))
}

func refText(r finding.Ref) string {
	if r.Name != "" {
		return r.Name
	}
	return valueText(r.Value)
}

// valueText shows a value briefly: strings as they are, others as JSON.
func valueText(v any) string {
	var s string
	switch t := v.(type) {
	case nil:
		return "(none)"
	case string:
		s = t
	default:
		b, _ := json.Marshal(t)
		s = string(b)
	}
	return clip(s, driftMaxValue)
}

// attributionText says who changed an object and when, in one line.
func attributionText(a *finding.Attribution) string {
	if a == nil {
		return ""
	}
	if a.Status != finding.AttributionFound {
		return a.Message
	}
	var parts []string
	for _, e := range a.Events {
		parts = append(parts, fmt.Sprintf("%s, %s (%s)", firstNonEmpty(e.Actor.Name, e.Actor.ID, "unknown actor"),
			e.Time.UTC().Format("2006-01-02 15:04 UTC"), e.Activity))
	}
	return strings.Join(parts, "; ")
}
