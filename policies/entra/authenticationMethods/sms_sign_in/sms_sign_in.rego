# METADATA
# title: SMS SHALL NOT be usable as a sign-in (first-factor) method.
# description: |
#   SMS-based sign-in lets a user sign in with a phone number and a texted code, no password: whoever takes
#   over the number (SIM swap, port-out fraud, SS7 interception) takes over the account with a single
#   factor. MS.AAD.3.5v2 already asks for SMS to be disabled altogether; this control catches the worst
#   case on its own, so it still fails when SMS is kept as a second factor under a waiver of MS.AAD.3.5v2.
#   It fails when the SMS method is enabled and any of its include targets has isUsableForSignIn true.
# custom:
#   id: EA.AM.1v1
#   severity: high
#   family: authenticationMethods
#   frameworks:
#     cis-m365: ["5.2.3.5"]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies > SMS > Enable and Target: for
#     every target, set "Use for sign-in" to No (or disable SMS altogether).
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/howto-authentication-sms-signin
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].includeTargets[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].includeTargets[].isUsableForSignIn
package entra.controls.authenticationMethods.sms_sign_in

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in settings.method_missing("Sms", ["includeTargets"])

missing contains result.missing_property("authenticationMethods.policy", settings.method("Sms"), sprintf("includeTargets[%d].%s", [i, f])) if {
	settings.method_enabled("Sms")
	some i, t in props.list(object.get(settings.method("Sms"), "includeTargets", []))
	some f in ["id", "isUsableForSignIn"]
	props.absent(t, f)
}

_sign_in_targets contains props.text(t.id) if {
	settings.method_enabled("Sms")
	some t in props.list(object.get(settings.method("Sms"), "includeTargets", []))
	t.isUsableForSignIn == true
}

findings contains f if {
	count(_sign_in_targets) > 0
	f := result.finding_with(
		"authenticationMethods.policy", settings.method("Sms"),
		sprintf("SMS sign-in is on for %s.", [concat(", ", sort(_sign_in_targets))]),
		{"targets": sort(_sign_in_targets)},
	)
}

evidence contains e if {
	count(_sign_in_targets) == 0
	e := result.evidence_for(
		"authenticationMethods.policy", input.authenticationMethods.policy,
		"No target can use SMS to sign in.",
	)
}
