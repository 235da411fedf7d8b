package entra.scuba.aad.ms_aad_8_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_8_1 as control

_authz := fx.good.tenant.authorizationPolicy

_resource := {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	{e.message | some e in control.evidence} == {"guest users have restricted access"} with input as fx.good
}

test_limited_access_passes if {
	tenant := fx.patch([{
		"op": "replace", "path": "/tenant/authorizationPolicy/guestUserRoleId",
		"value": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
	}])
	control.findings == set() with input as tenant
}

test_member_access_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": "/tenant/authorizationPolicy/guestUserRoleId",
		"value": "a0b1b346-4d3e-4e8b-98f8-753987be4970",
	}])
	control.findings == {{
		"resource": _resource,
		"message": concat("", [
			"Guest users have more than limited access to directory objects (guestUserRoleId ",
			"a0b1b346-4d3e-4e8b-98f8-753987be4970)",
		]),
		"evidence": {"guestUserRoleId": "a0b1b346-4d3e-4e8b-98f8-753987be4970"},
	}} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_absent_role_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/tenant/authorizationPolicy/guestUserRoleId"}])
	control.missing == {{"resource": _resource, "property": "guestUserRoleId"}} with input as tenant
	control.missing == set() with input as fx.good
}

test_null_role_fails if {
	tenant := fx.patch([{"op": "replace", "path": "/tenant/authorizationPolicy/guestUserRoleId", "value": null}])
	{f.evidence.guestUserRoleId | some f in control.findings} == {null} with input as tenant
}
