package entra.controls.authenticationMethods.system_preferred_mfa_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.system_preferred_mfa as control

test_enabled_for_all_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": fixture.policy_resource,
		"message": "System-preferred MFA is enabled for all users.",
	}} with input as fixture.good
}

test_default_fails if {
	path := "/authenticationMethods/policy/systemCredentialPreferences/state"
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "default"}])
	control.findings == {{
		"resource": fixture.policy_resource,
		"message": "System-preferred MFA is default, not enabled.",
		"evidence": {"state": "default"},
	}} with input as patched
}

test_enabled_for_a_group_fails if {
	targets := [{"id": "5be6128e-18c2-4797-a142-ea7d17be3111", "targetType": "group"}]
	path := "/authenticationMethods/policy/systemCredentialPreferences/includeTargets"
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": targets}])
	control.findings == {{
		"resource": fixture.policy_resource,
		"message": "System-preferred MFA is enabled but not for all users.",
		"evidence": {"includeTargets": targets},
	}} with input as patched
	count(control.evidence) == 0 with input as patched
}

test_absent_beta_settings_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/authenticationMethods/policy/systemCredentialPreferences"}])
	control.missing == {{"resource": fixture.policy_resource, "property": "systemCredentialPreferences"}} with input as tenant
	targets := json.patch(fixture.good, [{"op": "remove", "path": "/authenticationMethods/policy/systemCredentialPreferences/includeTargets"}])
	control.missing == {{"resource": fixture.policy_resource, "property": "systemCredentialPreferences.includeTargets"}} with input as targets
	nulled := json.patch(fixture.good, [{"op": "replace", "path": "/authenticationMethods/policy/systemCredentialPreferences", "value": null}])
	{f.message | some f in control.findings} == {"System-preferred MFA is missing, not enabled."} with input as nulled
	control.missing == set() with input as fixture.good
}
