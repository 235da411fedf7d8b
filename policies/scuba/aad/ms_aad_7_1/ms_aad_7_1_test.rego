package entra.scuba.aad.ms_aad_7_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_1 as control

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

_count_finding(n, admins) := _tenant_finding(
	"roles.assignments",
	sprintf("%d users hold the Global Administrator role; the baseline requires 2 to 8", [n]),
	{"globalAdministrators": sort([_label(u) | some u in admins]), "unresolved": []},
)

test_known_good_passes if {
	control.findings == set() with input as fx.good
	{e.resource.id | some e in control.evidence} == {fx.ga1, fx.ga2, fx.bg1} with input as fx.good
}

test_one_global_administrator_fails if {
	tenant := fx.patch([
		{"op": "remove", "path": "/roles/eligibilityScheduleInstances/1"},
		{"op": "remove", "path": "/roles/eligibilityScheduleInstances/0"},
	])
	control.findings == {_count_finding(1, [fx.bg1])} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_nine_global_administrators_fail if {
	extra := [sprintf("11111111-0000-0000-0000-0000000001%02d", [i]) | some i in numbers.range(1, 6)]
	tenant := fx.patch(array.concat(
		[{"op": "add", "path": "/principals/users/-", "value": {"id": id, "userPrincipalName": id}} | some id in extra],
		[{
			"op": "add", "path": "/roles/eligibilityScheduleInstances/-",
			"value": _eligible(id, id, fx.ga),
		} |
			some id in extra
		],
	))
	count(control.findings) == 1 with input as tenant
	{f.message | some f in control.findings} == {
		"9 users hold the Global Administrator role; the baseline requires 2 to 8",
	} with input as tenant
}

test_group_members_count_once if {
	# The PIM group's member app1 becomes a Global Administrator; ga1 also
	# through the group, already counted directly.
	tenant := fx.patch([
		{"op": "add", "path": "/roles/eligibilityScheduleInstances/-", "value": _eligible("rei-grp", fx.pim_group, fx.ga)},
		{"op": "add", "path": "/roles/groupAssignmentScheduleInstances/-", "value": {
			"id": "gai-ga1", "groupId": fx.pim_group, "principalId": fx.ga1, "accessId": "member",
		}},
	])
	{e.resource.id | some e in control.evidence} == {fx.ga1, fx.ga2, fx.bg1, fx.app1} with input as tenant
}

test_group_owners_and_service_principals_are_not_users if {
	tenant := fx.patch([
		{"op": "add", "path": "/roles/eligibilityScheduleInstances/-", "value": _eligible("rei-grp", fx.pim_group, fx.ga)},
		{"op": "replace", "path": "/roles/groupEligibilityScheduleInstances/0/accessId", "value": "owner"},
		{"op": "add", "path": "/roles/assignments/-", "value": {
			"id": "ra-sp", "principalId": "5e000000-0000-0000-0000-000000000001", "roleDefinitionId": fx.ga,
		}},
	])
	count(control.evidence) == 3 with input as tenant
}

test_inline_group_members_count if {
	tenant := fx.patch([
		{
			"op": "add", "path": "/roles/assignments/-",
			"value": {"id": "ra-svc", "principalId": fx.svc_group, "roleDefinitionId": fx.ga},
		},
		{"op": "add", "path": "/principals/groups/1/members", "value": [{"id": fx.exo1}, fx.ua1]},
	])
	{e.resource.id | some e in control.evidence} == {fx.ga1, fx.ga2, fx.bg1, fx.exo1, fx.ua1} with input as tenant
}

test_eligibility_not_collected_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": "/collection/roles.eligibilityScheduleInstances",
		"value": _missing_permission,
	}])
	_not_collected(
		"roles.eligibilityScheduleInstances", _missing_permission,
		"missing_permission, RoleManagement.Read.Directory",
	) in control.findings with input as tenant
}

test_eligibility_needing_a_licence_is_fine if {
	tenant := fx.patch([{"op": "replace", "path": "/collection/roles.eligibilityScheduleInstances", "value": {
		"status": "license_required", "license": "Microsoft Entra ID P2",
	}}])
	control.findings == set() with input as tenant
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

# _more_admins adds n user Global Administrators and one holder no
# resource resolves.
_more_admins(n) := fx.patch(array.concat(
	[op |
		some i in numbers.range(1, n)
		id := sprintf("11111111-0000-0000-0000-0000000002%02d", [i])
		some op in [
			{"op": "add", "path": "/principals/users/-", "value": {"id": id, "userPrincipalName": id}},
			{"op": "add", "path": "/roles/eligibilityScheduleInstances/-", "value": _eligible(id, id, fx.ga)},
		]
	],
	[{"op": "add", "path": "/roles/assignments/-", "value": {
		"id": "ra-gone", "principalId": "44444444-0000-0000-0000-000000000001", "roleDefinitionId": fx.ga,
		"directoryScopeId": "/",
	}}],
))

test_unresolved_holder_that_could_make_nine_fails if {
	tenant := _more_admins(5)
	{f.message | some f in control.findings} == {
		"8 users hold the Global Administrator role and 1 more holder could not be resolved: if it is a user, more than 8 do",
	} with input as tenant
	some f in control.findings with input as tenant
	f.evidence.unresolved == ["principal 44444444-0000-0000-0000-000000000001 (could not be resolved)"]
	count(control.evidence) == 0 with input as tenant
}

test_unresolved_holder_within_the_range_passes if {
	tenant := _more_admins(4)
	control.findings == set() with input as tenant
	count(control.evidence) == 7 with input as tenant
}
