# METADATA
# title: Risky AI agents SHALL be blocked.
# description: |
#   Statement: risky AI agents SHALL be blocked. Passes when an enabled policy that
#   includes all agent identities (conditions.clientApplications.
#   includeAgentIdServicePrincipals contains All or AllAgentIdServicePrincipals, a
#   beta property), targets all resources, applies at high agent risk
#   (conditions.agentIdRiskLevels contains high, beta) and blocks access. Agent
#   identity exclusions cannot be declared (the baseline does not make this control
#   configurable). When the snapshot holds no policy with these beta conditions the
#   control fails: nothing shows that risky agents are blocked. Needs Microsoft
#   Entra ID P2; not applicable in the US Government (GCC High) and DoD clouds, as
#   the baseline notes: input.meta.cloud usgov or usgovdod, the snapshot's recorded
#   cloud or, when it does not know, the configuration's (an unknown cloud is
#   judged).
#
#   Judged by effective coverage (lib.ca): only an enabled policy counts (report-only
#   and disabled never do); it must include all users and all resources and must not
#   be narrowed by other conditions (risk levels, platforms, locations, client app
#   types, device or application filters, authentication flows); every excluded
#   user, group, role, guest type or service principal must be declared for this
#   control in the config (break-glass accounts count as declared users), and
#   excluded apps always fail.
# custom:
#   id: MS.AAD.9.1v1
#   severity: high
#   family: conditionalAccess
#   frameworks:
#     cisa-scuba: [MS.AAD.9.1v1]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > New policy: Users, agents or
#     workload identities > Agents: Include All agent identities; Target resources: All
#     resources; Conditions > Agent risk: High; Grant: Block access; Enable policy: On.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/policy-agent-block-high-risk
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
#     - conditionalAccess.policies.conditions.authenticationFlows.transferMethods
#     - conditionalAccess.policies.grantControls.operator
#     - conditionalAccess.policies.grantControls.builtInControls
#     - conditionalAccess.policies.grantControls.customAuthenticationFactors
#     - conditionalAccess.policies.grantControls.termsOfUse
#     - conditionalAccess.policies.grantControls.authenticationStrength
#     - conditionalAccess.policies.conditions.clientApplications.includeAgentIdServicePrincipals: absent is no agent identity included (a beta property, which Graph v1.0 never returns)
#     - conditionalAccess.policies.conditions.clientApplications.excludeAgentIdServicePrincipals: absent is no agent identity excluded (a beta property)
#     - conditionalAccess.policies.conditions.agentIdRiskLevels: absent is no agent risk condition (a beta property, which Graph v1.0 never returns)
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_9_1

import data.lib.ca
import data.lib.props
import data.lib.tenant

_clients(p) := ca.obj(ca.conditions(p), "clientApplications")

_candidate(p) if count(ca.list(_clients(p), "includeAgentIdServicePrincipals")) > 0

_candidate(p) if count(ca.flags(ca.conditions(p), "agentIdRiskLevels")) > 0

_own_gaps(p) := {g | some g in [_not_block(p), _not_high(p), _not_all_agents(p), _excluded_agents(p)]; g != null}

_not_block(p) := sprintf("does not block access (grant: %s)", [ca.grant_text(p)]) if not ca.blocks(p)

else := null

_not_high(p) := "does not apply to high agent risk" if not "high" in ca.flags(ca.conditions(p), "agentIdRiskLevels")

else := null

_not_all_agents(p) := "does not include all agent identities" if {
	included := {a | some a in ca.list(_clients(p), "includeAgentIdServicePrincipals")}
	count({"All", "AllAgentIdServicePrincipals"} & included) == 0
} else := null

_excluded_agents(p) := sprintf("excludes agent identities %s", [props.csv(ex)]) if {
	ex := ca.list(_clients(p), "excludeAgentIdServicePrincipals")
	count(ex) > 0
} else := null

# _gaps: why policy p does not satisfy this control (empty = it does).
_gaps(p) := ca.coverage_gaps(p, rego.metadata.chain(), {"agents", "agentIdRiskLevels"}) | _own_gaps(p)

_satisfying contains p if {
	some p in ca.policies
	ca.complete(p)
	count(_gaps(p)) == 0
}

evidence contains ca.satisfied_evidence(p, _satisfies) if some p in _satisfying

_satisfies := "blocks high-risk agent identities"

findings contains ca.licence_finding(
	"Microsoft Entra ID P2",
	"Blocking risky AI agents (agent risk conditions)",
) if not tenant.has_p2

_licensed if tenant.has_p2

# A policy without a property Graph always returns cannot be judged: when
# no complete policy satisfies the control, it reports them (error).
missing contains m if {
	_licensed
	not _government
	some m in ca.missing_unless(_satisfying)
}

# When nothing satisfies the control, the candidates (policies that look
# meant for it) are listed with the reasons they do not count.
findings contains ca.no_policy_finding(
	"No enabled Conditional Access policy blocks high-risk agent identities for all agents and all resources",
	{ca.near_miss(p, _gaps(p)) | some p in ca.policies; _candidate(p)},
) if {
	_licensed
	count(_satisfying) == 0
}

_government if input.meta.cloud in {"usgov", "usgovdod"}

not_applicable := "The baseline does not apply this control to US Government (GCC High) and DoD tenants" if _government
