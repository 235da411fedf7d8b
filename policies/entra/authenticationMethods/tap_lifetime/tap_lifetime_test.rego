package entra.controls.authenticationMethods.tap_lifetime_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.tap_lifetime as control

test_eight_hours_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": fixture.method_resource("TemporaryAccessPass"),
		"message": "A Temporary Access Pass lives at most 480 minutes.",
	}} with input as fixture.good
}

test_long_lifetimes_fail if {
	path := fixture.method_path("TemporaryAccessPass")
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/maximumLifetimeInMinutes", [path]), "value": 43200},
		{"op": "replace", "path": sprintf("%s/defaultLifetimeInMinutes", [path]), "value": 1440},
	])
	control.findings == {
		{
			"resource": fixture.method_resource("TemporaryAccessPass"),
			"message": "The Temporary Access Pass maximumLifetimeInMinutes is 43200 minutes, above 480.",
			"evidence": {"maximumLifetimeInMinutes": 43200},
		},
		{
			"resource": fixture.method_resource("TemporaryAccessPass"),
			"message": "The Temporary Access Pass defaultLifetimeInMinutes is 1440 minutes, above 480.",
			"evidence": {"defaultLifetimeInMinutes": 1440},
		},
	} with input as patched
	count(control.evidence) == 0 with input as patched
}

test_disabled_is_not_applicable if {
	patched := json.patch(fixture.good, [{"op": "remove", "path": fixture.method_path("TemporaryAccessPass")}])
	control.not_applicable == "The Temporary Access Pass method is disabled." with input as patched
	count(control.findings) == 0 with input as patched
}

test_absent_state_or_setting_is_missing_never_not_applicable if {
	state := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/state", [fixture.method_path("TemporaryAccessPass")])}])
	control.missing == {{"resource": fixture.method_resource("TemporaryAccessPass"), "property": "state"}} with input as state
	setting := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/maximumLifetimeInMinutes", [fixture.method_path("TemporaryAccessPass")])}])
	control.missing == {{"resource": fixture.method_resource("TemporaryAccessPass"), "property": "maximumLifetimeInMinutes"}} with input as setting
	disabled := json.patch(setting, [{"op": "replace", "path": sprintf("%s/state", [fixture.method_path("TemporaryAccessPass")]), "value": "disabled"}])
	control.missing == set() with input as disabled
	control.missing == set() with input as fixture.good
}

test_null_lifetime_fails if {
	tenant := json.patch(fixture.good, [{
		"op": "replace", "path": sprintf("%s/maximumLifetimeInMinutes", [fixture.method_path("TemporaryAccessPass")]),
		"value": null,
	}])
	{f.message | some f in control.findings} == {"The Temporary Access Pass maximumLifetimeInMinutes is null, not a number of minutes."} with input as tenant
	count(control.evidence) == 0 with input as tenant
}
