package entra.controls.multicloud.federation_app_guests_test

import data.entra.controls.multicloud.federation_app_guests as control
import data.entra.controls.multicloud.fixture_test as fixture

test_members_only_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_guest_assignment_fails if {
	patched := json.patch(fixture.good, [{
		"op": "add",
		"path": "/multicloud/federationApps/0/appRoleAssignedTo/-",
		"value": {
			"id": "aws-assignment-alex",
			"appRoleId": "00000000-0000-0000-0000-000000000000",
			"principalId": fixture.alex,
			"principalType": "User",
			"principalDisplayName": "Fabrikam Guest Alex",
			"resourceId": fixture.aws,
		},
	}])
	control.findings == {{
		"resource": {"type": "multicloud.federationApps", "id": fixture.aws, "name": "AWS IAM Identity Center"},
		"message": "AWS IAM Identity Center is assigned to guest user Fabrikam Guest Alex (alex_fabrikam.com#EXT#@contoso.onmicrosoft.com).",
		"evidence": {"assignmentId": "aws-assignment-alex", "principalId": fixture.alex},
	}} with input as patched
}

test_absent_assignment_properties_are_missing if {
	resource := {"type": "multicloud.federationApps", "id": fixture.gcp, "name": "Google Cloud"}
	kind := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/federationApps/1/appRoleAssignedTo/0/principalType"}])
	control.missing == {{"resource": resource, "property": "appRoleAssignedTo[0].principalType"}} with input as kind
	list := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/federationApps/1/appRoleAssignedTo"}])
	control.missing == {{"resource": resource, "property": "appRoleAssignedTo"}} with input as list
	user := json.patch(fixture.good, [{"op": "remove", "path": "/principals/users/3/userPrincipalName"}])
	{m.property | some m in control.missing} == {"userPrincipalName"} with input as user
	control.missing == set() with input as fixture.good
}
