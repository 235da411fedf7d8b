package entra.scuba.aad.ms_aad_7_5_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_5 as control

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

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 2 with input as fx.good
}

test_assignment_without_pim_schedule_fails if {
	tenant := fx.patch([{"op": "add", "path": "/roles/assignments/-", "value": {
		"id": "ra-exo1", "principalId": fx.exo1, "roleDefinitionId": fx.exchange_admin, "directoryScopeId": "/",
	}}])
	control.findings == {{
		"resource": {"type": "roles.assignments", "id": "ra-exo1", "name": "ra-exo1"},
		"message": sprintf("%s was given %s outside PIM (no PIM schedule for the assignment)", [
			_subject(fx.exo1),
			"Exchange Administrator",
		]),
		"evidence": {"principalId": fx.exo1, "roleDefinitionId": fx.exchange_admin},
	}} with input as tenant
}

test_matching_by_principal_role_and_scope if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/assignmentScheduleInstances/0/roleAssignmentOriginId"}])
	control.findings == set() with input as tenant
}

test_instance_without_start_time_fails if {
	tenant := fx.patch([{"op": "replace", "path": "/roles/assignmentScheduleInstances/0/startDateTime", "value": null}])
	control.findings == {{
		"resource": {"type": "roles.assignmentScheduleInstances", "id": "rai-bg1", "name": "rai-bg1"},
		"message": sprintf("%s was given %s outside PIM (the assignment has no start time)", [
			_subject(fx.bg1),
			"Global Administrator",
		]),
		"evidence": {"principalId": fx.bg1, "roleDefinitionId": fx.ga, "startDateTime": null},
	}} with input as tenant
	count(control.evidence) == 1 with input as tenant
}

test_other_roles_are_not_judged if {
	tenant := fx.patch([{"op": "add", "path": "/roles/assignments/-", "value": {
		"id": "ra-reader", "principalId": fx.exo1, "roleDefinitionId": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
	}}])
	control.findings == set() with input as tenant
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {_pim_licence("Judging how privileged roles were provisioned")} with input as fx.p1_only
}

test_instance_without_start_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/assignmentScheduleInstances/1/startDateTime"}])
	control.missing == {{
		"resource": {"type": "roles.assignmentScheduleInstances", "id": "rai-pim-group", "name": "rai-pim-group"},
		"property": "startDateTime",
	}} with input as tenant
	control.missing == set() with input as fx.good
}

# ---- PIM for groups: the PIM group holds Application Administrator ----

_group_member(start) := {
	"id": "gai-exo1", "groupId": fx.pim_group, "principalId": fx.exo1, "accessId": "member",
	"startDateTime": start, "endDateTime": null, "memberType": "Direct", "assignmentType": "Assigned",
}

test_group_member_added_outside_pim_fails if {
	i := _group_member(null)
	tenant := fx.patch([{"op": "add", "path": "/roles/groupAssignmentScheduleInstances/-", "value": i}])
	control.findings == {{
		"resource": {"type": "roles.groupAssignmentScheduleInstances", "id": "gai-exo1", "name": "gai-exo1"},
		"message": sprintf(
			"%s was made a member of %s, which holds Application Administrator, outside PIM (the assignment has no start time)",
			[_subject(fx.exo1), fx.pim_group_label],
		),
		"evidence": {"principalId": fx.exo1, "groupId": fx.pim_group, "accessId": "member", "startDateTime": null},
	}} with input as tenant
}

test_group_member_added_through_pim_passes if {
	tenant := fx.patch([{
		"op": "add", "path": "/roles/groupAssignmentScheduleInstances/-",
		"value": _group_member("2026-01-05T09:00:00Z"),
	}])
	control.findings == set() with input as tenant
}

test_group_instances_not_collected_fail if {
	denied := {"status": "missing_permission", "permission": "PrivilegedAssignmentSchedule.Read.AzureADGroup"}
	tenant := fx.patch([{"op": "replace", "path": "/collection/roles.groupAssignmentScheduleInstances", "value": denied}])
	control.findings == {_not_collected(
		"roles.groupAssignmentScheduleInstances", denied,
		"missing_permission, PrivilegedAssignmentSchedule.Read.AzureADGroup",
	)} with input as tenant
}
