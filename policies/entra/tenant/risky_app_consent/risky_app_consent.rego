# METADATA
# title: Users SHALL NOT be able to consent to apps Microsoft flags as risky.
# description: |
#   Risk-based step-up consent stops user consent to apps Microsoft considers risky (for example a new
#   multi-tenant app from an unverified publisher asking for non-basic permissions) and sends it to admin
#   consent instead; allowing user consent for them is how consent-phishing apps get in. Fails when
#   allowUserConsentForRiskyApps is true (null is the safe service default).
# custom:
#   id: EA.TEN.4v1
#   severity: high
#   family: tenant
#   frameworks:
#     eidsca: [EIDSCA.AP09]
#   remediation: |
#     Update-MgPolicyAuthorizationPolicy -AllowUserConsentForRiskyApps:$false (Microsoft Graph PowerShell);
#     there is no portal switch.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-risk-based-step-up-consent
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.allowUserConsentForRiskyApps
package entra.controls.tenant.risky_app_consent

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", settings.authorization_policy, ["allowUserConsentForRiskyApps"])

_value := object.get(settings.authorization_policy, "allowUserConsentForRiskyApps", null)

_bad if _value == true

findings contains f if {
	_bad
	f := result.finding_with(
		"tenant.authorizationPolicy", settings.authorization_policy,
		"Users can consent to apps flagged as risky.",
		{"value": _value},
	)
}

evidence contains e if {
	not _bad
	e := result.evidence_for(
		"tenant.authorizationPolicy",
		settings.authorization_policy,
		"User consent to risky apps is blocked.",
	)
}
