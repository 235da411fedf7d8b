package entra.controls.tenant.email_verified_join_test

import data.entra.controls.tenant.email_verified_join as control
import data.entra.controls.tenant.fixture_test as fixture

test_closed_setting_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{
		"resource": fixture.authz_resource,
		"message": "Users cannot join the tenant by email verification.",
	}}
		with input as fixture.good
}

test_open_setting_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/tenant/authorizationPolicy/allowEmailVerifiedUsersToJoinOrganization",
		"value": true,
	}])
	control.findings == {{
		"resource": fixture.authz_resource,
		"message": "Users can join the tenant by verifying an email address.",
		"evidence": {"value": true},
	}} with input as patched
	count(control.evidence) == 0 with input as patched
}

test_absent_setting_is_missing_never_judged if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/authorizationPolicy/allowEmailVerifiedUsersToJoinOrganization"}])
	control.missing == {{"resource": fixture.authz_resource, "property": "allowEmailVerifiedUsersToJoinOrganization"}} with input as tenant
	control.missing == set() with input as fixture.good
}
