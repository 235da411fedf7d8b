package entra.controls.authenticationMethods.sms_sign_in_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.sms_sign_in as control

test_sms_disabled_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{"resource": fixture.policy_resource, "message": "No target can use SMS to sign in."}}
		with input as fixture.good
}

test_sms_second_factor_only_passes if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": sprintf("%s/state", [fixture.method_path("Sms")]),
		"value": "enabled",
	}])
	count(control.findings) == 0 with input as patched
}

test_sms_sign_in_fails if {
	path := fixture.method_path("Sms")
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/state", [path]), "value": "enabled"},
		{"op": "replace", "path": sprintf("%s/includeTargets/0/isUsableForSignIn", [path]), "value": true},
	])
	control.findings == {{
		"resource": fixture.method_resource("Sms"),
		"message": "SMS sign-in is on for all_users.",
		"evidence": {"targets": ["all_users"]},
	}} with input as patched
	count(control.evidence) == 0 with input as patched
}

test_absent_sms_properties_are_missing if {
	enabled := json.patch(fixture.good, [{"op": "replace", "path": sprintf("%s/state", [fixture.method_path("Sms")]), "value": "enabled"}])
	flag := json.patch(enabled, [{"op": "remove", "path": sprintf("%s/includeTargets/0/isUsableForSignIn", [fixture.method_path("Sms")])}])
	control.missing == {{"resource": fixture.method_resource("Sms"), "property": "includeTargets[0].isUsableForSignIn"}} with input as flag
	state := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/state", [fixture.method_path("Sms")])}])
	control.missing == {{"resource": fixture.method_resource("Sms"), "property": "state"}} with input as state
	gone := json.patch(fixture.good, [{"op": "remove", "path": fixture.method_path("Sms")}])
	control.missing == {{"resource": fixture.policy_resource, "property": "authenticationMethodConfigurations[Sms]"}} with input as gone
	control.missing == set() with input as fixture.good
	control.missing == set() with input as enabled
}
