package snapshot_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

var azureKeys = []string{"multicloud.azureRoleAssignments", "multicloud.azureRoleDefinitions", "multicloud.managementGroups", "multicloud.subscriptions"}

func TestMulticloudContoso(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), true)
	res := env.run(t, snapshot.NewMulticloudCollector())

	o := outcome(t, res, "multicloud.authorizationSystems", snapshot.StatusNotAvailable)
	if !strings.Contains(o.Message, "Permissions Management was retired on 2025-10-01") {
		t.Errorf("retirement message: %q", o.Message)
	}

	// Root, management group and subscription scopes all list the root
	// assignment (atScope() includes the scopes above): kept once.
	assignments := outcome(t, res, "multicloud.azureRoleAssignments", snapshot.StatusCollected).Objects
	if len(assignments) != 3 {
		t.Fatalf("role assignments: %d, want 3: %s", len(assignments), dump(assignments))
	}
	byScope := map[string]string{}
	for _, a := range assignments {
		p := a["properties"].(map[string]any)
		byScope[p["scope"].(string)+" "+p["principalId"].(string)] = p["roleDefinitionId"].(string)
		if _, ok := p["updatedOn"]; ok {
			t.Error("volatile properties.updatedOn kept")
		}
	}
	if id := byScope["/ "+idMegan]; !strings.HasSuffix(id, "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9") {
		t.Errorf("elevated access of Megan at / not found: %v", byScope)
	}
	// Role names are known through the definitions the assignments use.
	var names []string
	for _, d := range outcome(t, res, "multicloud.azureRoleDefinitions", snapshot.StatusCollected).Objects {
		names = append(names, d["properties"].(map[string]any)["roleName"].(string))
	}
	slices.Sort(names)
	if want := []string{"Contributor", "Owner", "User Access Administrator"}; !slices.Equal(names, want) {
		t.Errorf("role names %v, want %v", names, want)
	}
	if n := len(outcome(t, res, "multicloud.managementGroups", snapshot.StatusCollected).Objects); n != 2 {
		t.Errorf("management groups: %d", n)
	}
	if n := len(outcome(t, res, "multicloud.subscriptions", snapshot.StatusCollected).Objects); n != 1 {
		t.Errorf("subscriptions: %d", n)
	}

	apps := outcome(t, res, "multicloud.federationApps", snapshot.StatusCollected).Objects
	got := ids(apps, "displayName")
	slices.Sort(got)
	if want := []string{"AWS IAM Identity Center", "Google Cloud"}; !slices.Equal(got, want) {
		t.Fatalf("federation apps %v, want %v", got, want)
	}
	for _, a := range apps {
		assigned, _ := a["appRoleAssignedTo"].([]any)
		roles, _ := a["appRoles"].([]any)
		if len(assigned) != 2 || len(roles) == 0 {
			t.Errorf("%s: %d assignees, %d app roles; want 2 and some", a["displayName"], len(assigned), len(roles))
		}
	}
	for _, r := range env.requestsTo("/appRoleAssignedTo") {
		if !r.InBatch {
			t.Errorf("per-app request outside $batch: %s", r.URL)
		}
	}
}

func TestMulticloudWithoutARM(t *testing.T) {
	res := newFamilyEnv(t, demoTenant(t), false).run(t, snapshot.NewMulticloudCollector())
	for _, k := range azureKeys {
		if o := outcome(t, res, k, snapshot.StatusNotAvailable); !strings.HasPrefix(o.Message, "no Azure Resource Manager token") {
			t.Errorf("%s: message %q", k, o.Message)
		}
	}
	// The other parts keep their own status.
	outcome(t, res, "multicloud.federationApps", snapshot.StatusCollected)
}

func TestMulticloudRootScopeForbidden(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/providers/Microsoft.Authorization/roleAssignments", 403, "AuthorizationFailed",
		"The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/'.")
	res := newFamilyEnv(t, tn, true).run(t, snapshot.NewMulticloudCollector())
	for _, k := range []string{"multicloud.azureRoleAssignments", "multicloud.azureRoleDefinitions"} {
		if o := outcome(t, res, k, snapshot.StatusMissingPermission); o.Permission != "Reader at root scope (/), inherited by every management group and subscription" {
			t.Errorf("%s: permission %q", k, o.Permission)
		}
	}
	outcome(t, res, "multicloud.subscriptions", snapshot.StatusCollected)
}

func TestMulticloudPermissionsManagementAnswers(t *testing.T) {
	for _, c := range []struct {
		status int
		code   string
		want   string
	}{
		{404, "Request_ResourceNotFound", snapshot.StatusNotAvailable},
		{403, "Authorization_RequestDenied", snapshot.StatusNotAvailable},
		{400, "BadRequest", snapshot.StatusNotAvailable},
		{500, "InternalServerError", snapshot.StatusFailed},
	} {
		tn := demoTenant(t)
		tn.SetError("/beta/external/authorizationSystems", c.status, c.code, "answer")
		res := newFamilyEnv(t, tn, false).run(t, snapshot.NewMulticloudCollector())
		outcome(t, res, "multicloud.authorizationSystems", c.want)
	}

	// A tenant where the API still answers: the data is recorded.
	tn := demoTenant(t)
	tn.AddCollection("/beta/external/authorizationSystems",
		[]byte(`{"@odata.type":"#microsoft.graph.awsAuthorizationSystem","id":"Mzc3NTk2MTMxNzc0","authorizationSystemId":"377596131774","authorizationSystemName":"staging","authorizationSystemType":"AWS"}`))
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewMulticloudCollector())
	if o := outcome(t, res, "multicloud.authorizationSystems", snapshot.StatusCollected); len(o.Objects) != 1 {
		t.Errorf("authorization systems: %d", len(o.Objects))
	}
}

func TestMulticloudFederationMatchRule(t *testing.T) {
	tn := demoTenant(t)
	tn.AddCollection("/v1.0/servicePrincipals",
		[]byte(`{"id":"0b1c2d3e-0000-4000-8000-0000000000a1","appId":"0b1c2d3e-0000-4000-8000-0000000000b1","displayName":"Payroll (SSO)","servicePrincipalNames":["https://signin.aws.amazon.com/saml"]}`),
		[]byte(`{"id":"0b1c2d3e-0000-4000-8000-0000000000a2","appId":"0b1c2d3e-0000-4000-8000-0000000000b2","displayName":"G Suite Connector by Microsoft","servicePrincipalNames":[]}`),
		[]byte(`{"id":"0b1c2d3e-0000-4000-8000-0000000000a3","appId":"0b1c2d3e-0000-4000-8000-0000000000b3","displayName":"Google Analytics Reporter","servicePrincipalNames":["https://analytics.example.com"]}`),
		[]byte(`{"id":"0b1c2d3e-0000-4000-8000-0000000000a4","appId":"0b1c2d3e-0000-4000-8000-0000000000b4","displayName":"Contoso AWSome Tools","servicePrincipalNames":[]}`))
	for _, id := range []string{"0b1c2d3e-0000-4000-8000-0000000000a1", "0b1c2d3e-0000-4000-8000-0000000000a2"} {
		tn.AddCollection("/v1.0/servicePrincipals/" + id + "/appRoleAssignedTo")
	}
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewMulticloudCollector())
	got := ids(outcome(t, res, "multicloud.federationApps", snapshot.StatusCollected).Objects, "displayName")
	slices.Sort(got)
	// By SAML identifier whatever the name; by gallery name; not by a look-alike name.
	want := []string{"AWS IAM Identity Center", "G Suite Connector by Microsoft", "Google Cloud", "Payroll (SSO)"}
	if !slices.Equal(got, want) {
		t.Errorf("federation apps:\n got %v\nwant %v", got, want)
	}
}

// Pages inside $batch answers are followed: a page size of 1 gives the
// same objects as one big page.
func TestFamiliesFollowPagesInBatchAnswers(t *testing.T) {
	collectors := func() []snapshot.Collector {
		return []snapshot.Collector{snapshot.NewRolesCollector(), snapshot.NewMulticloudCollector(),
			snapshot.NewAppsCollector(), snapshot.NewCrossTenantCollector(), snapshot.NewPrincipalsCollector()}
	}
	tn := demoTenant(t)
	tn.AddCollection("/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances",
		[]byte(`{"id":"ge-second","accessId":"owner","groupId":"`+idTier0Admins+`","principalId":"`+idMegan+`","memberType":"Direct"}`))
	whole := newFamilyEnv(t, tn, true).run(t, collectors()...)
	paged := newFamilyEnvOpts(t, tn, true, graphtest.ServerOptions{PageSize: 1}).run(t, collectors()...)
	if n := len(whole.Outcome("roles.groupEligibilityScheduleInstances").Objects); n != 3 {
		t.Fatalf("group eligibility instances: %d, want 3 (Tier0-Admins' two, PIM-GlobalAdmins' one)", n)
	}
	for _, o := range whole.Outcomes {
		p := paged.Outcome(o.Key)
		if p == nil || p.Status != o.Status || dump(p.Objects) != dump(o.Objects) {
			t.Errorf("%s differs with a page size of 1:\n whole %s %s\n paged %v", o.Key, o.Status, dump(o.Objects), p)
		}
	}
}
