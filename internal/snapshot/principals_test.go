package snapshot_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
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
	if want := []string{"All Staff", "CA-Exclusion-BreakGlass", "Finance-Pilot", "PIM-GlobalAdmins", "Tier0-Admins"}; !slices.Equal(groups, want) {
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
	// The demo's directory fits one page: users and groups are each read by
	// one listing (cheaper than a lookup per id), filtered to what is named.
	for _, list := range []string{"/v1.0/users?$select=", "/v1.0/groups?$select="} {
		if n := len(env.requestsTo(list)); n != 1 {
			t.Errorf("%s listed %d times, want once", list, n)
		}
	}
	if n := len(env.requestsTo("/users/" + idHRSyncSP)); n != 0 {
		t.Errorf("HR Sync service principal looked up as a user %d times, want 0 (the listing says it is none)", n)
	}
	// Without apps.servicePrincipals, the role-holding service principal
	// is resolved by getByIds, typed.
	dirObjs := outcome(t, res, "principals.directoryObjects", snapshot.StatusCollected).Objects
	if len(dirObjs) != 1 || dirObjs[0]["id"] != idHRSyncSP || dirObjs[0]["@odata.type"] != "#microsoft.graph.servicePrincipal" ||
		dirObjs[0]["displayName"] != "Contoso HR Sync" || dirObjs[0]["unresolved"] != nil {
		t.Errorf("directory objects: %s", dump(dirObjs))
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

// A principal that is no user, group or service principal Graph returns
// (a deleted object holding Global Administrator).
const deletedAdmin = "deadbeef-0000-4000-8000-00000000000a"

func withDeletedAdmin(t *testing.T) *graphtest.Tenant {
	t.Helper()
	tn := demoTenant(t)
	tn.AddCollection("/v1.0/roleManagement/directory/roleAssignments", []byte(`{"id":"deleted-ga","principalId":"`+deletedAdmin+
		`","roleDefinitionId":"`+idGlobalAdmin+`","directoryScopeId":"/","appScopeId":null}`))
	return tn
}

// Every role holder is accounted for: service principals from
// apps.servicePrincipals without any lookup, the rest through one getByIds
// POST in $batch, and an id Graph returns nothing for as unresolved.
func TestPrincipalsResolveEveryRoleHolder(t *testing.T) {
	env := newFamilyEnv(t, withDeletedAdmin(t), false)
	res := env.run(t, snapshot.NewRolesCollector(), snapshot.NewAppsCollector(), snapshot.NewPrincipalsCollector())

	objs := outcome(t, res, "principals.directoryObjects", snapshot.StatusCollected).Objects
	if want := `[{"id":"` + deletedAdmin + `","unresolved":true}]`; dump(objs) != want {
		t.Errorf("directory objects:\n got %s\nwant %s", dump(objs), want)
	}
	if n := len(env.requestsTo(idHRSyncSP)); n != 0 {
		t.Errorf("HR Sync service principal (in apps.servicePrincipals) looked up %d times, want 0", n)
	}
	posts := env.requestsTo("/directoryObjects/getByIds")
	if len(posts) != 1 || posts[0].Method != "POST" || !posts[0].InBatch {
		t.Errorf("getByIds requests: %+v, want one POST inside $batch", posts)
	}

	// Written and read back: unresolved--<id>.yaml, the flag kept.
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, res, dir)
	files := readTree(t, dir)
	body, ok := files["principals/directory-objects/unresolved--deadbeef.yaml"]
	if !ok || !strings.Contains(body, "unresolved: true") {
		t.Errorf("unresolved file: %q (files %v)", body, slices.Sorted(maps.Keys(files)))
	}
	// Its assignment is named by the id prefix: nothing names the holder.
	if !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(name string) bool {
		return strings.HasPrefix(name, "roles/assignments/global-administrator--deadbeef--")
	}) {
		t.Errorf("no assignment file for the deleted holder: %v", slices.Sorted(maps.Keys(files)))
	}
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Input["principals"].(map[string]any)["directoryObjects"].([]any)
	if len(got) != 1 || got[0].(map[string]any)["unresolved"] != true {
		t.Errorf("input principals.directoryObjects = %v", got)
	}
}

// More than 1,000 ids take more than one getByIds, all in $batch.
func TestPrincipalsGetByIDsChunks(t *testing.T) {
	tn := demoTenant(t)
	for i := range 1001 {
		tn.AddCollection("/v1.0/roleManagement/directory/roleAssignments", []byte(fmt.Sprintf(
			`{"id":"gone-%d","principalId":"deadbeef-0000-4000-8000-%012d","roleDefinitionId":"%s","directoryScopeId":"/"}`, i, i, idGlobalAdmin)))
	}
	env := newFamilyEnv(t, tn, false)
	res := env.run(t, snapshot.NewRolesCollector(), snapshot.NewAppsCollector(), snapshot.NewPrincipalsCollector())
	objs := outcome(t, res, "principals.directoryObjects", snapshot.StatusCollected).Objects
	if len(objs) != 1001 {
		t.Errorf("directory objects: %d, want 1001", len(objs))
	}
	for _, o := range objs {
		if o["unresolved"] != true {
			t.Errorf("resolved %v", o)
		}
	}
	if n := len(env.requestsTo("/directoryObjects/getByIds")); n != 2 {
		t.Errorf("getByIds requests: %d, want 2 (1,000 ids each)", n)
	}
}

// getByIds needs Directory.Read.All: without it the resource says so and
// users and groups are still collected.
func TestPrincipalsDirectoryObjectsMissingPermission(t *testing.T) {
	tn := withDeletedAdmin(t)
	tn.SetError("/v1.0/directoryObjects/getByIds", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewRolesCollector(), snapshot.NewAppsCollector(), snapshot.NewPrincipalsCollector())
	if o := outcome(t, res, "principals.directoryObjects", snapshot.StatusMissingPermission); o.Permission != "Directory.Read.All" {
		t.Errorf("permission %q, want Directory.Read.All", o.Permission)
	}
	outcome(t, res, "principals.users", snapshot.StatusCollected)
	outcome(t, res, "principals.groups", snapshot.StatusCollected)
}

// Without User.Read.All (reading a user by id is refused) the role-holding
// users cannot be told apart from the rest: getByIds, under
// Directory.Read.All, types them.
func TestPrincipalsDirectoryObjectsWithoutUserRead(t *testing.T) {
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/users/*", Status: 403, Code: "Authorization_RequestDenied",
		Message: "Insufficient privileges to complete the operation."})
	env := newFamilyEnvOpts(t, withDeletedAdmin(t), false, graphtest.ServerOptions{Faults: faults})
	res := env.run(t, snapshot.NewRolesCollector(), snapshot.NewAppsCollector(), snapshot.NewPrincipalsCollector())
	outcome(t, res, "principals.users", snapshot.StatusMissingPermission)
	types := map[string][]string{}
	for _, o := range outcome(t, res, "principals.directoryObjects", snapshot.StatusCollected).Objects {
		k, _ := o["@odata.type"].(string)
		if o["unresolved"] == true {
			k = "unresolved"
		}
		name, _ := o["displayName"].(string)
		types[k] = append(types[k], name)
	}
	// The eight role-holding users; the groups were found as groups; the
	// service principal is in apps.servicePrincipals.
	if len(types["#microsoft.graph.user"]) != 8 || len(types["unresolved"]) != 1 || len(types) != 2 {
		t.Errorf("directory objects by type: %v", types)
	}
}

// A run that cannot POST (no $batch) says so instead of guessing.
func TestPrincipalsDirectoryObjectsWithoutBatch(t *testing.T) {
	env := newFamilyEnv(t, withDeletedAdmin(t), false)
	env.src.Batch = nil
	res := env.run(t, snapshot.NewRolesCollector(), snapshot.NewAppsCollector(), snapshot.NewPrincipalsCollector())
	outcome(t, res, "principals.directoryObjects", snapshot.StatusNotAvailable)
}

// A holder resolved by getByIds names its assignments like a user would:
// file name and reference comment.
func TestPrincipalsDirectoryObjectsNameAssignments(t *testing.T) {
	res := newFamilyEnv(t, demoTenant(t), false).run(t, snapshot.NewRolesCollector(), snapshot.NewPrincipalsCollector())
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, res, dir)
	files := readTree(t, dir)
	if _, ok := files["principals/directory-objects/serviceprincipal--contoso-hr-sync--43b7a3a6.yaml"]; !ok {
		t.Errorf("no file for the resolved service principal: %v", slices.Sorted(maps.Keys(files)))
	}
	found := false
	for name, body := range files {
		if strings.HasPrefix(name, "roles/assignments/") && strings.Contains(body, idHRSyncSP) {
			found = strings.Contains(name, "--contoso-hr-sync--") && strings.Contains(body, idHRSyncSP+" # Contoso HR Sync")
			if !found {
				t.Errorf("%s:\n%s", name, body)
			}
		}
	}
	if !found {
		t.Error("no assignment of the HR Sync service principal")
	}
}
