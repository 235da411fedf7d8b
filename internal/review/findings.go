package review

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// compareFindings splits the failing verdicts of the base (before) and
// the head (after) into introduced, resolved and kept. A verdict is a
// control failing on one object (or on the tenant, for a finding without
// an object), or a control that could not be evaluated (error). Waived
// findings are accepted risks: a finding the head waives is resolved
// here, and the waiver is in the configuration changes.
func compareFindings(before, after []finding.Result) (introduced, resolved, kept []finding.ReviewFinding) {
	b, a := verdicts(before), verdicts(after)
	introduced, resolved, kept = []finding.ReviewFinding{}, []finding.ReviewFinding{}, []finding.ReviewFinding{}
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if _, ok := b[k]; ok {
			kept = append(kept, a[k])
		} else {
			introduced = append(introduced, a[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			resolved = append(resolved, b[k])
		}
	}
	for _, list := range [][]finding.ReviewFinding{introduced, resolved, kept} {
		slices.SortStableFunc(list, func(x, y finding.ReviewFinding) int {
			return cmp.Or(cmp.Compare(y.Severity.Rank(), x.Severity.Rank()), cmp.Compare(x.Control, y.Control),
				cmp.Compare(x.Resource.Name, y.Resource.Name), cmp.Compare(x.Resource.ID, y.Resource.ID))
		})
	}
	return introduced, resolved, kept
}

func verdicts(results []finding.Result) map[string]finding.ReviewFinding {
	out := map[string]finding.ReviewFinding{}
	for _, r := range results {
		base := finding.ReviewFinding{Control: r.ID, Title: r.Title, Severity: r.Severity, Status: r.Status}
		switch r.Status {
		case finding.StatusError:
			f := base
			f.Message = r.Message
			out[r.ID+"\x00error"] = f
		case finding.StatusFail:
			for _, fd := range r.Findings {
				if fd.Waiver != nil {
					continue
				}
				f := base
				f.Resource, f.Message, f.Location = fd.Resource, fd.Message, fd.Location
				// A tenant-wide finding (no object) is one verdict per control and
				// resource, however its wording changes with the data.
				key := r.ID + "\x00" + fd.Resource.Type + "\x00" + strings.ToLower(fd.Resource.ID)
				if prev, dup := out[key]; dup && fd.Resource.ID == "" {
					f.Message = prev.Message + " " + f.Message
				}
				out[key] = f
			}
		}
	}
	return out
}

// named gives findings about objects without a name of their own
// (assignments, grants: their name is their id) the snapshot's readable one.
func named(list []finding.ReviewFinding, s *snapshot.Snapshot) {
	for i := range list {
		r := &list[i].Resource
		if r.ID != "" && (r.Name == "" || r.Name == r.ID) {
			if l := s.Label(r.Type, r.ID); l != "" {
				r.Name = l
			}
		}
	}
}

// withFiles sets each finding's repository path (for links) under the
// tree's repository path.
func withFiles(list []finding.ReviewFinding, treePath string) {
	for i := range list {
		if l := list[i].Location; l != nil && treePath != "" {
			list[i].File = path.Join(treePath, l.File)
		}
	}
}
