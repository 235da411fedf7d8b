# METADATA
# title: Users SHALL be able to report suspicious MFA prompts.
# description: |
#   "Report suspicious activity" lets a user who receives an MFA prompt they did not start report it from
#   Authenticator or the voice call; the report raises the user's risk to high, so risk-based Conditional
#   Access can block the attacker who holds the password. Fails unless reportSuspiciousActivitySettings is
#   explicitly "enabled" and its include target is all_users. Graph beta returns the whole
#   reportSuspiciousActivitySettings: a snapshot without its state or target cannot be judged, and the
#   control reports error.
# custom:
#   id: EA.AM.7v1
#   severity: low
#   family: authenticationMethods
#   frameworks:
#     eidsca: [EIDSCA.AG02, EIDSCA.AG03]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Settings > Report suspicious activity:
#     set State to Enabled and target All users.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-mfasettings#report-suspicious-activity
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.reportSuspiciousActivitySettings.state
#     - authenticationMethods.policy.reportSuspiciousActivitySettings.includeTarget.id
package entra.controls.authenticationMethods.report_suspicious_activity

import data.lib.props
import data.lib.result

_policy := input.authenticationMethods.policy

missing contains m if {
	some m in props.missing_in("authenticationMethods.policy", _policy, [
		"reportSuspiciousActivitySettings.state",
		"reportSuspiciousActivitySettings.includeTarget.id",
	])
}

_settings := props.obj(object.get(_policy, "reportSuspiciousActivitySettings", {}))

_state := object.get(_settings, "state", "missing")

_target := props.get(_settings, "includeTarget.id", "none")

findings contains f if {
	_state != "enabled"
	f := result.finding_with(
		"authenticationMethods.policy", _policy,
		sprintf("Reporting suspicious activity is %v, not enabled.", [_state]),
		{"state": _state},
	)
}

findings contains f if {
	_state == "enabled"
	_target != "all_users"
	f := result.finding_with(
		"authenticationMethods.policy", _policy,
		sprintf("Reporting suspicious activity is enabled only for %v, not all users.", [_target]),
		{"includeTarget": _target},
	)
}

evidence contains e if {
	_state == "enabled"
	_target == "all_users"
	e := result.evidence_for(
		"authenticationMethods.policy", _policy,
		"All users can report suspicious activity.",
	)
}
