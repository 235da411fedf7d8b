package entra.controls.conditionalAccess.deleted_principals_test

import data.entra.controls.conditionalAccess.deleted_principals as control
import data.entra.controls.conditionalAccess.fixture_test as fixture

test_existing_references_pass if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_deleted_user_and_group_fail if {
	gone_user := "0f0f0f0f-1111-4222-8333-444455556666"
	gone_group := "1e1e1e1e-1111-4222-8333-444455556666"
	base := fixture.policy_path(fixture.ca002)
	patched := json.patch(fixture.good, [
		{"op": "add", "path": sprintf("%s/conditions/users/excludeUsers/-", [base]), "value": gone_user},
		{"op": "add", "path": sprintf("%s/conditions/users/includeGroups/-", [base]), "value": gone_group},
	])
	control.findings == {{
		"resource": fixture.resource(fixture.ca002),
		"message": "Policy CA002 Require MFA for all users references 2 deleted users or groups.",
		"evidence": {"references": [
			{"field": "excludeUsers", "id": gone_user},
			{"field": "includeGroups", "id": gone_group},
		]},
	}} with input as patched with data.config as fixture.config
}

test_group_id_in_users_field_is_not_a_user if {
	path := sprintf("%s/conditions/users/excludeUsers/-", [fixture.policy_path(fixture.ca004)])
	patched := json.patch(fixture.good, [{"op": "add", "path": path, "value": fixture.bg_group}])
	count(control.findings) == 1 with input as patched with data.config as fixture.config
}

test_absent_user_lists_are_missing_null_entries_ignored if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/conditions/users/excludeUsers", [fixture.policy_path(fixture.ca002)])}])
	control.missing == {{"resource": fixture.resource(fixture.ca002), "property": "conditions.users.excludeUsers"}} with input as tenant
	nulls := json.patch(fixture.good, [{"op": "replace", "path": sprintf("%s/conditions/users/excludeUsers", [fixture.policy_path(fixture.ca002)]), "value": [null]}])
	control.findings == set() with input as nulls
	control.missing == set() with input as fixture.good
}
