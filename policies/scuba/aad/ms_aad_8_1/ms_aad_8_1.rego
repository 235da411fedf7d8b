# METADATA
# title: Guest users SHOULD have limited or restricted access to Microsoft Entra ID directory objects.
# description: |
#   Statement: guests SHOULD have limited or restricted access to directory objects.
#   Passes when the authorization policy's guestUserRoleId is the Guest User role
#   (10dae51f-b6af-4016-8d66-8c2a99b929b3, limited access) or the Restricted Guest
#   User role (2af84b1e-32c8-42b7-82bc-daa82404023b, most restrictive).
# custom:
#   id: MS.AAD.8.1v1
#   severity: medium
#   family: tenant
#   frameworks:
#     cisa-scuba: [MS.AAD.8.1v1]
#     cis-m365: ["5.1.6.2"]
#     eidsca: ["EIDSCA.AP07"]
#   remediation: |
#     Entra admin center > External Identities > External collaboration settings > Guest
#     user access: Guest users have limited access to properties and memberships of
#     directory objects, or Guest user access is restricted to properties and
#     memberships of their own directory objects.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/users/users-restrict-guest-permissions
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.guestUserRoleId
package entra.scuba.aad.ms_aad_8_1

import data.lib.props
import data.lib.result

_policy := input.tenant.authorizationPolicy

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", _policy, ["guestUserRoleId"])

_allowed := {
	"10dae51f-b6af-4016-8d66-8c2a99b929b3": "limited access",
	"2af84b1e-32c8-42b7-82bc-daa82404023b": "restricted access",
}

_role := object.get(_policy, "guestUserRoleId", "not set")

findings contains result.finding_with(
	"tenant.authorizationPolicy",
	_policy,
	sprintf("Guest users have more than limited access to directory objects (guestUserRoleId %v)", [_role]),
	{"guestUserRoleId": _role},
) if not _allowed[_role]

evidence contains result.evidence_for(
	"tenant.authorizationPolicy",
	_policy,
	sprintf("guest users have %s", [_allowed[_role]]),
) if {
	_allowed[_role]
}
