package entra.controls.apps.tenant_wide_delegated_grants_test

import data.entra.controls.apps.fixture_test as fixture
import data.entra.controls.apps.tenant_wide_delegated_grants as control

test_profile_scopes_and_user_grants_pass if {
	count(control.findings) == 0 with input as fixture.good
}

test_tenant_wide_write_scopes_fail if {
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/apps/oauth2PermissionGrants/0/scope",
		"value": "openid User.Read Directory.AccessAsUser.All  Mail.ReadWrite",
	}])
	control.findings == {{
		"resource": {"type": "apps.oauth2PermissionGrants", "id": "grant-reporting-all", "name": "grant-reporting-all"},
		"message": "Service principal Contoso Reporting (b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e) holds tenant-wide delegated Graph scopes Directory.AccessAsUser.All, Mail.ReadWrite.",
		"evidence": {"clientId": fixture.reporting, "scopes": ["Directory.AccessAsUser.All", "Mail.ReadWrite"]},
	}} with input as patched
}

test_other_resource_passes if {
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": "/apps/oauth2PermissionGrants/0/scope", "value": "Mail.ReadWrite"},
		{"op": "replace", "path": "/apps/oauth2PermissionGrants/0/resourceId", "value": fixture.connector},
	])
	count(control.findings) == 0 with input as patched
}

test_absent_grant_properties_are_missing_null_scope_is_none if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/apps/oauth2PermissionGrants/0/consentType"}])
	control.missing == {{
		"resource": {"type": "apps.oauth2PermissionGrants", "id": "grant-reporting-all", "name": "grant-reporting-all"},
		"property": "consentType",
	}} with input as tenant
	app_id := json.patch(fixture.good, [{"op": "remove", "path": "/apps/servicePrincipals/0/appId"}])
	{m.property | some m in control.missing} == {"appId"} with input as app_id
	null_scope := json.patch(fixture.good, [{"op": "replace", "path": "/apps/oauth2PermissionGrants/0/scope", "value": null}])
	control.findings == set() with input as null_scope
	control.missing == set() with input as fixture.good
}
