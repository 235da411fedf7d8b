package entra.controls.tenant.msol_powershell_test

import data.entra.controls.tenant.fixture_test as fixture
import data.entra.controls.tenant.msol_powershell as control

test_closed_setting_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": fixture.authz_resource,
		"message": "MSOnline PowerShell is blocked for non-admin users.",
	}}
		with input as fixture.good
}

test_open_setting_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/tenant/authorizationPolicy/blockMsolPowerShell",
		"value": null,
	}])
	control.findings == {{
		"resource": fixture.authz_resource,
		"message": "MSOnline PowerShell is not blocked for non-admin users.",
		"evidence": {"value": null},
	}} with input as patched
	count(control.evidence) == 0 with input as patched
}

test_absent_setting_is_missing_never_judged if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/authorizationPolicy/blockMsolPowerShell"}])
	control.missing == {{"resource": fixture.authz_resource, "property": "blockMsolPowerShell"}} with input as tenant
	control.missing == set() with input as fixture.good
}
