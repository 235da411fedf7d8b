package entra.controls.conditionalAccess.break_glass_exclusion_test

import data.entra.controls.conditionalAccess.break_glass_exclusion as control
import data.entra.controls.conditionalAccess.fixture_test as fixture

test_excluded_directly_or_by_declared_group_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	not control.not_applicable with input as fixture.good with data.config as fixture.config
	control.evidence == {
		{
			"resource": fixture.resource(fixture.ca001),
			"message": "Blocking policy CA001 Block legacy authentication excludes every emergency access account.",
		},
		{
			"resource": fixture.resource(fixture.ca004),
			"message": "Blocking policy CA004 Block high-risk users excludes every emergency access account.",
		},
	} with input as fixture.good with data.config as fixture.config
}

test_undeclared_group_exclusion_fails if {
	cfg := {"breakGlass": {"users": [fixture.bg1, fixture.bg2]}}
	control.findings == {{
		"resource": fixture.resource(fixture.ca001),
		"message": concat("", [
			"Blocking policy CA001 Block legacy authentication does not exclude emergency access ",
			"accounts user Break Glass 1 (bg1@contoso.onmicrosoft.com), ",
			"user Break Glass 2 (bg2@contoso.onmicrosoft.com).",
		]),
		"evidence": {"accounts": sort([fixture.bg1, fixture.bg2])},
	}} with input as fixture.good with data.config as cfg
}

test_one_account_not_excluded_fails if {
	path := sprintf("%s/conditions/users/excludeUsers", [fixture.policy_path(fixture.ca004)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": [fixture.bg1]}])
	control.findings == {{
		"resource": fixture.resource(fixture.ca004),
		"message": concat("", [
			"Blocking policy CA004 Block high-risk users does not exclude ",
			"emergency access accounts user Break Glass 2 (bg2@contoso.onmicrosoft.com).",
		]),
		"evidence": {"accounts": [fixture.bg2]},
	}} with input as patched with data.config as fixture.config
}

test_policy_including_a_role_reaches_the_accounts if {
	base := fixture.policy_path(fixture.ca004)
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/conditions/users/includeUsers", [base]), "value": []},
		{
			"op": "replace",
			"path": sprintf("%s/conditions/users/includeRoles", [base]),
			"value": ["62e90394-69f5-4237-9190-012177145e10"],
		},
		{"op": "replace", "path": sprintf("%s/conditions/users/excludeUsers", [base]), "value": []},
	])
	count(control.findings) == 1 with input as patched with data.config as fixture.config
}

test_policy_for_other_users_only_passes if {
	base := fixture.policy_path(fixture.ca004)
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/conditions/users/includeUsers", [base]), "value": [fixture.isaiah]},
		{"op": "replace", "path": sprintf("%s/conditions/users/excludeUsers", [base]), "value": []},
	])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_enforcing_the_report_only_policy_fails if {
	base := fixture.policy_path(fixture.ca005)
	patched := json.patch(fixture.good, [{"op": "replace", "path": sprintf("%s/state", [base]), "value": "enabled"}])
	control.findings == {{
		"resource": fixture.resource(fixture.ca005),
		"message": concat("", [
			"Blocking policy CA005 Block high-risk sign-ins (report-only) does not exclude emergency access accounts ",
			"user Break Glass 1 (bg1@contoso.onmicrosoft.com), user Break Glass 2 (bg2@contoso.onmicrosoft.com).",
		]),
		"evidence": {"accounts": sort([fixture.bg1, fixture.bg2])},
	}} with input as patched with data.config as fixture.config
}

test_no_declared_account_is_not_applicable if {
	control.not_applicable == "No emergency access account is declared (breakGlass.users)." with input as fixture.good
		with data.config as {}
	count(control.evidence) == 0 with input as fixture.good with data.config as {}
}

test_group_with_known_members_counts if {
	cfg := {"breakGlass": {"users": [fixture.bg1, fixture.bg2]}}
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/principals/groups/0/members",
		"value": [{"id": fixture.bg1}, fixture.bg2],
	}])
	count(control.findings) == 0 with input as patched with data.config as cfg
}

test_policy_including_a_group_reaches_the_accounts if {
	path := sprintf("%s/conditions/users/excludeGroups", [fixture.policy_path(fixture.ca001)])
	patched := json.patch(fixture.good, [
		{
			"op": "replace",
			"path": sprintf("%s/conditions/users/includeUsers", [fixture.policy_path(fixture.ca001)]),
			"value": [],
		},
		{
			"op": "replace",
			"path": sprintf("%s/conditions/users/includeGroups", [fixture.policy_path(fixture.ca001)]),
			"value": [fixture.finance],
		},
		{"op": "replace", "path": path, "value": []},
	])
	count(control.findings) == 1 with input as patched with data.config as fixture.config
}

test_absent_conditions_are_missing_never_excluded if {
	base := fixture.policy_path(fixture.ca004)
	tenant := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/conditions/users/includeUsers", [base])}])
	control.missing == {{"resource": fixture.resource(fixture.ca004), "property": "conditions.users.includeUsers"}} with input as tenant
		with data.config as fixture.config
	grant := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/grantControls/builtInControls", [base])}])
	control.missing == {{"resource": fixture.resource(fixture.ca004), "property": "grantControls.builtInControls"}} with input as grant
		with data.config as fixture.config
	pim := json.patch(fixture.good, [{"op": "add", "path": "/roles", "value": {"groupEligibilityScheduleInstances": [{"id": "gei1", "groupId": fixture.bg_group, "principalId": fixture.bg1}]}}])
	control.missing == {{"resource": {"type": "roles.groupEligibilityScheduleInstances", "id": "gei1", "name": "gei1"}, "property": "accessId"}} with input as pim
		with data.config as fixture.config
	control.missing == set() with input as fixture.good with data.config as fixture.config
	control.missing == set() with input as tenant
}
