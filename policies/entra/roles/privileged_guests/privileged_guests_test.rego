package entra.controls.roles.privileged_guests_test

import data.entra.controls.roles.fixture_test as fixture
import data.entra.controls.roles.privileged_guests as control

test_members_only_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_active_and_eligible_guest_fail if {
	patched := json.patch(fixture.good, [
		{
			"op": "add",
			"path": "/roles/assignments/-",
			"value": fixture.active("ra-alex-useradmin", fixture.alex, fixture.useradmin),
		},
		{
			"op": "add",
			"path": "/roles/eligibilityScheduleInstances/-",
			"value": fixture.eligible("re-alex-ga", fixture.alex, fixture.ga),
		},
	])
	control.findings == {
		{
			"resource": {"type": "roles.assignments", "id": "ra-alex-useradmin", "name": "ra-alex-useradmin"},
			"message": "Guest user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com) holds User Administrator (active).",
			"evidence": {"principalId": fixture.alex, "roleDefinitionId": fixture.useradmin, "assignment": "active"},
		},
		{
			"resource": {"type": "roles.eligibilityScheduleInstances", "id": "re-alex-ga", "name": "re-alex-ga"},
			"message": "Guest user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com) holds Global Administrator (eligible).",
			"evidence": {"principalId": fixture.alex, "roleDefinitionId": fixture.ga, "assignment": "eligible"},
		},
	} with input as patched with data.config as fixture.config
}

test_guest_with_non_privileged_role_passes if {
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/roles/assignments/-",
		"value": fixture.active("ra-alex-reports", fixture.alex, fixture.reports_reader),
	}])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_guest_member_of_role_group_fails if {
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/roles/groupEligibilityScheduleInstances/-",
		"value": fixture.group_member("ge-tier0-alex", fixture.tier0, fixture.alex),
	}])
	control.findings == {{
		"resource": {"type": "roles.assignments", "id": "ra-tier0-secadmin", "name": "ra-tier0-secadmin"},
		"message": concat("", [
			"Guest user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com) holds Security Administrator ",
			"(active, through group Tier0-Admins).",
		]),
		"evidence": {
			"principalId": fixture.alex, "roleDefinitionId": fixture.secadmin,
			"assignment": "active, through group Tier0-Admins",
		},
	}} with input as patched with data.config as fixture.config
}

test_holding_without_principal_or_role_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/roles/eligibilityScheduleInstances/0/roleDefinitionId"}])
	control.missing == {{
		"resource": {"type": "roles.eligibilityScheduleInstances", "id": "re-adele-ga", "name": "re-adele-ga"},
		"property": "roleDefinitionId",
	}} with input as tenant
	access := json.patch(fixture.good, [{"op": "remove", "path": "/roles/groupEligibilityScheduleInstances/0/accessId"}])
	{m.property | some m in control.missing} == {"accessId"} with input as access
	control.missing == set() with input as fixture.good
}

test_holder_without_user_type_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/principals/users/2/userType"}])
	control.missing == {{"resource": {"type": "principals.users", "id": fixture.adele, "name": "Adele Vance"}, "property": "userType"}} with input as tenant
}
