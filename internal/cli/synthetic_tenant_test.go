package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// syntheticCounts are the objects of the synthetic tenant at scale 1 (issue
// #14): a large enterprise tenant. Every count is multiplied by the scale.
var syntheticCounts = struct {
	users, groups, pimGroups, directoryObjects, servicePrincipals, appRoleAssignments,
	delegatedGrants, applications, caPolicies, namedLocations, activeAssignments,
	eligibleAssignments, partners int
}{
	users: 20000, groups: 3000, pimGroups: 60, directoryObjects: 100, servicePrincipals: 5000,
	appRoleAssignments: 5000, delegatedGrants: 1000, applications: 2000, caPolicies: 150,
	namedLocations: 50, activeAssignments: 3000, eligibleAssignments: 1500, partners: 500,
}

// pimGroupMembers is how many members (eligible) each PIM group has; each
// also has one active owner and, every third group, an eligible owner.
const pimGroupMembers = 10

// syntheticInput builds the policy input of a synthetic tenant `scale` times
// syntheticCounts from the demo tenant's input: each object is a copy of a
// demo object of its kind (same properties, so every control reads real
// shapes) with a fresh id, and the references between them are rewired so
// joins hit: role assignments and eligibilities over many users, service
// principals, directory objects and PIM groups; schedule instances naming
// their assignment as origin; PIM groups with members, owners and a member
// and an owner policy; app role assignments to Microsoft Graph; CA policies
// excluding users and groups and naming locations; partners with their
// tenant information. The demo's own objects are kept.
func syntheticInput(demo map[string]any, scale int) map[string]any {
	n := func(c int) int { return c * scale }
	c := syntheticCounts
	t := &synth{demo: demo, in: maps.Clone(demo)}
	t.in["collection"] = maps.Clone(demo["collection"].(map[string]any))

	users := t.gen("principals", "users", n(c.users), 0x1, func(o map[string]any, i int, tmpl map[string]any) {
		o["displayName"] = fmt.Sprintf("User %d", i)
		upn := fmt.Sprintf("user%d@contoso.com", i)
		if strings.Contains(strings.ToLower(fmt.Sprint(tmpl["userPrincipalName"])), "#ext#") {
			upn = fmt.Sprintf("user%d_fabrikam.com#EXT#@contoso.onmicrosoft.com", i)
		}
		o["userPrincipalName"] = upn
	})
	var assignable, plain []map[string]any
	for _, g := range t.templates("principals", "groups") {
		if g["isAssignableToRole"] == true {
			assignable = append(assignable, g)
		} else {
			plain = append(plain, g)
		}
	}
	pimGroups := t.genFrom("principals", "groups", assignable, n(c.pimGroups), 0x2, func(o map[string]any, i int, _ map[string]any) {
		o["displayName"] = fmt.Sprintf("PIM Group %d", i)
	})
	groups := t.genFrom("principals", "groups", plain, n(c.groups)-n(c.pimGroups), 0x3, func(o map[string]any, i int, _ map[string]any) {
		o["displayName"] = fmt.Sprintf("Group %d", i)
	})
	dirObjects := t.genRaw("principals", "directoryObjects", n(c.directoryObjects), 0x4, func(i int, id string) map[string]any {
		if i%2 == 1 {
			return map[string]any{"id": id, "unresolved": true}
		}
		return map[string]any{"id": id, "displayName": fmt.Sprintf("Device %d", i), "@odata.type": "#microsoft.graph.device"}
	})
	graphSP := ""
	for _, sp := range t.templates("apps", "servicePrincipals") {
		if sp["appId"] == "00000003-0000-0000-c000-000000000000" {
			graphSP = sp["id"].(string)
		}
	}
	sps := t.gen("apps", "servicePrincipals", n(c.servicePrincipals), 0x5, func(o map[string]any, i int, _ map[string]any) {
		o["displayName"] = fmt.Sprintf("Service Principal %d", i)
		o["appId"] = synthID(0x15, i)
	})
	t.gen("apps", "applications", n(c.applications), 0x6, func(o map[string]any, i int, _ map[string]any) {
		o["displayName"] = fmt.Sprintf("App %d", i)
		o["appId"] = synthID(0x16, i)
	})
	graphRoles := []string{
		"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "06b708a9-e830-4db3-a914-8e69da51d44f",
		"1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
		"741f803b-c850-494e-b5df-cde7c675a1ca", "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
		"df021288-bdef-4463-88db-98f22de89214", "246dd0d5-5bd0-4def-940b-0421030a5b68",
	}
	t.gen("apps", "appRoleAssignments", n(c.appRoleAssignments), 0x7, func(o map[string]any, i int, _ map[string]any) {
		sp := sps[(i*7)%len(sps)]
		o["principalId"], o["principalDisplayName"] = sp["id"], sp["displayName"]
		o["resourceId"], o["appRoleId"] = graphSP, graphRoles[i%len(graphRoles)]
		// Most hold one read permission; one in 50 a write one.
		if i%50 != 0 {
			o["appRoleId"] = graphRoles[5+i%3]
		}
	})
	t.genRaw("apps", "oauth2PermissionGrants", n(c.delegatedGrants), 0x8, func(i int, id string) map[string]any {
		g := map[string]any{"id": id, "clientId": sps[(i*3)%len(sps)]["id"], "resourceId": graphSP,
			"consentType": "Principal", "principalId": users[(i*11)%len(users)]["id"], "scope": "User.Read openid profile"}
		if i%25 == 0 {
			g["consentType"], g["principalId"], g["scope"] = "AllPrincipals", nil, "User.Read Mail.Read"
		}
		return g
	})
	locations := t.gen("conditionalAccess", "namedLocations", n(c.namedLocations), 0x9, func(o map[string]any, i int, _ map[string]any) {
		o["displayName"] = fmt.Sprintf("Location %d", i)
	})
	t.gen("conditionalAccess", "policies", n(c.caPolicies), 0xa, func(o map[string]any, i int, _ map[string]any) {
		o["displayName"] = fmt.Sprintf("CA%04d synthetic", i)
		cond, _ := o["conditions"].(map[string]any)
		if cond == nil {
			return
		}
		if u, ok := cond["users"].(map[string]any); ok {
			u["excludeUsers"] = appendIDs(u["excludeUsers"], users, i*13, 1+i%4)
			u["excludeGroups"] = appendIDs(u["excludeGroups"], groups, i*17, i%3)
		}
		if i%3 == 0 {
			cond["locations"] = map[string]any{
				"includeLocations": []any{"All"},
				"excludeLocations": appendIDs([]any{}, locations, i, 1+i%3),
			}
		}
	})
	partnerTmpls := t.templates("crossTenantAccess", "partners")
	t.genRaw("crossTenantAccess", "partners", n(c.partners), 0xb, func(i int, tid string) map[string]any {
		p := deepCopy(partnerTmpls[i%len(partnerTmpls)]).(map[string]any)
		p["tenantId"] = tid
		if s, ok := p["identitySynchronization"].(map[string]any); ok {
			s["tenantId"], s["displayName"] = tid, fmt.Sprintf("Partner %d", i)
		}
		return p
	})
	infoTmpl := t.templates("crossTenantAccess", "partnerTenantInformation")[0]
	t.genRaw("crossTenantAccess", "partnerTenantInformation", n(c.partners), 0xb, func(i int, tid string) map[string]any {
		o := deepCopy(infoTmpl).(map[string]any)
		o["tenantId"], o["displayName"], o["defaultDomainName"] = tid, fmt.Sprintf("Partner %d", i), fmt.Sprintf("partner%d.com", i)
		return o
	})

	// Roles: every role of the demo's definitions, over users mostly, and
	// service principals, directory objects and PIM groups.
	var roleIDs []string
	for _, d := range t.templates("roles", "definitions") {
		roleIDs = append(roleIDs, d["id"].(string))
	}
	slices.Sort(roleIDs)
	holder := func(i int) any {
		switch {
		case i%40 == 1:
			return sps[(i/40)%len(sps)]["id"]
		case i%100 == 3:
			return dirObjects[(i/100)%len(dirObjects)]["id"]
		}
		return users[(i*37)%len(users)]["id"]
	}
	active := t.gen("roles", "assignments", n(c.activeAssignments), 0xc, func(o map[string]any, i int, _ map[string]any) {
		o["principalId"], o["roleDefinitionId"] = holder(i), roleIDs[i%len(roleIDs)]
		if i < len(pimGroups) {
			o["principalId"] = pimGroups[i]["id"]
		}
	})
	// One in ten active assignments has no schedule instance (outside PIM).
	var withInstance []map[string]any
	for i, a := range active {
		if i%10 != 9 {
			withInstance = append(withInstance, a)
		}
	}
	t.gen("roles", "assignmentScheduleInstances", len(withInstance), 0xd, func(o map[string]any, i int, _ map[string]any) {
		a := withInstance[i]
		o["principalId"], o["roleDefinitionId"], o["directoryScopeId"] = a["principalId"], a["roleDefinitionId"], a["directoryScopeId"]
		o["roleAssignmentOriginId"], o["roleAssignmentScheduleId"] = a["id"], a["id"]
	})
	t.gen("roles", "eligibilityScheduleInstances", n(c.eligibleAssignments), 0xe, func(o map[string]any, i int, _ map[string]any) {
		o["principalId"], o["roleDefinitionId"] = users[(i*53+7)%len(users)]["id"], roleIDs[(i*3)%len(roleIDs)]
		if i%len(pimGroups) == 0 {
			o["principalId"] = pimGroups[(i/len(pimGroups))%len(pimGroups)]["id"]
		}
		if i%4 == 0 {
			o["endDateTime"] = nil
		}
	})
	var elig, assigned []map[string]any
	for g, grp := range pimGroups {
		for m := range pimGroupMembers {
			elig = append(elig, map[string]any{"groupId": grp["id"], "accessId": "member",
				"principalId": users[(g*pimGroupMembers+m)*29%len(users)]["id"]})
		}
		if g%3 == 0 {
			elig = append(elig, map[string]any{"groupId": grp["id"], "accessId": "owner", "principalId": users[(g*31+5)%len(users)]["id"]})
		}
		assigned = append(assigned, map[string]any{"groupId": grp["id"], "accessId": "owner", "principalId": users[(g*41+3)%len(users)]["id"]})
	}
	instances := func(resource string, kind int, refs []map[string]any) {
		t.gen("roles", resource, len(refs), kind, func(o map[string]any, i int, _ map[string]any) {
			maps.Copy(o, refs[i])
		})
	}
	instances("groupEligibilityScheduleInstances", 0xf, elig)
	instances("groupAssignmentScheduleInstances", 0x10, assigned)
	var paths []map[string]any
	for _, grp := range pimGroups {
		for _, access := range []string{"member", "owner"} {
			paths = append(paths, map[string]any{"scopeId": grp["id"], "roleDefinitionId": access})
		}
	}
	policies := t.templates("roles", "groupPolicyAssignments")
	t.genFrom("roles", "groupPolicyAssignments", policies, len(paths), 0x11, func(o map[string]any, i int, _ map[string]any) {
		maps.Copy(o, paths[i])
		o["id"] = fmt.Sprintf("Group_%s_%s", paths[i]["scopeId"], paths[i]["roleDefinitionId"])
	})
	return t.in
}

// synth builds the synthetic tenant's resources from the demo's.
type synth struct {
	demo, in map[string]any
}

func (t *synth) templates(family, resource string) []map[string]any {
	fam, _ := t.demo[family].(map[string]any)
	list, _ := fam[resource].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, o := range list {
		out = append(out, o.(map[string]any))
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("demo has no %s.%s to copy", family, resource))
	}
	return out
}

// gen adds count copies of the demo's objects of family.resource, with fresh ids.
func (t *synth) gen(family, resource string, count, kind int, edit func(o map[string]any, i int, tmpl map[string]any)) []map[string]any {
	return t.genFrom(family, resource, t.templates(family, resource), count, kind, edit)
}

func (t *synth) genFrom(family, resource string, tmpls []map[string]any, count, kind int, edit func(o map[string]any, i int, tmpl map[string]any)) []map[string]any {
	out := make([]map[string]any, count)
	for i := range out {
		tmpl := tmpls[i%len(tmpls)]
		o := deepCopy(tmpl).(map[string]any)
		o["id"] = synthID(kind, i)
		edit(o, i, tmpl)
		out[i] = o
	}
	t.add(family, resource, out)
	return out
}

// genRaw adds count objects that build(i, id) makes.
func (t *synth) genRaw(family, resource string, count, kind int, build func(i int, id string) map[string]any) []map[string]any {
	out := make([]map[string]any, count)
	for i := range out {
		out[i] = build(i, synthID(kind, i))
	}
	t.add(family, resource, out)
	return out
}

// add appends objects to family.resource (after the demo's) and marks it collected.
func (t *synth) add(family, resource string, objs []map[string]any) {
	fam, _ := t.in[family].(map[string]any)
	list, _ := fam[resource].([]any)
	list = slices.Clone(list)
	for _, o := range objs {
		list = append(list, o)
	}
	t.set(family, resource, list)
}

func (t *synth) set(family, resource string, value any) {
	fam, _ := t.in[family].(map[string]any)
	fam = maps.Clone(fam)
	if fam == nil {
		fam = map[string]any{}
	}
	switch v := value.(type) {
	case []map[string]any:
		list := make([]any, len(v))
		for i, o := range v {
			list[i] = o
		}
		value = list
	}
	fam[resource] = value
	t.in[family] = fam
	t.in["collection"].(map[string]any)[family+"."+resource] = map[string]any{"status": "collected"}
}

// appendIDs appends the ids of n objects of objs, from index start on.
func appendIDs(list any, objs []map[string]any, start, n int) []any {
	out, _ := list.([]any)
	out = slices.Clone(out)
	for j := range n {
		out = append(out, objs[(start+j)%len(objs)]["id"])
	}
	return out
}

// synthID is the id of the i-th synthetic object of a kind: a GUID.
func synthID(kind, i int) string {
	return fmt.Sprintf("%08x-5e00-4000-8000-%012x", kind, i)
}
