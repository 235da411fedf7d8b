package entra.scuba.aad.ms_aad_3_5_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_5 as control

_am := fx.good.authenticationMethods.policy

_finding(config, message) := {
	"resource": {"type": "authenticationMethods.policy", "id": config.id, "name": config.id},
	"message": message,
}

_path(i) := sprintf("/authenticationMethods/policy/authenticationMethodConfigurations/%d/state", [i])

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_sms_enabled if {
	tenant := fx.patch([{"op": "replace", "path": _path(2), "value": "enabled"}])
	control.findings == {_finding(_am.authenticationMethodConfigurations[2], "The SMS authentication method is enabled")}
		with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_voice_and_email_enabled if {
	tenant := fx.patch([
		{"op": "replace", "path": _path(3), "value": "enabled"},
		{"op": "replace", "path": _path(4), "value": "enabled"},
	])
	control.findings == {
		_finding(_am.authenticationMethodConfigurations[3], "The Voice call authentication method is enabled"),
		_finding(_am.authenticationMethodConfigurations[4], "The Email OTP authentication method is enabled"),
	} with input as tenant
}

test_missing_method_counts_as_disabled if {
	tenant := fx.patch([{"op": "remove", "path": "/authenticationMethods/policy/authenticationMethodConfigurations/3"}])
	control.findings == set() with input as tenant
}

test_absent_configuration_or_state_is_missing_never_disabled if {
	sms := [i | some i, c in _am.authenticationMethodConfigurations; c.id == "Sms"][0]
	removed := fx.patch([{"op": "remove", "path": sprintf("/authenticationMethods/policy/authenticationMethodConfigurations/%d", [sms])}])
	control.missing == {{
		"resource": {"type": "authenticationMethods.policy", "id": _am.id, "name": _am.displayName},
		"property": "authenticationMethodConfigurations[Sms]",
	}} with input as removed
	no_state := fx.patch([{"op": "remove", "path": _path(sms)}])
	control.missing == {{"resource": {"type": "authenticationMethods.policy", "id": "Sms", "name": "Sms"}, "property": "state"}} with input as no_state
	control.missing == set() with input as fx.good
}
