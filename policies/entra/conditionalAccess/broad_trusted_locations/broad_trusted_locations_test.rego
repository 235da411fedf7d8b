package entra.controls.conditionalAccess.broad_trusted_locations_test

import data.entra.controls.conditionalAccess.broad_trusted_locations as control
import data.entra.controls.conditionalAccess.fixture_test as fixture

_resource := {"type": "conditionalAccess.namedLocations", "id": fixture.hq, "name": "Contoso HQ IPs"}

test_narrow_ranges_pass if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {{"resource": _resource, "message": "Trusted location Contoso HQ IPs has narrow ranges."}}
		with input as fixture.good
		with data.config as fixture.config
}

test_broad_ranges_fail if {
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/conditionalAccess/namedLocations/0/ipRanges/-", "value": {"cidrAddress": "0.0.0.0/0"}},
		{"op": "add", "path": "/conditionalAccess/namedLocations/0/ipRanges/-", "value": {"cidrAddress": "2001:db8::/32"}},
		{"op": "add", "path": "/conditionalAccess/namedLocations/0/ipRanges/-", "value": {"cidrAddress": "198.51.100.0/16"}},
	])
	control.findings == {{
		"resource": _resource,
		"message": "Trusted location Contoso HQ IPs includes broad ranges 0.0.0.0/0, 2001:db8::/32.",
		"evidence": {"ranges": ["0.0.0.0/0", "2001:db8::/32"]},
	}} with input as patched with data.config as fixture.config
	count(control.evidence) == 0 with input as patched with data.config as fixture.config
}

test_untrusted_location_is_not_judged if {
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": "/conditionalAccess/namedLocations/0/isTrusted", "value": false},
		{"op": "add", "path": "/conditionalAccess/namedLocations/0/ipRanges/-", "value": {"cidrAddress": "10.0.0.0/8"}},
	])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_absent_location_properties_are_missing if {
	trusted := json.patch(fixture.good, [{"op": "remove", "path": "/conditionalAccess/namedLocations/0/isTrusted"}])
	control.missing == {{
		"resource": {"type": "conditionalAccess.namedLocations", "id": fixture.hq, "name": "Contoso HQ IPs"},
		"property": "isTrusted",
	}} with input as trusted
	range := json.patch(fixture.good, [{"op": "remove", "path": "/conditionalAccess/namedLocations/0/ipRanges/0/cidrAddress"}])
	{m.property | some m in control.missing} == {"ipRanges[0].cidrAddress"} with input as range
	kind := json.patch(fixture.good, [{"op": "remove", "path": "/conditionalAccess/namedLocations/1/@odata.type"}])
	{m.property | some m in control.missing} == {"@odata.type"} with input as kind
	control.missing == set() with input as fixture.good
}

test_null_range_is_not_broad if {
	tenant := json.patch(fixture.good, [{"op": "replace", "path": "/conditionalAccess/namedLocations/0/ipRanges/0/cidrAddress", "value": null}])
	control.findings == set() with input as tenant
}
