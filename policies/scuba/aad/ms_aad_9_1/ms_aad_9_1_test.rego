package entra.scuba.aad.ms_aad_9_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_9_1 as control

_statement := "No enabled Conditional Access policy blocks high-risk agent identities for all agents and all resources"

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
	{e.resource.name | some e in control.evidence} == {"CA10 Block high-risk agents"}
		with input as fx.good with data.config as fx.config
}

_clients := fx.ca_path(fx.ca_agents, "conditions/clientApplications")

_fails_because(tenant, reasons) if _fails_with(tenant, fx.config, [fx.miss(fx.ca_agents, reasons)])

test_risk_levels_as_array_pass if {
	_passes(
		fx.patch([{
			"op": "replace", "path": fx.ca_path(fx.ca_agents, "conditions/agentIdRiskLevels"),
			"value": ["high"],
		}]),
		fx.config,
	)
}

test_medium_risk_only if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_agents, "conditions/agentIdRiskLevels"),
		"value": "medium",
	}])
	_fails_because(tenant, ["does not apply to high agent risk"])
}

test_some_agents_only if {
	tenant := fx.patch([{
		"op": "replace", "path": sprintf("%s/includeAgentIdServicePrincipals", [_clients]),
		"value": ["a6e00000-0000-0000-0000-000000000001"],
	}])
	_fails_because(tenant, ["does not include all agent identities"])
}

test_excluded_agents_fail if {
	tenant := fx.patch([{
		"op": "replace", "path": sprintf("%s/excludeAgentIdServicePrincipals", [_clients]),
		"value": ["a6e00000-0000-0000-0000-000000000009"],
	}])
	_fails_because(tenant, ["excludes agent identities a6e00000-0000-0000-0000-000000000009"])
}

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_agents, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, ["is report-only"])
}

test_grant_instead_of_block if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_agents, "grantControls/builtInControls"),
		"value": ["mfa"],
	}])
	_fails_because(tenant, ["does not block access (grant: mfa)"])
}

test_no_agent_policy_fails if {
	tenant := fx.patch([{"op": "remove", "path": "/conditionalAccess/policies/9"}])
	control.findings == {fx.ca_finding(sprintf("%s: no candidate policy found", [_statement]), [])} with input as tenant
		with data.config as fx.config
}

_in_cloud(cloud) := fx.patch([
	{"op": "replace", "path": "/meta/cloud", "value": cloud},
	{"op": "add", "path": "/meta/cloudSource", "value": "manifest"},
])

# One test per cloud input.meta.cloud can hold (the engine resolves it from
# the manifest and the configuration, internal/policy/cloud.go).
test_not_applicable_in_us_government_clouds if {
	every cloud in ["usgov", "usgovdod"] {
		control.not_applicable == "The baseline does not apply this control to US Government (GCC High) and DoD tenants" with input as _in_cloud(cloud)
		control.missing == set() with input as json.patch(fx.no_exclude_users, [{"op": "replace", "path": "/meta/cloud", "value": cloud}])
			with data.config as fx.config
	}
}

test_judged_in_the_other_clouds if {
	every cloud in ["global", "china", "unknown"] {
		not control.not_applicable with input as _in_cloud(cloud) with data.config as fx.config
		control.findings == set() with input as _in_cloud(cloud) with data.config as fx.config
		count(control.evidence) == 1 with input as _in_cloud(cloud) with data.config as fx.config
	}
	not control.not_applicable with input as fx.good
}

test_without_p2_fails_naming_the_licence if {
	control.findings == {fx.licence_finding(
		"Blocking risky AI agents (agent risk conditions) requires Microsoft Entra ID P2, which the tenant does not have",
		"Microsoft Entra ID P2",
	)} with input as fx.p1_only with data.config as fx.config
}

test_risk_condition_alone_makes_a_candidate if {
	tenant := fx.patch([{"op": "replace", "path": _clients, "value": null}])
	_fails_because(tenant, ["does not include all agent identities"])
}

test_absent_property_is_missing_never_judged if {
	control.missing == fx.no_exclude_users_missing with input as fx.no_exclude_users with data.config as fx.config
	count(control.evidence) == 0 with input as fx.no_exclude_users with data.config as fx.config
}

test_incomplete_policy_does_not_hide_a_satisfying_one if {
	tenant := fx.one_policy_incomplete(fx.ca_legacy)
	control.missing == set() with input as tenant with data.config as fx.config
	control.findings == set() with input as tenant with data.config as fx.config
}
