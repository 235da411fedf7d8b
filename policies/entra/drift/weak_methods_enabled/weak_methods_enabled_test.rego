package entra.controls.drift.weak_methods_enabled_test

import data.entra.controls.drift.fixture_test as fixture
import data.entra.controls.drift.weak_methods_enabled as control

_enable(id) := {"op": "replace", "path": sprintf("%s/state", [fixture.method_path(id)]), "value": "enabled"}

_finding(id, name, before) := {
	"resource": {"type": "authenticationMethods.policy", "id": id, "name": id},
	"message": sprintf("The %s authentication method was enabled since the baseline (baselines/contoso-demo), which has it disabled.", [name]),
	"evidence": {"id": id, "state": {"before": before, "after": "enabled"}},
}

test_known_good_passes if {
	# SMS was disabled since the baseline.
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_voice_and_email_enabled_fail if {
	patched := json.patch(fixture.live, [_enable("Voice"), _enable("Email")])
	control.findings == {
		_finding("Voice", "Voice call", "disabled"),
		_finding("Email", "Email OTP", "disabled"),
	} with input as fixture.input_for(patched)
}

test_method_missing_from_the_baseline_counts_as_disabled if {
	base := json.patch(fixture.baseline, [{"op": "remove", "path": "/authenticationMethods/policy/authenticationMethodConfigurations/4"}])
	now := json.patch(fixture.live, [_enable("Email")])
	control.findings == {_finding("Email", "Email OTP", "disabled")} with input as fixture.input_between(base, now)
}

test_sms_enabled_in_the_baseline_too_passes if {
	# SMS is enabled in the baseline: turning it back on restores the baseline.
	patched := json.patch(fixture.live, [_enable("Sms")])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_other_methods_are_drift_7s if {
	patched := json.patch(fixture.live, [_enable("TemporaryAccessPass")])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}
