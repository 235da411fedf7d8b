package entra.controls.tenant.federated_mfa_behavior_test

import data.entra.controls.tenant.federated_mfa_behavior as control
import data.entra.controls.tenant.fixture_test as fixture

_path := "/tenant/domains/2/federationConfiguration/0/federatedIdpMfaBehavior"

test_reject_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": {"type": "tenant.domains", "id": "corp.contoso.com", "name": "corp.contoso.com"},
		"message": "Federated domain corp.contoso.com rejects MFA claims from its identity provider.",
	}} with input as fixture.good
}

test_accept_fails if {
	patched := json.patch(fixture.good, [{"op": "replace", "path": _path, "value": "acceptIfMfaDoneByFederatedIdp"}])
	control.findings == {{
		"resource": {"type": "tenant.domains", "id": "corp.contoso.com", "name": "corp.contoso.com"},
		"message": concat("", [
			"Federated domain corp.contoso.com accepts MFA done by its ",
			"identity provider (acceptIfMfaDoneByFederatedIdp).",
		]),
		"evidence": {
			"federationId": "6601d14b-d113-8f64-fda2-9b5f1d0f1e1c",
			"federatedIdpMfaBehavior": "acceptIfMfaDoneByFederatedIdp",
		},
	}} with input as patched
}

test_unset_means_accept if {
	patched := json.patch(fixture.good, [{"op": "remove", "path": _path}])
	control.findings == {{
		"resource": {"type": "tenant.domains", "id": "corp.contoso.com", "name": "corp.contoso.com"},
		"message": "Federated domain corp.contoso.com accepts MFA done by its identity provider (null).",
		"evidence": {"federationId": "6601d14b-d113-8f64-fda2-9b5f1d0f1e1c", "federatedIdpMfaBehavior": null},
	}} with input as patched
}

test_absent_federation_settings_are_missing if {
	resource := {"type": "tenant.domains", "id": "corp.contoso.com", "name": "corp.contoso.com"}
	behavior := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/domains/2/federationConfiguration/0/federatedIdpMfaBehavior"}])
	control.missing == {{"resource": resource, "property": "federationConfiguration[0].federatedIdpMfaBehavior"}} with input as behavior
	list := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/domains/2/federationConfiguration"}])
	control.missing == {{"resource": resource, "property": "federationConfiguration"}} with input as list
	kind := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/domains/0/authenticationType"}])
	{m.property | some m in control.missing} == {"authenticationType"} with input as kind
	control.missing == set() with input as fixture.good
}
