package entra.scuba.aad.ms_aad_7_4_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_4 as control

_label(id) := sprintf("user %s (%s)", [upn, id]) if {
	some u in fx.good.principals.users
	u.id == id
	upn := u.userPrincipalName
}

# _subject is _label capitalized to start a sentence.
_subject(id) := concat("", [upper(substring(l, 0, 1)), substring(l, 1, -1)]) if l := _label(id)

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

_instance_finding(id, principal, role, message) := {
	"resource": {"type": "roles.assignmentScheduleInstances", "id": id, "name": id},
	"message": message,
	"evidence": {"principalId": principal, "roleDefinitionId": role, "endDateTime": null},
}

_permanent := "%s holds %s through a permanent active assignment and is not declared in config"

_no_declarations := {"controls": {}}

test_known_good_passes if {
	control.findings == set() with input as fx.good with data.config as fx.config
	count(control.evidence) == 2 with input as fx.good with data.config as fx.config
}

test_undeclared_permanent_assignment_fails if {
	control.findings == {_instance_finding(
		"rai-bg1", fx.bg1, fx.ga,
		sprintf(_permanent, [_subject(fx.bg1), "Global Administrator"]),
	)} with input as fx.good with data.config as _no_declarations
}

test_role_exclusion_alone_is_enough if {
	cfg := json.patch(fx.config, [{"op": "remove", "path": "/breakGlass"}])
	control.findings == set() with input as fx.good with data.config as cfg
}

test_break_glass_alone_is_enough if {
	cfg := json.patch(fx.config, [{"op": "remove", "path": "/controls/MS.AAD.7.4v1"}])
	control.findings == set() with input as fx.good with data.config as cfg
}

test_time_bound_active_assignment_is_fine if {
	tenant := fx.patch([{"op": "add", "path": "/roles/assignmentScheduleInstances/-", "value": object.union(
		_eligible("rai-ga1", fx.ga1, fx.ga),
		{"assignmentType": "Activated"},
	)}])
	control.findings == set() with input as tenant with data.config as fx.config
}

test_group_outside_pim_for_groups_fails if {
	tenant := fx.patch([{"op": "replace", "path": "/roles/groupEligibilityScheduleInstances", "value": []}])
	control.findings == {_instance_finding(
		"rai-pim-group", fx.pim_group, fx.app_admin,
		sprintf(
			concat("", [
				"Group PIM Application Admins (%s) holds Application Administrator through a permanent ",
				"active assignment and is not declared in config",
			]),
			[fx.pim_group],
		),
	)} with input as tenant with data.config as fx.config
}

test_declared_group_passes if {
	tenant := fx.patch([{"op": "replace", "path": "/roles/groupEligibilityScheduleInstances", "value": []}])
	cfg := json.patch(fx.config, [{
		"op": "add", "path": "/controls/MS.AAD.7.4v1/roleExclusions/groups",
		"value": [fx.pim_group],
	}])
	control.findings == set() with input as tenant with data.config as cfg
}

test_assignment_without_pim_schedule_fails if {
	tenant := fx.patch([{"op": "add", "path": "/roles/assignments/-", "value": {
		"id": "ra-exo1", "principalId": fx.exo1, "roleDefinitionId": fx.exchange_admin, "directoryScopeId": "/",
	}}])
	control.findings == {{
		"resource": {"type": "roles.assignments", "id": "ra-exo1", "name": "ra-exo1"},
		"message": sprintf(_permanent, [_subject(fx.exo1), "Exchange Administrator"]),
		"evidence": {"principalId": fx.exo1, "roleDefinitionId": fx.exchange_admin, "pimSchedule": null},
	}} with input as tenant with data.config as fx.config
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {_pim_licence("Judging permanent role assignments")} with input as fx.p1_only
		with data.config as fx.config
}

test_instances_not_collected_fail if {
	tenant := fx.patch([{
		"op": "replace", "path": "/collection/roles.assignmentScheduleInstances",
		"value": _missing_permission,
	}])
	control.findings == {_not_collected(
		"roles.assignmentScheduleInstances", _missing_permission,
		"missing_permission, RoleManagement.Read.Directory",
	)} with input as tenant with data.config as fx.config
}

test_instances_missing_from_the_snapshot_fail if {
	tenant := fx.patch([{"op": "remove", "path": "/collection/roles.assignmentScheduleInstances"}])
	control.findings == {_not_collected("roles.assignmentScheduleInstances", {}, "missing from the snapshot")}
		with input as tenant
		with data.config as fx.config
}

test_break_glass_group_counts_as_declared if {
	tenant := fx.patch([{"op": "replace", "path": "/roles/groupEligibilityScheduleInstances", "value": []}])
	cfg := json.patch(fx.config, [{"op": "add", "path": "/breakGlass/groups", "value": [fx.pim_group]}])
	control.findings == set() with input as tenant with data.config as cfg
}

test_instance_without_end_or_scope_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/assignmentScheduleInstances/0/endDateTime"}])
	control.missing == {{
		"resource": {"type": "roles.assignmentScheduleInstances", "id": "rai-bg1", "name": "rai-bg1"},
		"property": "endDateTime",
	}} with input as tenant with data.config as fx.config
	scope := fx.patch([{"op": "remove", "path": "/roles/assignments/1/directoryScopeId"}])
	control.missing == {{
		"resource": {"type": "roles.assignments", "id": "ra-pim-group", "name": "ra-pim-group"},
		"property": "directoryScopeId",
	}} with input as scope with data.config as fx.config
	control.missing == set() with input as fx.good with data.config as fx.config
	control.missing == set() with input as fx.no_licence with data.config as fx.config
}

# The one display rule (lib.principals): a user read without a user principal
# name is named by its display name, then its id; never by a bare id alone.
test_user_without_principal_name_is_named_by_display_name if {
	# bg1 is the third user of the fixture.
	tenant := fx.patch([
		{"op": "replace", "path": "/principals/users/2/userPrincipalName", "value": null},
		{"op": "replace", "path": "/principals/users/2/displayName", "value": "Break Glass One"},
	])
	{f.message | some f in control.findings} == {sprintf(
		"User Break Glass One (%s) holds Global Administrator through a permanent active assignment and is not declared in config",
		[fx.bg1],
	)} with input as tenant with data.config as _no_declarations
}
