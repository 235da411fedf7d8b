# METADATA
# title: Phishing-resistant MFA SHALL be enforced for all users.
# description: |
#   Statement: phishing-resistant MFA SHALL be enforced for all users. Passes when an
#   enabled policy for all users and all resources requires an authentication
#   strength whose allowed combinations are all phishing-resistant (Windows Hello for
#   Business, FIDO2, certificate-based MFA): the built-in Phishing-resistant MFA
#   strength or a custom one with only those methods. The strength is resolved by id
#   from conditionalAccess.authenticationStrengths when the policy only carries its
#   id. With operator OR every alternative must be phishing-resistant.
#
#   Judged by effective coverage (lib.ca): only an enabled policy counts (report-only
#   and disabled never do); it must include all users and all resources and must not
#   be narrowed by other conditions (risk levels, platforms, locations, client app
#   types, device or application filters, authentication flows); every excluded
#   user, group, role, guest type or service principal must be declared for this
#   control in the config (break-glass accounts count as declared users), and
#   excluded apps always fail.
# custom:
#   id: MS.AAD.3.1v1
#   severity: critical
#   family: conditionalAccess
#   frameworks:
#     cisa-scuba: [MS.AAD.3.1v1]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > New policy: Users: All users
#     (exclude only declared break-glass accounts); Target resources: All resources;
#     Grant: Require authentication strength > Phishing-resistant MFA; Enable policy: On.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-strengths
#   requires:
#     - conditionalAccess.policies
#     - conditionalAccess.authenticationStrengths
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
#     - conditionalAccess.authenticationStrengths.id
#     - conditionalAccess.authenticationStrengths.requirementsSatisfied
#     - conditionalAccess.authenticationStrengths.allowedCombinations
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_3_1

import data.lib.ca

_candidate(p) if ca.strength(p)

_candidate(p) if "mfa" in ca.builtin_controls(p)

_own_gaps(p) := {sprintf("does not require phishing-resistant MFA (grant: %s)", [grant])} if {
	grant := ca.grant_text(p)
	not ca.requires_phishing_resistant_mfa(p)
} else := set()

# _gaps: why policy p does not satisfy this control (empty = it does).
_gaps(p) := ca.coverage_gaps(p, rego.metadata.chain(), set()) | _own_gaps(p)

_satisfying contains p if {
	some p in ca.policies
	ca.complete(p)
	count(_gaps(p)) == 0
}

evidence contains ca.satisfied_evidence(p, _satisfies) if some p in _satisfying

_satisfies := "requires phishing-resistant MFA for all users and all resources"

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
	"No enabled Conditional Access policy requires phishing-resistant MFA for all users and all resources",
	{ca.near_miss(p, _gaps(p)) | some p in ca.policies; _candidate(p)},
) if {
	_licensed
	count(_satisfying) == 0
}
