# METADATA
# title: Eligible and active highly privileged role assignments SHALL trigger an alert.
# description: |
#   Statement: assigning a highly privileged role, as eligible or as active, SHALL
#   alert the security monitoring team. For every highly privileged role, the PIM
#   rules Notification_Admin_Admin_Eligibility (members assigned as eligible) and
#   Notification_Admin_Admin_Assignment (members assigned as active) must alert.
#
#   An alert is configured when the notification rule's notificationRecipients lists
#   at least one additional recipient (the security monitoring mailbox) and its
#   notificationLevel is not None; the default recipients alone do not count, as the
#   baseline asks for the monitoring mailbox.
#
#   PIM settings come from the role's PIM policy (roles.policyAssignments,
#   policy.rules). A group that holds a highly privileged role (active or eligible) and is
#   governed by PIM for groups is a second way to get it: the baseline asks for the
#   same settings on the group's member policy, and its eligible owners (who can add
#   members) activate under the owner policy, so each of those
#   (roles.groupPolicyAssignments) is judged the same way (lib.pim_groups). Needs
#   Microsoft Entra ID P2 (a third-party PAM system is an alternative the snapshot
#   cannot see: use a waiver).
# custom:
#   id: MS.AAD.7.7v1
#   severity: medium
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.7v1]
#   remediation: |
#     For each highly privileged role: Privileged Identity Management > Microsoft Entra
#     roles > Roles > (role) > Settings > Edit > Notification: under "Send notifications
#     when members are assigned as eligible" and "... assigned as active", Role
#     assignment alert > Additional recipients: the security monitoring mailbox; Update.
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
package entra.scuba.aad.ms_aad_7_7

import data.lib.pim_groups
import data.lib.result
import data.lib.roles

_keys := ["roles.policyAssignments"]

_rules := {
	"Notification_Admin_Admin_Eligibility": "eligible",
	"Notification_Admin_Admin_Assignment": "active",
}

findings contains f if some f in roles.pim_findings(_keys, "Alerting on privileged role assignments")

missing contains m if {
	roles.pim_ready(_keys)
	some m in roles.policy_missing(roles.highly_privileged_ids, {id: ["notificationLevel", "notificationRecipients"] | some id, _ in _rules})
}

findings contains roles.policy_finding(
	role,
	sprintf("Assigning %s as %s sends no alert to an additional recipient", [roles.role_name(role), kind]),
) if {
	roles.pim_ready(_keys)
	some role in roles.highly_privileged_ids
	some rule_id, kind in _rules
	not roles.alerting(role, rule_id)
}

evidence contains result.evidence_for(
	"roles.policyAssignments",
	roles.policy_assignment(role),
	sprintf("%s assignments raise alerts", [roles.role_name(role)]),
) if {
	roles.pim_ready(_keys)
	some role in roles.highly_privileged_ids
	every rule_id, _ in _rules {
		roles.alerting(role, rule_id)
	}
}

_paths := pim_groups.paths(roles.highly_privileged_ids)

missing contains m if {
	roles.pim_ready(_keys)
	some m in pim_groups.missing_entries(_paths, {id: ["notificationLevel", "notificationRecipients"] | some id, _ in _rules})
}

findings contains f if {
	roles.pim_ready(_keys)
	some f in pim_groups.not_collected_findings(roles.highly_privileged_ids)
}

_whom := {"member": "members", "owner": "owners"}

findings contains pim_groups.finding(
	path,
	sprintf("Assigning %s of %s as %s sends no alert to an additional recipient", [
		_whom[path.access], pim_groups.group_text(path), kind,
	]),
	rule_id,
) if {
	roles.pim_ready(_keys)
	some path in _paths
	some rule_id, kind in _rules
	not pim_groups.alerting(path, rule_id)
}

evidence contains result.evidence_for(
	"roles.groupPolicyAssignments",
	pim_groups.policy(path),
	sprintf("Assigning %s of %s raises alerts", [_whom[path.access], pim_groups.group_text(path)]),
) if {
	roles.pim_ready(_keys)
	some path in _paths
	every rule_id, _ in _rules {
		pim_groups.alerting(path, rule_id)
	}
}
