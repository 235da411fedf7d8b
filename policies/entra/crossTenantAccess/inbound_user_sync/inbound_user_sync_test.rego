package entra.controls.crossTenantAccess.inbound_user_sync_test

import data.entra.controls.crossTenantAccess.fixture_test as fixture
import data.entra.controls.crossTenantAccess.inbound_user_sync as control

test_trusted_partner_sync_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.fabrikam, "name": fixture.fabrikam},
		"message": "Partner Fabrikam synchronizes users in and is a declared trusted tenant.",
	}} with input as fixture.good with data.config as fixture.config
}

test_untrusted_partner_sync_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/partners/1/identitySynchronization",
		"value": {
			"tenantId": fixture.northwind,
			"displayName": "Northwind Traders",
			"userSyncInbound": {"isSyncAllowed": true},
		},
	}])
	control.findings == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.northwind, "name": fixture.northwind},
		"message": "Partner Northwind Traders is not a declared trusted tenant but may synchronize users into this tenant.",
		"evidence": {"tenantId": fixture.northwind},
	}} with input as patched with data.config as fixture.config
}

test_absent_sync_settings_are_missing if {
	sync := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/1/identitySynchronization"}])
	control.missing == {{"resource": fixture.partner_resource(1), "property": "identitySynchronization"}} with input as sync
	flag := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/0/identitySynchronization/userSyncInbound"}])
	{m.property | some m in control.missing} == {"identitySynchronization.userSyncInbound"} with input as flag
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/0/tenantId"}])
	{m.property | some m in control.missing} == {"tenantId"} with input as tenant
	control.missing == set() with input as fixture.good
}
