package entra.controls.authenticationMethods.registration_campaign_test

import data.entra.controls.authenticationMethods.fixture_test as fixture
import data.entra.controls.authenticationMethods.registration_campaign as control

test_enabled_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{"resource": fixture.policy_resource, "message": "The registration campaign is enabled."}}
		with input as fixture.good
}

test_microsoft_managed_fails if {
	path := "/authenticationMethods/policy/registrationEnforcement/authenticationMethodsRegistrationCampaign/state"
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "default"}])
	control.findings == {{
		"resource": fixture.policy_resource,
		"message": "The registration campaign is default, not enabled.",
		"evidence": {"state": "default"},
	}} with input as patched
}

test_missing_fails if {
	patched := json.patch(fixture.good, [{
		"op": "remove",
		"path": "/authenticationMethods/policy/registrationEnforcement",
	}])
	count(control.findings) == 1 with input as patched
}

test_absent_state_is_missing if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/authenticationMethods/policy/registrationEnforcement/authenticationMethodsRegistrationCampaign/state"}])
	control.missing == {{"resource": fixture.policy_resource, "property": "registrationEnforcement.authenticationMethodsRegistrationCampaign.state"}} with input as tenant
	control.missing == set() with input as fixture.good
}
