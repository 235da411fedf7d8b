# METADATA
# title: Users SHALL NOT sign up for email-verified self-service subscriptions.
# description: |
#   When allowedToSignUpEmailBasedSubscriptions is true, any user can start a
#   self-service trial (Power BI, Teams Exploratory...) that nobody in IT
#   approved. This is an example of a custom control: copy the folder, then
#   change the metadata, the rules and the tests.
# custom:
#   id: ACME.TEN.1v1
#   severity: low
#   family: tenant
#   frameworks: {}
#   remediation: |
#     Run Update-MgPolicyAuthorizationPolicy -AllowedToSignUpEmailBasedSubscriptions:$false
#     (there is no portal switch for this setting).
#   references:
#     - https://learn.microsoft.com/graph/api/resources/authorizationpolicy
#   requires:
#     - tenant.authorizationPolicy
package custom.tenant.self_service_signup

import data.lib.result

_policy := input.tenant.authorizationPolicy

findings contains result.finding_with(
	"tenant.authorizationPolicy", _policy,
	"users can sign up for email-verified self-service subscriptions",
	{"allowedToSignUpEmailBasedSubscriptions": true},
) if {
	_policy.allowedToSignUpEmailBasedSubscriptions == true
}

evidence contains result.evidence_for(
	"tenant.authorizationPolicy", _policy,
	"self-service sign-up for email-verified users is off",
) if {
	_policy.allowedToSignUpEmailBasedSubscriptions == false
}
