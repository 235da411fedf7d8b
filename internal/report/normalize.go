package report

import "github.com/entra-audit/entra-audit/internal/finding"

// normalized returns a copy of r with the schema version set and the
// always-present lists non-nil. It never reorders: the engine owns order.
func normalized(r finding.Report) finding.Report {
	if r.SchemaVersion == "" {
		r.SchemaVersion = finding.ReportSchemaVersion
	}
	if r.Controls == nil {
		r.Controls = []finding.Result{}
	}
	if r.Collection == nil {
		r.Collection = []finding.CollectionStatus{}
	}
	controls := make([]finding.Result, len(r.Controls))
	for i, c := range r.Controls {
		if c.Findings == nil {
			c.Findings = []finding.Finding{}
		}
		if c.Frameworks == nil {
			c.Frameworks = map[string][]string{}
		}
		if c.References == nil {
			c.References = []string{}
		}
		if c.Requires == nil {
			c.Requires = []string{}
		}
		controls[i] = c
	}
	r.Controls = controls
	return r
}
