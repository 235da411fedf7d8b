package entra.controls.tenant.risky_app_consent_test

import data.entra.controls.tenant.fixture_test as fixture
import data.entra.controls.tenant.risky_app_consent as control

test_closed_setting_passes if {
	count(control.findings) == 0 with input as fixture.good
	control.evidence == {{"resource": fixture.authz_resource, "message": "User consent to risky apps is blocked."}}
		with input as fixture.good
}

test_open_setting_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/tenant/authorizationPolicy/allowUserConsentForRiskyApps",
		"value": true,
	}])
	control.findings == {{
		"resource": fixture.authz_resource,
		"message": "Users can consent to apps flagged as risky.",
		"evidence": {"value": true},
	}} with input as patched
	count(control.evidence) == 0 with input as patched
}

test_absent_setting_is_missing_never_judged if {
	tenant := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/authorizationPolicy/allowUserConsentForRiskyApps"}])
	control.missing == {{"resource": fixture.authz_resource, "property": "allowUserConsentForRiskyApps"}} with input as tenant
	control.missing == set() with input as fixture.good
}
