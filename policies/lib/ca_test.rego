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
	ca.group_label("g-unknown") == "g-unknown" with input as {}
	ca.role_label("r-unknown") == "r-unknown" with input as {}
}

test_near_miss_without_display_name_is_named_by_id if {
	f := ca.no_policy_finding("Nothing", {ca.near_miss({"id": "p9"}, {"is disabled"})})
	f.message == "Nothing: p9 is disabled"
}
