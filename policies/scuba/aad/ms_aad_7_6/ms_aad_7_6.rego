# METADATA
# title: Activation of the Global Administrator role SHALL require approval.
# description: |
#   Statement: activating Global Administrator SHALL require approval. Passes when the
#   Global Administrator PIM policy's Approval_EndUser_Assignment rule has
#   setting.isApprovalRequired true.
#
#   PIM settings come from the role's PIM policy (roles.policyAssignments,
#   policy.rules). A group that holds Global Administrator (active or eligible) and is
#   governed by PIM for groups is a second way to activate it: the baseline asks for
#   the same setting on the group's member policy, and its eligible owners (who can
#   add members) activate under the owner policy, so each of those
#   (roles.groupPolicyAssignments) must require approval too (lib.pim_groups). Needs
#   Microsoft Entra ID P2 (a third-party PAM system is an alternative the snapshot
#   cannot see: use a waiver).
# custom:
#   id: MS.AAD.7.6v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.6v1]
#     cis-m365: ["5.3.4"]
#   remediation: |
#     Entra admin center > Identity Governance > Privileged Identity Management >
#     Microsoft Entra roles > Roles > Global Administrator > Settings > Edit: Require
#     approval to activate, choose approvers; Update.
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings
#   requires:
#     - tenant.subscribedSkus
#   reads:
#     - roles.assignments.principalId
#     - roles.assignments.roleDefinitionId
#     - roles.assignmentScheduleInstances.principalId
#     - roles.assignmentScheduleInstances.roleDefinitionId
#     - roles.eligibilityScheduleInstances.principalId
#     - roles.eligibilityScheduleInstances.roleDefinitionId
#     - roles.groupEligibilityScheduleInstances.groupId
#     - roles.groupEligibilityScheduleInstances.accessId
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupPolicyAssignments.scopeId
#     - roles.groupPolicyAssignments.roleDefinitionId
#     - roles.groupPolicyAssignments.policy.rules[].id
#     - roles.groupPolicyAssignments.policy.rules[].setting.isApprovalRequired
#     - principals.groups.id
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].setting.isApprovalRequired
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_7_6

import data.lib.pim_groups
import data.lib.result
import data.lib.roles

_keys := ["roles.policyAssignments"]

_rule := "Approval_EndUser_Assignment"

_paths := pim_groups.paths({roles.global_administrator})

findings contains f if some f in roles.pim_findings(_keys, "Requiring approval for Global Administrator activation")

missing contains m if {
	roles.pim_ready(_keys)
	some m in roles.policy_missing({roles.global_administrator}, {_rule: ["setting.isApprovalRequired"]})
}

missing contains m if {
	roles.pim_ready(_keys)
	some m in pim_groups.missing_entries(_paths, {_rule: ["setting.isApprovalRequired"]})
}

findings contains f if {
	roles.pim_ready(_keys)
	some f in pim_groups.not_collected_findings({roles.global_administrator})
}

findings contains pim_groups.finding(path, sprintf("%s without approval", [pim_groups.describe(path)]), _rule) if {
	roles.pim_ready(_keys)
	some path in _paths
	not pim_groups.approval_required(path)
}

evidence contains result.evidence_for(
	"roles.groupPolicyAssignments",
	pim_groups.policy(path),
	sprintf("%s only with approval", [pim_groups.describe(path)]),
) if {
	roles.pim_ready(_keys)
	some path in _paths
	pim_groups.approval_required(path)
}

findings contains roles.policy_finding(
	roles.global_administrator,
	"Activation of Global Administrator does not require approval",
) if {
	roles.pim_ready(_keys)
	not roles.approval_required(roles.global_administrator)
}

evidence contains result.evidence_for(
	"roles.policyAssignments",
	roles.policy_assignment(roles.global_administrator),
	"Global Administrator activation requires approval",
) if {
	roles.pim_ready(_keys)
	roles.approval_required(roles.global_administrator)
}
