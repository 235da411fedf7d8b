package entra.controls.crossTenantAccess.default_inbound_trust_test

import data.entra.controls.crossTenantAccess.default_inbound_trust as control
import data.entra.controls.crossTenantAccess.fixture_test as fixture

test_default_trusting_nothing_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {{
		"resource": {"type": "crossTenantAccess.default", "id": "", "name": ""},
		"message": "The default inbound trust accepts no MFA or device claims.",
	}} with input as fixture.good with data.config as fixture.config
}

test_default_trusting_mfa_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/crossTenantAccess/default/inboundTrust/isMfaAccepted",
		"value": true,
	}])
	control.findings == {{
		"resource": {"type": "crossTenantAccess.default", "id": "", "name": ""},
		"message": "The default inbound trust accepts MFA claims from every other tenant.",
		"evidence": {"acceptedClaims": ["MFA"]},
	}} with input as patched with data.config as fixture.config
	count(control.evidence) == 0 with input as patched with data.config as fixture.config
}

test_absent_trust_settings_are_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/default/inboundTrust/isCompliantDeviceAccepted"}])
	control.missing == {{"resource": fixture.default_resource, "property": "inboundTrust.isCompliantDeviceAccepted"}} with input as tenant
	control.missing == set() with input as fixture.good
}
