# METADATA
# title: Security defaults SHALL be on unless Conditional Access policies are in force.
# description: |
#   With security defaults off and no enabled Conditional Access policy, nothing requires MFA, blocks legacy
#   authentication or protects administrators: every account is one password away from compromise. Fails
#   when tenant.securityDefaults isEnabled is not true and no Conditional Access policy is in state
#   "enabled" (report-only and disabled policies enforce nothing). Whether the CA policies are sufficient is
#   judged by the MS.AAD controls.
# custom:
#   id: EA.TEN.1v1
#   severity: critical
#   family: tenant
#   frameworks: {}
#   remediation: |
#     Either Entra admin center > Identity > Overview > Properties > Manage security defaults: Enabled; or
#     (Entra ID P1) create and enable Conditional Access policies that require MFA and block legacy
#     authentication, then turn security defaults off.
#   references:
#     - https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults
#   requires:
#     - tenant.securityDefaults
#     - conditionalAccess.policies
#   reads:
#     - tenant.securityDefaults.isEnabled
#     - conditionalAccess.policies.state
package entra.controls.tenant.security_defaults_or_ca

import data.lib.props
import data.lib.result

_defaults := input.tenant.securityDefaults

_enforced := [p | some p in props.list(input.conditionalAccess.policies); p.state == "enabled"]

missing contains m if some m in props.missing_in("tenant.securityDefaults", _defaults, ["isEnabled"])

missing contains m if {
	not _defaults.isEnabled == true
	some p in props.list(input.conditionalAccess.policies)
	some m in props.missing_in("conditionalAccess.policies", p, ["state"])
}

findings contains f if {
	not _defaults.isEnabled == true
	count(_enforced) == 0
	f := result.finding(
		"tenant.securityDefaults", _defaults,
		"Security defaults are off and no Conditional Access policy is enabled.",
	)
}

evidence contains e if {
	_defaults.isEnabled == true
	e := result.evidence_for("tenant.securityDefaults", _defaults, "Security defaults are on.")
}

evidence contains e if {
	some p in _enforced
	e := result.evidence_for("conditionalAccess.policies", p, "This Conditional Access policy is enabled.")
}
