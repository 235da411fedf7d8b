# METADATA
# title: The authentication methods registration campaign SHALL be enabled.
# description: |
#   The registration campaign (nudge) prompts users who still rely on weaker methods to register Microsoft
#   Authenticator at sign-in, which is how a tenant moves people off SMS and voice. Fails unless its state
#   is explicitly "enabled": "default" leaves the decision (and its scope) to Microsoft, which may change.
# custom:
#   id: EA.AM.5v1
#   severity: low
#   family: authenticationMethods
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Registration campaign > Edit: set State
#     to Enabled, include All users, and limit the allowed snoozes.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/how-to-mfa-registration-campaign
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.registrationEnforcement.authenticationMethodsRegistrationCampaign.state
package entra.controls.authenticationMethods.registration_campaign

import data.lib.props
import data.lib.result

_policy := input.authenticationMethods.policy

missing contains m if {
	some m in props.missing_in("authenticationMethods.policy", _policy, ["registrationEnforcement.authenticationMethodsRegistrationCampaign.state"])
}

_state := object.get(
	_policy,
	["registrationEnforcement", "authenticationMethodsRegistrationCampaign", "state"],
	"missing",
)

findings contains f if {
	_state != "enabled"
	f := result.finding_with(
		"authenticationMethods.policy", _policy,
		sprintf("The registration campaign is %v, not enabled.", [_state]),
		{"state": _state},
	)
}

evidence contains e if {
	_state == "enabled"
	e := result.evidence_for("authenticationMethods.policy", _policy, "The registration campaign is enabled.")
}
