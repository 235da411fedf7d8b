package custom.tenant.self_service_signup_test

import data.custom.tenant.self_service_signup as control

# One known-good input; each test changes one thing and asserts the whole
# result.
_good := {"tenant": {"authorizationPolicy": {
	"id": "authorizationPolicy",
	"displayName": "Authorization Policy",
	"allowedToSignUpEmailBasedSubscriptions": false,
}}}

test_good_passes_with_evidence if {
	control.findings == set() with input as _good
	control.evidence == {{
		"resource": {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"},
		"message": "self-service sign-up for email-verified users is off",
	}} with input as _good
}

test_sign_up_allowed_fails if {
	patched := json.patch(_good, [{
		"op": "replace", "path": "/tenant/authorizationPolicy/allowedToSignUpEmailBasedSubscriptions",
		"value": true,
	}])
	control.findings == {{
		"resource": {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"},
		"message": "users can sign up for email-verified self-service subscriptions",
		"evidence": {"allowedToSignUpEmailBasedSubscriptions": true},
	}} with input as patched
	control.evidence == set() with input as patched
}

test_setting_absent_neither_passes_nor_fails if {
	patched := json.patch(_good, [{"op": "remove", "path": "/tenant/authorizationPolicy/allowedToSignUpEmailBasedSubscriptions"}])
	control.findings == set() with input as patched
	control.evidence == set() with input as patched
}
