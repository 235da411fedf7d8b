package entra.scuba.aad.ms_aad_3_6_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_6 as control

_statement := "No enabled Conditional Access policy requires phishing-resistant MFA for every highly privileged role"

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
	{e.resource.name | some e in control.evidence} == {"CA06 Phishing-resistant MFA for admins"}
		with input as fx.good with data.config as fx.config
}

_all_roles := concat(", ", [
	"Application Administrator", "Cloud Application Administrator", "Exchange Administrator",
	"Global Administrator", "Hybrid Identity Administrator", "Privileged Role Administrator",
	"SharePoint Administrator", "User Administrator",
])

_ca04 := fx.miss(fx.ca_phishing_resistant, [sprintf("does not include roles %s", [_all_roles])])

_fails_because(tenant, cfg, reasons) if _fails_with(tenant, cfg, [_ca04, fx.miss(fx.ca_admins, reasons)])

_roles_path := fx.ca_path(fx.ca_admins, "conditions/users/includeRoles")

test_missing_global_administrator_role_fails if {
	roles := [r | some r in fx.policy(fx.ca_admins).conditions.users.includeRoles; r != fx.ga]
	tenant := fx.patch([{"op": "replace", "path": _roles_path, "value": roles}])
	_fails_because(tenant, fx.config, ["does not include roles Global Administrator"])
}

test_plain_mfa_is_not_phishing_resistant if {
	tenant := fx.patch([
		{"op": "replace", "path": fx.ca_path(fx.ca_admins, "grantControls/authenticationStrength"), "value": null},
		{"op": "replace", "path": fx.ca_path(fx.ca_admins, "grantControls/builtInControls"), "value": ["mfa"]},
	])
	_fails_because(tenant, fx.config, ["does not require phishing-resistant MFA (grant: mfa)"])
}

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_admins, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, fx.config, ["is report-only"])
}

test_undeclared_role_exclusion_fails if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_admins, "conditions/users/excludeRoles/-"),
		"value": fx.exchange_admin,
	}])
	_fails_because(tenant, fx.config, [sprintf("excludes role %s not declared in config", [fx.exchange_admin])])
}

test_declared_role_exclusion_passes if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_admins, "conditions/users/excludeRoles/-"),
		"value": fx.exchange_admin,
	}])
	cfg := json.patch(fx.config, [{
		"op": "add", "path": "/controls/MS.AAD.3.6v1",
		"value": {"exclusions": {"roles": [fx.exchange_admin]}},
	}])
	_passes(tenant, cfg)
}

test_subset_of_apps if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_admins, "conditions/applications/includeApplications"),
		"value": ["MicrosoftAdminPortals"],
	}])
	_fails_because(tenant, fx.config, ["does not target all resources"])
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
