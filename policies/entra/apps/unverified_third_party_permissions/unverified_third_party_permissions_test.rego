package entra.controls.apps.unverified_third_party_permissions_test

import data.entra.controls.apps.fixture_test as fixture
import data.entra.controls.apps.unverified_third_party_permissions as control

test_own_and_verified_apps_pass if {
	count(control.findings) == 0 with input as fixture.good
}

test_unverified_connector_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/apps/servicePrincipals/3/verifiedPublisher",
		"value": {"displayName": null, "verifiedPublisherId": null, "addedDateTime": null},
	}])
	control.findings == {{
		"resource": {"type": "apps.servicePrincipals", "id": fixture.connector, "name": "Fabrikam Expense Connector"},
		"message": concat("", [
			"Unverified third-party app Fabrikam Expense Connector holds ",
			"Graph application permissions Directory.Read.All.",
		]),
		"evidence": {"appOwnerOrganizationId": fixture.fabrikam, "permissions": ["Directory.Read.All"]},
	}} with input as patched
}

test_null_owner_counts_as_third_party if {
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": "/apps/servicePrincipals/3/appOwnerOrganizationId", "value": null},
		{"op": "replace", "path": "/apps/servicePrincipals/3/verifiedPublisher", "value": null},
		{"op": "replace", "path": "/apps/servicePrincipals/3/displayName", "value": null},
	])
	{f.message | some f in control.findings} == {sprintf(
		"Unverified third-party app %s holds Graph application permissions Directory.Read.All.",
		[fixture.connector],
	)} with input as patched
	control.missing == set() with input as patched
}

test_absent_owner_or_publisher_is_missing if {
	owner := json.patch(fixture.good, [{"op": "remove", "path": "/apps/servicePrincipals/3/appOwnerOrganizationId"}])
	control.missing == {{
		"resource": {"type": "apps.servicePrincipals", "id": fixture.connector, "name": "Fabrikam Expense Connector"},
		"property": "appOwnerOrganizationId",
	}} with input as owner
	publisher := json.patch(fixture.good, [{"op": "remove", "path": "/apps/servicePrincipals/3/verifiedPublisher"}])
	{m.property | some m in control.missing} == {"verifiedPublisher"} with input as publisher
	control.missing == set() with input as fixture.good
}

test_assignment_without_role_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/apps/appRoleAssignments/2/appRoleId"}])
	{m.property | some m in control.missing} == {"appRoleId"} with input as tenant
}
