package entra.controls.multicloud.standing_access_admin_test

import data.entra.controls.multicloud.fixture_test as fixture
import data.entra.controls.multicloud.standing_access_admin as control

test_declared_holder_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {{
		"resource": {
			"type": "multicloud.azureRoleAssignments",
			"id": fixture.good.multicloud.azureRoleAssignments[0].id,
			"name": "0b7ad8e3-6d4b-4f0c-9d36-5c8d7d9b6a01",
		},
		"message": sprintf(
			"User Break Glass 1 (bg1@contoso.onmicrosoft.com) holds Owner at %s as a declared permanent holder.",
			[fixture.root_mg_scope],
		),
	}} with input as fixture.good with data.config as fixture.config
}

test_undeclared_holder_fails if {
	a := fixture.good.multicloud.azureRoleAssignments[0]
	control.findings == {{
		"resource": {"type": "multicloud.azureRoleAssignments", "id": a.id, "name": a.name},
		"message": sprintf(
			"User Break Glass 1 (bg1@contoso.onmicrosoft.com) holds Owner at %s as a standing assignment.",
			[fixture.root_mg_scope],
		),
		"evidence": {"principalId": fixture.bg1, "role": "Owner", "scope": fixture.root_mg_scope},
	}} with input as fixture.good with data.config as {}
}

test_group_with_uaa_on_subscription_fails_and_service_principal_is_ignored if {
	scope := sprintf("/subscriptions/%s", [fixture.subscription])
	group := fixture.assignment("7c2135fa-deb2-4073-8ead-c3f4e4023178", fixture.uaa, fixture.all_staff, "Group", scope)
	sp := fixture.assignment("8d3246ab-efc3-4184-9fbe-d4a5f5134289", fixture.owner, fixture.aws, "ServicePrincipal", scope)
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/multicloud/azureRoleAssignments/-", "value": group},
		{"op": "add", "path": "/multicloud/azureRoleAssignments/-", "value": sp},
	])
	control.findings == {{
		"resource": {"type": "multicloud.azureRoleAssignments", "id": group.id, "name": group.name},
		"message": sprintf(
			"Group All Staff (%s) holds User Access Administrator at %s as a standing assignment.",
			[fixture.all_staff, scope],
		),
		"evidence": {"principalId": fixture.all_staff, "role": "User Access Administrator", "scope": scope},
	}} with input as patched with data.config as fixture.config
}

test_absent_principal_type_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/azureRoleAssignments/0/properties/principalType"}])
	control.missing == {{"resource": fixture.assignment_resource(0), "property": "properties.principalType"}} with input as tenant
	control.missing == set() with input as fixture.good
}

test_definition_without_name_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/azureRoleDefinitions/0/name"}])
	{m.property | some m in control.missing} == {"name"} with input as tenant
}
