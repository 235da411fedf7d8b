# The known-good tenant of the SCuBA Entra ID pack: it passes every automated
# control (MS.AAD.5.6v1 is not applicable because password addition is
# blocked). Each control's tests change one thing with json.patch.
package entra.scuba.aad.fixture_test

import data.lib.roles

ga := "62e90394-69f5-4237-9190-012177145e10"

exchange_admin := "29232cdf-9323-42fd-ade2-1d097af3e4de"

user_admin := "fe930be7-5e62-47db-91af-98c3a49a38b1"

app_admin := "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"

# users
ga1 := "11111111-0000-0000-0000-000000000001"

ga2 := "11111111-0000-0000-0000-000000000002"

bg1 := "11111111-0000-0000-0000-0000000000b1"

exo1 := "11111111-0000-0000-0000-000000000003"

ua1 := "11111111-0000-0000-0000-000000000004"

app1 := "11111111-0000-0000-0000-000000000005"

# groups
pim_group := "22222222-0000-0000-0000-000000000001"

svc_group := "22222222-0000-0000-0000-000000000002"

# PIM policy assignments are in role-id order: GA is the third.
ga_policy_index := 2

config := {
	"breakGlass": {"users": [bg1]},
	"controls": {
		"MS.AAD.3.2v2": {"exclusions": {"groups": [svc_group]}},
		"MS.AAD.7.4v1": {"roleExclusions": {"users": [bg1]}},
	},
}

_collected := {"status": "collected"}

_keys := [
	"conditionalAccess.policies", "conditionalAccess.authenticationStrengths", "roles.definitions",
	"roles.assignments", "roles.assignmentScheduleInstances", "roles.eligibilityScheduleInstances",
	"roles.policyAssignments", "roles.groupAssignmentScheduleInstances", "roles.groupPolicyAssignments",
	"roles.groupEligibilityScheduleInstances", "principals.users", "principals.groups",
	"authenticationMethods.policy", "tenant.subscribedSkus", "tenant.authorizationPolicy",
	"tenant.adminConsentRequestPolicy", "tenant.defaultAppManagementPolicy",
	"tenant.appManagementPolicies", "tenant.domains", "apps.permissionClassifications",
]

_user(id, upn) := {
	"id": id, "displayName": upn, "userPrincipalName": upn, "userType": "Member",
	"accountEnabled": true, "onPremisesSyncEnabled": null,
}

_users(include, exclude_users, exclude_groups) := {
	"includeUsers": include, "excludeUsers": exclude_users, "includeGroups": [], "excludeGroups": exclude_groups,
	"includeRoles": [], "excludeRoles": [], "includeGuestsOrExternalUsers": null,
	"excludeGuestsOrExternalUsers": null,
}

_apps_all := {
	"includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [],
	"includeAuthenticationContextClassReferences": [], "applicationFilter": null,
}

_conditions(users, apps) := {
	"users": users, "applications": apps, "clientAppTypes": ["all"], "userRiskLevels": [],
	"signInRiskLevels": [], "servicePrincipalRiskLevels": [], "platforms": null, "locations": null,
	"devices": null, "clientApplications": null, "authenticationFlows": null, "insiderRiskLevels": null,
}

_block := {
	"operator": "OR", "builtInControls": ["block"], "customAuthenticationFactors": [], "termsOfUse": [],
	"authenticationStrength": null,
}

_grant(op, controls) := {
	"operator": op, "builtInControls": controls, "customAuthenticationFactors": [], "termsOfUse": [],
	"authenticationStrength": null,
}

_policy(id, name, conditions, grant) := {
	"id": id, "displayName": name, "state": "enabled", "templateId": null,
	"conditions": conditions, "grantControls": grant, "sessionControls": null,
}

_all_users := _users(["All"], [bg1], [])

phishing_resistant_strength := {
	"id": "00000000-0000-0000-0000-000000000004", "displayName": "Phishing-resistant MFA",
	"policyType": "builtIn", "requirementsSatisfied": "mfa",
	"allowedCombinations": ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
}

mfa_strength := {
	"id": "00000000-0000-0000-0000-000000000002", "displayName": "Multifactor authentication",
	"policyType": "builtIn", "requirementsSatisfied": "mfa",
	"allowedCombinations": ["password,microsoftAuthenticatorPush", "fido2", "windowsHelloForBusiness"],
}

# CA policy indexes used by the tests.
ca_legacy := 0

ca_user_risk := 1

ca_signin_risk := 2

ca_phishing_resistant := 3

ca_mfa := 4

ca_admins := 5

ca_managed_device := 6

ca_register := 7

ca_device_code := 8

ca_agents := 9

_ca_policies := [
	_policy(
		"ca000001-0000-0000-0000-000000000001", "CA01 Block legacy authentication", object.union(
			_conditions(_all_users, _apps_all),
			{"clientAppTypes": ["exchangeActiveSync", "other"]},
		),
		_block,
	),
	_policy(
		"ca000001-0000-0000-0000-000000000002", "CA02 Block high user risk", object.union(
			_conditions(_all_users, _apps_all),
			{"userRiskLevels": ["high"]},
		),
		_block,
	),
	_policy(
		"ca000001-0000-0000-0000-000000000003", "CA03 Block high sign-in risk", object.union(
			_conditions(_all_users, _apps_all),
			{"signInRiskLevels": ["high"]},
		),
		_block,
	),
	_policy(
		"ca000001-0000-0000-0000-000000000004", "CA04 Phishing-resistant MFA for all users",
		_conditions(_all_users, _apps_all),
		object.union(_grant("AND", []), {"authenticationStrength": {"id": phishing_resistant_strength.id}}),
	),
	_policy(
		"ca000001-0000-0000-0000-000000000005", "CA05 MFA for all users",
		_conditions(_users(["All"], [bg1], [svc_group]), _apps_all),
		_grant("OR", ["mfa"]),
	),
	_policy(
		"ca000001-0000-0000-0000-000000000006", "CA06 Phishing-resistant MFA for admins",
		_conditions(object.union(_users([], [bg1], []), {"includeRoles": sort(roles.highly_privileged_ids)}), _apps_all),
		object.union(_grant("AND", []), {"authenticationStrength": phishing_resistant_strength}),
	),
	_policy(
		"ca000001-0000-0000-0000-000000000007", "CA07 Managed device for all users",
		_conditions(_all_users, _apps_all),
		_grant("OR", ["compliantDevice", "domainJoinedDevice"]),
	),
	_policy(
		"ca000001-0000-0000-0000-000000000008", "CA08 Managed device to register security info",
		_conditions(_all_users, object.union(_apps_all, {
			"includeApplications": [],
			"includeUserActions": ["urn:user:registersecurityinfo"],
		})),
		_grant("OR", ["compliantDevice", "domainJoinedDevice"]),
	),
	_policy(
		"ca000001-0000-0000-0000-000000000009", "CA09 Block device code flow", object.union(
			_conditions(_all_users, _apps_all),
			{"authenticationFlows": {"transferMethods": "deviceCodeFlow"}},
		),
		_block,
	),
	_policy(
		"ca000001-0000-0000-0000-000000000010", "CA10 Block high-risk agents", object.union(
			_conditions(_users([], [], []), _apps_all),
			{
				"agentIdRiskLevels": "high",
				"clientApplications": {
					"includeServicePrincipals": [], "excludeServicePrincipals": [],
					"includeAgentIdServicePrincipals": ["All"], "excludeAgentIdServicePrincipals": [],
				},
			},
		),
		_block,
	),
]

_instant := "2026-01-05T09:00:00Z"

_later := "2027-01-05T09:00:00Z"

_eligible(id, principal, role) := {
	"id": id, "principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/",
	"startDateTime": _instant, "endDateTime": _later, "memberType": "Direct",
}

_notify(id, recipients) := {
	"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule", "id": id,
	"notificationType": "Email", "recipientType": "Admin", "notificationLevel": "All",
	"isDefaultRecipientsEnabled": true, "notificationRecipients": recipients,
}

_activation_recipients(role) := ["ga-activations@contoso.com"] if role == ga

else := ["role-activations@contoso.com"]

_policy_assignment(role) := {
	"id": sprintf("DirectoryRole_tenant_policy_%s", [role]), "policyId": "DirectoryRole_tenant_policy",
	"scopeId": "/", "scopeType": "DirectoryRole", "roleDefinitionId": role,
	"policy": {"id": sprintf("DirectoryRole_tenant_%s", [role]), "rules": [
		{
			"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule",
			"id": "Approval_EndUser_Assignment",
			"setting": {"isApprovalRequired": role == ga, "approvalMode": "SingleStage"},
		},
		_notify("Notification_Admin_Admin_Eligibility", ["soc@contoso.com"]),
		_notify("Notification_Admin_Admin_Assignment", ["soc@contoso.com"]),
		_notify("Notification_Admin_EndUser_Assignment", _activation_recipients(role)),
	]},
}

# group_policy_assignment is the PIM policy of a group's members or owners
# (access member|owner): approval, assignment alerts and an activation
# alert, so that the group passes wherever the role's policy must.
group_policy_assignment(group, access) := {
	"id": sprintf("Group_%s_policy_%s", [group, access]), "policyId": sprintf("Group_%s_policy", [group]),
	"scopeId": group, "scopeType": "Group", "roleDefinitionId": access,
	"policy": {"id": sprintf("Group_%s_%s", [group, access]), "rules": [
		{
			"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule",
			"id": "Approval_EndUser_Assignment",
			"setting": {"isApprovalRequired": true, "approvalMode": "SingleStage"},
		},
		_notify("Notification_Admin_Admin_Eligibility", ["soc@contoso.com"]),
		_notify("Notification_Admin_Admin_Assignment", ["soc@contoso.com"]),
		_notify("Notification_Admin_EndUser_Assignment", ["ga-activations@contoso.com"]),
	]},
}

# Group policy assignments of the PIM group: member first, then owner.
group_member_policy_index := 0

good := {
	"meta": {
		"schemaVersion": 1, "tenantId": "99999999-0000-0000-0000-000000000001",
		"defaultDomain": "contoso.com", "cloud": "global",
		"collectedAt": "2026-11-26T10:00:00Z", "evaluationTime": "2026-11-26T10:05:00Z",
	},
	"collection": {k: _collected | some k in _keys},
	"conditionalAccess": {
		"policies": _ca_policies,
		"authenticationStrengths": [mfa_strength, phishing_resistant_strength],
	},
	"roles": {
		"definitions": [
			{"id": ga, "displayName": "Global Administrator", "isBuiltIn": true},
			{"id": "f2ef992c-3afb-46b9-b7cf-a126ee74c451", "displayName": "Global Reader", "isBuiltIn": true},
		],
		"assignments": [
			{"id": "ra-bg1", "principalId": bg1, "roleDefinitionId": ga, "directoryScopeId": "/"},
			{"id": "ra-pim-group", "principalId": pim_group, "roleDefinitionId": app_admin, "directoryScopeId": "/"},
		],
		"assignmentScheduleInstances": [
			{
				"id": "rai-bg1", "principalId": bg1, "roleDefinitionId": ga, "directoryScopeId": "/",
				"startDateTime": _instant, "endDateTime": null, "assignmentType": "Assigned",
				"memberType": "Direct", "roleAssignmentOriginId": "ra-bg1",
			},
			{
				"id": "rai-pim-group", "principalId": pim_group, "roleDefinitionId": app_admin,
				"directoryScopeId": "/", "startDateTime": _instant, "endDateTime": null,
				"assignmentType": "Assigned", "memberType": "Direct", "roleAssignmentOriginId": "ra-pim-group",
			},
		],
		"eligibilityScheduleInstances": [
			_eligible("rei-ga1", ga1, ga),
			_eligible("rei-ga2", ga2, ga),
			_eligible("rei-exo1", exo1, exchange_admin),
			_eligible("rei-ua1", ua1, user_admin),
		],
		"groupAssignmentScheduleInstances": [],
		"groupEligibilityScheduleInstances": [{
			"id": "gei-app1", "groupId": pim_group, "principalId": app1, "accessId": "member",
			"startDateTime": _instant, "endDateTime": _later, "memberType": "Direct",
		}],
		"policyAssignments": [_policy_assignment(r) | some r in sort(roles.highly_privileged_ids)],
		"groupPolicyAssignments": [
			group_policy_assignment(pim_group, "member"),
			group_policy_assignment(pim_group, "owner"),
		],
	},
	"principals": {
		"users": [
			_user(ga1, "ga1@contoso.com"), _user(ga2, "ga2@contoso.com"),
			_user(bg1, "breakglass1@contoso.onmicrosoft.com"), _user(exo1, "exo1@contoso.com"),
			_user(ua1, "ua1@contoso.com"), _user(app1, "app1@contoso.com"),
		],
		"groups": [
			{"id": pim_group, "displayName": "PIM Application Admins", "isAssignableToRole": true},
			{"id": svc_group, "displayName": "Service accounts", "isAssignableToRole": false},
		],
	},
	"authenticationMethods": {"policy": {
		"id": "authenticationMethodsPolicy", "displayName": "Authentication Methods Policy",
		"policyMigrationState": "migrationComplete",
		"authenticationMethodConfigurations": [
			{
				"@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
				"id": "MicrosoftAuthenticator", "state": "enabled", "isSoftwareOathEnabled": false,
				"includeTargets": [{"targetType": "group", "id": "all_users", "authenticationMode": "any"}],
				"excludeTargets": [],
				"featureSettings": {
					"displayAppInformationRequiredState": {
						"state": "enabled",
						"includeTarget": {"targetType": "group", "id": "all_users"},
						"excludeTarget": {"targetType": "group", "id": "00000000-0000-0000-0000-000000000000"},
					},
					"displayLocationInformationRequiredState": {
						"state": "enabled",
						"includeTarget": {"targetType": "group", "id": "all_users"},
						"excludeTarget": {"targetType": "group", "id": "00000000-0000-0000-0000-000000000000"},
					},
				},
			},
			{"id": "Fido2", "state": "enabled", "includeTargets": [{"targetType": "group", "id": "all_users"}]},
			{"id": "Sms", "state": "disabled", "includeTargets": []},
			{"id": "Voice", "state": "disabled", "includeTargets": []},
			{"id": "Email", "state": "disabled", "includeTargets": [], "allowExternalIdToUseEmailOtp": "default"},
		],
	}},
	"tenant": {
		"subscribedSkus": [{
			"skuId": "eec0eb4f-0000-0000-0000-000000000001", "skuPartNumber": "AAD_PREMIUM_P2",
			"capabilityStatus": "Enabled",
			"servicePlans": [
				{
					"servicePlanId": "41781fb2-bc02-4b7c-bd55-b576c07bb09d", "servicePlanName": "AAD_PREMIUM",
					"provisioningStatus": "Success",
				},
				{
					"servicePlanId": "eec0eb4f-6444-4f95-aba0-50c24d67f998", "servicePlanName": "AAD_PREMIUM_P2",
					"provisioningStatus": "Success",
				},
			],
		}],
		"authorizationPolicy": {
			"id": "authorizationPolicy", "displayName": "Authorization Policy",
			"allowInvitesFrom": "adminsAndGuestInviters",
			"guestUserRoleId": "2af84b1e-32c8-42b7-82bc-daa82404023b",
			"defaultUserRolePermissions": {
				"allowedToCreateApps": false, "allowedToCreateSecurityGroups": false,
				"allowedToReadOtherUsers": true,
				"permissionGrantPoliciesAssigned": [
					"ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team",
				],
			},
		},
		"adminConsentRequestPolicy": {
			"id": "adminConsentRequestPolicy", "isEnabled": true, "notifyReviewers": true,
			"remindersEnabled": true, "requestDurationInDays": 30,
			"reviewers": [{"query": "/users/11111111-0000-0000-0000-000000000001", "queryType": "MicrosoftGraph"}],
		},
		"defaultAppManagementPolicy": {
			"id": "00000000-0000-0000-0000-000000000000", "displayName": "Default app management tenant policy",
			"isEnabled": true,
			"applicationRestrictions": {
				"passwordCredentials": [
					{
						"restrictionType": "passwordAddition", "state": "enabled", "maxLifetime": null,
						"restrictForAppsCreatedAfterDateTime": null,
					},
					{
						"restrictionType": "passwordLifetime", "state": "enabled", "maxLifetime": "P181D",
						"restrictForAppsCreatedAfterDateTime": null,
					},
				],
				"keyCredentials": [{
					"restrictionType": "asymmetricKeyLifetime", "state": "enabled", "maxLifetime": "P366D",
					"restrictForAppsCreatedAfterDateTime": null,
				}],
			},
		},
		"appManagementPolicies": [],
		"domains": [
			{
				"id": "contoso.com", "authenticationType": "Managed", "isVerified": true, "isRoot": true,
				"isDefault": true, "passwordValidityPeriodInDays": 2147483647,
			},
			{
				"id": "contoso.onmicrosoft.com", "authenticationType": "Managed", "isVerified": true,
				"isRoot": true, "isInitial": true, "passwordValidityPeriodInDays": null,
			},
			{
				"id": "eu.contoso.com", "authenticationType": "Managed", "isVerified": true, "isRoot": false,
				"passwordValidityPeriodInDays": 90,
			},
		],
	},
	"apps": {"permissionClassifications": []},
}

# ---- helpers for the tests ----

patch(ops) := json.patch(good, ops)

# ca_path is the JSON pointer of field in CA policy i.
ca_path(i, field) := sprintf("/conditionalAccess/policies/%d/%s", [i, field])

policy(i) := good.conditionalAccess.policies[i]

# miss is the near-miss entry of CA policy i in a control's finding.
miss(i, reasons) := {"id": policy(i).id, "displayName": policy(i).displayName, "reasons": reasons}

ca_finding(message, misses) := {
	"resource": {"type": "conditionalAccess.policies", "id": "", "name": ""},
	"message": message,
	"evidence": {"candidates": misses},
}

licence_finding(message, licence) := {
	"resource": {"type": "tenant.subscribedSkus", "id": "", "name": ""},
	"message": message,
	"evidence": {"licence": licence},
}

no_licence := patch([{"op": "replace", "path": "/tenant/subscribedSkus", "value": []}])

p1_only := patch([{"op": "replace", "path": "/tenant/subscribedSkus/0/servicePlans", "value": [{
	"servicePlanId": "41781fb2-bc02-4b7c-bd55-b576c07bb09d", "servicePlanName": "AAD_PREMIUM",
	"provisioningStatus": "Success",
}]}])

other_user := "11111111-0000-0000-0000-0000000000ff"

# missing_ca is the `missing` entry of CA policy i lacking property.
missing_ca(i, property) := {
	"resource": {"type": "conditionalAccess.policies", "id": policy(i).id, "name": policy(i).displayName},
	"property": property,
}

_ca_indexes := numbers.range(0, count(good.conditionalAccess.policies) - 1)

# no_exclude_users: no policy has conditions.users.excludeUsers, which
# Graph always returns: none can be judged.
no_exclude_users := patch([{"op": "remove", "path": ca_path(i, "conditions/users/excludeUsers")} | some i in _ca_indexes])

no_exclude_users_missing := {missing_ca(i, "conditions.users.excludeUsers") | some i in _ca_indexes}

# one_policy_incomplete: only policy i lacks a property.
one_policy_incomplete(i) := patch([{"op": "remove", "path": ca_path(i, "grantControls/operator")}])

# ---- PIM for groups ----

# pim_group_for_ga makes the PIM group eligible for Global Administrator
# too: its members then activate Global Administrator under its policy.
pim_group_for_ga := {"op": "add", "path": "/roles/eligibilityScheduleInstances/-", "value": {
	"id": "rei-pim-group-ga", "principalId": pim_group, "roleDefinitionId": ga, "directoryScopeId": "/",
	"startDateTime": "2026-01-05T09:00:00Z", "endDateTime": "2027-01-05T09:00:00Z", "memberType": "Direct",
}}

# eligible_owner gives the PIM group an eligible owner (who activates
# ownership under the group's owner policy).
eligible_owner := {"op": "add", "path": "/roles/groupEligibilityScheduleInstances/-", "value": {
	"id": "gei-owner", "groupId": pim_group, "principalId": ua1, "accessId": "owner",
	"startDateTime": "2026-01-05T09:00:00Z", "endDateTime": "2027-01-05T09:00:00Z", "memberType": "Direct",
}}

# group_rule_path is the JSON pointer of field in rule r of group policy
# assignment i.
group_rule_path(i, r, field) := sprintf("/roles/groupPolicyAssignments/%d/policy/rules/%d/%s", [i, r, field])

# group_finding is a finding on group policy assignment i of tenant.
group_finding(tenant, i, message, rule, role_names) := {
	"resource": {"type": "roles.groupPolicyAssignments", "id": pa.id, "name": pa.id},
	"message": message,
	"evidence": {
		"groupId": pim_group, "group": "PIM Application Admins", "access": pa.roleDefinitionId,
		"roles": role_names, "rule": rule, "rules": pa.policy.rules,
	},
} if pa := tenant.roles.groupPolicyAssignments[i]

pim_group_label := sprintf("group PIM Application Admins (%s)", [pim_group])
