package entra.scuba.aad.ms_aad_7_7_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_7 as control

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

# Policy assignments are in role-id order: Exchange Administrator is the second.
_exchange := 1

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 9 with input as fx.good
}

test_eligible_assignment_without_recipients_fails if {
	tenant := fx.patch([{"op": "replace", "path": _rule_path(_exchange, 1, "notificationRecipients"), "value": []}])
	control.findings == {_policy_finding(
		tenant, _exchange,
		"Assigning Exchange Administrator as eligible sends no alert to an additional recipient",
	)} with input as tenant
	count(control.evidence) == 8 with input as tenant
}

test_active_assignment_alerts_turned_off_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": _rule_path(fx.ga_policy_index, 2, "notificationLevel"),
		"value": "None",
	}])
	control.findings == {_policy_finding(
		tenant, fx.ga_policy_index,
		"Assigning Global Administrator as active sends no alert to an additional recipient",
	)} with input as tenant
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {_pim_licence("Alerting on privileged role assignments")} with input as fx.p1_only
}

test_absent_rule_setting_is_missing if {
	pa := fx.good.roles.policyAssignments[fx.ga_policy_index]
	tenant := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/policy/rules/1/notificationRecipients", [fx.ga_policy_index])}])
	control.missing == {{
		"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
		"property": "policy.rules[Notification_Admin_Admin_Eligibility].notificationRecipients",
	}} with input as tenant
	no_role := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/roleDefinitionId", [fx.ga_policy_index])}])
	{m.property | some m in control.missing} == {"roleDefinitionId"} with input as no_role
	control.missing == set() with input as fx.good
}

# ---- PIM for groups: the PIM group holds Application Administrator ----

_member := fx.group_member_policy_index

test_pim_group_member_assignment_without_alert_fails if {
	# Rule 1 of a group policy alerts on eligible assignments.
	tenant := fx.patch([{"op": "replace", "path": fx.group_rule_path(_member, 1, "notificationRecipients"), "value": []}])
	control.findings == {fx.group_finding(
		tenant, _member,
		sprintf(
			"Assigning members of %s, which holds Application Administrator, as eligible sends no alert to an additional recipient (rule Notification_Admin_Admin_Eligibility of the group's member policy)",
			[fx.pim_group_label],
		),
		"Notification_Admin_Admin_Eligibility", ["Application Administrator"],
	)} with input as tenant
	count(control.evidence) == 8 with input as tenant
}
