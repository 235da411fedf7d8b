package entra.controls.drift.graph_delegated_permissions_test

import data.entra.controls.drift.fixture_test as fixture
import data.entra.controls.drift.graph_delegated_permissions as control

_add_grant(g) := json.patch(fixture.live, [{"op": "add", "path": "/apps/oauth2PermissionGrants/-", "value": g}])

_scope(i, scope) := json.patch(fixture.live, [{"op": "replace", "path": sprintf("/apps/oauth2PermissionGrants/%d/scope", [i]), "value": scope}])

test_known_good_passes if {
	# Contoso Reporting's tenant-wide grant lost Mail.ReadWrite.
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_application_permissions_are_drift_6s if {
	a := fixture.app_role_assignment("ara-hrsync-mailsend", fixture.hr_sync, "Contoso HR Sync", "Mail.Send")
	patched := json.patch(fixture.live, [{"op": "add", "path": "/apps/appRoleAssignments/-", "value": a}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_removed_grant_passes if {
	patched := json.patch(fixture.live, [{"op": "remove", "path": "/apps/oauth2PermissionGrants/0"}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_new_delegated_grant_fails if {
	g := fixture.grant("grant-reporting-megan", "Principal", fixture.megan, "User.Read Directory.ReadWrite.All")
	control.findings == {{
		"resource": {"type": "apps.oauth2PermissionGrants", "id": "grant-reporting-megan", "name": "grant-reporting-megan"},
		"message": "Service principal Contoso Reporting (b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e) was granted the delegated Graph permission Directory.ReadWrite.All for user Megan Bowen (megan.bowen@contoso.com) since the baseline (baselines/contoso-demo), which does not grant it.",
		"evidence": {"clientId": fixture.reporting, "consentType": "Principal", "scopes": ["Directory.ReadWrite.All"]},
	}} with input as fixture.input_for(_add_grant(g))
}

test_scopes_added_to_a_grant_fail if {
	control.findings == {{
		"resource": {"type": "apps.oauth2PermissionGrants", "id": "grant-reporting-all", "name": "grant-reporting-all"},
		"message": "Service principal Contoso Reporting (b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e) was granted the delegated Graph permissions Files.ReadWrite.All, Mail.Send for all users since the baseline (baselines/contoso-demo), which does not grant it.",
		"evidence": {"clientId": fixture.reporting, "consentType": "AllPrincipals", "scopes": ["Files.ReadWrite.All", "Mail.Send"]},
	}} with input as fixture.input_for(_scope(0, "openid profile User.Read Mail.Send Files.ReadWrite.All"))
}

test_scope_the_baseline_grants_passes if {
	count(control.findings) == 0 with input as fixture.input_for(_scope(0, "openid profile User.Read Mail.ReadWrite"))
}

test_grant_widened_to_all_users_fails if {
	one_user := [{"op": "replace", "path": "/apps/oauth2PermissionGrants/1/scope", "value": "Mail.ReadWrite"}]
	all_users := array.concat(one_user, [
		{"op": "replace", "path": "/apps/oauth2PermissionGrants/1/consentType", "value": "AllPrincipals"},
		{"op": "replace", "path": "/apps/oauth2PermissionGrants/1/principalId", "value": null},
	])
	doc := fixture.input_between(json.patch(fixture.baseline, one_user), json.patch(fixture.live, all_users))
	{f.message | some f in control.findings} == {
		"Service principal Contoso Reporting (b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e) was granted the delegated Graph permission Mail.ReadWrite for all users since the baseline (baselines/contoso-demo), which does not grant it.",
	} with input as doc
}

test_grant_to_another_resource_is_not_graph if {
	g := object.union(fixture.grant("grant-reporting-hr", "AllPrincipals", null, "Directory.ReadWrite.All"), {"resourceId": fixture.hr_sync})
	count(control.findings) == 0 with input as fixture.input_for(_add_grant(g))
}
