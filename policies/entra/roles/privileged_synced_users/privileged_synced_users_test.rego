package entra.controls.roles.privileged_synced_users_test

import data.entra.controls.roles.fixture_test as fixture
import data.entra.controls.roles.privileged_synced_users as control

test_cloud_only_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_synced_global_admin_fails if {
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/roles/assignments/-",
		"value": fixture.active("ra-megan-ga", fixture.megan, fixture.ga),
	}])
	control.findings == {{
		"resource": {"type": "roles.assignments", "id": "ra-megan-ga", "name": "ra-megan-ga"},
		"message": "On-premises synchronized user Megan Bowen (megan.bowen@contoso.com) holds Global Administrator (active).",
		"evidence": {"principalId": fixture.megan, "roleDefinitionId": fixture.ga, "assignment": "active"},
	}} with input as patched with data.config as fixture.config
}

test_synced_member_of_role_group_fails if {
	patched := json.patch(fixture.good, [{
		"op": "add", "path": "/roles/groupEligibilityScheduleInstances/-",
		"value": fixture.group_member("ge-tier0-megan", fixture.tier0, fixture.megan),
	}])
	control.findings == {{
		"resource": {"type": "roles.assignments", "id": "ra-tier0-secadmin", "name": "ra-tier0-secadmin"},
		"message": concat("", [
			"On-premises synchronized user Megan Bowen (megan.bowen@contoso.com) holds Security Administrator ",
			"(active, through group Tier0-Admins).",
		]),
		"evidence": {
			"principalId": fixture.megan, "roleDefinitionId": fixture.secadmin,
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

test_holder_without_sync_state_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/principals/users/3/onPremisesSyncEnabled"}])
	control.missing == {{"resource": {"type": "principals.users", "id": fixture.lee, "name": "Lee Gu"}, "property": "onPremisesSyncEnabled"}} with input as tenant
}
