package entra.controls.drift.graph_app_permissions_test

import data.entra.controls.drift.fixture_test as fixture
import data.entra.controls.drift.graph_app_permissions as control

_add_assignment(a) := json.patch(fixture.live, [{"op": "add", "path": "/apps/appRoleAssignments/-", "value": a}])

_app_finding(id, sp, name, permission) := {
	"resource": {"type": "apps.appRoleAssignments", "id": id, "name": id},
	"message": sprintf("%s was granted the Graph application permission %s since the baseline (baselines/contoso-demo), which does not grant it.", [name, permission]),
	"evidence": {"servicePrincipalId": sp, "permission": permission, "appRoleId": fixture.role_ids[permission]},
}

# An app the snapshot has is named by its label (kind, display name, app
# id), capitalized to start the message.
_hr_sync_subject := "Service principal Contoso HR Sync (a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d)"

test_known_good_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_high_risk_application_permission_fails if {
	a := fixture.app_role_assignment("ara-hrsync-mailsend", fixture.hr_sync, "Contoso HR Sync", "Mail.Send")
	control.findings == {_app_finding("ara-hrsync-mailsend", fixture.hr_sync, _hr_sync_subject, "Mail.Send")} with input as fixture.input_for(_add_assignment(a))
}

test_escalation_permission_fails if {
	a := fixture.app_role_assignment("ara-hrsync-rolemgmt", fixture.hr_sync, "Contoso HR Sync", "RoleManagement.ReadWrite.Directory")
	control.findings == {_app_finding(
		"ara-hrsync-rolemgmt", fixture.hr_sync, _hr_sync_subject,
		"RoleManagement.ReadWrite.Directory",
	)} with input as fixture.input_for(_add_assignment(a))
}

test_permission_the_baseline_grants_passes if {
	a := fixture.app_role_assignment("ara-reporting-dirwrite", fixture.reporting, "Contoso Reporting", "Directory.ReadWrite.All")
	count(control.findings) == 0 with input as fixture.input_for(_add_assignment(a))
}

test_app_unknown_to_the_snapshot_is_named_from_the_assignment if {
	a := fixture.app_role_assignment("ara-x-dirwrite", "0e0e0e0e-1111-4222-8333-944455556666", "Shadow Sync", "Directory.ReadWrite.All")
	{f.message | some f in control.findings} == {_app_finding(
		"ara-x-dirwrite", "0e0e0e0e-1111-4222-8333-944455556666", "Shadow Sync",
		"Directory.ReadWrite.All",
	).message} with input as fixture.input_for(_add_assignment(a))
	nameless := object.remove(a, ["principalDisplayName"])
	{f.message | some f in control.findings} == {_app_finding(
		"ara-x-dirwrite", "0e0e0e0e-1111-4222-8333-944455556666", "0e0e0e0e-1111-4222-8333-944455556666",
		"Directory.ReadWrite.All",
	).message} with input as fixture.input_for(_add_assignment(nameless))
}

test_other_resources_are_not_graph if {
	a := object.union(
		fixture.app_role_assignment("ara-hrsync-other", fixture.hr_sync, "Contoso HR Sync", "Directory.ReadWrite.All"),
		{"resourceId": fixture.reporting, "resourceDisplayName": "Contoso Reporting"},
	)
	count(control.findings) == 0 with input as fixture.input_for(_add_assignment(a))
}

test_delegated_grants_are_drift_8s if {
	patched := json.patch(fixture.live, [{"op": "replace", "path": "/apps/oauth2PermissionGrants/0/scope", "value": "Mail.Send"}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}
