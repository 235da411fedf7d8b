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

_summary(admins, others) := _summary_with(admins, others, [])

_summary_with(admins, others, unresolved) := {
	"globalAdministrators": sort([_label(u) | some u in admins]),
	"otherPrivilegedHolders": sort([_label(u) | some u in others]),
	"unresolved": sort(unresolved),
}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	{e.message | some e in control.evidence} == {
		"3 Global Administrators for 3 holders of other highly privileged roles",
	} with input as fx.good
}

test_more_global_administrators_than_others_fails if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/eligibilityScheduleInstances/3"}])
	control.findings == {_tenant_finding(
		"roles.assignments",
		"3 principals hold Global Administrator and 2 other highly privileged roles: the ratio is above 1",
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
		"4 principals hold Global Administrator and 2 other highly privileged roles: the ratio is above 1",
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
		"No principal holds a highly privileged role other than Global Administrator: the ratio cannot be computed",
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

# ---- holders of every type ----

_sp := "33333333-0000-0000-0000-000000000001"

_gone := "44444444-0000-0000-0000-000000000001"

_ga_assignment(id, principal) := {"op": "add", "path": "/roles/assignments/-", "value": {
	"id": id, "principalId": principal, "roleDefinitionId": fx.ga, "directoryScopeId": "/",
}}

_unresolved_note := " (1 holder could not be resolved: counted as a Global Administrator if it holds that role, never as another holder)"

test_service_principal_holding_global_administrator_counts if {
	tenant := fx.patch([
		_ga_assignment("ra-sp", _sp),
		{"op": "add", "path": "/apps/servicePrincipals", "value": [{"id": _sp, "displayName": "Automation", "appId": "app-automation"}]},
	])
	f := {_tenant_finding(
		"roles.assignments",
		"4 principals hold Global Administrator and 3 other highly privileged roles: the ratio is above 1",
		{
			"globalAdministrators": sort(array.concat(
				[_label(u) | some u in [fx.ga1, fx.ga2, fx.bg1]],
				["service principal Automation (app-automation)"],
			)),
			"otherPrivilegedHolders": sort([_label(u) | some u in [fx.exo1, fx.ua1, fx.app1]]),
			"unresolved": [],
		},
	)}
	control.findings == f with input as tenant
}

test_unresolved_global_administrator_is_counted_and_named if {
	tenant := fx.patch([
		_ga_assignment("ra-gone", _gone),
		{"op": "add", "path": "/principals/directoryObjects", "value": [{"id": _gone, "unresolved": true}]},
	])
	label := sprintf("principal %s (could not be resolved)", [_gone])
	control.findings == {_tenant_finding(
		"roles.assignments",
		concat("", ["4 principals hold Global Administrator and 3 other highly privileged roles: the ratio is above 1", _unresolved_note]),
		{
			"globalAdministrators": sort(array.concat([_label(u) | some u in [fx.ga1, fx.ga2, fx.bg1]], [label])),
			"otherPrivilegedHolders": sort([_label(u) | some u in [fx.exo1, fx.ua1, fx.app1]]),
			"unresolved": [label],
		},
	)} with input as tenant
}

test_unresolved_holder_of_another_role_never_helps_the_ratio if {
	# Three Global Administrators for two resolved other holders fails;
	# a third, unresolved, holder of Exchange Administrator must not make it pass.
	tenant := fx.patch([
		{"op": "remove", "path": "/roles/eligibilityScheduleInstances/3"},
		{"op": "add", "path": "/roles/assignments/-", "value": {
			"id": "ra-gone", "principalId": _gone, "roleDefinitionId": fx.exchange_admin, "directoryScopeId": "/",
		}},
	])
	control.findings == {_tenant_finding(
		"roles.assignments",
		concat("", ["3 principals hold Global Administrator and 2 other highly privileged roles: the ratio is above 1", _unresolved_note]),
		_summary_with([fx.ga1, fx.ga2, fx.bg1], [fx.exo1, fx.app1], [sprintf("principal %s (could not be resolved)", [_gone])]),
	)} with input as tenant
}

test_other_directory_objects_count if {
	tenant := fx.patch([
		{"op": "remove", "path": "/roles/eligibilityScheduleInstances/3"},
		{"op": "add", "path": "/roles/assignments/-", "value": {
			"id": "ra-device", "principalId": _gone, "roleDefinitionId": fx.exchange_admin, "directoryScopeId": "/",
		}},
		{"op": "add", "path": "/principals/directoryObjects", "value": [{"id": _gone, "@odata.type": "#microsoft.graph.device", "displayName": "KIOSK"}]},
	])
	control.findings == set() with input as tenant
	{e.message | some e in control.evidence} == {"3 Global Administrators for 3 holders of other highly privileged roles"} with input as tenant
}
