# METADATA
# title: Legacy MSOnline PowerShell SHALL be blocked for non-admin users.
# description: |
#   The MSOnline module reads the directory with the default user permissions and ignores settings such
#   as restricted guest and user read access; blocking it (blockMsolPowerShell) closes that path for
#   non-admin users. Microsoft has retired MSOnline, but the switch still records intent and stops
#   remaining clients. Fails unless blockMsolPowerShell is true (null = not blocked).
# custom:
#   id: EA.TEN.5v1
#   severity: low
#   family: tenant
#   frameworks: {}
#   remediation: |
#     Update-MgPolicyAuthorizationPolicy -BlockMsolPowerShell:$true.
#   references:
#     - https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.blockMsolPowerShell
package entra.controls.tenant.msol_powershell

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", settings.authorization_policy, ["blockMsolPowerShell"])

_value := object.get(settings.authorization_policy, "blockMsolPowerShell", null)

_bad if _value != true

findings contains f if {
	_bad
	f := result.finding_with(
		"tenant.authorizationPolicy", settings.authorization_policy,
		"MSOnline PowerShell is not blocked for non-admin users.",
		{"value": _value},
	)
}

evidence contains e if {
	not _bad
	e := result.evidence_for(
		"tenant.authorizationPolicy",
		settings.authorization_policy,
		"MSOnline PowerShell is blocked for non-admin users.",
	)
}
