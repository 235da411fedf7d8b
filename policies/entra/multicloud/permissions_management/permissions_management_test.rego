package entra.controls.multicloud.permissions_management_test

import data.entra.controls.multicloud.fixture_test as fixture
import data.entra.controls.multicloud.permissions_management as control

_system := fixture.good.multicloud.authorizationSystems[0]

test_online_system_passes if {
	count(control.findings) == 0 with input as fixture.good
	not control.manual with input as fixture.good
	control.evidence == {{
		"resource": {"type": "multicloud.authorizationSystems", "id": "MGU1MWYzMGQ", "name": "MGU1MWYzMGQ"},
		"message": "Permissions Management collects entitlements of AZURE Contoso Production.",
	}} with input as fixture.good
}

test_offline_system_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/multicloud/authorizationSystems/0/dataCollectionInfo/entitlements/status",
		"value": "offline",
	}])
	control.findings == {{
		"resource": {"type": "multicloud.authorizationSystems", "id": "MGU1MWYzMGQ", "name": "MGU1MWYzMGQ"},
		"message": "Permissions Management no longer collects entitlements of AZURE Contoso Production.",
		"evidence": {
			"authorizationSystemId": fixture.subscription,
			"entitlements": object.union(_system.dataCollectionInfo.entitlements, {"status": "offline"}),
		},
	}} with input as patched
}

test_retired_is_manual if {
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": "/collection/multicloud.authorizationSystems", "value": {"status": "not_available"}},
		{"op": "remove", "path": "/multicloud/authorizationSystems"},
	])
	startswith(control.manual, "Permissions Management could not be read (not_available): it was retired")
		with input as patched
	count(control.findings) == 0 with input as patched
}

test_nothing_onboarded_is_manual if {
	patched := json.patch(fixture.good, [{"op": "replace", "path": "/multicloud/authorizationSystems", "value": []}])
	startswith(control.manual, "Permissions Management has no authorization system onboarded") with input as patched
}

test_absent_collection_info_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/authorizationSystems/0/dataCollectionInfo"}])
	control.missing == {{
		"resource": {"type": "multicloud.authorizationSystems", "id": "MGU1MWYzMGQ", "name": "MGU1MWYzMGQ"},
		"property": "dataCollectionInfo",
	}} with input as tenant
	control.missing == set() with input as fixture.good
}

test_system_without_names_is_still_a_finding if {
	tenant := json.patch(fixture.good, [
		{"op": "replace", "path": "/multicloud/authorizationSystems/0/dataCollectionInfo/entitlements/status", "value": "offline"},
		{"op": "remove", "path": "/multicloud/authorizationSystems/0/authorizationSystemType"},
		{"op": "remove", "path": "/multicloud/authorizationSystems/0/authorizationSystemName"},
	])
	count(control.findings) == 1 with input as tenant
}
