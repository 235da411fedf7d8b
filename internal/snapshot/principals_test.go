package snapshot_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// caPolicies stands in for the conditionalAccess family: one policy that
// names users and groups, a keyword and a deleted user.
type caPolicies struct{ policy snapshot.Object }

func (caPolicies) Family() string { return "conditionalAccess" }
func (caPolicies) Resources() []snapshot.Resource {
	return []snapshot.Resource{{Key: "conditionalAccess.policies", Path: "conditional-access/policies/"}}
}
func (c caPolicies) Collect(_ context.Context, _ snapshot.Sources, rec *snapshot.Recorder) error {
	rec.Put("conditionalAccess.policies", []snapshot.Object{c.policy})
	return nil
}

const deletedUser = "deadbeef-0000-4000-8000-000000000001"

func mfaPolicy() caPolicies {
	return caPolicies{snapshot.Object{
		"id": "ab9099a4-35a2-40ae-9af3-05535ec42e08", "displayName": "CA002 Require MFA for all users",
		"conditions": map[string]any{"users": map[string]any{
			"includeUsers":  []any{"All"},
			"excludeUsers":  []any{"c241330b-01a9-471f-9e8a-774bcf36d58b", deletedUser, "GuestsOrExternalUsers"},
			"includeGroups": []any{},
			"excludeGroups": []any{"6c307511-b2b9-437a-a8df-6ec4ce4a2bbd", "5be6128e-18c2-4797-a142-ea7d17be3111"},
		}},
	}}
}

func TestPrincipalsOnlyReferencedObjects(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), true)
	res := env.run(t, mfaPolicy(), snapshot.NewRolesCollector(), snapshot.NewMulticloudCollector(),
		snapshot.NewAuthMethodsCollector(), snapshot.NewPrincipalsCollector())

	users := outcome(t, res, "principals.users", snapshot.StatusCollected).Objects
	got := ids(users, "displayName")
	slices.Sort(got)
	want := []string{
		"Adele Vance",         // eligible GA, AWS assignee
		"Break Glass 1",       // GA
		"Break Glass 2",       // GA
		"Fabrikam Guest Alex", // User Administrator, Azure Owner
		"Grady Archie",        // eligible, PIM for groups
		"Isaiah Langer",       // excluded from CA002
		"Lee Gu",              // eligible PRA, GA approver
		"Megan Bowen",         // GA, root User Access Administrator, Google Cloud assignee
		"Nestor Wilke",        // Exchange Administrator
	}
	if !slices.Equal(got, want) {
		t.Errorf("users:\n got %v\nwant %v", got, want)
	}
	for _, u := range users {
		if _, ok := u["jobTitle"]; ok {
			t.Errorf("user %s carries jobTitle: $select not applied", u["displayName"])
		}
		if u["displayName"] == "Fabrikam Guest Alex" && u["userType"] != "Guest" {
			t.Errorf("guest: userType %v", u["userType"])
		}
		if u["id"] == idMegan && u["onPremisesSyncEnabled"] != true {
			t.Errorf("Megan: onPremisesSyncEnabled %v, want true", u["onPremisesSyncEnabled"])
		}
	}

	groups := ids(outcome(t, res, "principals.groups", snapshot.StatusCollected).Objects, "displayName")
	slices.Sort(groups)
	// Marketing is referenced by nothing; the HR Sync service principal holds
	// a role but is neither user nor group; the deleted user resolves to nothing.
	if want := []string{"All Staff", "CA-Exclusion-BreakGlass", "Finance-Pilot", "Tier0-Admins"}; !slices.Equal(groups, want) {
		t.Errorf("groups:\n got %v\nwant %v", groups, want)
	}

	// Per-id lookups go through $batch, never one GET per object.
	for _, r := range env.fake.Requests() {
		if (strings.HasPrefix(r.Path, "/v1.0/users/") || strings.HasPrefix(r.Path, "/v1.0/groups/")) && !r.InBatch {
			t.Errorf("per-object request outside $batch: %s", r.URL)
		}
	}
	if len(env.requestsTo("/v1.0/$batch")) == 0 {
		t.Error("no $batch request")
	}
	if n := len(env.requestsTo("/users/" + idHRSyncSP)); n != 1 {
		t.Errorf("HR Sync service principal looked up as a user %d times, want 1", n)
	}
	if n := len(env.requestsTo("00000000-0000-0000-0000-000000000000")); n != 0 {
		t.Errorf("the all-zero placeholder GUID was looked up %d times", n)
	}
	if n := len(env.requestsTo("/groups/" + deletedUser)); n != 0 {
		t.Errorf("a user id named by CA was looked up as a group %d times", n)
	}
}

func TestPrincipalsMissingUserPermission(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/v1.0/users", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	res := newFamilyEnv(t, tn, false).run(t, mfaPolicy(), snapshot.NewRolesCollector(), snapshot.NewPrincipalsCollector())

	if o := outcome(t, res, "principals.users", snapshot.StatusMissingPermission); o.Permission != "User.Read.All" {
		t.Errorf("users: permission %q", o.Permission)
	}
	// Groups are still found, unknown role holders included.
	groups := ids(outcome(t, res, "principals.groups", snapshot.StatusCollected).Objects, "displayName")
	if !slices.Contains(groups, "Tier0-Admins") || !slices.Contains(groups, "Finance-Pilot") {
		t.Errorf("groups: %v", groups)
	}
}

// Without a batch function (a Source that cannot batch) the same objects
// are read one GET at a time.
func TestPrincipalsWithoutBatch(t *testing.T) {
	collectors := func() []snapshot.Collector {
		return []snapshot.Collector{mfaPolicy(), snapshot.NewRolesCollector(), snapshot.NewPrincipalsCollector()}
	}
	batched := newFamilyEnv(t, demoTenant(t), false).run(t, collectors()...)
	env := newFamilyEnv(t, demoTenant(t), false)
	env.src.Batch = nil
	single := env.run(t, collectors()...)
	if n := len(env.requestsTo("$batch")); n != 0 {
		t.Errorf("%d $batch requests without a batch function", n)
	}
	for _, k := range []string{"principals.users", "principals.groups", "roles.groupEligibilityScheduleInstances"} {
		a, b := batched.Outcome(k), single.Outcome(k)
		if a.Status != snapshot.StatusCollected || len(a.Objects) == 0 || dump(a.Objects) != dump(b.Objects) {
			t.Errorf("%s: batched %s %d objects, one by one %s %s", k, a.Status, len(a.Objects), b.Status, dump(b.Objects))
		}
	}
}
