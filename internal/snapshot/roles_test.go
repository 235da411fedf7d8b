package snapshot_test

import (
	"context"
	"encoding/json"
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
	if n := len(outcome(t, res, "roles.eligibilityScheduleInstances", snapshot.StatusCollected).Objects); n != 3 {
		t.Errorf("eligibility instances: %d, want 3", n)
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

	// PIM for groups: asked only for Tier0-Admins, the one role-assignable
	// group that holds a role, through $batch.
	gel := outcome(t, res, "roles.groupEligibilityScheduleInstances", snapshot.StatusCollected).Objects
	if len(gel) != 1 || gel[0]["principalId"] != idGrady || gel[0]["groupId"] != idTier0Admins {
		t.Errorf("group eligibility: %s", dump(gel))
	}
	if n := len(outcome(t, res, "roles.groupAssignmentScheduleInstances", snapshot.StatusCollected).Objects); n != 1 {
		t.Errorf("group assignment instances: %d, want 1", n)
	}
	pim := env.requestsTo("/identityGovernance/privilegedAccess/group/")
	if len(pim) != 2 {
		t.Fatalf("PIM for groups requests: %d, want 2 (eligibility and assignment for Tier0-Admins): %+v", len(pim), pim)
	}
	for _, r := range pim {
		if !r.InBatch || !strings.Contains(r.URL, idTier0Admins) {
			t.Errorf("PIM for groups request %s: in batch %v, want a batched request for Tier0-Admins", r.URL, r.InBatch)
		}
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
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewRolesCollector())

	outcome(t, res, "roles.definitions", snapshot.StatusCollected)
	outcome(t, res, "roles.assignments", snapshot.StatusCollected)
	for _, k := range []string{"roles.assignmentScheduleInstances", "roles.eligibilityScheduleInstances", "roles.policyAssignments",
		"roles.groupEligibilityScheduleInstances", "roles.groupAssignmentScheduleInstances"} {
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
	for _, k := range []string{"roles.groupEligibilityScheduleInstances", "roles.groupAssignmentScheduleInstances"} {
		if o := outcome(t, res, k, snapshot.StatusMissingPermission); o.Permission != "GroupMember.Read.All" {
			t.Errorf("%s: permission %q, want GroupMember.Read.All", k, o.Permission)
		}
	}
}
