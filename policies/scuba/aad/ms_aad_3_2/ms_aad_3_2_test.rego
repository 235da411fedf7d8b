package entra.scuba.aad.ms_aad_3_2_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_2 as control

_statement := "No enabled Conditional Access policy requires MFA for all users and all resources"

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
	names := {"CA04 Phishing-resistant MFA for all users", "CA05 MFA for all users"}
	{e.resource.name | some e in control.evidence} == names
		with input as fx.good with data.config as fx.config
}

# In these tests CA04 (phishing-resistant MFA, which is MFA too) is disabled, so
# that CA05 alone decides.
_base := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "state"), "value": "disabled"}])

_ca04 := fx.miss(fx.ca_phishing_resistant, ["is disabled"])

_ca06 := fx.miss(fx.ca_admins, ["does not include all users"])

_change(ops) := json.patch(_base, ops)

_fails_because(tenant, cfg, reasons) if _fails_with(tenant, cfg, [_ca04, fx.miss(fx.ca_mfa, reasons), _ca06])

_grant(op, controls) := [
	{"op": "replace", "path": fx.ca_path(fx.ca_mfa, "grantControls/operator"), "value": op},
	{"op": "replace", "path": fx.ca_path(fx.ca_mfa, "grantControls/builtInControls"), "value": controls},
]

test_mfa_alone_passes if _passes(_base, fx.config)

test_mfa_or_compliant_device_does_not_count if {
	_fails_because(_change(_grant("OR", ["mfa", "compliantDevice"])), fx.config, [
		"does not require MFA (grant: compliantDevice OR mfa)",
	])
}

test_mfa_and_compliant_device_passes if _passes(_change(_grant("AND", ["mfa", "compliantDevice"])), fx.config)

test_mfa_strength_passes if {
	tenant := _change(array.concat(_grant("AND", []), [{
		"op": "replace", "path": fx.ca_path(fx.ca_mfa, "grantControls/authenticationStrength"),
		"value": {"id": fx.mfa_strength.id},
	}]))
	_passes(tenant, fx.config)
}

test_report_only_does_not_count if {
	tenant := _change([{
		"op": "replace", "path": fx.ca_path(fx.ca_mfa, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, fx.config, ["is report-only"])
}

test_subset_of_apps if {
	tenant := _change([{
		"op": "replace", "path": fx.ca_path(fx.ca_mfa, "conditions/applications/includeApplications"),
		"value": ["Office365"],
	}])
	_fails_because(tenant, fx.config, ["does not target all resources"])
}

test_excluded_apps_fail if {
	tenant := _change([{
		"op": "replace", "path": fx.ca_path(fx.ca_mfa, "conditions/applications/excludeApplications"),
		"value": ["d4ebce55-015a-49b5-a083-c84d1797ae8c"],
	}])
	_fails_because(tenant, fx.config, [
		"excludes apps d4ebce55-015a-49b5-a083-c84d1797ae8c (app exclusions cannot be declared)",
	])
}

test_group_exclusion_must_be_declared if {
	cfg := json.patch(fx.config, [{"op": "remove", "path": "/controls/MS.AAD.3.2v2"}])
	_fails_because(_base, cfg, [sprintf("excludes group Service accounts (%s) not declared in config", [fx.svc_group])])
}

test_undeclared_role_exclusion_fails if {
	tenant := _change([{"op": "add", "path": fx.ca_path(fx.ca_mfa, "conditions/users/excludeRoles/-"), "value": fx.ga}])
	_fails_because(tenant, fx.config, [sprintf("excludes role Global Administrator (%s) not declared in config", [fx.ga])])
}

test_declared_role_exclusion_passes if {
	tenant := _change([{"op": "add", "path": fx.ca_path(fx.ca_mfa, "conditions/users/excludeRoles/-"), "value": fx.ga}])
	cfg := json.patch(fx.config, [{"op": "add", "path": "/controls/MS.AAD.3.2v2/exclusions/roles", "value": [fx.ga]}])
	_passes(tenant, cfg)
}

test_undeclared_service_principal_exclusion_fails if {
	tenant := _change([{"op": "replace", "path": fx.ca_path(fx.ca_mfa, "conditions/clientApplications"), "value": {
		"includeServicePrincipals": [], "excludeServicePrincipals": ["5e000000-0000-0000-0000-000000000001"],
	}}])
	_fails_because(tenant, fx.config, [
		"excludes service principal 5e000000-0000-0000-0000-000000000001 not declared in config",
	])
}

test_workload_identity_policy_does_not_cover_users if {
	tenant := _change([{"op": "replace", "path": fx.ca_path(fx.ca_mfa, "conditions/clientApplications"), "value": {
		"includeServicePrincipals": ["ServicePrincipalsInMyTenant"], "excludeServicePrincipals": [],
	}}])
	_fails_because(tenant, fx.config, ["targets workload identities instead of users"])
}

test_unknown_user_exclusion_is_named_by_id if {
	tenant := _change([{
		"op": "add", "path": fx.ca_path(fx.ca_mfa, "conditions/users/excludeUsers/-"),
		"value": fx.other_user,
	}])
	_fails_because(tenant, fx.config, [sprintf("excludes user %s (could not be resolved) not declared in config", [fx.other_user])])
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
