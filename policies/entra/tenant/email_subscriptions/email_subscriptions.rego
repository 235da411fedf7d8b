# METADATA
# title: Users SHALL NOT be able to sign up for email-based subscriptions.
# description: |
#   Self-service sign-up for email-based subscriptions (trials, free Power BI, and the like) lets users bring
#   services into the tenant that nobody approved, licenses and data flows included. Fails unless
#   allowedToSignUpEmailBasedSubscriptions is false.
# custom:
#   id: EA.TEN.2v1
#   severity: low
#   family: tenant
#   frameworks:
#     eidsca: [EIDSCA.AP05]
#   remediation: |
#     Set-MgPolicyAuthorizationPolicy -AllowedToSignUpEmailBasedSubscriptions:$false (no portal switch);
#     review self-service purchases in the Microsoft 365 admin center.
#   references:
#     - https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.allowedToSignUpEmailBasedSubscriptions
package entra.controls.tenant.email_subscriptions

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", settings.authorization_policy, ["allowedToSignUpEmailBasedSubscriptions"])

_value := object.get(settings.authorization_policy, "allowedToSignUpEmailBasedSubscriptions", null)

_bad if _value != false

findings contains f if {
	_bad
	f := result.finding_with(
		"tenant.authorizationPolicy", settings.authorization_policy,
		"Users can sign up for email-based subscriptions.",
		{"value": _value},
	)
}

evidence contains e if {
	not _bad
	e := result.evidence_for(
		"tenant.authorizationPolicy",
		settings.authorization_policy,
		"Users cannot sign up for email-based subscriptions.",
	)
}
