package entra.controls.drift.ca_disabled_test

import data.entra.controls.drift.ca_disabled as control
import data.entra.controls.drift.fixture_test as fixture

_ca002 := {"type": "conditionalAccess.policies", "id": fixture.ca002, "name": "CA002 Require MFA for all users"}

_state(state) := json.patch(fixture.live, [{"op": "replace", "path": sprintf("%s/state", [fixture.ca_path(fixture.ca002)]), "value": state}])

test_known_good_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_without_a_comparison_nothing_is_judged if {
	count(control.findings) == 0 with input as fixture.live
}

test_report_only_fails if {
	control.findings == {{
		"resource": _ca002,
		"message": "CA002 Require MFA for all users was moved from enabled to report-only since the baseline (baselines/contoso-demo), which enforces it.",
		"evidence": {"state": {"before": "enabled", "after": "enabledForReportingButNotEnforced"}},
	}} with input as fixture.input_for(_state("enabledForReportingButNotEnforced"))
}

test_disabled_fails if {
	control.findings == {{
		"resource": _ca002,
		"message": "CA002 Require MFA for all users was disabled since the baseline (baselines/contoso-demo), which enforces it.",
		"evidence": {"state": {"before": "enabled", "after": "disabled"}},
	}} with input as fixture.input_for(_state("disabled"))
}

test_state_removed_fails if {
	patched := json.patch(fixture.live, [{"op": "remove", "path": sprintf("%s/state", [fixture.ca_path(fixture.ca002)])}])
	control.findings == {{
		"resource": _ca002,
		"message": "CA002 Require MFA for all users was moved from enabled to without state since the baseline (baselines/contoso-demo), which enforces it.",
		"evidence": {"state": {"before": "enabled", "after": null}},
	}} with input as fixture.input_for(patched)
}

test_deleted_fails if {
	patched := json.patch(fixture.live, [{"op": "remove", "path": fixture.ca_path(fixture.ca003)}])
	control.findings == {{
		"resource": {"type": "conditionalAccess.policies", "id": fixture.ca003, "name": "CA003 Require phishing-resistant MFA for admins"},
		"message": "CA003 Require phishing-resistant MFA for admins was deleted since the baseline (baselines/contoso-demo), which enforces it.",
		"evidence": {"state": {"before": "enabled", "after": null}},
	}} with input as fixture.input_for(patched)
}

# CA005 is report-only in the baseline: disabling it does not undo an enforcement.
test_policy_not_enforced_in_the_baseline_is_not_judged if {
	patched := json.patch(fixture.live, [{"op": "replace", "path": sprintf("%s/state", [fixture.ca_path(fixture.ca005)]), "value": "disabled"}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_message_without_a_baseline_dir if {
	doc := fixture.input_for(_state("disabled"))
	patched := json.patch(doc, [{"op": "remove", "path": "/drift/baseline/dir"}])
	{f.message | some f in control.findings} == {"CA002 Require MFA for all users was disabled since the baseline, which enforces it."} with input as patched
}
