package entra.controls.multicloud.guest_access_admin_test

import data.entra.controls.multicloud.fixture_test as fixture
import data.entra.controls.multicloud.guest_access_admin as control

_sub_scope := sprintf("/subscriptions/%s", [fixture.subscription])

test_members_only_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_guest_owner_on_subscription_fails if {
	a := fixture.assignment("3eadf1b6-9a7e-4c3f-a069-8fb0a0ce9d34", fixture.owner, fixture.alex, "User", _sub_scope)
	patched := json.patch(fixture.good, [{"op": "add", "path": "/multicloud/azureRoleAssignments/-", "value": a}])
	control.findings == {{
		"resource": {"type": "multicloud.azureRoleAssignments", "id": a.id, "name": a.name},
		"message": sprintf("Guest user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com) holds Owner at %s.", [_sub_scope]),
		"evidence": {"principalId": fixture.alex, "role": "Owner", "scope": _sub_scope},
	}} with input as patched with data.config as fixture.config
}

test_guest_contributor_is_not_access_granting if {
	a := fixture.assignment("4fbe02c7-ab8f-4d40-b17a-90c1b1df0e45", fixture.contributor, fixture.alex, "User", _sub_scope)
	patched := json.patch(fixture.good, [{"op": "add", "path": "/multicloud/azureRoleAssignments/-", "value": a}])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_guest_custom_role_writing_assignments_fails if {
	custom := "5a0f13d8-bc90-4e51-8c8b-a1d2c2e01f56"
	definition := {"id": fixture.role_definition_id(custom), "name": custom, "properties": {
		"roleName": "Access Delegator", "type": "CustomRole",
		"permissions": [{"actions": ["Microsoft.Authorization/roleAssignments/write"], "notActions": []}],
	}}
	a := fixture.assignment("6b1024e9-cda1-4f62-9d9c-b2e3d3f12067", custom, fixture.alex, "User", fixture.root_mg_scope)
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/multicloud/azureRoleDefinitions/-", "value": definition},
		{"op": "add", "path": "/multicloud/azureRoleAssignments/-", "value": a},
	])
	control.findings == {{
		"resource": {"type": "multicloud.azureRoleAssignments", "id": a.id, "name": a.name},
		"message": sprintf(
			"Guest user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com) holds Access Delegator at %s.",
			[fixture.root_mg_scope],
		),
		"evidence": {"principalId": fixture.alex, "role": "Access Delegator", "scope": fixture.root_mg_scope},
	}} with input as patched with data.config as fixture.config
}

test_absent_properties_are_missing if {
	scope := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/azureRoleAssignments/1/properties/scope"}])
	control.missing == {{"resource": fixture.assignment_resource(1), "property": "properties.scope"}} with input as scope
	user := json.patch(fixture.good, [{"op": "remove", "path": "/principals/users/1/userType"}])
	control.missing == {{"resource": {"type": "principals.users", "id": fixture.adele, "name": "Adele Vance"}, "property": "userType"}} with input as user
	perm := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/azureRoleDefinitions/2/properties/permissions/0/notActions"}])
	{m.property | some m in control.missing} == {"properties.permissions[0].notActions"} with input as perm
	defs := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/azureRoleDefinitions/3/properties/permissions"}])
	{m.property | some m in control.missing} == {"properties.permissions"} with input as defs
	control.missing == set() with input as fixture.good
}

test_null_names_do_not_stop_it if {
	tenant := json.patch(fixture.good, [
		{"op": "replace", "path": "/principals/users/1/userPrincipalName", "value": null},
		{"op": "replace", "path": "/multicloud/azureRoleDefinitions/0/name", "value": null},
		{"op": "replace", "path": "/multicloud/azureRoleDefinitions/1/properties/permissions/0/actions", "value": [null]},
	])
	control.findings == set() with input as tenant
}
