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
package entra.scuba.aad.ms_aad_3_3

import data.lib.result

_policy := input.authenticationMethods.policy

_none := "00000000-0000-0000-0000-000000000000"

_authenticator := c if {
	some c in object.get(_policy, "authenticationMethodConfigurations", [])
	c.id == "MicrosoftAuthenticator"
}

_enabled if _authenticator.state == "enabled"

not_applicable := "Microsoft Authenticator is disabled in the authentication methods policy" if not _enabled

_settings := {
	"displayAppInformationRequiredState": "application name",
	"displayLocationInformationRequiredState": "geographic location",
}

findings contains result.finding_with(
	"authenticationMethods.policy",
	_authenticator,
	sprintf("Microsoft Authenticator does not show the %s to all users: %s", [label, concat(", ", sort(gaps))]),
	{key: object.get(_authenticator, ["featureSettings", key], null)},
) if {
	_enabled
	some key, label in _settings
	gaps := _feature_gaps(object.get(_authenticator, ["featureSettings", key], {}))
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

_state_gap(f) := sprintf("state is %s", [object.get(f, "state", "not set")]) if {
	object.get(f, "state", "") != "enabled"
} else := null

_include_gap(f) := sprintf("includes %s instead of all users", [object.get(f, ["includeTarget", "id"], "nobody")]) if {
	object.get(f, ["includeTarget", "id"], "") != "all_users"
} else := null

_exclude_gap(f) := sprintf("excludes %s", [ex]) if {
	ex := object.get(f, ["excludeTarget", "id"], _none)
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
