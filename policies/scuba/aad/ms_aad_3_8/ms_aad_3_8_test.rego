package entra.scuba.aad.ms_aad_3_8_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_8 as control

_statement := concat(" ", [
	"No enabled Conditional Access policy requires a managed device",
	"to register security information for all users",
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
	{e.resource.name | some e in control.evidence} == {"CA08 Managed device to register security info"}
		with input as fx.good with data.config as fx.config
}

_ca07 := fx.miss(fx.ca_managed_device, ["does not target the user action 'register security information'"])

_fails_because(tenant, cfg, reasons) if _fails_with(tenant, cfg, [_ca07, fx.miss(fx.ca_register, reasons)])

test_register_device_action_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_register, "conditions/applications/includeUserActions"),
		"value": ["urn:user:registerdevice"],
	}])
	_fails_because(tenant, fx.config, ["does not target the user action 'register security information'"])
}

test_device_or_mfa_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_register, "grantControls/builtInControls"),
		"value": ["compliantDevice", "mfa"],
	}])
	_fails_because(tenant, fx.config, ["does not require a managed device (grant: compliantDevice OR mfa)"])
}

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_register, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, fx.config, ["is report-only"])
}

test_group_instead_of_all_users if {
	tenant := fx.patch([
		{"op": "replace", "path": fx.ca_path(fx.ca_register, "conditions/users/includeUsers"), "value": []},
		{"op": "replace", "path": fx.ca_path(fx.ca_register, "conditions/users/includeGroups"), "value": [fx.svc_group]},
	])
	_fails_because(tenant, fx.config, ["does not include all users"])
}

test_undeclared_user_exclusion_fails if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_register, "conditions/users/excludeUsers/-"),
		"value": fx.ga1,
	}])
	_fails_because(tenant, fx.config, [sprintf("excludes user ga1@contoso.com (%s) not declared in config", [fx.ga1])])
}

test_declared_user_exclusion_passes if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_register, "conditions/users/excludeUsers/-"),
		"value": fx.ga1,
	}])
	cfg := json.patch(fx.config, [{
		"op": "add", "path": "/controls/MS.AAD.3.8v1",
		"value": {"exclusions": {"users": [fx.ga1]}},
	}])
	_passes(tenant, cfg)
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
