# METADATA
# title: A Temporary Access Pass SHALL be usable only once.
# description: |
#   A Temporary Access Pass is a bearer credential handed over out of band (helpdesk call, e-mail, chat)
#   that satisfies strong authentication. A multi-use pass stays a working credential for its whole
#   lifetime after onboarding is done, so whoever sees it later can still sign in. Fails when the TAP
#   method is enabled and isUsableOnce is not true; not applicable while TAP is disabled.
# custom:
#   id: EA.AM.2v1
#   severity: medium
#   family: authenticationMethods
#   frameworks:
#     eidsca: [EIDSCA.AT02]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies > Temporary Access Pass >
#     Configure: set "One-time" to Yes.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/howto-authentication-temporary-access-pass
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].isUsableOnce
package entra.controls.authenticationMethods.tap_one_time

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in settings.method_missing("TemporaryAccessPass", [])

missing contains m if {
	settings.method_enabled("TemporaryAccessPass")
	some m in props.missing_in("authenticationMethods.policy", settings.method("TemporaryAccessPass"), ["isUsableOnce"])
}

not_applicable := "The Temporary Access Pass method is disabled." if not settings.method_enabled("TemporaryAccessPass")

findings contains f if {
	tap := settings.method("TemporaryAccessPass")
	settings.method_enabled("TemporaryAccessPass")
	not tap.isUsableOnce == true
	f := result.finding(
		"authenticationMethods.policy", tap,
		"A Temporary Access Pass can be used more than once within its lifetime.",
	)
}

evidence contains e if {
	tap := settings.method("TemporaryAccessPass")
	tap.isUsableOnce == true
	e := result.evidence_for("authenticationMethods.policy", tap, "A Temporary Access Pass is usable once.")
}
