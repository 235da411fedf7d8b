package entra.controls.tenant.security_defaults_or_ca_test

import data.entra.controls.tenant.fixture_test as fixture
import data.entra.controls.tenant.security_defaults_or_ca as control

test_enabled_ca_policy_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": {"type": "conditionalAccess.policies", "id": fixture.ca_mfa, "name": "CA002 Require MFA for all users"},
		"message": "This Conditional Access policy is enabled.",
	}} with input as fixture.good
}

test_security_defaults_pass_without_ca if {
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": "/tenant/securityDefaults/isEnabled", "value": true},
		{"op": "replace", "path": "/conditionalAccess/policies", "value": []},
	])
	count(control.findings) == 0 with input as patched
	control.evidence == {{
		"resource": {
			"type": "tenant.securityDefaults",
			"id": "00000000-0000-0000-0000-000000000005",
			"name": "Security Defaults",
		},
		"message": "Security defaults are on.",
	}} with input as patched
}

test_report_only_policy_does_not_count if {
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/conditionalAccess/policies/0/state",
		"value": "enabledForReportingButNotEnforced",
	}])
	control.findings == {{
		"resource": {
			"type": "tenant.securityDefaults",
			"id": "00000000-0000-0000-0000-000000000005",
			"name": "Security Defaults",
		},
		"message": "Security defaults are off and no Conditional Access policy is enabled.",
	}} with input as patched
}

test_absent_state_is_missing if {
	defaults := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/securityDefaults/isEnabled"}])
	{m.property | some m in control.missing} == {"isEnabled"} with input as defaults
	state := json.patch(fixture.good, [{"op": "remove", "path": "/conditionalAccess/policies/0/state"}])
	control.missing == {{
		"resource": {"type": "conditionalAccess.policies", "id": fixture.ca_mfa, "name": "CA002 Require MFA for all users"},
		"property": "state",
	}} with input as state
	control.missing == set() with input as fixture.good
}
