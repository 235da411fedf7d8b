package entra.controls.authenticationMethods.fido2_attestation_test

import data.entra.controls.authenticationMethods.fido2_attestation as control
import data.entra.controls.authenticationMethods.fixture_test as fixture

test_attestation_enforced_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": fixture.method_resource("Fido2"),
		"message": "Passkey (FIDO2) registration enforces attestation.",
	}} with input as fixture.good
}

test_no_attestation_fails if {
	path := sprintf("%s/isAttestationEnforced", [fixture.method_path("Fido2")])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": false}])
	control.findings == {{
		"resource": fixture.method_resource("Fido2"),
		"message": "Passkeys (FIDO2) are registered without attestation.",
	}} with input as patched
}

test_disabled_is_not_applicable if {
	path := sprintf("%s/state", [fixture.method_path("Fido2")])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "disabled"}])
	control.not_applicable == "The passkey (FIDO2) method is disabled." with input as patched
}

test_absent_state_or_setting_is_missing_never_not_applicable if {
	state := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/state", [fixture.method_path("Fido2")])}])
	control.missing == {{"resource": fixture.method_resource("Fido2"), "property": "state"}} with input as state
	setting := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/isAttestationEnforced", [fixture.method_path("Fido2")])}])
	control.missing == {{"resource": fixture.method_resource("Fido2"), "property": "isAttestationEnforced"}} with input as setting
	disabled := json.patch(setting, [{"op": "replace", "path": sprintf("%s/state", [fixture.method_path("Fido2")]), "value": "disabled"}])
	control.missing == set() with input as disabled
	control.missing == set() with input as fixture.good
}
