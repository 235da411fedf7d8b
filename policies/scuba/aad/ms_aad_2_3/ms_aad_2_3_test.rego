package entra.scuba.aad.ms_aad_2_3_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_2_3 as control

_statement := concat(" ", [
	"No enabled Conditional Access policy blocks sign-ins detected as high risk",
	"for all users and all resources",
])

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
	{e.resource.name | some e in control.evidence} == {"CA03 Block high sign-in risk"}
		with input as fx.good with data.config as fx.config
}

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_signin_risk, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_signin_risk, ["is report-only"])])
}

test_medium_risk_only if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_signin_risk, "conditions/signInRiskLevels"),
		"value": ["medium"],
	}])
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_signin_risk, ["does not apply to high sign-in risk"])])
}

test_medium_and_high_passes if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_signin_risk, "conditions/signInRiskLevels"),
		"value": ["high", "medium"],
	}])
	_passes(tenant, fx.config)
}

test_other_risk_condition_narrows if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_signin_risk, "conditions/userRiskLevels"),
		"value": ["high"],
	}])
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_signin_risk, ["applies only at user risk levels high"])])
}

test_location_exclusion_narrows if {
	tenant := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_signin_risk, "conditions/locations"), "value": {
		"includeLocations": ["All"], "excludeLocations": ["AllTrusted"],
	}}])
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_signin_risk, ["excludes locations AllTrusted"])])
}

test_grant_instead_of_block if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_signin_risk, "grantControls/builtInControls"),
		"value": ["mfa"],
	}])
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_signin_risk, ["does not block access (grant: mfa)"])])
}

test_undeclared_group_exclusion_fails if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_signin_risk, "conditions/users/excludeGroups/-"),
		"value": fx.svc_group,
	}])
	reason := sprintf("excludes group Service accounts (%s) not declared in config", [fx.svc_group])
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_signin_risk, [reason])])
}

test_declared_group_exclusion_passes if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_signin_risk, "conditions/users/excludeGroups/-"),
		"value": fx.svc_group,
	}])
	cfg := json.patch(fx.config, [{
		"op": "add", "path": "/controls/MS.AAD.2.3v1",
		"value": {"exclusions": {"groups": [fx.svc_group]}},
	}])
	_passes(tenant, cfg)
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {fx.licence_finding(
		concat("", [
			"Blocking sign-ins detected as high risk (Identity Protection risk conditions) ",
			"requires Microsoft Entra ID P2, which the tenant does not have",
		]),
		"Microsoft Entra ID P2",
	)} with input as fx.p1_only with data.config as fx.config
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
