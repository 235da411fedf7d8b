package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// htmlView is everything report.html shows, prepared so the template only
// loops and prints. All values are plain strings and numbers; the template
// prints every string of report data through tenant, tenantBlock or
// tenantText (html_tenant.go), and html/template escapes the rest in its
// context.
type htmlView struct {
	CSP         string
	Script      template.JS // our embedded html.js, never report data
	TenantName  string
	Tenant      finding.Tenant
	Tool        finding.Tool
	CollectedAt string
	EvaluatedAt string
	SnapshotDir string

	Total         int
	StatusCounts  []statusCount
	Statuses      []option // status columns of the summary tables, in order
	SeverityRows  []summaryRow
	FrameworkRows []summaryRow
	Charts        []chart

	StatusOptions, SeverityOptions, FamilyOptions, FrameworkOptions []option

	Controls   []htmlControl
	Collection []htmlCollection
	GapCount   int
	Drift      *htmlDrift
	Waivers    []htmlWaiver
	Warnings   []string
}

type option struct{ Value, Label string }

type statusCount struct {
	Status, Label string
	Count         int
}

// summaryRow is one line of a count table: a label and a count per status.
type summaryRow struct {
	Label  string
	Counts []int
	Total  int
}

type htmlControl struct {
	Anchor        string
	ID, Title     string
	Severity      string
	SeverityLabel string
	Status        string
	StatusLabel   string
	Family        string
	Frameworks    []option // Value = framework, Label = its IDs
	FrameworkKeys string   // |fw1|fw2| for the framework filter
	Description   string
	Message       string
	Manual        string
	Remediation   string
	References    []htmlLink
	Findings      []htmlFinding
	FindingsTotal int // all findings; Findings holds at most htmlMaxFindings
	FindingsTitle string
	Gaps          []finding.Gap
	Waiver        *htmlWaiver
}

type htmlLink struct {
	Text string
	URL  string // only http(s); empty renders the text alone
}

type htmlFinding struct {
	ObjectType, ObjectName, ObjectID string
	Message                          string
	File                             string // snapshot-relative
	Line                             int
	Evidence                         string // indented JSON
	Waiver                           *htmlWaiver
}

type htmlWaiver struct {
	Control, Object, Owner, Ticket, Expires, Reason string
	Expired                                         bool
}

type htmlCollection struct {
	finding.CollectionStatus
	Gap  bool
	Need string
}

// htmlMaxFindings caps the rows per control, so a control failing on every
// user of a large tenant keeps the page usable; the rest are in
// findings.json and action-plan.csv, and the page says so.
const htmlMaxFindings = 1000

func buildHTMLView(r finding.Report, csp string) htmlView {
	r = normalized(r)
	v := htmlView{
		CSP:         csp,
		TenantName:  firstNonEmpty(r.Tenant.DisplayName, r.Tenant.DefaultDomain, r.Tenant.ID, "unknown tenant"),
		Tenant:      r.Tenant,
		Tool:        r.Tool,
		CollectedAt: htmlTime(r.CollectedAt),
		EvaluatedAt: htmlTime(r.EvaluatedAt),
		SnapshotDir: r.SnapshotDir,
		Total:       len(r.Controls),
		Drift:       buildHTMLDrift(r.Drift),
		Warnings:    r.Warnings,
	}
	counts := r.Counts()
	var present []finding.Status
	for _, s := range statusOrder() {
		if counts[s] > 0 || s != finding.StatusUnknown {
			present = append(present, s)
		}
	}
	for _, s := range present {
		v.StatusCounts = append(v.StatusCounts, statusCount{Status: statusKey(s), Label: statusLabel(s), Count: counts[s]})
		v.Statuses = append(v.Statuses, option{statusKey(s), statusLabel(s)})
		if counts[s] > 0 {
			v.StatusOptions = append(v.StatusOptions, option{statusKey(s), statusLabel(s)})
		}
	}

	bySeverity := map[string]map[finding.Status]int{}
	byFamily := map[string]map[finding.Status]int{}
	byFramework := map[string]map[finding.Status]int{}
	var families, frameworks []string
	add := func(m map[string]map[finding.Status]int, order *[]string, key string, s finding.Status) {
		if m[key] == nil {
			m[key] = map[finding.Status]int{}
			if order != nil {
				*order = append(*order, key)
			}
		}
		m[key][s]++
	}
	for i, c := range r.Controls {
		add(bySeverity, nil, severityLabel(c.Severity), c.Status)
		family := firstNonEmpty(c.Family, "other")
		add(byFamily, &families, family, c.Status)
		for _, fw := range sortedKeys(c.Frameworks) {
			add(byFramework, &frameworks, fw, c.Status)
		}
		v.Controls = append(v.Controls, htmlControlFor(i, c, family))
	}
	severities := []string{}
	for _, s := range finding.Severities() {
		severities = append(severities, string(s))
	}
	if bySeverity["unknown"] != nil {
		severities = append(severities, "unknown")
	}
	for _, s := range severities {
		if bySeverity[s] == nil {
			continue
		}
		v.SeverityOptions = append(v.SeverityOptions, option{s, s})
		v.SeverityRows = append(v.SeverityRows, countRow(s, bySeverity[s], present))
	}
	sort.Strings(frameworks)
	for _, fw := range frameworks {
		v.FrameworkOptions = append(v.FrameworkOptions, option{fw, fw})
		v.FrameworkRows = append(v.FrameworkRows, countRow(fw, byFramework[fw], present))
	}
	var familyRows []summaryRow
	for _, f := range families {
		v.FamilyOptions = append(v.FamilyOptions, option{f, f})
		familyRows = append(familyRows, countRow(f, byFamily[f], present))
	}
	v.Charts = []chart{
		buildChart("chart-severity", "Controls by severity and status", v.SeverityRows, present),
		buildChart("chart-family", "Controls by family and status", familyRows, present),
	}

	for _, c := range r.Collection {
		hc := htmlCollection{CollectionStatus: c, Gap: c.Status != "collected", Need: gapNeed(c)}
		if hc.Gap {
			v.GapCount++
		}
		v.Collection = append(v.Collection, hc)
	}
	for _, w := range waivers(r) {
		v.Waivers = append(v.Waivers, htmlWaiverFor(w))
	}
	return v
}

func htmlControlFor(i int, c finding.Result, family string) htmlControl {
	hc := htmlControl{
		Anchor:        fmt.Sprintf("control-%d", i+1),
		ID:            c.ID,
		Title:         prose(firstNonEmpty(c.Title, c.ID)),
		Severity:      severityLabel(c.Severity),
		SeverityLabel: severityLabel(c.Severity),
		Status:        statusKey(c.Status),
		StatusLabel:   statusLabel(c.Status),
		Family:        family,
		Description:   prose(c.Description),
		Message:       c.Message,
		Manual:        prose(c.Manual),
		Remediation:   prose(c.Remediation),
		Gaps:          c.Gaps,
		FrameworkKeys: "|",
	}
	for _, fw := range sortedKeys(c.Frameworks) {
		hc.Frameworks = append(hc.Frameworks, option{fw, strings.Join(c.Frameworks[fw], ", ")})
		hc.FrameworkKeys += fw + "|"
	}
	for _, ref := range c.References {
		link := htmlLink{Text: ref}
		if isWebURL(ref) {
			link.URL = ref
		}
		hc.References = append(hc.References, link)
	}
	hc.FindingsTitle = "Offending objects"
	if c.Status == finding.StatusPass {
		hc.FindingsTitle = "Evidence"
	}
	hc.FindingsTotal = len(c.Findings)
	for i, f := range c.Findings {
		if i == htmlMaxFindings {
			break
		}
		hf := htmlFinding{ObjectType: f.Resource.Type, ObjectName: f.Resource.Name, ObjectID: f.Resource.ID, Message: f.Message}
		if f.Location != nil && f.Location.File != "" {
			hf.File, hf.Line = f.Location.File, f.Location.Line
		}
		if len(f.Evidence) > 0 {
			hf.Evidence = evidenceJSON(f.Evidence)
		}
		if f.Waiver != nil {
			w := htmlWaiverFor(waiverRow{Control: c.ID, Waiver: *f.Waiver})
			hf.Waiver = &w
		}
		hc.Findings = append(hc.Findings, hf)
	}
	if c.Waiver != nil {
		w := htmlWaiverFor(waiverRow{Control: c.ID, Waiver: *c.Waiver})
		hc.Waiver = &w
	}
	return hc
}

func htmlWaiverFor(w waiverRow) htmlWaiver {
	return htmlWaiver{
		Control: w.Control, Object: firstNonEmpty(w.Resource, "whole control"), Owner: w.Waiver.Owner,
		Ticket: w.Waiver.Ticket, Expires: w.Waiver.Expires, Reason: w.Waiver.Reason, Expired: w.Waiver.Expired,
	}
}

func countRow(label string, m map[finding.Status]int, statuses []finding.Status) summaryRow {
	row := summaryRow{Label: label}
	for _, s := range statuses {
		row.Counts = append(row.Counts, m[s])
		row.Total += m[s]
	}
	return row
}

// statusKey is the machine value of a status for CSS classes and filters.
func statusKey(s finding.Status) string {
	if s == finding.StatusUnknown {
		return "unknown"
	}
	return string(s)
}

// evidenceJSON renders evidence as indented JSON text (escaped later by the
// template as text, so markup in values stays inert).
func evidenceJSON(e map[string]any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return fmt.Sprintf("%v", e)
	}
	return strings.TrimSpace(buf.String())
}

func htmlTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// htmlDrift is the drift section of the HTML report. Sentences are put
// together in the template from separate parts, so that each tenant string
// is isolated on its own (a right-to-left actor name cannot reorder the
// date after it).
type htmlDrift struct {
	BaselineDir   string
	BaselineAt    string
	SnapshotAt    string
	NotComparable []htmlNotComparable
	Note          string // attribution caveat (permission, retention)
	Changes       []htmlChange
}

type htmlNotComparable struct{ Resource, Reason string }

type htmlChange struct {
	Kind, Name, Type, File, Diff string
	What                         []htmlWhat
	WhoNote                      string // why no one is named
	Who                          []htmlEvent
}

// htmlWhat is one phrase of what changed: Text alone (ours: "new object",
// "weakens …"), or a field's Path with Before and After, or with the
// references Added and Removed.
type htmlWhat struct {
	Text, Path     string
	Before, After  string
	Added, Removed []string
	Values         bool // Before → After, rather than Added and Removed
}

type htmlEvent struct{ Actor, Time, Activity string }

func buildHTMLDrift(d *finding.Drift) *htmlDrift {
	if d == nil {
		return nil
	}
	v := &htmlDrift{BaselineDir: firstNonEmpty(d.Baseline.Dir, "?"), BaselineAt: htmlTime(d.Baseline.CollectedAt), SnapshotAt: htmlTime(d.Snapshot.CollectedAt)}
	for _, r := range d.Resources {
		if r.Status != finding.ResourceCompared {
			v.NotComparable = append(v.NotComparable, htmlNotComparable{r.Resource, r.Reason})
		}
	}
	if d.Attribution != nil {
		v.Note = d.Attribution.Message
	}
	for _, c := range d.Changes {
		hc := htmlChange{Kind: c.Kind, Name: firstNonEmpty(c.Resource.Name, c.Resource.ID), Type: c.Resource.Type, File: c.File, Diff: c.Diff}
		hc.What = htmlWhatChanged(c)
		if a := c.Attribution; a != nil && a.Status != finding.AttributionFound {
			hc.WhoNote = a.Message
		} else if a != nil {
			for _, e := range a.Events {
				hc.Who = append(hc.Who, htmlEvent{Actor: firstNonEmpty(e.Actor.Name, e.Actor.ID, "unknown actor"),
					Time: e.Time.UTC().Format("2006-01-02 15:04 UTC"), Activity: e.Activity})
			}
		}
		v.Changes = append(v.Changes, hc)
	}
	return v
}

// htmlWhatChanged is changeSummary in parts.
func htmlWhatChanged(c finding.ObjectChange) []htmlWhat {
	var out []htmlWhat
	switch c.Kind {
	case finding.ChangeAdded, finding.ChangeRemoved:
		for _, t := range changeWhat(c) {
			out = append(out, htmlWhat{Text: t})
		}
	default:
		for _, f := range c.Fields {
			w := htmlWhat{Path: f.Path}
			if len(f.Added) > 0 || len(f.Removed) > 0 {
				for _, r := range f.Added {
					w.Added = append(w.Added, refText(r))
				}
				for _, r := range f.Removed {
					w.Removed = append(w.Removed, refText(r))
				}
			} else {
				w.Values, w.Before, w.After = true, valueText(f.Before), valueText(f.After)
			}
			out = append(out, w)
		}
	}
	if t := weakensText(c); t != "" {
		out = append(out, htmlWhat{Text: t})
	}
	return out
}
