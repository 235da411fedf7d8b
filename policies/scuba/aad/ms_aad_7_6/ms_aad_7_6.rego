# METADATA
# title: Activation of the Global Administrator role SHALL require approval.
# description: |
#   Statement: activating Global Administrator SHALL require approval. Passes when the
#   Global Administrator PIM policy's Approval_EndUser_Assignment rule has
#   setting.isApprovalRequired true.
#
#   PIM settings come from the role's PIM policy (roles.policyAssignments,
#   policy.rules). The baseline also asks for the same settings on the member role of
#   PIM-for-groups groups assigned to the role; those group policies are not in the
#   snapshot and are not checked. Needs Microsoft Entra ID P2 (a third-party PAM
#   system is an alternative the snapshot cannot see: use a waiver).
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
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].setting.isApprovalRequired
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_7_6

import data.lib.result
import data.lib.roles

_keys := ["roles.policyAssignments"]

findings contains f if some f in roles.pim_findings(_keys, "Requiring approval for Global Administrator activation")

missing contains m if {
	roles.pim_ready(_keys)
	some m in roles.policy_missing({roles.global_administrator}, {"Approval_EndUser_Assignment": ["setting.isApprovalRequired"]})
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
