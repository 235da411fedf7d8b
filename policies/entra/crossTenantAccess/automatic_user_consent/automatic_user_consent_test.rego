package entra.controls.crossTenantAccess.automatic_user_consent_test

import data.entra.controls.crossTenantAccess.automatic_user_consent as control
import data.entra.controls.crossTenantAccess.fixture_test as fixture

test_off_by_default_and_trusted_partner_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_on_by_default_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/default/automaticUserConsentSettings",
		"value": {"inboundAllowed": true, "outboundAllowed": true},
	}])
	control.findings == {{
		"resource": {"type": "crossTenantAccess.default", "id": "", "name": ""},
		"message": "Automatic redemption is on by default (inbound, outbound).",
		"evidence": {"directions": ["inbound", "outbound"]},
	}} with input as patched with data.config as fixture.config
}

test_untrusted_partner_fails if {
	control.findings == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.fabrikam, "name": fixture.fabrikam},
		"message": "Partner Fabrikam is not a declared trusted tenant but automatic redemption is on (inbound).",
		"evidence": {"tenantId": fixture.fabrikam, "directions": ["inbound"]},
	}} with input as fixture.good with data.config as {}
}

test_absent_consent_settings_are_missing if {
	partner := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/0/automaticUserConsentSettings"}])
	control.missing == {{"resource": fixture.partner_resource(0), "property": "automaticUserConsentSettings"}} with input as partner
	default_in := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/default/automaticUserConsentSettings/inboundAllowed"}])
	control.missing == {{"resource": fixture.default_resource, "property": "automaticUserConsentSettings.inboundAllowed"}} with input as default_in
	control.missing == set() with input as fixture.good
}
