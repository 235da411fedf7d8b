package entra.controls.multicloud.root_scope_assignment_test

import data.entra.controls.multicloud.fixture_test as fixture
import data.entra.controls.multicloud.root_scope_assignment as control

test_no_root_assignment_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_elevated_access_fails if {
	a := fixture.assignment("2d9cf0a5-8f6d-4b2e-9f58-7eaf9fbd8c23", fixture.uaa, fixture.megan, "User", "/")
	patched := json.patch(fixture.good, [{"op": "add", "path": "/multicloud/azureRoleAssignments/-", "value": a}])
	control.findings == {{
		"resource": {"type": "multicloud.azureRoleAssignments", "id": a.id, "name": a.name},
		"message": "User Megan Bowen (megan.bowen@contoso.com) holds User Access Administrator at the root scope (/).",
		"evidence": {"principalId": fixture.megan, "principalType": "User", "role": "User Access Administrator"},
	}} with input as patched with data.config as fixture.config
}

test_absent_assignment_properties_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/azureRoleAssignments/0/properties/roleDefinitionId"}])
	control.missing == {{"resource": fixture.assignment_resource(0), "property": "properties.roleDefinitionId"}} with input as tenant
	control.missing == set() with input as fixture.good
}

test_null_scope_and_role_do_not_stop_it if {
	tenant := json.patch(fixture.good, [
		{"op": "replace", "path": "/multicloud/azureRoleAssignments/0/properties/scope", "value": null},
		{"op": "replace", "path": "/multicloud/azureRoleAssignments/0/properties/roleDefinitionId", "value": null},
	])
	control.findings == set() with input as tenant
}
