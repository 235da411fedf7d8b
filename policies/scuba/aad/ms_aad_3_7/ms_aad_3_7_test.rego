package entra.scuba.aad.ms_aad_3_7_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_7 as control

_statement := "No enabled Conditional Access policy requires a managed device for all users and all resources"

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
	{e.resource.name | some e in control.evidence} == {"CA07 Managed device for all users"}
		with input as fx.good with data.config as fx.config
}

_ca08 := fx.miss(fx.ca_register, ["does not target all resources"])

_fails_because(tenant, reasons) if _fails_with(tenant, fx.config, [fx.miss(fx.ca_managed_device, reasons), _ca08])

_grant(op, controls) := [
	{"op": "replace", "path": fx.ca_path(fx.ca_managed_device, "grantControls/operator"), "value": op},
	{"op": "replace", "path": fx.ca_path(fx.ca_managed_device, "grantControls/builtInControls"), "value": controls},
]

test_compliant_device_or_mfa_does_not_count if {
	_fails_because(fx.patch(_grant("OR", ["compliantDevice", "mfa"])), [
		"does not require a managed device (grant: compliantDevice OR mfa)",
	])
}

test_compliant_device_and_mfa_passes if _passes(fx.patch(_grant("AND", ["compliantDevice", "mfa"])), fx.config)

test_hybrid_join_alone_passes if _passes(fx.patch(_grant("OR", ["domainJoinedDevice"])), fx.config)

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_managed_device, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, ["is report-only"])
}

test_platform_exclusion_narrows if {
	tenant := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_managed_device, "conditions/platforms"), "value": {
		"includePlatforms": ["all"], "excludePlatforms": ["linux"],
	}}])
	_fails_because(tenant, ["excludes platforms linux"])
}

test_client_app_types_narrow if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_managed_device, "conditions/clientAppTypes"),
		"value": ["browser"],
	}])
	_fails_because(tenant, ["is limited to client app types browser"])
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
