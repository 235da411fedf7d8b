package lib.ca_test

import data.lib.ca

_policy(grant, conditions) := {
	"id": "p1", "displayName": "P", "state": "enabled",
	"conditions": conditions, "grantControls": grant,
}

test_grant_text_without_controls if {
	ca.grant_text(_policy(null, {})) == "no grant controls"
}

test_grant_text_names_terms_of_use_and_custom_factors if {
	p := _policy(
		{"operator": "AND", "builtInControls": ["mfa"], "termsOfUse": ["t1"], "customAuthenticationFactors": ["duo"]},
		{},
	)
	ca.grant_text(p) == "custom duo AND mfa AND termsOfUse t1"
	ca.requires_mfa(p)
}

test_terms_of_use_or_mfa_does_not_require_mfa if {
	p := _policy({"operator": "OR", "builtInControls": ["mfa"], "termsOfUse": ["t1"]}, {})
	not ca.requires_mfa(p)
}

test_unresolved_builtin_strength_still_requires_mfa if {
	p := _policy({"operator": "AND", "authenticationStrength": {"id": ca.builtin_strength_passwordless}}, {})
	ca.requires_mfa(p) with input as {}
	not ca.requires_phishing_resistant_mfa(p) with input as {}
}

test_no_grant_requires_nothing if {
	p := _policy(null, {})
	not ca.requires_mfa(p)
	not ca.requires_managed_device(p)
	not ca.blocks(p)
}

test_authentication_context_narrows if {
	p := _policy(null, {
		"users": {"includeUsers": ["All"]},
		"applications": {"includeApplications": ["All"], "includeAuthenticationContextClassReferences": ["c1"]},
	})
	ca.coverage_gaps(p, [], set()) == {"is limited to authentication contexts"} with data.config as {}
}

test_policy_without_state_does_not_count if {
	everyone := {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}
	p := object.remove(_policy(null, everyone), ["state"])
	ca.coverage_gaps(p, [], set()) == {"is without state"} with data.config as {}
}

test_unknown_group_is_named_by_id if {
	ca.role_label("r-unknown") == "r-unknown" with input as {}
}

test_near_miss_without_display_name_is_named_by_id if {
	f := ca.no_policy_finding("Nothing", {ca.near_miss({"id": "p9"}, {"is disabled"})})
	f.message == "Nothing: p9 is disabled"
}

test_null_operator_and_null_entries_do_not_stop_it if {
	p := _policy({"operator": null, "builtInControls": ["mfa", "block"]}, {
		"users": {"includeUsers": ["All"], "excludeUsers": [null]},
		"applications": {"includeApplications": ["All"], "excludeApplications": [null, "app1"]},
	})
	ca.grant_text(p) == "block AND mfa"
	"excludes apps app1, null (app exclusions cannot be declared)" in ca.coverage_gaps(p, [], set()) with data.config as {}
}

test_missing_properties_of_a_policy if {
	p := {"id": "p1", "displayName": "P", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "platforms": null}, "grantControls": null}
	{m.property | some m in ca.missing_properties(p)} == {
		"conditions.users.excludeUsers", "conditions.users.includeGroups", "conditions.users.excludeGroups",
		"conditions.users.includeRoles", "conditions.users.excludeRoles", "conditions.users.excludeGuestsOrExternalUsers",
		"conditions.applications", "conditions.clientAppTypes", "conditions.locations", "conditions.devices",
		"conditions.clientApplications", "conditions.signInRiskLevels", "conditions.userRiskLevels",
		"conditions.servicePrincipalRiskLevels", "conditions.insiderRiskLevels", "conditions.authenticationFlows",
	}
	not ca.complete(p)
	ca.missing_unless({p}) == set() with input as {"conditionalAccess": {"policies": [p]}}
	count(ca.missing_unless(set())) == 16 with input as {"conditionalAccess": {"policies": [p]}}
}

test_null_grant_controls_are_named if {
	p := _policy({"operator": "AND", "builtInControls": [null], "termsOfUse": [null], "authenticationStrength": {"id": null, "displayName": null}}, {})
	ca.grant_text(p) == "authenticationStrength null AND null AND termsOfUse null" with input as {}
}

test_strength_without_id_is_not_resolved if {
	p := _policy({"operator": "AND", "authenticationStrength": {"id": null, "displayName": "X"}}, {})
	ca.strength(p) == {"id": null, "displayName": "X"} with input as {"conditionalAccess": {"authenticationStrengths": [{"id": null}, {"id": null, "x": 1}]}}
}
