# METADATA
# title: Only administrators SHALL be allowed to register applications.
# description: |
#   Statement: only administrators SHALL register applications. Fails unless the
#   authorization policy's defaultUserRolePermissions.allowedToCreateApps is false
#   (Graph always returns it: absent, the control reports error).
# custom:
#   id: MS.AAD.5.1v1
#   severity: high
#   family: apps
#   frameworks:
#     cisa-scuba: [MS.AAD.5.1v1]
#     cis-m365: ["5.1.2.2"]
#     eidsca: ["EIDSCA.AP10"]
#   remediation: |
#     Entra admin center > Identity > Users > User settings: Users can register
#     applications: No.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/delegate-app-roles#restrict-who-can-create-applications
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.defaultUserRolePermissions.allowedToCreateApps
package entra.scuba.aad.ms_aad_5_1

import data.lib.props
import data.lib.result

_policy := input.tenant.authorizationPolicy

missing contains m if {
	some m in props.missing_in("tenant.authorizationPolicy", _policy, ["defaultUserRolePermissions.allowedToCreateApps"])
}

findings contains result.finding(
	"tenant.authorizationPolicy",
	_policy,
	"Non-admin users can register applications (defaultUserRolePermissions.allowedToCreateApps is not false)",
) if object.get(_policy, ["defaultUserRolePermissions", "allowedToCreateApps"], true) != false

evidence contains result.evidence_for(
	"tenant.authorizationPolicy",
	_policy,
	"only administrators can register applications",
) if {
	count(findings) == 0
}
