package entra.scuba.aad.ms_aad_3_9_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_9 as control

_statement := "No enabled Conditional Access policy blocks the device code flow for all users and all resources"

_message(misses) := sprintf("%s: %s", [_statement, concat("; ", [
sprintf("'%s' %s", [m.displayName, concat(", ", m.reasons)]) |
	some m in misses
])])

_fails_with(tenant, cfg, misses) if {
	control.findings == {fx.ca_finding(_message(misses), misses)} with input as tenant with data.config as cfg
	count(control.evidence) == 0 with input as tenant with data.config as cfg
}

_passes(tenant, cfg) if {
	control.findings == set() with input as tenant with data.config as cfg
	count(control.evidence) > 0 with input as tenant with data.config as cfg
}

test_known_good_passes if {
	control.findings == set() with input as fx.good with data.config as fx.config
	{e.resource.name | some e in control.evidence} == {"CA09 Block device code flow"}
		with input as fx.good with data.config as fx.config
}

_flows := fx.ca_path(fx.ca_device_code, "conditions/authenticationFlows")

_fails_because(tenant, reasons) if _fails_with(tenant, fx.config, [fx.miss(fx.ca_device_code, reasons)])

test_device_code_and_transfer_passes if {
	_passes(
		fx.patch([{
			"op": "replace", "path": _flows,
			"value": {"transferMethods": "deviceCodeFlow,authenticationTransfer"},
		}]),
		fx.config,
	)
}

test_transfer_only_is_no_candidate if {
	tenant := fx.patch([{"op": "replace", "path": _flows, "value": {"transferMethods": "authenticationTransfer"}}])
	control.findings == {fx.ca_finding(sprintf("%s: no candidate policy found", [_statement]), [])} with input as tenant
		with data.config as fx.config
}

test_grant_instead_of_block if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_device_code, "grantControls/builtInControls"),
		"value": ["mfa"],
	}])
	_fails_because(tenant, ["does not block access (grant: mfa)"])
}

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_device_code, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, ["is report-only"])
}

test_location_condition_narrows if {
	tenant := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_device_code, "conditions/locations"), "value": {
		"includeLocations": ["0c000000-0000-0000-0000-000000000001"], "excludeLocations": [],
	}}])
	_fails_because(tenant, ["is limited to locations 0c000000-0000-0000-0000-000000000001"])
}

test_insider_risk_narrows if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_device_code, "conditions/insiderRiskLevels"),
		"value": "elevated",
	}])
	_fails_because(tenant, ["applies only at insider risk levels elevated"])
}

test_without_p1_fails_naming_the_licence if {
	control.findings == {fx.licence_finding(
		"Conditional Access requires Microsoft Entra ID P1, which the tenant does not have",
		"Microsoft Entra ID P1",
	)} with input as fx.no_licence with data.config as fx.config
}

test_absent_property_is_missing_never_judged if {
	control.missing == fx.no_exclude_users_missing with input as fx.no_exclude_users with data.config as fx.config
	count(control.evidence) == 0 with input as fx.no_exclude_users with data.config as fx.config
}

test_incomplete_policy_does_not_hide_a_satisfying_one if {
	tenant := fx.one_policy_incomplete(fx.ca_agents)
	control.missing == set() with input as tenant with data.config as fx.config
	control.findings == set() with input as tenant with data.config as fx.config
}
