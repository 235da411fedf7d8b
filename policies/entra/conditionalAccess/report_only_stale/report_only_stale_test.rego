package entra.controls.conditionalAccess.report_only_stale_test

import data.entra.controls.conditionalAccess.fixture_test as fixture
import data.entra.controls.conditionalAccess.report_only_stale as control

test_recent_report_only_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_old_report_only_fails if {
	path := sprintf("%s/createdDateTime", [fixture.policy_path(fixture.ca005)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "2026-09-01T08:00:00.1234567Z"}])
	control.findings == {{
		"resource": fixture.resource(fixture.ca005),
		"message": concat("", [
			"Policy CA005 Block high-risk sign-ins (report-only) has been ",
			"report-only for 86 days without being changed.",
		]),
		"evidence": {"days": 86},
	}} with input as patched with data.config as fixture.config
}

test_recent_modification_counts if {
	base := fixture.policy_path(fixture.ca005)
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/createdDateTime", [base]), "value": "2025-01-01T08:00:00Z"},
		{"op": "replace", "path": sprintf("%s/modifiedDateTime", [base]), "value": "2026-11-20T08:00:00Z"},
	])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_unknown_age_fails if {
	base := fixture.policy_path(fixture.ca005)
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/createdDateTime", [base]), "value": null},
		{"op": "remove", "path": sprintf("%s/modifiedDateTime", [base])},
	])
	control.findings == {{
		"resource": fixture.resource(fixture.ca005),
		"message": concat("", [
			"Policy CA005 Block high-risk sign-ins (report-only) is ",
			"report-only and has no creation or modification date.",
		]),
		"evidence": {"days": null},
	}} with input as patched with data.config as fixture.config
}

test_absent_state_or_creation_is_missing if {
	state := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/state", [fixture.policy_path(fixture.ca005)])}])
	control.missing == {{"resource": fixture.resource(fixture.ca005), "property": "state"}} with input as state
	created := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/createdDateTime", [fixture.policy_path(fixture.ca005)])}])
	control.missing == {{"resource": fixture.resource(fixture.ca005), "property": "createdDateTime"}} with input as created
	control.missing == set() with input as fixture.good
}
