package entra.controls.authenticationMethods.tap_one_time_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.tap_one_time as control

test_one_time_passes if {
	count(control.findings) == 0 with input as fixture.good
	not control.not_applicable with input as fixture.good
	control.evidence == {{
		"resource": fixture.method_resource("TemporaryAccessPass"),
		"message": "A Temporary Access Pass is usable once.",
	}} with input as fixture.good
}

test_multi_use_fails if {
	path := sprintf("%s/isUsableOnce", [fixture.method_path("TemporaryAccessPass")])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": false}])
	control.findings == {{
		"resource": fixture.method_resource("TemporaryAccessPass"),
		"message": "A Temporary Access Pass can be used more than once within its lifetime.",
	}} with input as patched
}

test_disabled_is_not_applicable if {
	path := sprintf("%s/state", [fixture.method_path("TemporaryAccessPass")])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "disabled"}])
	control.not_applicable == "The Temporary Access Pass method is disabled." with input as patched
}

test_absent_state_or_setting_is_missing_never_not_applicable if {
	state := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/state", [fixture.method_path("TemporaryAccessPass")])}])
	control.missing == {{"resource": fixture.method_resource("TemporaryAccessPass"), "property": "state"}} with input as state
	setting := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/isUsableOnce", [fixture.method_path("TemporaryAccessPass")])}])
	control.missing == {{"resource": fixture.method_resource("TemporaryAccessPass"), "property": "isUsableOnce"}} with input as setting
	disabled := json.patch(setting, [{"op": "replace", "path": sprintf("%s/state", [fixture.method_path("TemporaryAccessPass")]), "value": "disabled"}])
	control.missing == set() with input as disabled
	control.missing == set() with input as fixture.good
}
