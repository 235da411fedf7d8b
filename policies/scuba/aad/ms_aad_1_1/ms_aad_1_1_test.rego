package entra.scuba.aad.ms_aad_1_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_1_1 as control

_statement := "No enabled Conditional Access policy blocks legacy authentication for all users and all resources"

_fails_with(tenant, cfg, reasons) if {
	control.findings == {fx.ca_finding(
		sprintf("%s: 'CA01 Block legacy authentication' %s", [_statement, concat(", ", reasons)]),
		[fx.miss(fx.ca_legacy, reasons)],
	)} with input as tenant with data.config as cfg
	count(control.evidence) == 0 with input as tenant with data.config as cfg
}

test_known_good_passes if {
	control.findings == set() with input as fx.good with data.config as fx.config
	control.evidence == {{
		"resource": {
			"type": "conditionalAccess.policies", "id": fx.policy(fx.ca_legacy).id,
			"name": "CA01 Block legacy authentication",
		},
		"message": "blocks legacy authentication for all users and all resources",
	}} with input as fx.good with data.config as fx.config
}

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_legacy, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_with(tenant, fx.config, ["is report-only"])
}

test_disabled_does_not_count if {
	tenant := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_legacy, "state"), "value": "disabled"}])
	_fails_with(tenant, fx.config, ["is disabled"])
}

test_platform_condition_narrows if {
	tenant := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_legacy, "conditions/platforms"), "value": {
		"includePlatforms": ["android", "iOS"], "excludePlatforms": [],
	}}])
	_fails_with(tenant, fx.config, ["is limited to platforms android, iOS"])
}

test_group_instead_of_all_users if {
	tenant := fx.patch([
		{"op": "replace", "path": fx.ca_path(fx.ca_legacy, "conditions/users/includeUsers"), "value": []},
		{"op": "replace", "path": fx.ca_path(fx.ca_legacy, "conditions/users/includeGroups"), "value": [fx.svc_group]},
	])
	_fails_with(tenant, fx.config, ["does not include all users"])
}

test_subset_of_apps if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_legacy, "conditions/applications/includeApplications"),
		"value": ["00000002-0000-0ff1-ce00-000000000000"],
	}])
	_fails_with(tenant, fx.config, ["does not target all resources"])
}

test_only_one_legacy_client_type if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_legacy, "conditions/clientAppTypes"),
		"value": ["other"],
	}])
	_fails_with(tenant, fx.config, ["does not target both legacy client app types (exchangeActiveSync and other)"])
}

test_grant_instead_of_block if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_legacy, "grantControls/builtInControls"),
		"value": ["mfa"],
	}])
	_fails_with(tenant, fx.config, ["does not block access (grant: mfa)"])
}

test_undeclared_user_exclusion_fails if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_legacy, "conditions/users/excludeUsers/-"),
		"value": fx.other_user,
	}])
	_fails_with(tenant, fx.config, [sprintf("excludes user %s (could not be resolved) not declared in config", [fx.other_user])])
}

test_declared_user_exclusion_passes if {
	tenant := fx.patch([{
		"op": "add", "path": fx.ca_path(fx.ca_legacy, "conditions/users/excludeUsers/-"),
		"value": fx.other_user,
	}])
	cfg := json.patch(fx.config, [{
		"op": "add", "path": "/controls/MS.AAD.1.1v1",
		"value": {"exclusions": {"users": [fx.other_user]}},
	}])
	control.findings == set() with input as tenant with data.config as cfg
}

test_break_glass_must_be_declared if {
	cfg := json.patch(fx.config, [{"op": "remove", "path": "/breakGlass"}])
	_fails_with(fx.good, cfg, [sprintf(
		"excludes user breakglass1@contoso.onmicrosoft.com (%s) not declared in config",
		[fx.bg1],
	)])
}

test_no_candidate_policy if {
	tenant := fx.patch([{"op": "remove", "path": "/conditionalAccess/policies/0"}])
	control.findings == {fx.ca_finding(sprintf("%s: no candidate policy found", [_statement]), [])} with input as tenant
		with data.config as fx.config
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
