package entra.controls.crossTenantAccess.partner_inbound_trust_test

import data.entra.controls.crossTenantAccess.fixture_test as fixture
import data.entra.controls.crossTenantAccess.partner_inbound_trust as control

test_trusted_partner_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.fabrikam, "name": fixture.fabrikam},
		"message": "Partner Fabrikam is a declared trusted tenant.",
	}} with input as fixture.good with data.config as fixture.config
}

test_undeclared_partner_fails if {
	control.findings == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.fabrikam, "name": fixture.fabrikam},
		"message": "Partner Fabrikam is not a declared trusted tenant but its MFA, compliant devices claims are accepted.",
		"evidence": {"tenantId": fixture.fabrikam, "acceptedClaims": ["MFA", "compliant devices"]},
	}} with input as fixture.good with data.config as {}
}

test_hybrid_trust_of_ordinary_partner_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/partners/1/inboundTrust",
		"value": {"isMfaAccepted": false, "isCompliantDeviceAccepted": null, "isHybridAzureADJoinedDeviceAccepted": true},
	}])
	control.findings == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.northwind, "name": fixture.northwind},
		"message": sprintf(
			"Partner %s is not a declared trusted tenant but its hybrid joined devices claims are accepted.",
			[fixture.northwind],
		),
		"evidence": {"tenantId": fixture.northwind, "acceptedClaims": ["hybrid joined devices"]},
	}} with input as patched with data.config as fixture.config
}

test_absent_trust_settings_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/0/inboundTrust/isMfaAccepted"}])
	control.missing == {{"resource": fixture.partner_resource(0), "property": "inboundTrust.isMfaAccepted"}} with input as tenant
	whole := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/1/inboundTrust"}])
	control.missing == {{"resource": fixture.partner_resource(1), "property": "inboundTrust"}} with input as whole
	control.missing == set() with input as fixture.good
}
