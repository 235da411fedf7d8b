package entra.scuba.aad.ms_aad_7_6_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_6 as control

_label(id) := sprintf("user %s (%s)", [upn, id]) if {
	some u in fx.good.principals.users
	u.id == id
	upn := u.userPrincipalName
}

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
