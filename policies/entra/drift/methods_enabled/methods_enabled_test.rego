package entra.controls.drift.methods_enabled_test

import data.entra.controls.drift.fixture_test as fixture
import data.entra.controls.drift.methods_enabled as control

_enable(id) := {"op": "replace", "path": sprintf("%s/state", [fixture.method_path(id)]), "value": "enabled"}

test_known_good_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_methods_enabled_fail if {
	patched := json.patch(fixture.live, [_enable("TemporaryAccessPass"), _enable("SoftwareOath")])
	control.findings == {
		{
			"resource": {"type": "authenticationMethods.policy", "id": "TemporaryAccessPass", "name": "TemporaryAccessPass"},
			"message": "The Temporary Access Pass authentication method was enabled since the baseline (baselines/contoso-demo), which has it disabled.",
			"evidence": {"id": "TemporaryAccessPass", "state": {"before": "disabled", "after": "enabled"}},
		},
		{
			"resource": {"type": "authenticationMethods.policy", "id": "SoftwareOath", "name": "SoftwareOath"},
			"message": "The Third-party software OATH tokens authentication method was enabled since the baseline (baselines/contoso-demo), which has it disabled.",
			"evidence": {"id": "SoftwareOath", "state": {"before": "disabled", "after": "enabled"}},
		},
	} with input as fixture.input_for(patched)
}

test_new_method_unknown_to_the_baseline_fails_by_its_id if {
	patched := json.patch(fixture.live, [{
		"op": "add", "path": "/authenticationMethods/policy/authenticationMethodConfigurations/-",
		"value": fixture.method("ExternalAuthenticationMethod", "enabled"),
	}])
	{f.message | some f in control.findings} == {
		"The ExternalAuthenticationMethod authentication method was enabled since the baseline (baselines/contoso-demo), which has it disabled.",
	} with input as fixture.input_for(patched)
}

test_weak_methods_are_drift_5s if {
	patched := json.patch(fixture.live, [_enable("Voice")])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_method_disabled_passes if {
	patched := json.patch(fixture.live, [{"op": "replace", "path": sprintf("%s/state", [fixture.method_path("Fido2")]), "value": "disabled"}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}
