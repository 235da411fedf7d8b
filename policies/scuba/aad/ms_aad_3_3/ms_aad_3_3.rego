# METADATA
# title: If Microsoft Authenticator is enabled, it SHALL be configured to show login context information.
# description: |
#   Statement: when Microsoft Authenticator is enabled it SHALL show login context, to
#   make MFA phishing and fatigue attacks harder. Not applicable when the Microsoft
#   Authenticator method is disabled. Otherwise both feature settings
#   displayAppInformationRequiredState and displayLocationInformationRequiredState
#   must be enabled, include all users (all_users) and exclude nobody. Stricter
#   reading: the baseline's instructions also set "Allow use of Microsoft
#   Authenticator OTP" to No, because OTP codes show no context; isSoftwareOathEnabled
#   true is a finding.
# custom:
#   id: MS.AAD.3.3v2
#   severity: high
#   family: authenticationMethods
#   frameworks:
#     cisa-scuba: [MS.AAD.3.3v2]
#     cis-m365: ["5.2.3.1"]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Microsoft Authenticator >
#     Configure: Allow use of Microsoft Authenticator OTP: No; Show application name and
#     Show geographic location in push and passwordless notifications: Status Enabled,
#     Target Include All users, no exclusions.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/how-to-mfa-additional-context
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].isSoftwareOathEnabled
#     - authenticationMethods.policy.authenticationMethodConfigurations[].featureSettings.displayAppInformationRequiredState.state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].featureSettings.displayAppInformationRequiredState.includeTarget.id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].featureSettings.displayAppInformationRequiredState.excludeTarget.id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].featureSettings.displayLocationInformationRequiredState.state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].featureSettings.displayLocationInformationRequiredState.includeTarget.id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].featureSettings.displayLocationInformationRequiredState.excludeTarget.id
package entra.scuba.aad.ms_aad_3_3

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

_none := "00000000-0000-0000-0000-000000000000"

_authenticator := settings.method("MicrosoftAuthenticator")

_enabled if _authenticator.state == "enabled"

# Graph returns the Authenticator configuration with its state; once it is
# enabled, each feature setting with its state and targets, and the OTP switch.
_feature_fields := [sprintf("featureSettings.%s.%s", [key, f]) |
	some key, _ in _settings
	some f in ["state", "includeTarget.id", "excludeTarget.id"]
]

missing contains m if some m in settings.method_missing("MicrosoftAuthenticator", [])

missing contains m if {
	_enabled
	some m in props.missing_in("authenticationMethods.policy", _authenticator, array.concat(["isSoftwareOathEnabled"], _feature_fields))
}

not_applicable := "Microsoft Authenticator is disabled in the authentication methods policy" if not _enabled

_settings := {
	"displayAppInformationRequiredState": "application name",
	"displayLocationInformationRequiredState": "geographic location",
}

findings contains result.finding_with(
	"authenticationMethods.policy",
	_authenticator,
	sprintf("Microsoft Authenticator does not show the %s to all users: %s", [label, concat(", ", sort(gaps))]),
	{key: props.get(_authenticator, ["featureSettings", key], null)},
) if {
	_enabled
	some key, label in _settings
	gaps := _feature_gaps(props.obj(props.get(_authenticator, ["featureSettings", key], {})))
	count(gaps) > 0
}

findings contains result.finding(
	"authenticationMethods.policy",
	_authenticator,
	"Microsoft Authenticator allows OTP codes (isSoftwareOathEnabled), which show no login context",
) if {
	_enabled
	_authenticator.isSoftwareOathEnabled == true
}

_feature_gaps(f) := {g | some g in [_state_gap(f), _include_gap(f), _exclude_gap(f)]; g != null}

_state_gap(f) := sprintf("state is %v", [props.get(f, "state", "not set")]) if {
	props.get(f, "state", "") != "enabled"
} else := null

_include_gap(f) := sprintf("includes %v instead of all users", [props.get(f, "includeTarget.id", "nobody")]) if {
	props.get(f, "includeTarget.id", "") != "all_users"
} else := null

_exclude_gap(f) := sprintf("excludes %v", [ex]) if {
	ex := props.get(f, "excludeTarget.id", _none)
	not ex in {_none, null, ""}
} else := null

evidence contains result.evidence_for(
	"authenticationMethods.policy",
	_authenticator,
	"Microsoft Authenticator shows application name and location to all users",
) if {
	_enabled
	count(findings) == 0
}
