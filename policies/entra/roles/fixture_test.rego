# Known-good input for the role controls: the two break-glass accounts are
# cloud-only, active Global Administrators; everyone else privileged is a
# cloud-only member (Adele, Lee and Grady eligible through PIM, Tier0-Admins
# active); the only service principal role is Reports Reader; PIM requires
# MFA and justification and caps activations at 8 hours for privileged roles.
package entra.controls.roles.fixture_test

tenant_id := "bdd640fb-0667-4ad1-9c80-317fa3b1799d"

bg1 := "23b8c1e9-3924-46de-beb1-3b9046685257"

bg2 := "bd9c66b3-ad3c-4d6d-9a3d-1fa7bc8960a9"

adele := "972a8469-1641-4f82-8b9d-2434e465e150"

megan := "17fc695a-07a0-4a6e-8822-e8f36c031199"

lee := "9a1de644-815e-46d1-bb8f-aa1837f8a88b"

alex := "6b65a6a4-8b81-48f6-b38a-088ca65ed389"

grady := "47378190-96da-4dac-b2ff-5d2a386ecbe0"

tier0 := "371ecd7b-27cd-4130-8722-9389571aa876"

hr_sync := "43b7a3a6-9a8d-4a03-980d-7b71d8f56413"

reporting := "759cde66-bacf-43d0-8b1f-9163ce9ff57f"

ga := "62e90394-69f5-4237-9190-012177145e10"

pra := "e8611ab8-c189-46e8-94e1-60213ab1f814"

secadmin := "194ae4cb-b126-40b2-bd5b-6091b380977d"

useradmin := "fe930be7-5e62-47db-91af-98c3a49a38b1"

reports_reader := "4a5d8f65-41da-4de4-8968-e035b65339cf"

custom_role := "c0ffee00-1111-4222-8333-944455556666"

config := {"breakGlass": {"users": [bg1, bg2]}}

definition(id, name, builtin, privileged, actions) := {
	"id": id,
	"templateId": id,
	"displayName": name,
	"isBuiltIn": builtin,
	"isEnabled": true,
	"isPrivileged": privileged,
	"rolePermissions": [{"allowedResourceActions": actions, "condition": null}],
}

active(id, principal, role) := {
	"id": id,
	"principalId": principal,
	"roleDefinitionId": role,
	"directoryScopeId": "/",
	"appScopeId": null,
}

eligible(id, principal, role) := {
	"id": id,
	"principalId": principal,
	"roleDefinitionId": role,
	"directoryScopeId": "/",
	"appScopeId": null,
	"startDateTime": "2026-01-05T09:00:00Z",
	"endDateTime": null,
	"memberType": "Direct",
	"roleEligibilityScheduleId": id,
}

group_member(id, group, principal) := {
	"id": id,
	"groupId": group,
	"principalId": principal,
	"accessId": "member",
	"memberType": "Direct",
	"startDateTime": "2026-01-05T09:00:00Z",
	"endDateTime": null,
}

user(id, name, upn, type, synced) := {
	"id": id,
	"displayName": name,
	"userPrincipalName": upn,
	"userType": type,
	"accountEnabled": true,
	"onPremisesSyncEnabled": synced,
}

pim_policy(role, max_duration, enabled_rules) := {
	"id": sprintf("DirectoryRole_%s_pol-%s_%s", [tenant_id, substring(role, 0, 8), role]),
	"policyId": sprintf("DirectoryRole_%s_pol-%s", [tenant_id, substring(role, 0, 8)]),
	"scopeId": "/",
	"scopeType": "DirectoryRole",
	"roleDefinitionId": role,
	"policy": {"rules": [
		{
			"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
			"id": "Expiration_EndUser_Assignment",
			"isExpirationRequired": true,
			"maximumDuration": max_duration,
		},
		{
			"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule",
			"id": "Enablement_EndUser_Assignment",
			"enabledRules": enabled_rules,
		},
		{
			"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule",
			"id": "AuthenticationContext_EndUser_Assignment",
			"isEnabled": false,
			"claimValue": null,
		},
	]},
}

# group_pim_policy is the PIM policy of a group's members or owners
# (access member|owner), shaped like a role's.
group_pim_policy(group, access, max_duration, enabled_rules) := object.union(
	pim_policy(access, max_duration, enabled_rules),
	{
		"id": sprintf("Group_%s_pol-%s_%s", [group, access, access]),
		"policyId": sprintf("Group_%s_pol-%s", [group, access]),
		"scopeId": group,
		"scopeType": "Group",
		"roleDefinitionId": access,
	},
)

good := {
	"meta": {
		"schemaVersion": 1,
		"tenantId": tenant_id,
		"defaultDomain": "contoso.com",
		"cloud": "global",
		"collectedAt": "2026-11-26T10:00:00Z",
		"evaluationTime": "2026-11-26T10:05:00Z",
	},
	"collection": {
		"roles.definitions": {"status": "collected", "count": 6},
		"roles.assignments": {"status": "collected", "count": 4},
		"roles.eligibilityScheduleInstances": {"status": "collected", "count": 3},
		"roles.policyAssignments": {"status": "collected", "count": 4},
		"roles.groupAssignmentScheduleInstances": {"status": "collected", "count": 0},
		"roles.groupEligibilityScheduleInstances": {"status": "collected", "count": 1},
		"roles.groupPolicyAssignments": {"status": "collected", "count": 2},
		"principals.users": {"status": "collected", "count": 6},
		"principals.groups": {"status": "collected", "count": 1},
		"apps.servicePrincipals": {"status": "collected", "count": 1},
		"tenant.subscribedSkus": {"status": "collected", "count": 1},
	},
	"tenant": {"subscribedSkus": [{
		"skuId": "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
		"skuPartNumber": "SPE_E5",
		"capabilityStatus": "Enabled",
		"servicePlans": [
			{
				"servicePlanId": "41781fb2-bc02-4b7c-bd55-b576c07bb09d",
				"servicePlanName": "AAD_PREMIUM",
				"provisioningStatus": "Success",
			},
			{
				"servicePlanId": "eec0eb4f-6444-4f95-aba0-50c24d67f998",
				"servicePlanName": "AAD_PREMIUM_P2",
				"provisioningStatus": "Success",
			},
		],
	}]},
	"roles": {
		"definitions": [
			definition(ga, "Global Administrator", true, true, ["microsoft.directory/applications/credentials/update"]),
			definition(
				pra,
				"Privileged Role Administrator",
				true,
				true,
				["microsoft.directory/roleAssignments/allProperties/allTasks"],
			),
			definition(secadmin, "Security Administrator", true, true, ["microsoft.directory/conditionalAccessPolicies/create"]),
			definition(useradmin, "User Administrator", true, true, ["microsoft.directory/users/password/update"]),
			definition(reports_reader, "Reports Reader", true, false, ["microsoft.directory/auditLogs/allProperties/read"]),
			definition(custom_role, "Contoso Helpdesk Tier 1", false, false, [
				"microsoft.directory/users/basic/update",
				"microsoft.directory/users/manager/update",
			]),
		],
		"assignments": [
			active("ra-bg1-ga", bg1, ga),
			active("ra-bg2-ga", bg2, ga),
			active("ra-tier0-secadmin", tier0, secadmin),
			active("ra-reporting-reportsreader", reporting, reports_reader),
		],
		"eligibilityScheduleInstances": [
			eligible("re-adele-ga", adele, ga),
			eligible("re-lee-pra", lee, pra),
			eligible("re-grady-secadmin", grady, secadmin),
		],
		"groupAssignmentScheduleInstances": [],
		"groupEligibilityScheduleInstances": [group_member("ge-tier0-grady", tier0, grady)],
		"policyAssignments": [
			pim_policy(ga, "PT4H", ["MultiFactorAuthentication", "Justification", "Ticketing"]),
			pim_policy(pra, "PT8H", ["MultiFactorAuthentication", "Justification"]),
			pim_policy(secadmin, "PT8H", ["MultiFactorAuthentication", "Justification"]),
			pim_policy(reports_reader, "PT24H", []),
		],
		"groupPolicyAssignments": [
			group_pim_policy(tier0, "member", "PT8H", ["MultiFactorAuthentication", "Justification"]),
			group_pim_policy(tier0, "owner", "PT8H", ["MultiFactorAuthentication", "Justification"]),
		],
	},
	"principals": {
		"users": [
			user(bg1, "Break Glass 1", "bg1@contoso.onmicrosoft.com", "Member", null),
			user(bg2, "Break Glass 2", "bg2@contoso.onmicrosoft.com", "Member", null),
			user(adele, "Adele Vance", "adele.vance@contoso.com", "Member", null),
			user(lee, "Lee Gu", "lee.gu@contoso.com", "Member", null),
			user(grady, "Grady Archie", "grady.archie@contoso.com", "Member", null),
			user(megan, "Megan Bowen", "megan.bowen@contoso.com", "Member", true),
			user(alex, "Fabrikam Guest Alex", "alex_fabrikam.com#EXT#@contoso.onmicrosoft.com", "Guest", null),
		],
		"groups": [{"id": tier0, "displayName": "Tier0-Admins", "isAssignableToRole": true, "securityEnabled": true}],
	},
	"apps": {"servicePrincipals": [
		{
			"id": reporting,
			"appId": "b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e",
			"displayName": "Contoso Reporting",
			"servicePrincipalType": "Application",
			"appOwnerOrganizationId": tenant_id,
		},
		{
			"id": hr_sync,
			"appId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
			"displayName": "Contoso HR Sync",
			"servicePrincipalType": "Application",
			"appOwnerOrganizationId": tenant_id,
		},
	]},
}

policy_path(role) := sprintf("/roles/policyAssignments/%d", [i]) if {
	some i, p in good.roles.policyAssignments
	p.roleDefinitionId == role
}

# group_policy_path is the JSON pointer of the tier0 group's member (0) or
# owner (1) policy.
group_policy_path(i) := sprintf("/roles/groupPolicyAssignments/%d", [i])

tier0_label := sprintf("group Tier0-Admins (%s)", [tier0])

# group_finding is the finding on group policy assignment i of tenant.
group_finding(tenant, i, message, rule) := {
	"resource": {"type": "roles.groupPolicyAssignments", "id": pa.id, "name": pa.id},
	"message": message,
	"evidence": {
		"groupId": tier0, "group": "Tier0-Admins", "access": pa.roleDefinitionId,
		"roles": ["Security Administrator"], "rule": rule, "rules": pa.policy.rules,
	},
} if pa := tenant.roles.groupPolicyAssignments[i]
