# METADATA
# title: Managed devices SHOULD be required for authentication.
# description: |
#   Statement: managed devices SHOULD be required for authentication. Passes when an
#   enabled policy for all users and all resources requires a compliant device or a
#   Microsoft Entra hybrid joined device (either, with "require one of the selected
#   controls"); every OR alternative must be a device control, so "compliant device
#   OR MFA" does not count. Device compliance needs Microsoft Intune, which the
#   snapshot cannot see; a tenant without it simply has no such policy.
#
#   Judged by effective coverage (lib.ca): only an enabled policy counts (report-only
#   and disabled never do); it must include all users and all resources and must not
#   be narrowed by other conditions (risk levels, platforms, locations, client app
#   types, device or application filters, authentication flows); every excluded
#   user, group, role, guest type or service principal must be declared for this
#   control in the config (break-glass accounts count as declared users), and
#   excluded apps always fail.
# custom:
#   id: MS.AAD.3.7v1
#   severity: medium
#   family: conditionalAccess
#   frameworks:
#     cisa-scuba: [MS.AAD.3.7v1]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > New policy: Users: All users
#     (exclude only declared break-glass accounts); Target resources: All resources;
#     Grant: Require device to be marked as compliant and Require Microsoft Entra hybrid
#     joined device, Require one of the selected controls; Enable policy: On.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/policy-all-users-device-compliance
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
package entra.scuba.aad.ms_aad_3_7

import data.lib.ca

_candidate(p) if {
	some c in ca.builtin_controls(p)
	c in {"compliantDevice", "domainJoinedDevice"}
}

_own_gaps(p) := {sprintf("does not require a managed device (grant: %s)", [grant])} if {
	grant := ca.grant_text(p)
	not ca.requires_managed_device(p)
} else := set()

# _gaps: why policy p does not satisfy this control (empty = it does).
_gaps(p) := ca.coverage_gaps(p, rego.metadata.chain(), set()) | _own_gaps(p)

_satisfying contains p if {
	some p in ca.policies
	ca.complete(p)
	count(_gaps(p)) == 0
}

evidence contains ca.satisfied_evidence(p, _satisfies) if some p in _satisfying

_satisfies := "requires a managed device for all users and all resources"

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
	"No enabled Conditional Access policy requires a managed device for all users and all resources",
	{ca.near_miss(p, _gaps(p)) | some p in ca.policies; _candidate(p)},
) if {
	_licensed
	count(_satisfying) == 0
}
