package drift

import (
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// PolicyInput is input.drift for change-aware controls
// (docs/snapshot-format.md, "Drift in the policy input"): the baseline,
// each resource's comparison status, and every change with the object's
// two versions and its field changes.
func (c *Comparison) PolicyInput() map[string]any {
	d := c.Drift
	resources := make(map[string]any, len(d.Resources))
	for _, r := range d.Resources {
		e := map[string]any{"status": r.Status}
		if r.Reason != "" {
			e["reason"] = r.Reason
		}
		resources[r.Resource] = e
	}
	changes := make([]any, len(d.Changes))
	for i, ch := range d.Changes {
		e := map[string]any{
			"kind":     ch.Kind,
			"resource": ch.Resource.Type,
			"id":       ch.Resource.ID,
			"name":     ch.Resource.Name,
			"fields":   fieldsInput(ch.Fields),
		}
		if p := c.pairs[i]; p.before != nil {
			e["before"] = map[string]any(p.before)
		}
		if p := c.pairs[i]; p.after != nil {
			e["after"] = map[string]any(p.after)
		}
		changes[i] = e
	}
	return map[string]any{
		"baseline": map[string]any{
			"dir":         d.Baseline.Dir,
			"tenantId":    d.Baseline.TenantID,
			"collectedAt": d.Baseline.CollectedAt.UTC().Format(time.RFC3339),
		},
		"resources": resources,
		"changes":   changes,
	}
}

func fieldsInput(fields []finding.FieldChange) []any {
	out := make([]any, len(fields))
	for i, f := range fields {
		e := map[string]any{"path": f.Path}
		if f.Before != nil {
			e["before"] = f.Before
		}
		if f.After != nil {
			e["after"] = f.After
		}
		if len(f.Added) > 0 {
			e["added"] = refsInput(f.Added)
		}
		if len(f.Removed) > 0 {
			e["removed"] = refsInput(f.Removed)
		}
		out[i] = e
	}
	return out
}

func refsInput(refs []finding.Ref) []any {
	out := make([]any, len(refs))
	for i, r := range refs {
		e := map[string]any{"value": r.Value}
		if r.Name != "" {
			e["name"] = r.Name
		}
		out[i] = e
	}
	return out
}
