# METADATA
# title: Privileged role activations in PIM SHALL last at most 8 hours.
# description: |
#   The activation duration is how long privilege stays on after one approval and one MFA; 8 hours (the
#   service default, a working day) is our ceiling, stricter roles may use less. The PIM policy of each
#   privileged role fails when the maximumDuration of its Expiration_EndUser_Assignment rule exceeds PT8H,
#   or cannot be read. PIM needs Entra ID P2: without it the control fails and names the licence.
#   A group that holds a privileged role and is governed by PIM for groups is a
#   second way to activate it: the group's member policy (and, when it has eligible
#   owners, its owner policy) in roles.groupPolicyAssignments is judged the same way
#   (lib.pim_groups), and a finding names the group, its roles and the rule.
# custom:
#   id: EA.ROLE.7v1
#   severity: medium
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Identity governance > Privileged Identity Management > Microsoft Entra roles >
#     Settings > <role> > Edit > Activation: set "Activation maximum duration (hours)" to 8 or less.
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
#     - roles.groupPolicyAssignments.policy.rules[].maximumDuration
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].maximumDuration
#     - roles.definitions.isPrivileged: absent is not flagged privileged (the built-in roles Microsoft labels privileged count by template id)
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.controls.roles.pim_activation_duration

import data.lib.entra_roles as roles
import data.lib.entra_time
import data.lib.pim_groups
import data.lib.result
import data.lib.tenant

_ceiling_minutes := 480

_duration(p) := d if {
	d := roles.pim_rule(p, "Expiration_EndUser_Assignment").maximumDuration
} else := "missing"

_within_ceiling(p) if entra_time.duration_minutes(_duration(p)) <= _ceiling_minutes

missing contains m if {
	tenant.has_p2
	some m in roles.pim_missing({"Expiration_EndUser_Assignment": ["maximumDuration"]})
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
	not _within_ceiling(p)
	f := result.finding_with(
		"roles.policyAssignments", p,
		sprintf("Activating %s lasts up to %s, above PT8H.", [roles.role_name(p.roleDefinitionId), _duration(p)]),
		{"roleDefinitionId": p.roleDefinitionId, "maximumDuration": _duration(p)},
	)
}

evidence contains e if {
	some p in object.get(input, ["roles", "policyAssignments"], [])
	roles.is_privileged(p.roleDefinitionId)
	_within_ceiling(p)
	e := result.evidence_for(
		"roles.policyAssignments", p,
		sprintf("Activating %s lasts at most %s.", [roles.role_name(p.roleDefinitionId), _duration(p)]),
	)
}

missing contains m if {
	tenant.has_p2
	some m in pim_groups.missing_entries(roles.pim_group_paths, {"Expiration_EndUser_Assignment": ["maximumDuration"]})
}

findings contains f if {
	tenant.has_p2
	some f in roles.pim_group_not_collected
}

# _group_ok is a separate rule so that a path without a policy fails
# (a negated call on an undefined policy would be undefined, not true).
_group_ok(path) if _within_ceiling(pim_groups.policy(path))

_group_duration(path) := _duration(pim_groups.policy(path)) if pim_groups.policy(path)

else := "missing"

findings contains pim_groups.finding(
	path,
	sprintf("%s for up to %s, above PT8H", [pim_groups.describe(path), _group_duration(path)]),
	"Expiration_EndUser_Assignment",
) if {
	tenant.has_p2
	some path in roles.pim_group_paths
	not _group_ok(path)
}

evidence contains result.evidence_for(
	"roles.groupPolicyAssignments", pim_groups.policy(path),
	sprintf("%s for at most %s.", [pim_groups.describe(path), _group_duration(path)]),
) if {
	tenant.has_p2
	some path in roles.pim_group_paths
	_group_ok(path)
}
