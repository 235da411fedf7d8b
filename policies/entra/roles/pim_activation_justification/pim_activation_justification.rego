# METADATA
# title: Activating a privileged role in PIM SHALL require a justification.
# description: |
#   A justification ties each activation to a reason that reviewers and incident responders can check
#   against the audit log. The PIM policy of each privileged role fails unless its
#   Enablement_EndUser_Assignment rule lists Justification. PIM needs Entra ID P2: without it the control
#   fails and names the licence.
#   A group that holds a privileged role and is governed by PIM for groups is a
#   second way to activate it: the group's member policy (and, when it has eligible
#   owners, its owner policy) in roles.groupPolicyAssignments is judged the same way
#   (lib.pim_groups), and a finding names the group, its roles and the rule.
# custom:
#   id: EA.ROLE.6v1
#   severity: medium
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Identity governance > Privileged Identity Management > Microsoft Entra roles >
#     Settings > <role> > Edit > Activation: select "Require justification on activation".
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings
#   requires:
#     - roles.policyAssignments
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
#     - principals.groups.id
#     - roles.groupPolicyAssignments.policy.rules[].enabledRules
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].enabledRules
#     - roles.definitions.isPrivileged: absent is not flagged privileged (the built-in roles Microsoft labels privileged count by template id)
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.controls.roles.pim_activation_justification

import data.lib.entra_roles as roles
import data.lib.pim_groups
import data.lib.result
import data.lib.tenant

_requires_justification(p) if "Justification" in roles.pim_rule(p, "Enablement_EndUser_Assignment").enabledRules

missing contains m if {
	tenant.has_p2
	some m in roles.pim_missing({"Enablement_EndUser_Assignment": ["enabledRules"]})
}

findings contains f if {
	not tenant.has_p2
	f := result.tenant_finding(
		"tenant.subscribedSkus",
		sprintf("PIM activation settings need %s, which the tenant does not have.", [tenant.p2_license]),
		{"license": tenant.p2_license},
	)
}

findings contains f if {
	some p in object.get(input, ["roles", "policyAssignments"], [])
	roles.is_privileged(p.roleDefinitionId)
	not _requires_justification(p)
	f := result.finding_with(
		"roles.policyAssignments", p,
		sprintf("Activating %s does not require a justification.", [roles.role_name(p.roleDefinitionId)]),
		{"roleDefinitionId": p.roleDefinitionId},
	)
}

missing contains m if {
	tenant.has_p2
	some m in pim_groups.missing_entries(roles.pim_group_paths, {"Enablement_EndUser_Assignment": ["enabledRules"]})
}

findings contains f if {
	tenant.has_p2
	some f in roles.pim_group_not_collected
}

# _group_ok is a separate rule so that a path without a policy fails
# (a negated call on an undefined policy would be undefined, not true).
_group_ok(path) if _requires_justification(pim_groups.policy(path))

findings contains pim_groups.finding(
	path,
	sprintf("%s without a justification", [pim_groups.describe(path)]),
	"Enablement_EndUser_Assignment",
) if {
	tenant.has_p2
	some path in roles.pim_group_paths
	not _group_ok(path)
}
