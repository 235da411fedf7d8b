package entra.controls.roles.custom_role_dangerous_actions_test

import data.entra.controls.roles.custom_role_dangerous_actions as control
import data.entra.controls.roles.fixture_test as fixture

test_harmless_custom_role_and_built_ins_pass if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_credential_and_role_actions_fail if {
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/roles/definitions/5/rolePermissions/0/allowedResourceActions/-",
		"value": "microsoft.directory/servicePrincipals/credentials/update",
	}])
	control.findings == {{
		"resource": {"type": "roles.definitions", "id": fixture.custom_role, "name": "Contoso Helpdesk Tier 1"},
		"message": "Custom role Contoso Helpdesk Tier 1 grants microsoft.directory/servicePrincipals/credentials/update.",
		"evidence": {"actions": ["microsoft.directory/servicePrincipals/credentials/update"]},
	}} with input as patched with data.config as fixture.config
}

test_absent_definition_properties_are_missing if {
	builtin := json.patch(fixture.good, [{"op": "remove", "path": "/roles/definitions/5/isBuiltIn"}])
	control.missing == {{
		"resource": {"type": "roles.definitions", "id": fixture.custom_role, "name": "Contoso Helpdesk Tier 1"},
		"property": "isBuiltIn",
	}} with input as builtin
	actions := json.patch(fixture.good, [{"op": "remove", "path": "/roles/definitions/5/rolePermissions/0/allowedResourceActions"}])
	{m.property | some m in control.missing} == {"rolePermissions[0].allowedResourceActions"} with input as actions
	control.missing == set() with input as fixture.good
}

test_null_action_does_not_stop_it if {
	tenant := json.patch(fixture.good, [{"op": "add", "path": "/roles/definitions/5/rolePermissions/0/allowedResourceActions/-", "value": null}])
	control.findings == set() with input as tenant
}
