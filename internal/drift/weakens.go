package drift

import (
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Weakened records on each change the controls it weakens, from the
// results of one set of controls on the baseline (before) and on the
// snapshot (after). A control failing now weakens:
//
//   - the changes of objects it has a finding on that it did not have on
//     the baseline (a new exclusion makes MS.AAD.3.2v2 name the policy),
//     and of objects that link such an object (a new role assignment of
//     the user MS.AAD.7.3v1 now names);
//   - if it passed on the baseline, the changes of the objects its
//     evidence named there (CA001 was why "legacy authentication is
//     blocked" held);
//   - if it did not fail on the baseline and neither rule names a changed
//     object (a finding about the tenant as a whole), every change of a
//     resource it requires.
//
// Change-aware controls (family drift) judge the change itself and are
// left out: they are the finding, not its consequence. Waived findings
// weaken nothing.
func Weakened(d *finding.Drift, before, after []finding.Result) {
	if d == nil {
		return
	}
	was := map[string]finding.Result{}
	for _, r := range before {
		was[r.ID] = r
	}
	for _, r := range after {
		if r.Status != finding.StatusFail || r.Family == "drift" {
			continue
		}
		if !slices.ContainsFunc(r.Findings, func(f finding.Finding) bool { return f.Waiver == nil }) {
			continue // it fails only on waived objects: an accepted risk
		}
		b := was[r.ID]
		targets := map[string]bool{}
		if b.Status == finding.StatusPass {
			for _, e := range b.Findings {
				targets[objectKey(e.Resource)] = true
			}
		}
		failedOn := map[string]bool{}
		if b.Status == finding.StatusFail {
			for _, f := range b.Findings {
				failedOn[objectKey(f.Resource)] = true
			}
		}
		for _, f := range r.Findings {
			if k := objectKey(f.Resource); k != "" && f.Waiver == nil && !failedOn[k] {
				targets[k] = true
			}
		}
		ids := map[string]bool{}
		for k := range targets {
			if _, id, ok := strings.Cut(k, "\x00"); ok {
				ids[id] = true
			}
		}
		matched := false
		for i := range d.Changes {
			c := &d.Changes[i]
			if (c.Resource.ID != "" && targets[objectKey(c.Resource)]) || slices.ContainsFunc(c.Related, func(id string) bool { return ids[id] }) {
				c.Weakens = append(c.Weakens, r.ID)
				matched = true
			}
		}
		if matched || b.Status == finding.StatusFail {
			continue
		}
		for i := range d.Changes {
			if c := &d.Changes[i]; slices.Contains(r.Requires, c.Resource.Type) {
				c.Weakens = append(c.Weakens, r.ID)
			}
		}
	}
	for i := range d.Changes {
		slices.Sort(d.Changes[i].Weakens)
		d.Changes[i].Weakens = slices.Compact(d.Changes[i].Weakens)
	}
}

func objectKey(r finding.Resource) string {
	if r.ID == "" {
		return ""
	}
	return r.Type + "\x00" + strings.ToLower(r.ID)
}
