package entra.controls.authenticationMethods.report_suspicious_activity_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.report_suspicious_activity as control

test_enabled_for_all_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{"resource": fixture.policy_resource, "message": "All users can report suspicious activity."}}
		with input as fixture.good
}

test_missing_setting_fails if {
	patched := json.patch(fixture.good, [{
		"op": "remove",
		"path": "/authenticationMethods/policy/reportSuspiciousActivitySettings",
	}])
	control.findings == {{
		"resource": fixture.policy_resource,
		"message": "Reporting suspicious activity is missing, not enabled.",
		"evidence": {"state": "missing"},
	}} with input as patched
}

test_enabled_for_a_group_fails if {
	path := "/authenticationMethods/policy/reportSuspiciousActivitySettings/includeTarget/id"
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "5be6128e-18c2-4797-a142-ea7d17be3111"}])
	control.findings == {{
		"resource": fixture.policy_resource,
		"message": "Reporting suspicious activity is enabled only for 5be6128e-18c2-4797-a142-ea7d17be3111, not all users.",
		"evidence": {"includeTarget": "5be6128e-18c2-4797-a142-ea7d17be3111"},
	}} with input as patched
}

test_absent_beta_settings_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/authenticationMethods/policy/reportSuspiciousActivitySettings/includeTarget"}])
	control.missing == {{"resource": fixture.policy_resource, "property": "reportSuspiciousActivitySettings.includeTarget"}} with input as tenant
	nulled := json.patch(fixture.good, [{"op": "replace", "path": "/authenticationMethods/policy/reportSuspiciousActivitySettings", "value": null}])
	{f.message | some f in control.findings} == {"Reporting suspicious activity is missing, not enabled."} with input as nulled
	control.missing == set() with input as fixture.good
}
