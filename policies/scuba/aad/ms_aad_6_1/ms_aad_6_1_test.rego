package entra.scuba.aad.ms_aad_6_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_6_1 as control

_finding(domain, days) := {
	"resource": {"type": "tenant.domains", "id": domain, "name": domain},
	"message": sprintf("Passwords in domain %s expire after %d days", [domain, days]),
}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	{e.resource.id | some e in control.evidence} == {"contoso.com", "contoso.onmicrosoft.com"} with input as fx.good
}

test_expiring_root_domain_fails if {
	tenant := fx.patch([{"op": "replace", "path": "/tenant/domains/0/passwordValidityPeriodInDays", "value": 90}])
	control.findings == {_finding("contoso.com", 90)} with input as tenant
}

test_federated_and_unverified_domains_are_skipped if {
	tenant := fx.patch([
		{"op": "replace", "path": "/tenant/domains/0/passwordValidityPeriodInDays", "value": 90},
		{"op": "replace", "path": "/tenant/domains/0/authenticationType", "value": "Federated"},
		{"op": "replace", "path": "/tenant/domains/1/passwordValidityPeriodInDays", "value": 30},
		{"op": "replace", "path": "/tenant/domains/1/isVerified", "value": false},
	])
	control.findings == set() with input as tenant
	control.not_applicable == "The tenant has no verified managed root domain" with input as tenant
}

test_absent_properties_are_missing_never_never_expire if {
	tenant := fx.patch([{"op": "remove", "path": "/tenant/domains/0/passwordValidityPeriodInDays"}])
	control.missing == {{"resource": {"type": "tenant.domains", "id": "contoso.com", "name": "contoso.com"}, "property": "passwordValidityPeriodInDays"}} with input as tenant
	unverified := fx.patch([{"op": "remove", "path": "/tenant/domains/2/isVerified"}])
	control.missing == {{"resource": {"type": "tenant.domains", "id": "eu.contoso.com", "name": "eu.contoso.com"}, "property": "isVerified"}} with input as unverified
	control.missing == set() with input as fx.good
}
