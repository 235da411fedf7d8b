package entra.controls.roles.break_glass_accounts_test

import data.entra.controls.roles.break_glass_accounts as control
import data.entra.controls.roles.fixture_test as fixture

test_two_good_accounts_pass if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {
		{
			"resource": {"type": "principals.users", "id": fixture.bg1, "name": "Break Glass 1"},
			"message": concat("", [
				"Emergency access user Break Glass 1 (bg1@contoso.onmicrosoft.com) is a ",
				"cloud-only, enabled, active Global Administrator.",
			]),
		},
		{
			"resource": {"type": "principals.users", "id": fixture.bg2, "name": "Break Glass 2"},
			"message": concat("", [
				"Emergency access user Break Glass 2 (bg2@contoso.onmicrosoft.com) is a ",
				"cloud-only, enabled, active Global Administrator.",
			]),
		},
	} with input as fixture.good with data.config as fixture.config
}

test_none_declared_fails if {
	control.findings == {{
		"resource": {"type": "principals.users", "id": "", "name": ""},
		"message": "0 emergency access accounts are declared (breakGlass.users); at least two are needed.",
		"evidence": {"declared": []},
	}} with input as fixture.good with data.config as {}
}

test_unknown_and_bad_accounts_fail if {
	missing := "0000aaaa-1111-4222-8333-444455556666"
	cfg := {"breakGlass": {"users": [fixture.bg1, fixture.megan, missing]}}
	patched := json.patch(fixture.good, [{"op": "replace", "path": "/principals/users/5/accountEnabled", "value": false}])
	control.findings == {
		{
			"resource": {"type": "principals.users", "id": missing, "name": missing},
			"message": sprintf(
				concat("", [
					"Declared emergency access account %s is not in the snapshot: it holds ",
					"no role and no policy names it, or it was deleted.",
				]),
				[missing],
			),
		},
		{
			"resource": {"type": "principals.users", "id": fixture.megan, "name": "Megan Bowen"},
			"message": concat("", [
				"Emergency access user Megan Bowen (megan.bowen@contoso.com) holds no active Global ",
				"Administrator assignment, is disabled, is synchronized from on-premises.",
			]),
			"evidence": {"problems": [
				"holds no active Global Administrator assignment",
				"is disabled",
				"is synchronized from on-premises",
			]},
		},
	} with input as patched with data.config as cfg
}

test_guest_account_fails if {
	cfg := {"breakGlass": {"users": [fixture.bg1, fixture.alex]}}
	patched := json.patch(fixture.good, [{
		"op": "add",
		"path": "/roles/assignments/-",
		"value": fixture.active("ra-alex-ga", fixture.alex, fixture.ga),
	}])
	control.findings == {{
		"resource": {"type": "principals.users", "id": fixture.alex, "name": "Fabrikam Guest Alex"},
		"message": "Emergency access user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com) is a guest.",
		"evidence": {"problems": ["is a guest"]},
	}} with input as patched with data.config as cfg
}

test_absent_account_properties_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/principals/users/0/accountEnabled"}])
	control.missing == {{
		"resource": {"type": "principals.users", "id": fixture.bg1, "name": "Break Glass 1"},
		"property": "accountEnabled",
	}} with input as tenant with data.config as fixture.config
	scope := json.patch(fixture.good, [{"op": "remove", "path": "/roles/assignments/0/directoryScopeId"}])
	{m.property | some m in control.missing} == {"directoryScopeId"} with input as scope with data.config as fixture.config
	control.missing == set() with input as fixture.good with data.config as fixture.config
}

test_account_without_principal_name_is_named_by_display_name_then_id if {
	tenant := json.patch(fixture.good, [
		{"op": "replace", "path": "/principals/users/0/userPrincipalName", "value": null},
		{"op": "replace", "path": "/principals/users/0/accountEnabled", "value": false},
	])
	{f.message | some f in control.findings} == {sprintf("Emergency access user Break Glass 1 (%s) is disabled.", [fixture.bg1])} with input as tenant
		with data.config as fixture.config
	nameless := json.patch(tenant, [{"op": "replace", "path": "/principals/users/0/displayName", "value": null}])
	{f.message | some f in control.findings} == {sprintf("Emergency access user %s is disabled.", [fixture.bg1])} with input as nameless
		with data.config as fixture.config
}
