package entra.controls.apps.graph_high_risk_permissions_test

import data.entra.controls.apps.fixture_test as fixture
import data.entra.controls.apps.graph_high_risk_permissions as control

test_read_permissions_pass if {
	count(control.findings) == 0 with input as fixture.good
}

test_write_permissions_fail if {
	patched := json.patch(fixture.good, [
		{
			"op": "add",
			"path": "/apps/appRoleAssignments/-",
			"value": fixture.app_role_assignment(
				"ara-reporting-dirwrite",
				fixture.reporting,
				"Contoso Reporting",
				"Directory.ReadWrite.All",
			),
		},
		{
			"op": "add",
			"path": "/apps/appRoleAssignments/-",
			"value": fixture.app_role_assignment("ara-hrsync-mailsend", fixture.hr_sync, "Contoso HR Sync", "Mail.Send"),
		},
	])
	control.findings == {
		{
			"resource": {"type": "apps.appRoleAssignments", "id": "ara-reporting-dirwrite", "name": "ara-reporting-dirwrite"},
			"message": "Service principal Contoso Reporting (b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e) holds the Graph application permission Directory.ReadWrite.All.",
			"evidence": {
				"servicePrincipalId": fixture.reporting,
				"permission": "Directory.ReadWrite.All",
				"appRoleId": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
			},
		},
		{
			"resource": {"type": "apps.appRoleAssignments", "id": "ara-hrsync-mailsend", "name": "ara-hrsync-mailsend"},
			"message": "Service principal Contoso HR Sync (a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d) holds the Graph application permission Mail.Send.",
			"evidence": {
				"servicePrincipalId": fixture.hr_sync,
				"permission": "Mail.Send",
				"appRoleId": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
			},
		},
	} with input as patched
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
