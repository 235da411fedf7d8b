package entra.scuba.aad.ms_aad_7_9_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_9 as control

_eligible(id, principal, role) := {
	"id": id, "principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/",
	"startDateTime": "2026-01-05T09:00:00Z", "endDateTime": "2027-01-05T09:00:00Z", "memberType": "Direct",
}

_tenant_finding(type, message, evidence) := {
	"resource": {"type": type, "id": "", "name": ""},
	"message": message,
	"evidence": evidence,
}

_pim_licence(what) := fx.licence_finding(
	sprintf("%s requires Microsoft Entra ID P2 (Privileged Identity Management), which the tenant does not have", [what]),
	"Microsoft Entra ID P2",
)

_not_collected(key, entry, detail) := _tenant_finding(
	key,
	sprintf("%s was not collected (%s): the control cannot be judged without it", [key, detail]),
	entry,
)

_missing_permission := {"status": "missing_permission", "permission": "RoleManagement.Read.Directory"}

_policy_finding(tenant, i, message) := {
	"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
	"message": message,
	"evidence": {"roleDefinitionId": pa.roleDefinitionId, "rules": pa.policy.rules},
} if pa := tenant.roles.policyAssignments[i]

_rule_path(i, r, field) := sprintf("/roles/policyAssignments/%d/policy/rules/%d/%s", [i, r, field])

# Policy assignments are in role-id order: User Administrator is the last.
_user_admin := 7

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 8 with input as fx.good
}

test_activation_without_recipients_fails if {
	tenant := fx.patch([{"op": "replace", "path": _rule_path(_user_admin, 3, "notificationRecipients"), "value": []}])
	control.findings == {_policy_finding(
		tenant, _user_admin,
		"Activating User Administrator sends no alert to an additional recipient",
	)} with input as tenant
	count(control.evidence) == 7 with input as tenant
}

test_global_administrator_is_not_judged_here if {
	tenant := fx.patch([{
		"op": "replace", "path": _rule_path(fx.ga_policy_index, 3, "notificationRecipients"),
		"value": [],
	}])
	control.findings == set() with input as tenant
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {_pim_licence("Alerting on privileged role activation")} with input as fx.p1_only
}

test_absent_rule_setting_is_missing if {
	pa := fx.good.roles.policyAssignments[0]
	tenant := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/policy/rules/3/notificationLevel", [0])}])
	control.missing == {{
		"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
		"property": "policy.rules[Notification_Admin_EndUser_Assignment].notificationLevel",
	}} with input as tenant
	no_role := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/roleDefinitionId", [0])}])
	{m.property | some m in control.missing} == {"roleDefinitionId"} with input as no_role
	control.missing == set() with input as fx.good
}

# ---- PIM for groups: the PIM group holds Application Administrator ----

_member := fx.group_member_policy_index

test_pim_group_member_policy_without_activation_alert_fails if {
	tenant := fx.patch([{"op": "replace", "path": fx.group_rule_path(_member, 3, "notificationRecipients"), "value": []}])
	control.findings == {fx.group_finding(
		tenant, _member,
		sprintf(
			"Members of %s, which holds Application Administrator, activate their membership with no alert to an additional recipient (rule Notification_Admin_EndUser_Assignment of the group's member policy)",
			[fx.pim_group_label],
		),
		"Notification_Admin_EndUser_Assignment", ["Application Administrator"],
	)} with input as tenant
}

test_group_policies_not_collected_fail if {
	denied := {"status": "missing_permission", "permission": "RoleManagementPolicy.Read.AzureADGroup"}
	tenant := fx.patch([{"op": "replace", "path": "/collection/roles.groupPolicyAssignments", "value": denied}])
	control.findings == {_not_collected(
		"roles.groupPolicyAssignments", denied,
		"missing_permission, RoleManagementPolicy.Read.AzureADGroup",
	)} with input as tenant
}
