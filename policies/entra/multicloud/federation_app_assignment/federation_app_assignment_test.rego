package entra.controls.multicloud.federation_app_assignment_test

import data.entra.controls.multicloud.federation_app_assignment as control
import data.entra.controls.multicloud.fixture_test as fixture

test_assignment_required_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {
		{
			"resource": {"type": "multicloud.federationApps", "id": fixture.aws, "name": "AWS IAM Identity Center"},
			"message": "AWS IAM Identity Center requires assignment.",
		},
		{
			"resource": {"type": "multicloud.federationApps", "id": fixture.gcp, "name": "Google Cloud"},
			"message": "Google Cloud requires assignment.",
		},
	} with input as fixture.good
}

test_assignment_not_required_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/multicloud/federationApps/1/appRoleAssignmentRequired",
		"value": false,
	}])
	control.findings == {{
		"resource": {"type": "multicloud.federationApps", "id": fixture.gcp, "name": "Google Cloud"},
		"message": "Google Cloud lets every user of the tenant sign in: assignment is not required.",
	}} with input as patched
	count(control.evidence) == 1 with input as patched
}

test_absent_setting_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/multicloud/federationApps/0/appRoleAssignmentRequired"}])
	control.missing == {{
		"resource": {"type": "multicloud.federationApps", "id": fixture.aws, "name": "AWS IAM Identity Center"},
		"property": "appRoleAssignmentRequired",
	}} with input as tenant
	control.missing == set() with input as fixture.good
}
