package entra.controls.conditionalAccess.missing_named_locations_test

import data.entra.controls.conditionalAccess.fixture_test as fixture
import data.entra.controls.conditionalAccess.missing_named_locations as control

test_existing_locations_pass if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_deleted_location_fails if {
	patched := json.patch(fixture.good, [{"op": "remove", "path": "/conditionalAccess/namedLocations/0"}])
	control.findings == {{
		"resource": fixture.resource(fixture.ca007),
		"message": "Policy CA007 Require compliant device (Finance pilot) references 1 named locations that do not exist.",
		"evidence": {"references": [{"field": "excludeLocations", "id": fixture.hq}]},
	}} with input as patched with data.config as fixture.config
}

test_absent_location_lists_are_missing if {
	base := fixture.policy_path(fixture.ca007)
	tenant := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/conditions/locations/excludeLocations", [base])}])
	control.missing == {{"resource": fixture.resource(fixture.ca007), "property": "conditions.locations.excludeLocations"}} with input as tenant
	whole := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/conditions/locations", [base])}])
	control.missing == {{"resource": fixture.resource(fixture.ca007), "property": "conditions.locations"}} with input as whole
	no_id := json.patch(fixture.good, [{"op": "remove", "path": "/conditionalAccess/namedLocations/1/id"}])
	{m.property | some m in control.missing} == {"id"} with input as no_id
	control.missing == set() with input as fixture.good
}
