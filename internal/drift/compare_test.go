package drift_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

func TestSnapshotAgainstItselfIsNoDrift(t *testing.T) {
	dir := demoTree(t)
	c := compare(t, dir, dir)
	if len(c.Drift.Changes) != 0 {
		t.Fatalf("a snapshot drifts from itself: %+v", c.Drift.Changes)
	}
	var notComparable []string
	for _, r := range c.Drift.Resources {
		if r.Status != finding.ResourceCompared {
			notComparable = append(notComparable, r.Resource)
		}
	}
	// The demo lacks these two in both trees (a permission, a retired API).
	if want := []string{"apps.oauth2PermissionGrants", "multicloud.authorizationSystems"}; !slices.Equal(notComparable, want) {
		t.Errorf("not comparable: %v, want %v", notComparable, want)
	}
	if c.Empty() {
		t.Error("Empty() with resources that could not be compared")
	}
}

// TestWhatIsNotDrift edits a copy of a snapshot in every way that must
// not count: the order of sets, null versus absent versus empty, volatile
// fields and annotations, and the comments.
func TestWhatIsNotDrift(t *testing.T) {
	base := demoTree(t)
	head := copyTree(t)
	ca003 := file(t, head, `^conditional-access/policies/ca003-.*\.yaml$`)
	b, err := os.ReadFile(filepath.Join(head, ca003))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	// Reverse the included roles (a set) and the allowed combinations.
	for _, key := range []string{"    includeRoles:\n", "    allowedCombinations:\n"} {
		start := strings.Index(text, key) + len(key)
		end := start
		var items []string
		for _, l := range strings.SplitAfter(text[start:], "\n") {
			if !strings.HasPrefix(strings.TrimLeft(l, " "), "- ") {
				break
			}
			items = append(items, l)
			end += len(l)
		}
		if len(items) < 2 {
			t.Fatalf("%s: %q has %d items", ca003, key, len(items))
		}
		slices.Reverse(items)
		text = text[:start] + strings.Join(items, "") + text[end:]
	}
	text = strings.Replace(text, "    excludeUsers: []\n", "    excludeUsers: null\n", 1) // empty -> null
	text = strings.Replace(text, "  platforms: null\n", "", 1)                            // null -> absent
	text = strings.Replace(text, "  insiderRiskLevels: null\n", "  insiderRiskLevels: []\n", 1)
	text = strings.Replace(text, "state: enabled\n", "state: enabled\nmodifiedDateTime: \"2026-12-02T10:00:00Z\"\n'@odata.etag': W/\"x\"\n", 1)
	text = strings.Replace(text, "# Global Administrator", "# renamed in a comment", 1)
	if err := os.WriteFile(filepath.Join(head, ca003), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// The original must differ from the edit, or the test proves nothing.
	if orig, _ := os.ReadFile(filepath.Join(base, ca003)); string(orig) == text {
		t.Fatal("the edits changed nothing")
	}
	if c := compare(t, base, head); len(c.Drift.Changes) != 0 {
		t.Errorf("order, null/empty, volatile fields or comments counted as drift: %+v", c.Drift.Changes[0].Fields)
	}
}

func TestModifiedObjectFieldsNamesAndDiff(t *testing.T) {
	base := demoTree(t)
	head := copyTree(t)
	ca001 := file(t, head, `^conditional-access/policies/ca001-.*\.yaml$`)
	edit(t, head, ca001, "state: enabled\n", "state: enabledForReportingButNotEnforced\n")
	edit(t, head, ca001, "    excludeUsers: []\n", "    excludeUsers:\n      - c241330b-01a9-471f-9e8a-774bcf36d58b\n")
	c := compare(t, base, head)
	if len(c.Drift.Changes) != 1 {
		t.Fatalf("changes = %+v, want one", c.Drift.Changes)
	}
	ch := c.Drift.Changes[0]
	if ch.Kind != finding.ChangeModified || ch.Resource.Type != "conditionalAccess.policies" ||
		ch.Resource.Name != "CA001 Block legacy authentication" || ch.File != ca001 || ch.Line != 1 {
		t.Errorf("change = %+v", ch)
	}
	want := []finding.FieldChange{
		{Path: "conditions.users.excludeUsers", Added: []finding.Ref{{Value: "c241330b-01a9-471f-9e8a-774bcf36d58b", Name: "Isaiah Langer (isaiah.langer@contoso.com)"}}},
		{Path: "state", Before: "enabled", After: "enabledForReportingButNotEnforced"},
	}
	if !reflect.DeepEqual(ch.Fields, want) {
		t.Errorf("fields = %+v\nwant     %+v", ch.Fields, want)
	}
	for _, line := range []string{"--- baseline/" + ca001, "+++ snapshot/" + ca001, "-state: enabled",
		"+state: enabledForReportingButNotEnforced", "-    excludeUsers: []"} {
		if !strings.Contains(ch.Diff, line+"\n") {
			t.Errorf("diff lacks %q:\n%s", line, ch.Diff)
		}
	}
	// The writer did not comment the hand-added GUID, but the name came from the index.
	if !strings.Contains(ch.Diff, "+      - c241330b-01a9-471f-9e8a-774bcf36d58b\n") {
		t.Errorf("diff lacks the added exclusion:\n%s", ch.Diff)
	}
}

func TestSingletonListElementsAreMatchedByID(t *testing.T) {
	base := demoTree(t)
	head := copyTree(t)
	f := "authentication-methods/policy.yaml"
	b, _ := os.ReadFile(filepath.Join(base, f))
	text := string(b)
	i := strings.Index(text, "  - id: Sms\n")
	j := strings.Index(text[i:], "    state: ")
	if i < 0 || j < 0 {
		t.Fatal("no Sms method configuration with a state in the demo")
	}
	end := i + j + strings.Index(text[i+j:], "\n")
	old := text[i+j : end]
	flipped := "    state: disabled"
	if old == flipped {
		flipped = "    state: enabled"
	}
	if err := os.WriteFile(filepath.Join(head, f), []byte(text[:i+j]+flipped+text[end:]), 0o644); err != nil {
		t.Fatal(err)
	}
	c := compare(t, base, head)
	if len(c.Drift.Changes) != 1 {
		t.Fatalf("changes = %+v", c.Drift.Changes)
	}
	got := c.Drift.Changes[0]
	want := finding.FieldChange{Path: "authenticationMethodConfigurations[Sms].state",
		Before: strings.TrimPrefix(old, "    state: "), After: strings.TrimPrefix(flipped, "    state: ")}
	if got.Resource.Type != "authenticationMethods.policy" || len(got.Fields) != 1 || !reflect.DeepEqual(got.Fields[0], want) {
		t.Errorf("change = %+v, want field %+v", got, want)
	}
}

func TestAddedAndRemovedObjects(t *testing.T) {
	base := demoTree(t)
	head := copyTree(t)
	// Removed: Megan Bowen's Global Administrator assignment.
	megan := file(t, head, `^roles/assignments/global-administrator--megan-bowen--.*\.yaml$`)
	if err := os.Remove(filepath.Join(head, megan)); err != nil {
		t.Fatal(err)
	}
	setCount(t, head, "roles.assignments", -1)
	// Added: a copy of CA006 under a new id and name.
	ca006 := file(t, head, `^conditional-access/policies/ca006-.*\.yaml$`)
	b, _ := os.ReadFile(filepath.Join(head, ca006))
	added := strings.Replace(strings.Replace(string(b), "id: 451b4cf3-6123-4df7-b656-af7229d4beef", "id: 99999999-6123-4df7-b656-af7229d4beef", 1),
		"displayName: CA006 Block device code flow", "displayName: CA099 New policy", 1)
	if err := os.WriteFile(filepath.Join(head, "conditional-access/policies/ca099-new-policy--99999999.yaml"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	setCount(t, head, "conditionalAccess.policies", +1)

	c := compare(t, base, head)
	type got struct{ kind, key, name, file, baselineFile string }
	var changes []got
	for _, ch := range c.Drift.Changes {
		changes = append(changes, got{ch.Kind, ch.Resource.Type, ch.Resource.Name, ch.File, ch.BaselineFile})
		if ch.Diff == "" {
			t.Errorf("%s %s has no diff", ch.Kind, ch.Resource.Name)
		}
	}
	want := []got{
		{finding.ChangeAdded, "conditionalAccess.policies", "CA099 New policy", "conditional-access/policies/ca099-new-policy--99999999.yaml", ""},
		{finding.ChangeRemoved, "roles.assignments", "Global Administrator / Megan Bowen", megan, megan},
	}
	if !reflect.DeepEqual(changes, want) {
		t.Errorf("changes = %+v\nwant      %+v", changes, want)
	}
	if rm := c.Drift.Changes[1]; !slices.Contains(rm.Related, "17fc695a-07a0-4a6e-8822-e8f36c031199") ||
		!slices.Contains(rm.Related, "62e90394-69f5-4237-9190-012177145e10") || !strings.HasPrefix(rm.Diff, "--- baseline/"+megan+"\n+++ /dev/null\n") {
		t.Errorf("removed assignment: related %v, diff\n%s", rm.Related, rm.Diff)
	}
	counts := map[string]finding.DriftResource{}
	for _, r := range c.Drift.Resources {
		counts[r.Resource] = r
	}
	if counts["roles.assignments"].Removed != 1 || counts["conditionalAccess.policies"].Added != 1 {
		t.Errorf("resource counts: %+v %+v", counts["roles.assignments"], counts["conditionalAccess.policies"])
	}
}

// TestUncollectedFamilyIsNotComparable: a resource collected in only one
// tree is "not comparable", never every object removed.
func TestUncollectedFamilyIsNotComparable(t *testing.T) {
	base := copyTree(t)
	head := demoTree(t)
	p := filepath.Join(base, "manifest.yaml")
	b, _ := os.ReadFile(p)
	text := string(b)
	i := strings.Index(text, "  conditionalAccess.policies:\n")
	j := i + len("  conditionalAccess.policies:\n")
	for strings.HasPrefix(text[j:], "    ") {
		j += strings.Index(text[j:], "\n") + 1
	}
	text = text[:i] + "  conditionalAccess.policies:\n    status: missing_permission\n    permission: Policy.Read.All\n" + text[j:]
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(base, "conditional-access/policies")); err != nil {
		t.Fatal(err)
	}
	c := compare(t, base, head)
	for _, ch := range c.Drift.Changes {
		if ch.Resource.Type == "conditionalAccess.policies" {
			t.Errorf("an uncollected resource drifted: %+v", ch)
		}
	}
	var got finding.DriftResource
	for _, r := range c.Drift.Resources {
		if r.Resource == "conditionalAccess.policies" {
			got = r
		}
	}
	if got.Status != finding.ResourceNotComparable || got.Reason != "baseline: not collected (missing_permission: Policy.Read.All)" {
		t.Errorf("conditionalAccess.policies = %+v", got)
	}
}

// TestPolicyInputShape pins input.drift as documented for Rego.
func TestPolicyInputShape(t *testing.T) {
	base := demoTree(t)
	head := copyTree(t)
	ca001 := file(t, head, `^conditional-access/policies/ca001-.*\.yaml$`)
	edit(t, head, ca001, "state: enabled\n", "state: disabled\n")
	in := compare(t, base, head).PolicyInput()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Baseline  map[string]string            `json:"baseline"`
		Resources map[string]map[string]string `json:"resources"`
		Changes   []struct {
			Kind, Resource, ID, Name string
			Before, After            map[string]any
			Fields                   []map[string]any
		} `json:"changes"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Baseline["collectedAt"] != "2026-12-01T06:00:00Z" || doc.Baseline["dir"] != base ||
		doc.Resources["conditionalAccess.policies"]["status"] != "compared" ||
		doc.Resources["apps.oauth2PermissionGrants"]["status"] != "not_comparable" {
		t.Errorf("baseline/resources: %v %v", doc.Baseline, doc.Resources)
	}
	if len(doc.Changes) != 1 {
		t.Fatalf("changes: %+v", doc.Changes)
	}
	ch := doc.Changes[0]
	if ch.Kind != "modified" || ch.Resource != "conditionalAccess.policies" || ch.ID != "29a3b2e9-5d65-4441-9588-42dea2bc372f" ||
		ch.Before["state"] != "enabled" || ch.After["state"] != "disabled" ||
		!reflect.DeepEqual(ch.Fields, []map[string]any{{"path": "state", "before": "enabled", "after": "disabled"}}) {
		t.Errorf("change: %+v", ch)
	}
}

// TestSingletonWhoseIDChanged: a singleton is matched whatever its id (the
// fuzzer found Compare failing when the two trees disagreed on it).
func TestSingletonWhoseIDChanged(t *testing.T) {
	base := demoTree(t)
	head := copyTree(t)
	edit(t, head, "tenant/authorization-policy.yaml", "id: authorizationPolicy\n", "id: someOtherId\n")
	c := compare(t, base, head)
	if len(c.Drift.Changes) != 1 {
		t.Fatalf("changes = %+v", c.Drift.Changes)
	}
	ch := c.Drift.Changes[0]
	if ch.Kind != finding.ChangeModified || ch.File != "tenant/authorization-policy.yaml" || len(ch.Fields) != 1 || ch.Fields[0].Path != "id" {
		t.Errorf("change = %+v", ch)
	}
}
