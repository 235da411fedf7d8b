package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// GitHub code scanning limits for one SARIF run
// (docs.github.com: "SARIF results exceed one or more limits").
const (
	sarifMaxResults = 25000
	sarifMaxTags    = 20
	sarifMaxText    = 1024 // shortDescription/fullDescription
	sarifMaxName    = 255
	sarifSchemaURI  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// sarifWriter writes results.sarif for GitHub code scanning: one run per
// tenant, one rule per control, one result per failing object.
type sarifWriter struct {
	// maxResults caps results per run; zero means GitHub's limit. Tests
	// lower it to exercise truncation without building huge reports.
	maxResults int
}

func (sarifWriter) Name() string     { return "sarif" }
func (sarifWriter) FileName() string { return "results.sarif" }

func (s sarifWriter) Write(_ context.Context, w io.Writer, r finding.Report) error {
	max := s.maxResults
	if max <= 0 {
		max = sarifMaxResults
	}
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	log.Schema = sarifSchemaURI
	log.AddRun(buildRun(r, max))
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encode SARIF: %w", err)
	}
	return nil
}

// buildRun assembles the one run of a report.
func buildRun(r finding.Report, maxResults int) *sarif.Run {
	toolName := r.Tool.Name
	if toolName == "" {
		toolName = "entra-audit"
	}
	run := sarif.NewRunWithInformationURI(toolName, r.Tool.InformationURI)
	if r.Tool.InformationURI == "" {
		run.Tool.Driver.InformationURI = nil
	}
	if r.Tool.Version != "" {
		run.Tool.Driver.Version = ptr(r.Tool.Version)
	}
	// Category entra-audit/<tenant>: the text before the last slash.
	run.AutomationDetails = sarif.NewRunAutomationDetails().WithID("entra-audit/" + sarifText(r.Tenant.ID) + "/")

	index := map[string]int{}
	for _, c := range r.Controls {
		if _, dup := index[c.ID]; dup {
			continue
		}
		index[c.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(c))
	}

	results := sarifResults(r)
	var notes []*sarif.Notification
	if len(results) > maxResults {
		// Keep the most severe: GitHub rejects the whole file beyond the limit.
		sort.SliceStable(results, func(i, j int) bool { return results[i].rank > results[j].rank })
		notes = append(notes, &sarif.Notification{
			Level: "warning",
			Message: sarif.NewTextMessage(fmt.Sprintf(
				"%d results exceed GitHub's limit of %d per run; only the %d most severe are included. See findings.json or report.html for all of them.",
				len(results), maxResults, maxResults)),
		})
		results = results[:maxResults]
	}
	if abs := snapshotDirIsAbsolute(r.SnapshotDir); abs {
		notes = append(notes, &sarif.Notification{
			Level:   "warning",
			Message: sarif.NewTextMessage("The snapshot directory is an absolute path, so locations are relative to the snapshot directory rather than the repository root. Run entra-audit with a repository-relative --snapshot path."),
		})
	}
	for _, w := range r.Warnings {
		notes = append(notes, &sarif.Notification{Level: "warning", Message: sarif.NewTextMessage(sarifText(w))})
	}
	for _, res := range results {
		res.result.WithRuleIndex(index[*res.result.RuleID])
		run.AddResult(res.result)
	}
	inv := &sarif.Invocation{ExecutionSuccessful: ptr(true), ToolExecutionNotifications: notes}
	if !r.CollectedAt.IsZero() {
		inv.StartTimeUTC = ptr(r.CollectedAt.UTC())
	}
	// --evaluation-time may put the evaluation before the collection; an
	// end before the start is invalid SARIF (SARIF1006), so leave it out.
	if !r.EvaluatedAt.IsZero() && (r.CollectedAt.IsZero() || !r.EvaluatedAt.Before(r.CollectedAt)) {
		inv.EndTimeUTC = ptr(r.EvaluatedAt.UTC())
	}
	run.Invocations = []*sarif.Invocation{inv}
	run.Properties = sarif.Properties{
		"tenantId":      sarifText(r.Tenant.ID),
		"tenantDomain":  sarifText(r.Tenant.DefaultDomain),
		"cloud":         sarifText(r.Tenant.Cloud),
		"schemaVersion": normalized(r).SchemaVersion,
	}
	return run
}

func ptr[T any](v T) *T { return &v }
