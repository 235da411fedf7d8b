# METADATA
# title: Only users with the Guest Inviter role SHOULD be able to invite guest users.
# description: |
#   Statement: only users with the Guest Inviter role (or admin roles) SHOULD invite
#   guests. Passes when allowInvitesFrom is adminsAndGuestInviters, or none (nobody
#   can invite, which is stricter).
# custom:
#   id: MS.AAD.8.2v1
#   severity: medium
#   family: tenant
#   frameworks:
#     cisa-scuba: [MS.AAD.8.2v1]
#     cis-m365: ["5.1.6.3"]
#     eidsca: ["EIDSCA.AP04"]
#   remediation: |
#     Entra admin center > External Identities > External collaboration settings > Guest
#     invite settings: Only users assigned to specific admin roles can invite guest users.
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/external-collaboration-settings-configure
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.allowInvitesFrom
package entra.scuba.aad.ms_aad_8_2

import data.lib.props
import data.lib.result

_policy := input.tenant.authorizationPolicy

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", _policy, ["allowInvitesFrom"])

_value := object.get(_policy, "allowInvitesFrom", "everyone")

findings contains result.finding_with(
	"tenant.authorizationPolicy",
	_policy,
	sprintf("Guest invitations are allowed from %v, not only from admins and guest inviters", [_value]),
	{"allowInvitesFrom": _value},
) if not _value in {"adminsAndGuestInviters", "none"}

evidence contains result.evidence_for(
	"tenant.authorizationPolicy",
	_policy,
	sprintf("guest invitations: %v", [_value]),
) if {
	_value in {"adminsAndGuestInviters", "none"}
}
