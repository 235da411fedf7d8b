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
