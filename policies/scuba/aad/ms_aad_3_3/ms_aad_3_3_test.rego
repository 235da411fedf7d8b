package entra.scuba.aad.ms_aad_3_3_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_3 as control

_am := fx.good.authenticationMethods.policy

_finding(config, message) := {
	"resource": {"type": "authenticationMethods.policy", "id": config.id, "name": config.id},
	"message": message,
}

_authenticator := _am.authenticationMethodConfigurations[0]

_path(rest) := sprintf("/authenticationMethods/policy/authenticationMethodConfigurations/0/%s", [rest])

_feature_finding(tenant, key, message) := object.union(_finding(_authenticator, message), {
	"evidence": {key: tenant.authenticationMethods.policy.authenticationMethodConfigurations[0].featureSettings[key]},
})

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
	not control.not_applicable with input as fx.good
}

test_not_applicable_when_authenticator_disabled if {
	tenant := fx.patch([{"op": "replace", "path": _path("state"), "value": "disabled"}])
	control.not_applicable == "Microsoft Authenticator is disabled in the authentication methods policy"
		with input as tenant
	control.findings == set() with input as tenant
}

test_application_name_disabled if {
	tenant := fx.patch([{
		"op": "replace", "path": _path("featureSettings/displayAppInformationRequiredState/state"),
		"value": "default",
	}])
	control.findings == {_feature_finding(
		tenant, "displayAppInformationRequiredState",
		"Microsoft Authenticator does not show the application name to all users: state is default",
	)} with input as tenant
}

test_location_for_a_group_with_exclusion if {
	tenant := fx.patch([
		{
			"op": "replace", "path": _path("featureSettings/displayLocationInformationRequiredState/includeTarget/id"),
			"value": fx.svc_group,
		},
		{
			"op": "replace", "path": _path("featureSettings/displayLocationInformationRequiredState/excludeTarget/id"),
			"value": fx.pim_group,
		},
	])
	control.findings == {_feature_finding(
		tenant, "displayLocationInformationRequiredState",
		sprintf(
			concat("", [
				"Microsoft Authenticator does not show the geographic location to all users: ",
				"excludes %s, includes %s instead of all users",
			]),
			[
				fx.pim_group, fx.svc_group,
			],
		),
	)} with input as tenant
}

_unset := concat("", [
	"Microsoft Authenticator does not show the %s to all users: ",
	"includes nobody instead of all users, state is not set",
])

test_missing_feature_settings if {
	tenant := fx.patch([{"op": "remove", "path": _path("featureSettings")}])
	control.findings == {
		object.union(
			_finding(_authenticator, sprintf(_unset, ["application name"])),
			{"evidence": {"displayAppInformationRequiredState": null}},
		),
		object.union(
			_finding(_authenticator, sprintf(_unset, ["geographic location"])),
			{"evidence": {"displayLocationInformationRequiredState": null}},
		),
	} with input as tenant
}

test_otp_allowed if {
	tenant := fx.patch([{"op": "replace", "path": _path("isSoftwareOathEnabled"), "value": true}])
	control.findings == {_finding(
		_authenticator,
		"Microsoft Authenticator allows OTP codes (isSoftwareOathEnabled), which show no login context",
	)} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

_missing(property) := {"resource": {"type": "authenticationMethods.policy", "id": "MicrosoftAuthenticator", "name": "MicrosoftAuthenticator"}, "property": property}

test_absent_settings_are_missing_never_a_pass if {
	control.missing == {_missing("featureSettings")} with input as fx.patch([{"op": "remove", "path": _path("featureSettings")}])
	control.missing == {_missing("featureSettings.displayLocationInformationRequiredState.excludeTarget")} with input as fx.patch([{
		"op": "remove", "path": _path("featureSettings/displayLocationInformationRequiredState/excludeTarget"),
	}])
	control.missing == {_missing("isSoftwareOathEnabled")} with input as fx.patch([{"op": "remove", "path": _path("isSoftwareOathEnabled")}])
	control.missing == {_missing("state")} with input as fx.patch([{"op": "remove", "path": _path("state")}])
	control.missing == set() with input as fx.good
}

test_absent_authenticator_configuration_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/authenticationMethods/policy/authenticationMethodConfigurations/0"}])
	control.missing == {{
		"resource": {"type": "authenticationMethods.policy", "id": _am.id, "name": _am.displayName},
		"property": "authenticationMethodConfigurations[MicrosoftAuthenticator]",
	}} with input as tenant
}

test_null_feature_setting_fails if {
	tenant := fx.patch([{"op": "replace", "path": _path("featureSettings/displayAppInformationRequiredState"), "value": null}])
	count(control.findings) == 1 with input as tenant
	control.missing == set() with input as tenant
}
