package entra.scuba.aad.ms_aad_7_6_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_6 as control

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

test_no_approval_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": _rule_path(fx.ga_policy_index, 0, "setting/isApprovalRequired"),
		"value": false,
	}])
	message := "Activation of Global Administrator does not require approval"
	control.findings == {_policy_finding(tenant, fx.ga_policy_index, message)}
		with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_missing_policy_fails if {
	tenant := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d", [fx.ga_policy_index])}])
	control.findings == {_tenant_finding(
		"roles.policyAssignments",
		"Activation of Global Administrator does not require approval (no PIM policy was found for the role)",
		{"roleDefinitionId": fx.ga},
	)} with input as tenant
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {_pim_licence("Requiring approval for Global Administrator activation")} with input as fx.p1_only
}

test_policies_not_collected_fail if {
	tenant := fx.patch([{"op": "replace", "path": "/collection/roles.policyAssignments", "value": _missing_permission}])
	control.findings == {_not_collected(
		"roles.policyAssignments", _missing_permission,
		"missing_permission, RoleManagement.Read.Directory",
	)} with input as tenant
}

test_absent_rule_setting_is_missing if {
	pa := fx.good.roles.policyAssignments[fx.ga_policy_index]
	tenant := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/policy/rules/0/setting/isApprovalRequired", [fx.ga_policy_index])}])
	control.missing == {{
		"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
		"property": "policy.rules[Approval_EndUser_Assignment].setting.isApprovalRequired",
	}} with input as tenant
	no_role := fx.patch([{"op": "remove", "path": sprintf("/roles/policyAssignments/%d/roleDefinitionId", [fx.ga_policy_index])}])
	{m.property | some m in control.missing} == {"roleDefinitionId"} with input as no_role
	control.missing == set() with input as fx.good
}

# ---- PIM for groups: a group eligible for Global Administrator ----

_member := fx.group_member_policy_index

_owner := 1

_group_message(whom, what) := sprintf(
	"%s of %s, which holds Global Administrator, activate their %s without approval (rule Approval_EndUser_Assignment of the group's %s policy)",
	[whom, fx.pim_group_label, what, {"membership": "member", "ownership": "owner"}[what]],
)

test_pim_group_with_approval_passes if {
	tenant := fx.patch([fx.pim_group_for_ga])
	control.findings == set() with input as tenant
	some e in control.evidence with input as tenant
	e.resource.type == "roles.groupPolicyAssignments"
	e.message == sprintf("Members of %s, which holds Global Administrator, activate their membership only with approval", [fx.pim_group_label])
}

test_pim_group_member_policy_without_approval_fails if {
	tenant := fx.patch([
		fx.pim_group_for_ga,
		{"op": "replace", "path": fx.group_rule_path(_member, 0, "setting/isApprovalRequired"), "value": false},
	])
	control.findings == {fx.group_finding(
		tenant, _member, _group_message("Members", "membership"),
		"Approval_EndUser_Assignment", ["Global Administrator"],
	)} with input as tenant
}

test_group_holding_other_roles_is_not_judged if {
	tenant := fx.patch([{"op": "replace", "path": fx.group_rule_path(_member, 0, "setting/isApprovalRequired"), "value": false}])
	control.findings == set() with input as tenant
}

test_eligible_owner_policy_without_approval_fails if {
	no_approval := {"op": "replace", "path": fx.group_rule_path(_owner, 0, "setting/isApprovalRequired"), "value": false}
	tenant := fx.patch([fx.pim_group_for_ga, fx.eligible_owner, no_approval])
	control.findings == {fx.group_finding(
		tenant, _owner, _group_message("Eligible owners", "ownership"),
		"Approval_EndUser_Assignment", ["Global Administrator"],
	)} with input as tenant

	# Without an eligible owner, the owner policy governs no activation.
	control.findings == set() with input as fx.patch([fx.pim_group_for_ga, no_approval])
}

test_pim_group_without_member_policy_fails if {
	tenant := fx.patch([fx.pim_group_for_ga, {"op": "remove", "path": "/roles/groupPolicyAssignments/0"}])
	control.findings == {_tenant_finding(
		"roles.groupPolicyAssignments",
		sprintf(
			"Members of %s, which holds Global Administrator, activate their membership without approval (no PIM policy for the group's members was found)",
			[fx.pim_group_label],
		),
		{
			"groupId": fx.pim_group, "group": "PIM Application Admins", "access": "member",
			"roles": ["Global Administrator"], "rule": "Approval_EndUser_Assignment", "rules": [],
		},
	)} with input as tenant
}

test_group_policies_not_collected_fail if {
	denied := {"status": "missing_permission", "permission": "RoleManagementPolicy.Read.AzureADGroup"}
	tenant := fx.patch([
		fx.pim_group_for_ga,
		{"op": "replace", "path": "/collection/roles.groupPolicyAssignments", "value": denied},
	])
	control.findings == {_not_collected(
		"roles.groupPolicyAssignments", denied,
		"missing_permission, RoleManagementPolicy.Read.AzureADGroup",
	)} with input as tenant
}

test_absent_group_policy_fields_are_missing if {
	no_setting := fx.patch([
		fx.pim_group_for_ga,
		{"op": "remove", "path": fx.group_rule_path(_member, 0, "setting/isApprovalRequired")},
	])
	{m.property | some m in control.missing} == {"policy.rules[Approval_EndUser_Assignment].setting.isApprovalRequired"}
		with input as no_setting
	no_scope := fx.patch([fx.pim_group_for_ga, {"op": "remove", "path": "/roles/groupPolicyAssignments/0/scopeId"}])
	{m.property | some m in control.missing} == {"scopeId"} with input as no_scope
}
