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
