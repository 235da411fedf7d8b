package bench

import (
	"encoding/json"
	"fmt"
)

// activeHolder is the principal of active assignment a: every PIM group,
// then the deleted holders, then a service principal in ten, else a user.
func (g generator) activeHolder(a int) string {
	switch s := g.s; {
	case a < s.PIMGroups:
		return g.pimGroup(a)
	case a < s.PIMGroups+s.DeletedHolders:
		return id(kindDeleted, a-s.PIMGroups)
	case a%10 == 1:
		return g.lobSP(a * 7)
	}
	return g.holderUser(a)
}

// eligibleHolder is the principal of eligibility e: every PIM group, then
// users half of whom also hold active roles.
func (g generator) eligibleHolder(e int) string {
	if e < g.s.PIMGroups {
		return g.pimGroup(e)
	}
	h := g.s.roleHolderUsers()
	return g.user(h/2 + e%h)
}

// roles adds active assignments with their schedule instances and
// eligibility schedule instances.
func (g generator) roles() {
	role := func(i int) string { return builtInRoles[i%len(builtInRoles)] }
	g.add("/v1.0/roleManagement/directory/roleAssignments", g.s.ActiveAssignments, func(a int) json.RawMessage {
		return raw(`{"id":"bench-ra-%06d","principalId":%q,"roleDefinitionId":%q,"directoryScopeId":"/","appScopeId":null}`,
			a, g.activeHolder(a), role(a))
	})
	g.add("/v1.0/roleManagement/directory/roleAssignmentScheduleInstances", g.s.ActiveAssignments, func(a int) json.RawMessage {
		kind, end := "Assigned", "null"
		if a%7 == 3 {
			kind, end = "Activated", `"2026-12-01T18:00:00Z"`
		}
		return raw(`{"id":"bench-ra-%06d","principalId":%q,"roleDefinitionId":%q,"directoryScopeId":"/","appScopeId":null,
			"startDateTime":"2025-03-04T09:12:44.53Z","endDateTime":%s,"memberType":"Direct","assignmentType":%q,
			"roleAssignmentOriginId":"bench-ra-%06d","roleAssignmentScheduleId":"bench-ra-%06d"}`,
			a, g.activeHolder(a), role(a), end, kind, a, a)
	})
	g.add("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances", g.s.EligibleAssignments, func(e int) json.RawMessage {
		return raw(`{"id":"bench-re-%06d","principalId":%q,"roleDefinitionId":%q,"directoryScopeId":"/","appScopeId":null,
			"startDateTime":"2025-06-01T08:00:00Z","endDateTime":"2027-06-01T08:00:00Z","memberType":"Direct","roleEligibilityScheduleId":%q}`,
			e, g.eligibleHolder(e), role(e+3), id(kindSchedule, e))
	})
}

// pimGroups adds PIM for groups for every PIM group: two eligible members
// and an eligible owner, an active member and an active owner, and the
// group's member and owner policies (approval by a role holder).
func (g generator) pimGroups() {
	const base = "/v1.0/identityGovernance/privilegedAccess/group/"
	n := g.s.PIMGroups
	g.add(base+"eligibilityScheduleInstances", 3*n, func(i int) json.RawMessage {
		grp, access := i/3, "member"
		if i%3 == 2 {
			access = "owner"
		}
		return raw(`{"id":"bench-ge-%06d","accessId":%q,"groupId":%q,"principalId":%q,"memberType":"Direct",
			"startDateTime":"2026-01-31T08:00:00Z","endDateTime":"2027-01-31T08:00:00Z","eligibilityScheduleId":%q}`,
			i, access, g.pimGroup(grp), g.pimUser(3*grp+i%3), id(kindSchedule, 100_000+i))
	})
	g.add(base+"assignmentScheduleInstances", 2*n, func(i int) json.RawMessage {
		grp, access, who := i/2, "member", g.pimUser(3*(i/2))
		if i%2 == 1 {
			access, who = "owner", g.holderUser(i/2)
		}
		return raw(`{"id":"bench-ga-%06d","accessId":%q,"groupId":%q,"principalId":%q,"memberType":"Direct","assignmentType":"Assigned",
			"startDateTime":"2025-09-01T08:00:00Z","endDateTime":null,"assignmentScheduleId":%q}`,
			i, access, g.pimGroup(grp), who, id(kindSchedule, 200_000+i))
	})
	g.add("/v1.0/policies/roleManagementPolicyAssignments", 2*n, func(i int) json.RawMessage {
		grp, access := g.pimGroup(i/2), []string{"member", "owner"}[i%2]
		policy := fmt.Sprintf("Group_%s_%s", grp, id(kindSchedule, 300_000+i))
		return raw(`{"id":"%s_%s","policyId":%q,"scopeId":%q,"scopeType":"Group","roleDefinitionId":%q,
			"policy":{"id":%q,"displayName":"Group","description":"Group","isOrganizationDefault":false,"scopeId":%q,"scopeType":"Group",
			"lastModifiedDateTime":"2026-03-02T08:05:00Z","lastModifiedBy":{"displayName":null,"id":null},"rules":[
			{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","id":"Expiration_Admin_Eligibility","isExpirationRequired":false,"maximumDuration":"P365D",
			 "target":{"caller":"Admin","operations":["all"],"level":"Eligibility","inheritableSettings":[],"enforcedSettings":[]}},
			{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","id":"Expiration_EndUser_Assignment","isExpirationRequired":true,"maximumDuration":"PT8H",
			 "target":{"caller":"EndUser","operations":["all"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}},
			{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyEnablementRule","id":"Enablement_EndUser_Assignment","enabledRules":["MultiFactorAuthentication","Justification"],
			 "target":{"caller":"EndUser","operations":["all"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}},
			{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule","id":"Approval_EndUser_Assignment",
			 "target":{"caller":"EndUser","operations":["all"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]},
			 "setting":{"isApprovalRequired":true,"isApprovalRequiredForExtension":false,"isRequestorJustificationRequired":true,"approvalMode":"SingleStage",
			  "approvalStages":[{"approvalStageTimeOutInDays":1,"isApproverJustificationRequired":true,"escalationTimeInMinutes":0,"isEscalationEnabled":false,
			  "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","isBackup":false,"userId":%q,"description":"Approver"}],"escalationApprovers":[]}]}}]}}`,
			policy, access, policy, grp, access, policy, grp, g.holderUser(i/2+1))
	})
}
