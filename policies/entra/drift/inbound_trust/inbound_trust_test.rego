package entra.controls.drift.inbound_trust_test

import data.entra.controls.drift.fixture_test as fixture
import data.entra.controls.drift.inbound_trust as control

_partner(tenant) := {"type": "crossTenantAccess.partners", "id": tenant, "name": tenant}

_trust(tenant, field, value) := {"op": "replace", "path": sprintf("%s/inboundTrust/%s", [fixture.partner_path(tenant), field]), "value": value}

_default_mfa := {"op": "replace", "path": "/crossTenantAccess/default/inboundTrust/isMfaAccepted", "value": true}

test_known_good_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_partner_trust_extended_fails if {
	patched := json.patch(fixture.live, [_trust(fixture.fabrikam, "isHybridAzureADJoinedDeviceAccepted", true)])
	control.findings == {{
		"resource": _partner(fixture.fabrikam),
		"message": "Partner Fabrikam was set to accept hybrid joined devices claims since the baseline (baselines/contoso-demo), which does not accept them.",
		"evidence": {"inboundTrust": ["isHybridAzureADJoinedDeviceAccepted"]},
	}} with input as fixture.input_for(patched)
}

test_trust_the_baseline_had_passes if {
	# Fabrikam's compliant device claims are trusted in the baseline.
	patched := json.patch(fixture.live, [_trust(fixture.fabrikam, "isCompliantDeviceAccepted", true)])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_inheriting_partner_given_its_own_trust_fails if {
	patched := json.patch(fixture.live, [{
		"op": "replace", "path": sprintf("%s/inboundTrust", [fixture.partner_path(fixture.northwind)]),
		"value": fixture.trust(true, false, false),
	}])
	control.findings == {{
		"resource": _partner(fixture.northwind),
		"message": "Partner Northwind Traders was set to accept MFA claims since the baseline (baselines/contoso-demo), which does not accept them.",
		"evidence": {"inboundTrust": ["isMfaAccepted"]},
	}} with input as fixture.input_for(patched)
}

test_trust_inherited_from_the_baseline_default_passes if {
	# The default trusts MFA on both sides; Northwind now says so itself.
	own := {
		"op": "replace", "path": sprintf("%s/inboundTrust", [fixture.partner_path(fixture.northwind)]),
		"value": fixture.trust(true, false, false),
	}
	doc := fixture.input_between(json.patch(fixture.baseline, [_default_mfa]), json.patch(fixture.live, [_default_mfa, own]))
	count(control.findings) == 0 with input as doc
}

test_new_partner_with_trust_fails if {
	patched := json.patch(fixture.live, [
		_trust(fixture.tailspin, "isMfaAccepted", true),
		_trust(fixture.tailspin, "isCompliantDeviceAccepted", true),
	])
	control.findings == {{
		"resource": _partner(fixture.tailspin),
		"message": "Partner Tailspin Toys was added with MFA, compliant devices claims accepted since the baseline (baselines/contoso-demo), which does not accept them.",
		"evidence": {"inboundTrust": ["isCompliantDeviceAccepted", "isMfaAccepted"]},
	}} with input as fixture.input_for(patched)
}

test_new_partner_inheriting_the_default_passes if {
	patched := json.patch(fixture.live, [{
		"op": "replace", "path": sprintf("%s/inboundTrust", [fixture.partner_path(fixture.tailspin)]),
		"value": null,
	}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_default_trust_extended_fails if {
	# Northwind inherits the default: the default's finding covers it.
	control.findings == {{
		"resource": {"type": "crossTenantAccess.default", "id": "", "name": ""},
		"message": "The default inbound trust was set to accept MFA claims from every other tenant since the baseline (baselines/contoso-demo), which does not accept them.",
		"evidence": {"inboundTrust": ["isMfaAccepted"]},
	}} with input as fixture.input_for(json.patch(fixture.live, [_default_mfa]))
}

test_default_trust_withdrawn_passes if {
	doc := fixture.input_between(json.patch(fixture.baseline, [_default_mfa]), fixture.live)
	count(control.findings) == 0 with input as doc
}

test_default_without_trust_settings_trusts_nothing if {
	no_trust := {"op": "replace", "path": "/crossTenantAccess/default/inboundTrust", "value": null}
	doc := fixture.input_between(json.patch(fixture.baseline, [no_trust]), json.patch(fixture.live, [_default_mfa]))
	{f.message | some f in control.findings} == {
		"The default inbound trust was set to accept MFA claims from every other tenant since the baseline (baselines/contoso-demo), which does not accept them.",
	} with input as doc
}
