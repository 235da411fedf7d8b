package lib.result_test

import data.lib.result

test_finding_names_the_object if {
	obj := {"id": "ab9099a4-35a2-40ae-9af3-05535ec42e08", "displayName": "CA002 Require MFA for all users"}
	result.finding("conditionalAccess.policies", obj, "m") == {
		"resource": {"type": "conditionalAccess.policies", "id": obj.id, "name": obj.displayName},
		"message": "m",
	}
	result.finding_with("conditionalAccess.policies", obj, "m", {"k": 1}).evidence == {"k": 1}
	result.evidence_for("conditionalAccess.policies", obj, "ok").resource.name == obj.displayName
}

test_tenant_finding_has_no_object if {
	result.tenant_finding("tenant.securityDefaults", "m", {}) == {
		"resource": {"type": "tenant.securityDefaults", "id": "", "name": ""},
		"message": "m",
		"evidence": {},
	}
}

test_id_and_name_fallbacks if {
	result.resource("t", {"tenantId": "a9488d99"}) == {"type": "t", "id": "a9488d99", "name": "a9488d99"}
	result.resource("t", {"skuId": "s1", "skuPartNumber": "SPE_E5"}) == {"type": "t", "id": "s1", "name": "SPE_E5"}
	result.resource("t", {"id": "u1", "userPrincipalName": "adele@contoso.com"}).name == "adele@contoso.com"
	result.resource("t", {"id": "x", "name": "n"}).name == "n"
	result.resource("t", {"id": "x", "properties": {"displayName": "Owner"}}).name == "Owner"
	result.resource("t", {}) == {"type": "t", "id": "", "name": ""}
}

test_null_ids_and_names_are_not_used if {
	result.resource("t", {"id": null, "tenantId": "a9488d99", "displayName": null}) == {"type": "t", "id": "a9488d99", "name": "a9488d99"}
	result.resource("t", {"id": "x", "displayName": null, "userPrincipalName": 3}).name == "x"
}
