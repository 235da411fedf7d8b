package bench

import (
	"fmt"
	"path"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

func (p *planner) roles() {
	const f = "roles"
	base := "GET /v1.0/roleManagement/directory/"
	p.list(f, "roles.definitions", base+"roleDefinitions", serverPage)
	p.list(f, "roles.assignments", base+"roleAssignments", serverPage)
	p.list(f, "roles.assignmentScheduleInstances", base+"roleAssignmentScheduleInstances", serverPage)
	p.list(f, "roles.eligibilityScheduleInstances", base+"roleEligibilityScheduleInstances", serverPage)
	p.list(f, "roles.policyAssignments", "GET /v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)", serverPage)
	holders := p.roleHolders()
	if len(holders) == 0 {
		return
	}
	// A tenant has at most 500 role-assignable groups: one page.
	p.add(f, "role-assignable groups", "GET /v1.0/groups?$filter=isAssignableToRole eq true&$select=id&$top=999", 1, chain)
	// PIM for groups has no tenant-wide list: per role-holding PIM group,
	// its eligibilities, assignments and policies, each in its pages.
	perGroup := func(key string, group func(snapshot.Object) any) map[string]int {
		m := map[string]int{}
		for _, o := range p.objects(key) {
			m[fmt.Sprint(group(o))]++
		}
		return m
	}
	byGroup := func(o snapshot.Object) any { return o["groupId"] }
	elig, assign := perGroup("roles.groupEligibilityScheduleInstances", byGroup), perGroup("roles.groupAssignmentScheduleInstances", byGroup)
	policies := perGroup("roles.groupPolicyAssignments", func(o snapshot.Object) any { return o["scopeId"] })
	var e, a, pol int
	for _, g := range p.objects("principals.groups") {
		gid, _ := g["id"].(string)
		if g["isAssignableToRole"] == true && holders[gid] {
			e, a, pol = e+pages(elig[gid], serverPage), a+pages(assign[gid], serverPage), pol+pages(policies[gid], serverPage)
		}
	}
	const pim = "GET /v1.0/identityGovernance/privilegedAccess/group/"
	p.add(f, "PIM for groups: eligibilities per group", pim+"eligibilityScheduleInstances?$filter=groupId eq '{id}'", e, batched)
	p.add(f, "PIM for groups: assignments per group", pim+"assignmentScheduleInstances?$filter=groupId eq '{id}'", a, batched)
	p.add(f, "PIM for groups: policies per group", "GET /v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{id}' and scopeType eq 'Group'&$expand=policy($expand=rules)", pol, batched)
}

// roleHolders are the principals of role assignments and instances.
func (p *planner) roleHolders() map[string]bool {
	out := map[string]bool{}
	for _, k := range []string{"roles.assignments", "roles.assignmentScheduleInstances", "roles.eligibilityScheduleInstances"} {
		for _, o := range p.objects(k) {
			if id, _ := o["principalId"].(string); id != "" {
				out[id] = true
			}
		}
	}
	return out
}

// wellKnownAPIs are read for application permissions even when no app
// registration asks for them (as internal/snapshot/apps.go does).
var wellKnownAPIs = []string{"00000002-0000-0ff1-ce00-000000000000", "00000003-0000-0ff1-ce00-000000000000", "00000002-0000-0000-c000-000000000000"}

func (p *planner) apps() {
	const f = "apps"
	sps := p.objects("apps.servicePrincipals")
	p.add(f, "apps.servicePrincipals", "GET /v1.0/servicePrincipals?$select=id&$top=999", pages(len(sps), directoryPage), chain)
	p.add(f, "Microsoft Graph's app roles", "GET /v1.0/servicePrincipals(appId='"+msGraphAppID+"')?$select=id,appRoles", 1, chain)
	p.list(f, "apps.applications", "GET /v1.0/applications?$select=id&$top=999", directoryPage)
	// Application permissions: Microsoft Graph's in its pages, then each
	// other API that registrations ask application permissions of.
	perResource := map[string]int{}
	for _, a := range p.objects("apps.appRoleAssignments") {
		perResource[fmt.Sprint(a["resourceId"])]++
	}
	p.add(f, "Microsoft Graph's appRoleAssignedTo", "GET /v1.0/servicePrincipals(appId='"+msGraphAppID+"')/appRoleAssignedTo?$top=999",
		pages(perResource[msGraphSPID], directoryPage), chain)
	wanted := map[string]bool{}
	for _, id := range wellKnownAPIs {
		wanted[id] = true
	}
	for _, a := range p.objects("apps.applications") {
		for _, rra := range asList(a["requiredResourceAccess"]) {
			m, _ := rra.(map[string]any)
			for _, ra := range asList(m["resourceAccess"]) {
				if r, _ := ra.(map[string]any); r["type"] == "Role" {
					wanted[fmt.Sprint(m["resourceAppId"])] = true
				}
			}
		}
	}
	delete(wanted, msGraphAppID)
	calls := 0
	for _, sp := range sps {
		if wanted[fmt.Sprint(sp["appId"])] {
			calls += pages(perResource[fmt.Sprint(sp["id"])], directoryPage)
		}
	}
	p.add(f, "appRoleAssignedTo per other API", "GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo?$top=999", calls, batched)
	p.list(f, "apps.oauth2PermissionGrants", "GET /v1.0/oauth2PermissionGrants", serverPage)
	p.list(f, "apps.permissionClassifications", "GET /v1.0/servicePrincipals(appId='"+msGraphAppID+"')/delegatedPermissionClassifications", serverPage)
}

func (p *planner) multicloud() {
	const f = "multicloud"
	p.add(f, "authorizationSystems (retired)", "GET /beta/external/authorizationSystems", 1, chain)
	mgs, subs := p.n("multicloud.managementGroups"), p.n("multicloud.subscriptions")
	if p.res.Outcome("multicloud.managementGroups") != nil && p.res.Outcome("multicloud.managementGroups").Status == snapshot.StatusCollected {
		p.add(f, "multicloud.managementGroups", "GET /providers/Microsoft.Management/managementGroups", pages(mgs, serverPage), chain)
		p.add(f, "multicloud.subscriptions", "GET /subscriptions", pages(subs, serverPage), chain)
		p.add(f, "Azure role assignments at / and per scope", "GET /providers/Microsoft.Authorization/roleAssignments", 1+mgs+subs, parallel)
		defs := map[string]bool{}
		for _, a := range p.objects("multicloud.azureRoleAssignments") {
			if id, _ := dig(a, "properties")["roleDefinitionId"].(string); id != "" {
				defs[path.Base(id)] = true
			}
		}
		p.add(f, "Azure role definitions in use", "GET /providers/Microsoft.Authorization/roleDefinitions/{id}", len(defs), parallel)
	}
	// The federation apps are service principals the apps family lists
	// anyway (its $select can carry their fields): only their app roles
	// and assignees are new reads.
	p.add(f, "federation apps' appRoles and appRoleAssignedTo", "GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo", 2*p.n("multicloud.federationApps"), batched)
}

// principals: every referenced user, group and other directory object
// resolved by directoryObjects/getByIds, 1,000 ids a call.
func (p *planner) principals() {
	r := 0
	for _, k := range []string{"principals.users", "principals.groups", "principals.directoryObjects"} {
		for _, o := range p.objects(k) {
			if id, _ := o["id"].(string); isGUID(id) {
				r++
			}
		}
	}
	p.add("principals", "users, groups and others by id (getByIds)", "POST /v1.0/directoryObjects/getByIds", (r+getByIDsMax-1)/getByIDsMax, batched)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func dig(o map[string]any, key string) map[string]any {
	m, _ := o[key].(map[string]any)
	return m
}
