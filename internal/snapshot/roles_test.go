package snapshot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Contoso ids used by the tests of the roles, principals, authentication
// methods, cross-tenant, multicloud and apps families (see the demo cast).
const (
	idGlobalAdmin   = "62e90394-69f5-4237-9190-012177145e10"
	idTier0Admins   = "371ecd7b-27cd-4130-8722-9389571aa876"
	idPIMGlobal     = "c52f3019-eb67-423e-816e-de337db09413" // PIM-GlobalAdmins, eligible for Global Administrator
	idAdele         = "972a8469-1641-4f82-8b9d-2434e465e150"
	idGrady         = "47378190-96da-4dac-b2ff-5d2a386ecbe0"
	idMegan         = "17fc695a-07a0-4a6e-8822-e8f36c031199"
	idHRSyncSP      = "43b7a3a6-9a8d-4a03-980d-7b71d8f56413"
	pimLicenseError = "The tenant needs an AAD Premium 2 license."
)

// familyEnv is the fake Graph (and ARM) serving a tenant to real clients.
type familyEnv struct {
	fake *graphtest.Fake
	src  snapshot.Sources
}

// newFamilyEnv serves tn in process; withARM adds an ARM client on the
// same fake (which answers ARM paths like ARM).
func newFamilyEnv(t *testing.T, tn *graphtest.Tenant, withARM bool) familyEnv {
	t.Helper()
	return newFamilyEnvOpts(t, tn, withARM, graphtest.ServerOptions{})
}

func newFamilyEnvOpts(t *testing.T, tn *graphtest.Tenant, withARM bool, opts graphtest.ServerOptions) familyEnv {
	t.Helper()
	fake := graphtest.NewFake(tn, opts)
	hc := &http.Client{Transport: graphtest.NewTransport(fake)}
	mk := func(base string) *graph.Client {
		c, err := graph.New(graph.Options{BaseURL: base, HTTPClient: hc, PacePrefixes: []string{}, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	g := mk("https://graph.test.invalid")
	src := snapshot.Sources{Graph: g, Batch: snapshot.BatchVia(g)}
	if withARM {
		src.ARM = mk("https://management.test.invalid")
	}
	return familyEnv{fake: fake, src: src}
}

func (e familyEnv) run(t *testing.T, collectors ...snapshot.Collector) *snapshot.Result {
	t.Helper()
	res, err := snapshot.Collect(context.Background(), e.src, snapshot.Options{Collectors: collectors})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// requestsTo lists the recorded requests whose path contains part.
func (e familyEnv) requestsTo(part string) []graphtest.RecordedRequest {
	var out []graphtest.RecordedRequest
	for _, r := range e.fake.Requests() {
		if strings.Contains(strings.ToLower(r.URL), strings.ToLower(part)) {
			out = append(out, r)
		}
	}
	return out
}

// outcome returns the outcome of key, failing the test when it is absent
// or its status differs from want.
func outcome(t *testing.T, res *snapshot.Result, key, want string) *snapshot.Outcome {
	t.Helper()
	o := res.Outcome(key)
	if o == nil {
		t.Fatalf("%s: no outcome", key)
	}
	if o.Status != want {
		t.Fatalf("%s: status %s (%s), want %s", key, o.Status, o.Message, want)
	}
	return o
}

// ids lists field (default id) of objs.
func ids(objs []snapshot.Object, field string) []string {
	var out []string
	for _, o := range objs {
		s, _ := o[field].(string)
		out = append(out, s)
	}
	return out
}

func dump(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestRolesContoso(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), false)
	res := env.run(t, snapshot.NewRolesCollector())

	defs := outcome(t, res, "roles.definitions", snapshot.StatusCollected)
	if len(defs.Objects) != 15 {
		t.Errorf("definitions: %d, want 15 (14 built-in, 1 custom)", len(defs.Objects))
	}
	if !strings.Contains(dump(defs.Objects), "microsoft.directory/applications/credentials/update") {
		t.Error("custom role's dangerous action missing")
	}
	if n := len(outcome(t, res, "roles.assignments", snapshot.StatusCollected).Objects); n != 7 {
		t.Errorf("assignments: %d, want 7", n)
	}
	inst := outcome(t, res, "roles.assignmentScheduleInstances", snapshot.StatusCollected).Objects
	permanentGA := 0
	for _, o := range inst {
		if o["roleDefinitionId"] == idGlobalAdmin && o["endDateTime"] == nil && o["assignmentType"] == "Assigned" {
			permanentGA++
		}
	}
	if permanentGA != 3 {
		t.Errorf("permanent active Global Administrators: %d, want 3 (two break-glass, Megan)", permanentGA)
	}
	eligible := outcome(t, res, "roles.eligibilityScheduleInstances", snapshot.StatusCollected).Objects
	if len(eligible) != 4 {
		t.Errorf("eligibility instances: %d, want 4 (Adele GA, Lee PRA, Grady Security Admin, PIM-GlobalAdmins GA)", len(eligible))
	}
	// One PIM policy per role, rules expanded; PRA's allows 24-hour activations.
	pol := outcome(t, res, "roles.policyAssignments", snapshot.StatusCollected).Objects
	if len(pol) != 15 {
		t.Errorf("policy assignments: %d, want one per role (15)", len(pol))
	}
	for _, p := range pol {
		rules, _ := p["policy"].(map[string]any)["rules"].([]any)
		long := strings.Contains(dump(rules), `"maximumDuration":"PT24H"`)
		if len(rules) != 10 || long != (p["roleDefinitionId"] == "e8611ab8-c189-46e8-94e1-60213ab1f814") {
			t.Errorf("policy for role %v: %d rules, 24-hour activation %v", p["roleDefinitionId"], len(rules), long)
		}
	}

	// PIM for groups: asked only for Tier0-Admins and PIM-GlobalAdmins, the
	// role-assignable groups that hold a role, through $batch.
	gel := outcome(t, res, "roles.groupEligibilityScheduleInstances", snapshot.StatusCollected).Objects
	members := map[string]string{}
	for _, o := range gel {
		members[o["groupId"].(string)] = o["principalId"].(string)
	}
	if len(gel) != 2 || members[idTier0Admins] != idGrady || members[idPIMGlobal] != idAdele {
		t.Errorf("group eligibility: %s", dump(gel))
	}
	if n := len(outcome(t, res, "roles.groupAssignmentScheduleInstances", snapshot.StatusCollected).Objects); n != 1 {
		t.Errorf("group assignment instances: %d, want 1", n)
	}
	// Their PIM policies, member and owner each, rules expanded; the member
	// policy of PIM-GlobalAdmins asks for no approval and alerts no one.
	gpol := outcome(t, res, "roles.groupPolicyAssignments", snapshot.StatusCollected).Objects
	got := map[string]map[string]any{}
	for _, p := range gpol {
		if p["scopeType"] != "Group" {
			t.Errorf("group policy %v: scopeType %v", p["id"], p["scopeType"])
		}
		got[fmt.Sprint(p["scopeId"], " ", p["roleDefinitionId"])] = p
	}
	if len(gpol) != 4 || len(got) != 4 {
		t.Fatalf("group policy assignments: %d, want member and owner of both groups: %s", len(gpol), dump(gpol))
	}
	for key, p := range got {
		rules, _ := p["policy"].(map[string]any)["rules"].([]any)
		var approval, alert bool
		for _, r := range rules {
			r := r.(map[string]any)
			switch r["id"] {
			case "Approval_EndUser_Assignment":
				approval = r["setting"].(map[string]any)["isApprovalRequired"] == true
			case "Notification_Admin_EndUser_Assignment":
				alert = len(r["notificationRecipients"].([]any)) > 0
			}
		}
		weak := key == idPIMGlobal+" member"
		if len(rules) != 10 || approval == weak || alert == weak {
			t.Errorf("group policy %s: %d rules, approval %v, activation alert %v", key, len(rules), approval, alert)
		}
	}
	pim := env.requestsTo("/identityGovernance/privilegedAccess/group/")
	for _, r := range env.requestsTo("/policies/roleManagementPolicyAssignments") {
		if !strings.Contains(r.URL, "'/'") && !strings.Contains(r.URL, "%27/%27") { // not the directory roles' request
			pim = append(pim, r)
		}
	}
	if len(pim) != 6 {
		t.Fatalf("PIM for groups requests: %d, want 6 (eligibility, assignment and policies for two groups): %+v", len(pim), pim)
	}
	perGroup := map[string]int{}
	for _, r := range pim {
		if !r.InBatch {
			t.Errorf("PIM for groups request %s outside $batch", r.URL)
		}
		for _, g := range []string{idTier0Admins, idPIMGlobal} {
			if strings.Contains(r.URL, g) {
				perGroup[g]++
			}
		}
	}
	if perGroup[idTier0Admins] != 3 || perGroup[idPIMGlobal] != 3 {
		t.Errorf("PIM for groups requests per group: %v, want 3 each", perGroup)
	}
	if n := len(env.requestsTo("/v1.0/$batch")); n != 1 {
		t.Errorf("%d $batch envelopes, want 1 (six requests fit one)", n)
	}
}

func TestRolesWithoutP2(t *testing.T) {
	tn := demoTenant(t)
	for _, p := range []string{
		"/v1.0/roleManagement/directory/roleAssignmentScheduleInstances",
		"/v1.0/roleManagement/directory/roleEligibilityScheduleInstances",
		"/v1.0/policies/roleManagementPolicyAssignments",
		"/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances",
		"/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances",
	} {
		tn.SetError(p, 400, "AadPremiumLicenseRequired", pimLicenseError)
	}
	// (roleManagementPolicyAssignments answers both the role and the group
	// policies: Graph's licence error covers both.)
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewRolesCollector())

	outcome(t, res, "roles.definitions", snapshot.StatusCollected)
	outcome(t, res, "roles.assignments", snapshot.StatusCollected)
	for _, k := range []string{"roles.assignmentScheduleInstances", "roles.eligibilityScheduleInstances", "roles.policyAssignments",
		"roles.groupEligibilityScheduleInstances", "roles.groupAssignmentScheduleInstances", "roles.groupPolicyAssignments"} {
		o := outcome(t, res, k, snapshot.StatusLicenseRequired)
		if o.License != "Microsoft Entra ID P2" {
			t.Errorf("%s: licence %q, want Microsoft Entra ID P2", k, o.License)
		}
	}
}

func TestRolesMissingPermissions(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/v1.0/roleManagement/directory/roleDefinitions", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	tn.SetError("/v1.0/groups", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewRolesCollector())

	if o := outcome(t, res, "roles.definitions", snapshot.StatusMissingPermission); o.Permission != "RoleManagement.Read.Directory" {
		t.Errorf("definitions: permission %q", o.Permission)
	}
	outcome(t, res, "roles.assignments", snapshot.StatusCollected)
	// Telling role-holding groups apart needs group read: named as such.
	for _, k := range []string{"roles.groupEligibilityScheduleInstances", "roles.groupAssignmentScheduleInstances", "roles.groupPolicyAssignments"} {
		if o := outcome(t, res, k, snapshot.StatusMissingPermission); o.Permission != "GroupMember.Read.All" {
			t.Errorf("%s: permission %q, want GroupMember.Read.All", k, o.Permission)
		}
	}
}

// Group PIM policies need their own permission; a missing one is recorded
// for that resource alone (the fake cannot tell the two filters apart, so
// the role policies fail too, each naming its own permission).
func TestRolesGroupPoliciesMissingPermission(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/v1.0/policies/roleManagementPolicyAssignments", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewRolesCollector())

	if o := outcome(t, res, "roles.groupPolicyAssignments", snapshot.StatusMissingPermission); o.Permission != "RoleManagementPolicy.Read.AzureADGroup" {
		t.Errorf("group policies: permission %q, want RoleManagementPolicy.Read.AzureADGroup", o.Permission)
	}
	if o := outcome(t, res, "roles.policyAssignments", snapshot.StatusMissingPermission); o.Permission != "RoleManagementPolicy.Read.Directory" {
		t.Errorf("role policies: permission %q", o.Permission)
	}
	for _, k := range []string{"roles.groupEligibilityScheduleInstances", "roles.groupAssignmentScheduleInstances"} {
		outcome(t, res, k, snapshot.StatusCollected)
	}
}
