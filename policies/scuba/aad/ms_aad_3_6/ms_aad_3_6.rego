# METADATA
# title: Phishing-resistant MFA SHALL be required for highly privileged roles.
# description: |
#   Statement: phishing-resistant MFA SHALL be required for highly privileged roles.
#   As the baseline means this as a backup to the all-users policy, a policy counts
#   only when its included directory roles cover every highly privileged role of the
#   baseline's list (Global, Privileged Role, User, SharePoint, Exchange, Hybrid
#   Identity, Application and Cloud Application Administrator); a policy for all
#   users without those roles does not count. It must target all resources and
#   require a phishing-resistant authentication strength (as in MS.AAD.3.1v1).
#   Excluded roles, users and groups must be declared for this control.
#
#   Judged by effective coverage (lib.ca): only an enabled policy counts (report-only
#   and disabled never do); it must include all users and all resources and must not
#   be narrowed by other conditions (risk levels, platforms, locations, client app
#   types, device or application filters, authentication flows); every excluded
#   user, group, role, guest type or service principal must be declared for this
#   control in the config (break-glass accounts count as declared users), and
#   excluded apps always fail.
# custom:
#   id: MS.AAD.3.6v1
#   severity: critical
#   family: conditionalAccess
#   frameworks:
#     cisa-scuba: [MS.AAD.3.6v1]
#     cis-m365: ["5.2.2.5"]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > New policy: Users > Select
#     users and groups > Directory roles: every highly privileged role; Target resources:
#     All resources; Grant: Require authentication strength > Phishing-resistant MFA;
#     Enable policy: On.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/policy-admin-phish-resistant-mfa
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
package entra.scuba.aad.ms_aad_3_6

import data.lib.ca
import data.lib.roles

_candidate(p) if {
	some r in ca.list(ca.users(p), "includeRoles")
	r in roles.highly_privileged_ids
}

_candidate(p) if ca.requires_phishing_resistant_mfa(p)

_own_gaps(p) := {g | some g in [_missing_roles(p), _not_phishing_resistant(p)]; g != null}

_missing_roles(p) := sprintf("does not include roles %s", [concat(", ", sort(names))]) if {
	missing := roles.highly_privileged_ids - {r | some r in ca.list(ca.users(p), "includeRoles")}
	count(missing) > 0
	names := [roles.role_name(r) | some r in missing]
} else := null

_not_phishing_resistant(p) := sprintf("does not require phishing-resistant MFA (grant: %s)", [ca.grant_text(p)]) if {
	not ca.requires_phishing_resistant_mfa(p)
} else := null

# _gaps: why policy p does not satisfy this control (empty = it does).
_gaps(p) := ca.coverage_gaps(p, rego.metadata.chain(), {"roles"}) | _own_gaps(p)

_satisfying contains p if {
	some p in ca.policies
	ca.complete(p)
	count(_gaps(p)) == 0
}

evidence contains ca.satisfied_evidence(p, _satisfies) if some p in _satisfying

_satisfies := "requires phishing-resistant MFA for every highly privileged role"

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
	"No enabled Conditional Access policy requires phishing-resistant MFA for every highly privileged role",
	{ca.near_miss(p, _gaps(p)) | some p in ca.policies; _candidate(p)},
) if {
	_licensed
	count(_satisfying) == 0
}
