package entra.scuba.aad.ms_aad_7_8_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_8 as control

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

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_activation_without_recipients_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": _rule_path(fx.ga_policy_index, 3, "notificationRecipients"),
		"value": [],
	}])
	control.findings == {_policy_finding(
		tenant, fx.ga_policy_index,
		"Activating Global Administrator sends no alert to an additional recipient",
	)} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_other_roles_do_not_matter if {
	tenant := fx.patch([{"op": "replace", "path": _rule_path(0, 3, "notificationRecipients"), "value": []}])
	control.findings == set() with input as tenant
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {_pim_licence("Alerting on Global Administrator activation")} with input as fx.p1_only
}

test_absent_rule_setting_is_missing if {
	pa := fx.good.roles.policyAssignments[fx.ga_policy_index]
	tenant := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/policy/rules/3/notificationLevel", [fx.ga_policy_index])}])
	control.missing == {{
		"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
		"property": "policy.rules[Notification_Admin_EndUser_Assignment].notificationLevel",
	}} with input as tenant
	no_role := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/roleDefinitionId", [fx.ga_policy_index])}])
	{m.property | some m in control.missing} == {"roleDefinitionId"} with input as no_role
	control.missing == set() with input as fx.good
}

# ---- PIM for groups: a group eligible for Global Administrator ----

_member := fx.group_member_policy_index

# Rule 3 of a group policy is its activation alert.
_no_alert := {"op": "replace", "path": fx.group_rule_path(_member, 3, "notificationRecipients"), "value": []}

test_pim_group_with_activation_alert_passes if {
	tenant := fx.patch([fx.pim_group_for_ga])
	control.findings == set() with input as tenant
	some e in control.evidence with input as tenant
	e.message == sprintf("Members of %s, which holds Global Administrator, activate their membership with an alert", [fx.pim_group_label])
}

test_pim_group_member_policy_without_activation_alert_fails if {
	tenant := fx.patch([fx.pim_group_for_ga, _no_alert])
	control.findings == {fx.group_finding(
		tenant, _member,
		sprintf(
			"Members of %s, which holds Global Administrator, activate their membership with no alert to an additional recipient (rule Notification_Admin_EndUser_Assignment of the group's member policy)",
			[fx.pim_group_label],
		),
		"Notification_Admin_EndUser_Assignment", ["Global Administrator"],
	)} with input as tenant
}

test_alerts_turned_off_on_the_group_fail if {
	tenant := fx.patch([
		fx.pim_group_for_ga,
		{"op": "replace", "path": fx.group_rule_path(_member, 3, "notificationLevel"), "value": "None"},
	])
	count(control.findings) == 1 with input as tenant
}

test_group_holding_other_roles_is_not_judged if {
	control.findings == set() with input as fx.patch([_no_alert])
}

test_absent_group_alert_fields_are_missing if {
	tenant := fx.patch([
		fx.pim_group_for_ga,
		{"op": "remove", "path": fx.group_rule_path(_member, 3, "notificationRecipients")},
	])
	{m.property | some m in control.missing} == {"policy.rules[Notification_Admin_EndUser_Assignment].notificationRecipients"}
		with input as tenant
}
