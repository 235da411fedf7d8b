# METADATA
# title: Activating a privileged role in PIM SHALL require MFA or an authentication context.
# description: |
#   Activation is the moment a standing-free design hands out privilege; without a fresh MFA challenge a
#   stolen session cookie is enough to activate Global Administrator. The PIM policy of each privileged
#   role passes when its Enablement_EndUser_Assignment rule lists MultiFactorAuthentication, or its
#   AuthenticationContext_EndUser_Assignment rule is enabled (Conditional Access then decides, e.g.
#   phishing-resistant MFA). PIM needs Entra ID P2: without it the control fails and names the licence.
#   A group that holds a privileged role and is governed by PIM for groups is a
#   second way to activate it: the group's member policy (and, when it has eligible
#   owners, its owner policy) in roles.groupPolicyAssignments is judged the same way
#   (lib.pim_groups), and a finding names the group, its roles and the rule.
# custom:
#   id: EA.ROLE.5v1
#   severity: high
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Identity governance > Privileged Identity Management > Microsoft Entra roles >
#     Settings > <role> > Edit > Activation: select "On activation, require: Azure MFA" or a Conditional
#     Access authentication context.
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
#     - roles.groupPolicyAssignments.policy.rules[].isEnabled
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].enabledRules
#     - roles.policyAssignments.policy.rules[].isEnabled
#     - roles.definitions.isPrivileged: absent is not flagged privileged (the built-in roles Microsoft labels privileged count by template id)
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.controls.roles.pim_activation_mfa

import data.lib.entra_roles as roles
import data.lib.pim_groups
import data.lib.result
import data.lib.tenant

_requires_mfa(p) if "MultiFactorAuthentication" in roles.pim_rule(p, "Enablement_EndUser_Assignment").enabledRules

_requires_mfa(p) if roles.pim_rule(p, "AuthenticationContext_EndUser_Assignment").isEnabled == true

missing contains m if {
	tenant.has_p2
	some m in roles.pim_missing({"Enablement_EndUser_Assignment": ["enabledRules"], "AuthenticationContext_EndUser_Assignment": ["isEnabled"]})
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
	not _requires_mfa(p)
	f := result.finding_with(
		"roles.policyAssignments", p,
		sprintf("Activating %s does not require MFA.", [roles.role_name(p.roleDefinitionId)]),
		{"roleDefinitionId": p.roleDefinitionId},
	)
}

evidence contains e if {
	some p in object.get(input, ["roles", "policyAssignments"], [])
	roles.is_privileged(p.roleDefinitionId)
	_requires_mfa(p)
	e := result.evidence_for(
		"roles.policyAssignments", p,
		sprintf("Activating %s requires MFA.", [roles.role_name(p.roleDefinitionId)]),
	)
}

missing contains m if {
	tenant.has_p2
	some m in pim_groups.missing_entries(
		roles.pim_group_paths,
		{"Enablement_EndUser_Assignment": ["enabledRules"], "AuthenticationContext_EndUser_Assignment": ["isEnabled"]},
	)
}

findings contains f if {
	tenant.has_p2
	some f in roles.pim_group_not_collected
}

# _group_ok is a separate rule so that a path without a policy fails
# (a negated call on an undefined policy would be undefined, not true).
_group_ok(path) if _requires_mfa(pim_groups.policy(path))

findings contains pim_groups.finding(
	path,
	sprintf("%s without MFA", [pim_groups.describe(path)]),
	"Enablement_EndUser_Assignment",
) if {
	tenant.has_p2
	some path in roles.pim_group_paths
	not _group_ok(path)
}

evidence contains result.evidence_for(
	"roles.groupPolicyAssignments", pim_groups.policy(path),
	sprintf("%s with MFA.", [pim_groups.describe(path)]),
) if {
	tenant.has_p2
	some path in roles.pim_group_paths
	_group_ok(path)
}
