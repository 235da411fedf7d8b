# METADATA
# title: SMS, Voice Call and Email OTP SHALL NOT be enabled when the baseline has them disabled.
# description: |
#   SMS, voice call and email one-time passcodes are the weakest authenticators (SIM swap, call
#   forwarding, mailbox takeover); MS.AAD.3.5v2 asks for them to be disabled. Each of the Sms, Voice and
#   Email method configurations of the authentication methods policy that is enabled now and was not in
#   the baseline (disabled there, or missing from its policy) fails. Other methods enabled since the
#   baseline are EA.DRIFT.7v1's, at a lower severity: severity is per control, and re-enabling one of
#   these three undoes a SCuBA requirement. A method disabled since the baseline passes. Needs a baseline
#   (--baseline DIR).
# custom:
#   id: EA.DRIFT.5v1
#   severity: high
#   family: drift
#   frameworks:
#     cisa-scuba: [MS.AAD.3.5v2]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies: open SMS, Voice call or Email
#     OTP and set Enable to No again; move the users who need it to Microsoft Authenticator or a
#     phishing-resistant method.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-methods-manage
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-methods
#   requires: []
#   compares:
#     - authenticationMethods.policy
package entra.controls.drift.weak_methods_enabled

import data.lib.drift

findings contains drift.part_finding(
	c, m, sprintf(
		"The %s authentication method was enabled since %s, which has it disabled.",
		[drift.method_name(m.id), drift.baseline],
	),
	{"id": m.id, "state": {"before": drift.method_state(drift.before(c), m.id), "after": "enabled"}},
) if {
	some c in drift.modified("authenticationMethods.policy")
	some m in drift.newly_enabled_methods(c)
	lower(m.id) in drift.weak_methods
}
