package entra.scuba.aad.ms_aad_5_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_5_1 as control

_authz := fx.good.tenant.authorizationPolicy

_resource := {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_users_can_register_apps if {
	tenant := fx.patch([{
		"op": "replace", "path": "/tenant/authorizationPolicy/defaultUserRolePermissions/allowedToCreateApps",
		"value": true,
	}])
	control.findings == {{
		"resource": _resource,
		"message": "Non-admin users can register applications (defaultUserRolePermissions.allowedToCreateApps is not false)",
	}} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_missing_value_is_missing if {
	tenant := fx.patch([{
		"op": "remove", "path": "/tenant/authorizationPolicy/defaultUserRolePermissions/allowedToCreateApps",
	}])
	control.missing == {{"resource": _resource, "property": "defaultUserRolePermissions.allowedToCreateApps"}} with input as tenant
	control.missing == {{"resource": _resource, "property": "defaultUserRolePermissions"}} with input as fx.patch([{
		"op": "remove", "path": "/tenant/authorizationPolicy/defaultUserRolePermissions",
	}])
	control.missing == set() with input as fx.good
}

test_null_value_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": "/tenant/authorizationPolicy/defaultUserRolePermissions/allowedToCreateApps",
		"value": null,
	}])
	count(control.findings) == 1 with input as tenant
}
