# METADATA
# title: User activation of the Global Administrator role SHALL trigger an alert.
# description: |
#   Statement: every activation of Global Administrator SHALL alert the security
#   monitoring team. The Global Administrator PIM rule
#   Notification_Admin_EndUser_Assignment (role activation alert) must alert.
#
#   An alert is configured when the notification rule's notificationRecipients lists
#   at least one additional recipient (the security monitoring mailbox) and its
#   notificationLevel is not None; the default recipients alone do not count, as the
#   baseline asks for the monitoring mailbox.
#
#   PIM settings come from the role's PIM policy (roles.policyAssignments,
#   policy.rules). A group that holds Global Administrator (active or eligible) and is
#   governed by PIM for groups is a second way to get it: the baseline asks for the
#   same settings on the group's member policy, and its eligible owners (who can add
#   members) activate under the owner policy, so each of those
#   (roles.groupPolicyAssignments) is judged the same way (lib.pim_groups). Needs
#   Microsoft Entra ID P2 (a third-party PAM system is an alternative the snapshot
#   cannot see: use a waiver).
# custom:
#   id: MS.AAD.7.8v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.8v1]
#   remediation: |
#     Privileged Identity Management > Microsoft Entra roles > Roles > Global
#     Administrator > Settings > Edit > Notification: under "Send notifications when
#     eligible members activate this role", Role activation alert > Additional
#     recipients: the security monitoring mailbox; Update.
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
#     - roles.groupPolicyAssignments.policy.rules[].notificationLevel
#     - roles.groupPolicyAssignments.policy.rules[].notificationRecipients
#     - principals.groups.id
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].notificationLevel
#     - roles.policyAssignments.policy.rules[].notificationRecipients
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_7_8

import data.lib.pim_groups
import data.lib.result
import data.lib.roles

_keys := ["roles.policyAssignments"]

_rule := "Notification_Admin_EndUser_Assignment"

findings contains f if some f in roles.pim_findings(_keys, "Alerting on Global Administrator activation")

missing contains m if {
	roles.pim_ready(_keys)
	some m in roles.policy_missing({roles.global_administrator}, {_rule: ["notificationLevel", "notificationRecipients"]})
}

findings contains roles.policy_finding(
	roles.global_administrator,
	"Activating Global Administrator sends no alert to an additional recipient",
) if {
	roles.pim_ready(_keys)
	not roles.alerting(roles.global_administrator, _rule)
}

evidence contains result.evidence_for(
	"roles.policyAssignments",
	roles.policy_assignment(roles.global_administrator),
	"Global Administrator activation raises an alert",
) if {
	roles.pim_ready(_keys)
	roles.alerting(roles.global_administrator, _rule)
}

_paths := pim_groups.paths({roles.global_administrator})

missing contains m if {
	roles.pim_ready(_keys)
	some m in pim_groups.missing_entries(_paths, {_rule: ["notificationLevel", "notificationRecipients"]})
}

findings contains f if {
	roles.pim_ready(_keys)
	some f in pim_groups.not_collected_findings({roles.global_administrator})
}

findings contains pim_groups.finding(
	path,
	sprintf("%s with no alert to an additional recipient", [pim_groups.describe(path)]),
	_rule,
) if {
	roles.pim_ready(_keys)
	some path in _paths
	not pim_groups.alerting(path, _rule)
}

evidence contains result.evidence_for(
	"roles.groupPolicyAssignments",
	pim_groups.policy(path),
	sprintf("%s with an alert", [pim_groups.describe(path)]),
) if {
	roles.pim_ready(_keys)
	some path in _paths
	pim_groups.alerting(path, _rule)
}
