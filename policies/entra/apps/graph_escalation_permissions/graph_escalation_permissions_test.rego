package entra.controls.apps.graph_escalation_permissions_test

import data.entra.controls.apps.fixture_test as fixture
import data.entra.controls.apps.graph_escalation_permissions as control

_rolemanagement := fixture.app_role_assignment(
	"ara-hrsync-rolemgmt", fixture.hr_sync, "Contoso HR Sync",
	"RoleManagement.ReadWrite.Directory",
)

_expected := {{
	"resource": {"type": "apps.appRoleAssignments", "id": "ara-hrsync-rolemgmt", "name": "ara-hrsync-rolemgmt"},
	"message": "Service principal Contoso HR Sync (a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d) holds the Graph application permission RoleManagement.ReadWrite.Directory.",
	"evidence": {
		"servicePrincipalId": fixture.hr_sync,
		"permission": "RoleManagement.ReadWrite.Directory",
		"appRoleId": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
	},
}}

test_read_permissions_pass if {
	count(control.findings) == 0 with input as fixture.good
}

test_role_management_fails if {
	patched := json.patch(fixture.good, [{"op": "add", "path": "/apps/appRoleAssignments/-", "value": _rolemanagement}])
	control.findings == _expected with input as patched
}

test_fixed_ids_used_without_graph_app_roles if {
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/apps/appRoleAssignments/-", "value": _rolemanagement},
		{"op": "remove", "path": "/apps/servicePrincipals/0/appRoles"},
	])
	control.findings == _expected with input as patched
}

test_fixed_ids_used_without_graph_service_principal if {
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/apps/appRoleAssignments/-", "value": _rolemanagement},
		{"op": "remove", "path": "/apps/servicePrincipals/0"},
	])
	control.findings == _expected with input as patched
}

test_same_role_id_on_another_resource_passes if {
	other := object.union(_rolemanagement, {"resourceId": fixture.reporting})
	patched := json.patch(fixture.good, [{"op": "add", "path": "/apps/appRoleAssignments/-", "value": other}])
	count(control.findings) == 0 with input as patched
}

test_absent_assignment_properties_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/apps/appRoleAssignments/0/resourceId"}])
	control.missing == {{
		"resource": {"type": "apps.appRoleAssignments", "id": "ara-hrsync-userread", "name": "ara-hrsync-userread"},
		"property": "resourceId",
	}} with input as tenant
	roles := json.patch(fixture.good, [{"op": "remove", "path": "/apps/servicePrincipals/0/appRoles"}])
	{m.property | some m in control.missing} == {"appRoles"} with input as roles
	app_id := json.patch(fixture.good, [{"op": "remove", "path": "/apps/servicePrincipals/2/appId"}])
	{m.property | some m in control.missing} == {"appId"} with input as app_id
	control.missing == set() with input as fixture.good
}
