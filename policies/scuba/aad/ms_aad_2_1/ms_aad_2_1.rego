# METADATA
# title: Users detected as high risk SHALL be blocked.
# description: |
#   Statement: users detected as high risk SHALL be blocked. Passes when an enabled Conditional Access
#   policy for all users and all resources blocks access when the user risk is
#   high (userRiskLevels contains high; adding lower levels is accepted). Needs Microsoft
#   Entra ID P2 (Identity Protection): without it the control fails and names the
#   licence.
#
#   Judged by effective coverage (lib.ca): only an enabled policy counts (report-only
#   and disabled never do); it must include all users and all resources and must not
#   be narrowed by other conditions (risk levels, platforms, locations, client app
#   types, device or application filters, authentication flows); every excluded
#   user, group, role, guest type or service principal must be declared for this
#   control in the config (break-glass accounts count as declared users), and
#   excluded apps always fail.
# custom:
#   id: MS.AAD.2.1v1
#   severity: high
#   family: conditionalAccess
#   frameworks:
#     cisa-scuba: [MS.AAD.2.1v1]
#     cis-m365: ["5.2.2.6"]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > New policy: Users: All users
#     (exclude only declared break-glass accounts); Target resources: All resources;
#     Conditions > User risk: High; Grant: Block access; Enable policy: On.
#     Requires Microsoft Entra ID P2.
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-protection/concept-identity-protection-risks
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/policy-risk-based-user
#   requires:
#     - conditionalAccess.policies
#     - tenant.subscribedSkus
#   reads:
#     - conditionalAccess.policies.state
#     - conditionalAccess.policies.conditions.users.includeUsers
#     - conditionalAccess.policies.conditions.users.excludeUsers
#     - conditionalAccess.policies.conditions.users.includeGroups
#     - conditionalAccess.policies.conditions.users.excludeGroups
#     - conditionalAccess.policies.conditions.users.includeRoles
#     - conditionalAccess.policies.conditions.users.excludeRoles
#     - conditionalAccess.policies.conditions.users.excludeGuestsOrExternalUsers.guestOrExternalUserTypes
#     - conditionalAccess.policies.conditions.applications.includeApplications
#     - conditionalAccess.policies.conditions.applications.excludeApplications
#     - conditionalAccess.policies.conditions.applications.includeUserActions
#     - conditionalAccess.policies.conditions.applications.includeAuthenticationContextClassReferences
#     - conditionalAccess.policies.conditions.applications.applicationFilter
#     - conditionalAccess.policies.conditions.clientAppTypes
#     - conditionalAccess.policies.conditions.platforms.includePlatforms
#     - conditionalAccess.policies.conditions.platforms.excludePlatforms
#     - conditionalAccess.policies.conditions.locations.includeLocations
#     - conditionalAccess.policies.conditions.locations.excludeLocations
#     - conditionalAccess.policies.conditions.devices.deviceFilter
#     - conditionalAccess.policies.conditions.clientApplications.includeServicePrincipals
#     - conditionalAccess.policies.conditions.clientApplications.excludeServicePrincipals
#     - conditionalAccess.policies.conditions.signInRiskLevels
#     - conditionalAccess.policies.conditions.userRiskLevels
#     - conditionalAccess.policies.conditions.servicePrincipalRiskLevels
#     - conditionalAccess.policies.conditions.insiderRiskLevels
#     - conditionalAccess.policies.conditions.agentIdRiskLevels: absent is no agent risk condition (a beta property, which Graph v1.0 never returns)
#     - conditionalAccess.policies.conditions.authenticationFlows.transferMethods
#     - conditionalAccess.policies.grantControls.operator
#     - conditionalAccess.policies.grantControls.builtInControls
#     - conditionalAccess.policies.grantControls.customAuthenticationFactors
#     - conditionalAccess.policies.grantControls.termsOfUse
#     - conditionalAccess.policies.grantControls.authenticationStrength
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_2_1

import data.lib.ca
import data.lib.tenant

_candidate(p) if count(ca.flags(ca.conditions(p), "userRiskLevels")) > 0

_own_gaps(p) := {g | some g in [_not_block(p), _not_high(p)]; g != null}

_not_block(p) := sprintf("does not block access (grant: %s)", [ca.grant_text(p)]) if not ca.blocks(p)

else := null

_not_high(p) := "does not apply to high user risk" if not "high" in ca.flags(ca.conditions(p), "userRiskLevels")

else := null

# _gaps: why policy p does not satisfy this control (empty = it does).
_gaps(p) := ca.coverage_gaps(p, rego.metadata.chain(), {"userRiskLevels"}) | _own_gaps(p)

_satisfying contains p if {
	some p in ca.policies
	ca.complete(p)
	count(_gaps(p)) == 0
}

evidence contains ca.satisfied_evidence(p, _satisfies) if some p in _satisfying

_satisfies := "blocks users detected as high risk for all users and all resources"

findings contains ca.licence_finding(
	"Microsoft Entra ID P2",
	"Blocking users detected as high risk (Identity Protection risk conditions)",
) if not tenant.has_p2

_licensed if tenant.has_p2

# A policy without a property Graph always returns cannot be judged: when
# no complete policy satisfies the control, it reports them (error).
missing contains m if {
	_licensed
	some m in ca.missing_unless(_satisfying)
}

# When nothing satisfies the control, the candidates (policies that look
# meant for it) are listed with the reasons they do not count.
findings contains ca.no_policy_finding(
	"No enabled Conditional Access policy blocks users detected as high risk for all users and all resources",
	{ca.near_miss(p, _gaps(p)) | some p in ca.policies; _candidate(p)},
) if {
	_licensed
	count(_satisfying) == 0
}
