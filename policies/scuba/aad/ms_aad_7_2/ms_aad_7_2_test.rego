package entra.scuba.aad.ms_aad_7_2_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_2 as control

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

_summary(admins, others) := {
	"globalAdministrators": sort([_label(u) | some u in admins]),
	"otherPrivilegedUsers": sort([_label(u) | some u in others]),
}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	{e.message | some e in control.evidence} == {
		"3 Global Administrators for 3 users in other highly privileged roles",
	} with input as fx.good
}

test_more_global_administrators_than_others_fails if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/eligibilityScheduleInstances/3"}])
	control.findings == {_tenant_finding(
		"roles.assignments",
		"3 users hold Global Administrator and 2 other highly privileged roles: the ratio is above 1",
		_summary([fx.ga1, fx.ga2, fx.bg1], [fx.exo1, fx.app1]),
	)} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_user_in_both_counts_as_global_administrator if {
	tenant := fx.patch([{
		"op": "add", "path": "/roles/eligibilityScheduleInstances/-",
		"value": _eligible("rei-exo-ga", fx.exo1, fx.ga),
	}])
	control.findings == {_tenant_finding(
		"roles.assignments",
		"4 users hold Global Administrator and 2 other highly privileged roles: the ratio is above 1",
		_summary([fx.ga1, fx.ga2, fx.bg1, fx.exo1], [fx.ua1, fx.app1]),
	)} with input as tenant
}

test_no_privileged_users_cannot_be_computed if {
	tenant := fx.patch([
		{"op": "replace", "path": "/roles/eligibilityScheduleInstances", "value": []},
		{"op": "replace", "path": "/roles/assignmentScheduleInstances", "value": []},
		{"op": "replace", "path": "/roles/assignments", "value": []},
	])
	control.findings == {_tenant_finding(
		"roles.assignments",
		"No user holds a highly privileged role other than Global Administrator: the ratio cannot be computed",
		_summary([], []),
	)} with input as tenant
}

test_group_pim_not_collected_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": "/collection/roles.groupEligibilityScheduleInstances",
		"value": _missing_permission,
	}])
	_not_collected(
		"roles.groupEligibilityScheduleInstances", _missing_permission,
		"missing_permission, RoleManagement.Read.Directory",
	) in control.findings with input as tenant
}

test_holding_without_role_is_missing_never_uncounted if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/eligibilityScheduleInstances/0/roleDefinitionId"}])
	control.missing == {{
		"resource": {"type": "roles.eligibilityScheduleInstances", "id": "rei-ga1", "name": "rei-ga1"},
		"property": "roleDefinitionId",
	}} with input as tenant
	group := fx.patch([{"op": "remove", "path": "/roles/groupEligibilityScheduleInstances/0/accessId"}])
	control.missing == {{
		"resource": {"type": "roles.groupEligibilityScheduleInstances", "id": "gei-app1", "name": "gei-app1"},
		"property": "accessId",
	}} with input as group
	control.missing == set() with input as fx.good
}
