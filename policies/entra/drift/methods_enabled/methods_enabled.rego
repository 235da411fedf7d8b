# METADATA
# title: An authentication method the baseline has disabled SHOULD NOT be enabled without a new baseline.
# description: |
#   Every enabled authentication method is a way to register and use a credential, and so a way in: a
#   Temporary Access Pass or third-party OATH token enabled for all users, for instance, lets whoever
#   can issue or phish one sign in. Each method configuration of the authentication methods policy that
#   is enabled now and was not in the baseline (disabled there, or missing from its policy) fails, except
#   SMS, Voice call and Email OTP, which EA.DRIFT.5v1 judges at high severity. Whom a method targets and
#   how it is configured are not compared here (the authentication methods controls judge the live
#   settings). A method disabled since the baseline passes. Needs a baseline (--baseline DIR).
# custom:
#   id: EA.DRIFT.7v1
#   severity: medium
#   family: drift
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies > <method>: set Enable to No
#     again, or, if the method was introduced on purpose, review its targets and settings and commit a
#     new baseline.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-methods-manage
#   requires: []
#   compares:
#     - authenticationMethods.policy
package entra.controls.drift.methods_enabled

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
	not lower(m.id) in drift.weak_methods
}
