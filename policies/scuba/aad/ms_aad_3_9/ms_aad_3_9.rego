# METADATA
# title: Device code authentication SHOULD be blocked.
# description: |
#   Statement: device code authentication SHOULD be blocked. Passes when an enabled
#   policy for all users and all resources has the authentication flows condition
#   with device code flow selected (transferMethods contains deviceCodeFlow; also
#   selecting authentication transfer is accepted) and blocks access.
#
#   Judged by effective coverage (lib.ca): only an enabled policy counts (report-only
#   and disabled never do); it must include all users and all resources and must not
#   be narrowed by other conditions (risk levels, platforms, locations, client app
#   types, device or application filters, authentication flows); every excluded
#   user, group, role, guest type or service principal must be declared for this
#   control in the config (break-glass accounts count as declared users), and
#   excluded apps always fail.
# custom:
#   id: MS.AAD.3.9v1
#   severity: medium
#   family: conditionalAccess
#   frameworks:
#     cisa-scuba: [MS.AAD.3.9v1]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > New policy: Users: All users
#     (exclude only declared break-glass accounts); Target resources: All resources;
#     Conditions > Authentication flows: Device code flow; Grant: Block access; Enable
#     policy: On.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/policy-block-authentication-flows
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
package entra.scuba.aad.ms_aad_3_9

import data.lib.ca

_flows(p) := ca.flags(ca.obj(ca.conditions(p), "authenticationFlows"), "transferMethods")

_candidate(p) if "deviceCodeFlow" in _flows(p)

_own_gaps(p) := {g | some g in [_not_block(p), _not_device_code(p)]; g != null}

_not_block(p) := sprintf("does not block access (grant: %s)", [ca.grant_text(p)]) if not ca.blocks(p)

else := null

_not_device_code(p) := "does not target the device code flow" if not "deviceCodeFlow" in _flows(p)

else := null

# _gaps: why policy p does not satisfy this control (empty = it does).
_gaps(p) := ca.coverage_gaps(p, rego.metadata.chain(), {"authenticationFlows"}) | _own_gaps(p)

_satisfying contains p if {
	some p in ca.policies
	ca.complete(p)
	count(_gaps(p)) == 0
}

evidence contains ca.satisfied_evidence(p, _satisfies) if some p in _satisfying

_satisfies := "blocks the device code flow for all users and all resources"

findings contains ca.licence_finding("Microsoft Entra ID P1", "Conditional Access") if not ca.licensed_p1

_licensed if ca.licensed_p1

# A policy without a property Graph always returns cannot be judged: when
# no complete policy satisfies the control, it reports them (error).
missing contains m if {
	_licensed
	some m in ca.missing_unless(_satisfying)
}

# When nothing satisfies the control, the candidates (policies that look
# meant for it) are listed with the reasons they do not count.
findings contains ca.no_policy_finding(
	"No enabled Conditional Access policy blocks the device code flow for all users and all resources",
	{ca.near_miss(p, _gaps(p)) | some p in ca.policies; _candidate(p)},
) if {
	_licensed
	count(_satisfying) == 0
}
