package entra.controls.roles.privileged_service_principals_test

import data.entra.controls.roles.fixture_test as fixture
import data.entra.controls.roles.privileged_service_principals as control

test_non_privileged_service_principal_role_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_service_principal_with_privileged_role_fails if {
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/roles/assignments/-",
		"value": fixture.active("ra-hrsync-pra", fixture.hr_sync, fixture.pra),
	}])
	control.findings == {{
		"resource": {"type": "roles.assignments", "id": "ra-hrsync-pra", "name": "ra-hrsync-pra"},
		"message": "Service principal Contoso HR Sync (a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d) holds Privileged Role Administrator (active).",
		"evidence": {"principalId": fixture.hr_sync, "roleDefinitionId": fixture.pra, "assignment": "active"},
	}} with input as patched with data.config as fixture.config
}

test_holding_without_principal_or_role_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/roles/eligibilityScheduleInstances/0/roleDefinitionId"}])
	control.missing == {{
		"resource": {"type": "roles.eligibilityScheduleInstances", "id": "re-adele-ga", "name": "re-adele-ga"},
		"property": "roleDefinitionId",
	}} with input as tenant
	access := json.patch(fixture.good, [{"op": "remove", "path": "/roles/groupEligibilityScheduleInstances/0/accessId"}])
	{m.property | some m in control.missing} == {"accessId"} with input as access
	control.missing == set() with input as fixture.good
}
