package entra.controls.authenticationMethods.software_oath_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.software_oath as control

test_no_otp_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_otp_methods_fail if {
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/state", [fixture.method_path("SoftwareOath")]), "value": "enabled"},
		{
			"op": "replace", "path": sprintf("%s/isSoftwareOathEnabled", [fixture.method_path("MicrosoftAuthenticator")]),
			"value": true,
		},
	])
	control.findings == {
		{"resource": fixture.method_resource("SoftwareOath"), "message": "Third-party software OATH tokens are enabled."},
		{
			"resource": fixture.method_resource("MicrosoftAuthenticator"),
			"message": "Microsoft Authenticator accepts one-time passcodes.",
		},
	} with input as patched
}

test_absent_state_or_switch_is_missing if {
	state := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/state", [fixture.method_path("SoftwareOath")])}])
	control.missing == {{"resource": fixture.method_resource("SoftwareOath"), "property": "state"}} with input as state
	switch := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/isSoftwareOathEnabled", [fixture.method_path("MicrosoftAuthenticator")])}])
	control.missing == {{"resource": fixture.method_resource("MicrosoftAuthenticator"), "property": "isSoftwareOathEnabled"}} with input as switch
	control.missing == set() with input as fixture.good
}

test_absent_authenticator_configuration_is_missing if {
	gone := json.patch(fixture.good, [{"op": "remove", "path": fixture.method_path("MicrosoftAuthenticator")}])
	control.missing == {{"resource": fixture.policy_resource, "property": "authenticationMethodConfigurations[MicrosoftAuthenticator]"}} with input as gone
}
