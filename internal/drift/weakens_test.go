package drift_test

import (
	"reflect"
	"testing"

	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/finding"
)

func TestWeakenedLinksNewFailuresToTheirChanges(t *testing.T) {
	ca := func(id string) finding.Resource { return finding.Resource{Type: "conditionalAccess.policies", ID: id} }
	user := finding.Resource{Type: "principals.users", ID: "U1"}
	result := func(id string, s finding.Status, requires []string, on ...finding.Resource) finding.Result {
		r := finding.Result{Control: finding.Control{ID: id, Family: "x", Requires: requires}, Status: s}
		for _, o := range on {
			r.Findings = append(r.Findings, finding.Finding{Resource: o, Message: "m"})
		}
		return r
	}
	cas := []string{"conditionalAccess.policies"}
	before := []finding.Result{
		result("NEWFINDING", finding.StatusPass, cas),
		result("EVIDENCE", finding.StatusPass, cas, ca("p1")),   // passed because of p1
		result("STILLFAILS", finding.StatusFail, cas, ca("p2")), // already failed on p2
		result("TENANT", finding.StatusPass, cas),               // passed without object evidence
		result("OLDTENANT", finding.StatusFail, cas, finding.Resource{Type: "conditionalAccess.policies"}),
		result("LINKED", finding.StatusPass, []string{"principals.users"}),
		result("FIXED", finding.StatusFail, cas, ca("p3")),
	}
	after := []finding.Result{
		result("NEWFINDING", finding.StatusFail, cas, ca("P2")), // ids compare case-insensitively
		result("EVIDENCE", finding.StatusFail, cas, finding.Resource{Type: "conditionalAccess.policies"}),
		result("STILLFAILS", finding.StatusFail, cas, ca("p2")),
		result("TENANT", finding.StatusFail, cas, finding.Resource{Type: "conditionalAccess.policies"}),
		result("OLDTENANT", finding.StatusFail, cas, finding.Resource{Type: "conditionalAccess.policies"}),
		result("LINKED", finding.StatusFail, []string{"principals.users"}, user),
		result("FIXED", finding.StatusPass, cas),
		{Control: finding.Control{ID: "EA.DRIFT.1v1", Family: "drift"}, Status: finding.StatusFail,
			Findings: []finding.Finding{{Resource: ca("p1"), Message: "m"}}},
	}
	waived := result("WAIVEDNOW", finding.StatusFail, cas, ca("p1"))
	waived.Findings[0].Waiver = &finding.Waiver{Control: "WAIVEDNOW"}
	before = append(before, result("WAIVEDNOW", finding.StatusPass, cas))
	after = append(after, waived)

	d := &finding.Drift{Changes: []finding.ObjectChange{
		{Kind: finding.ChangeModified, Resource: ca("p1")},
		{Kind: finding.ChangeModified, Resource: ca("p2")},
		{Kind: finding.ChangeAdded, Resource: finding.Resource{Type: "roles.assignments", ID: "A1"}, Related: []string{"u1"}},
		{Kind: finding.ChangeAdded, Resource: finding.Resource{Type: "principals.users", ID: "U9"}},
	}}
	drift.Weakened(d, before, after)
	got := map[string][]string{}
	for _, c := range d.Changes {
		got[c.Resource.ID] = c.Weakens
	}
	want := map[string][]string{
		// EVIDENCE by its baseline evidence; TENANT by the resources it requires.
		"p1": {"EVIDENCE", "TENANT"},
		// NEWFINDING by its new finding; TENANT again; not STILLFAILS.
		"p2": {"NEWFINDING", "TENANT"},
		// LINKED names user U1, which did not change; the assignment links U1.
		"A1": nil,
		"U9": nil,
	}
	want["A1"] = []string{"LINKED"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("weakens = %v\nwant      %v", got, want)
	}
}
