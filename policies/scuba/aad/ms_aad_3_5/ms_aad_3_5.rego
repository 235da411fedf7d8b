# METADATA
# title: The authentication methods SMS, Voice Call, and Email One-Time Passcode (OTP) SHALL be disabled.
# description: |
#   Statement: SMS, voice call and email OTP, the weakest authenticators, SHALL be
#   disabled in the authentication methods policy. Each of the Sms, Voice and Email
#   method configurations whose state is enabled is a finding. Graph returns all
#   three with their state: a configuration or state absent from the snapshot is an
#   error, never read as disabled.
# custom:
#   id: MS.AAD.3.5v2
#   severity: high
#   family: authenticationMethods
#   frameworks:
#     cisa-scuba: [MS.AAD.3.5v2]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies: open SMS, Voice
#     call and Email OTP and set Enable to No.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-methods-manage
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
package entra.scuba.aad.ms_aad_3_5

import data.lib.entra_tenant as settings
import data.lib.result

_policy := input.authenticationMethods.policy

_weak := {"Sms": "SMS", "Voice": "Voice call", "Email": "Email OTP"}

missing contains m if {
	some id, _ in _weak
	some m in settings.method_missing(id, [])
}

findings contains result.finding(
	"authenticationMethods.policy",
	c,
	sprintf("The %s authentication method is enabled", [_weak[id]]),
) if {
	some id, _ in _weak
	c := settings.method(id)
	c.state == "enabled"
}

evidence contains result.evidence_for(
	"authenticationMethods.policy",
	_policy,
	"SMS, voice call and email OTP are disabled",
) if {
	count(findings) == 0
}
