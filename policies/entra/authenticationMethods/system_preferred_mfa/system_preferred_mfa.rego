# METADATA
# title: System-preferred MFA SHALL be enabled for all users.
# description: |
#   System-preferred MFA asks users for the strongest method they registered instead of the one they last
#   chose, so a registered passkey or Authenticator wins over SMS. Fails unless systemCredentialPreferences
#   is explicitly "enabled" ("default" leaves it to Microsoft) and targets all_users. Only Graph beta
#   returns systemCredentialPreferences: a snapshot without it (read from v1.0 where beta did not answer)
#   cannot be judged, and the control reports error.
# custom:
#   id: EA.AM.6v1
#   severity: medium
#   family: authenticationMethods
#   frameworks:
#     cis-m365: ["5.2.3.6"]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Settings > System-preferred
#     multifactor authentication: set State to Enabled and include All users.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-system-preferred-multifactor-authentication
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.systemCredentialPreferences.state
#     - authenticationMethods.policy.systemCredentialPreferences.includeTargets[].id
package entra.controls.authenticationMethods.system_preferred_mfa

import data.lib.props
import data.lib.result

_policy := input.authenticationMethods.policy

missing contains m if {
	some m in props.missing_in("authenticationMethods.policy", _policy, [
		"systemCredentialPreferences.state",
		"systemCredentialPreferences.includeTargets",
	])
}

_prefs := props.obj(object.get(_policy, "systemCredentialPreferences", {}))

_state := object.get(_prefs, "state", "missing")

_all_users if {
	some t in props.list(object.get(_prefs, "includeTargets", []))
	t.id == "all_users"
}

findings contains f if {
	_state != "enabled"
	f := result.finding_with(
		"authenticationMethods.policy", _policy,
		sprintf("System-preferred MFA is %v, not enabled.", [_state]),
		{"state": _state},
	)
}

findings contains f if {
	_state == "enabled"
	not _all_users
	f := result.finding_with(
		"authenticationMethods.policy", _policy,
		"System-preferred MFA is enabled but not for all users.",
		{"includeTargets": object.get(_prefs, "includeTargets", [])},
	)
}

evidence contains e if {
	_state == "enabled"
	_all_users
	e := result.evidence_for("authenticationMethods.policy", _policy, "System-preferred MFA is enabled for all users.")
}
