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
