# METADATA
# title: Provisioning users to highly privileged roles SHALL NOT occur outside of a PAM system.
# description: |
#   Statement: highly privileged roles SHALL be assigned only through a PAM system
#   (PIM), so that its policies and monitoring apply. Interpretation (the baseline's
#   check is an active assignment whose start time is "-" in PIM): a finding is an
#   active assignment of a highly privileged role that PIM has no schedule for (a
#   roles.assignments entry without matching roles.assignmentScheduleInstances entry,
#   matched by roleAssignmentOriginId or by principal, role and scope) or whose PIM
#   schedule instance has no startDateTime. Through PIM for groups (lib.pim_groups),
#   the same test applies to the active members and owners of a group that holds a
#   highly privileged role: a roles.groupAssignmentScheduleInstances entry of such a
#   group without startDateTime was added outside PIM, and so holds the role outside
#   it. Needs Microsoft Entra ID P2 for PIM (a third-party PAM system is an
#   alternative the snapshot cannot see: use a waiver).
# custom:
#   id: MS.AAD.7.5v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.5v1]
#   remediation: |
#     Remove highly privileged role assignments made outside PIM (Microsoft 365 admin
#     center, PowerShell, Graph) and recreate them in Entra admin center > Identity
#     Governance > Privileged Identity Management > Microsoft Entra roles > Assignments.
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-how-to-add-role-to-user
#   requires:
#     - roles.assignments
#     - principals.users
#     - principals.groups
#     - tenant.subscribedSkus
#   reads:
#     - roles.assignments.principalId
#     - roles.assignments.roleDefinitionId
#     - roles.assignments.directoryScopeId
#     - roles.assignmentScheduleInstances.principalId
#     - roles.assignmentScheduleInstances.roleDefinitionId
#     - roles.assignmentScheduleInstances.directoryScopeId
#     - roles.assignmentScheduleInstances.startDateTime
#     - roles.eligibilityScheduleInstances.principalId
#     - roles.eligibilityScheduleInstances.roleDefinitionId
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupAssignmentScheduleInstances.principalId
#     - roles.groupAssignmentScheduleInstances.accessId
#     - roles.groupAssignmentScheduleInstances.startDateTime
#     - roles.groupEligibilityScheduleInstances.groupId
#     - roles.groupPolicyAssignments.scopeId
#     - principals.groups.id
#     - roles.assignmentScheduleInstances.roleAssignmentOriginId: absent is matched to its assignment by principal, role and scope
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_7_5

import data.lib.pim_groups
import data.lib.principals
import data.lib.props
import data.lib.result
import data.lib.roles

_keys := ["roles.assignmentScheduleInstances"]

findings contains f if some f in roles.pim_findings(_keys, "Judging how privileged roles were provisioned")

_fields := {
	"roles.assignments": ["principalId", "roleDefinitionId", "directoryScopeId"],
	"roles.assignmentScheduleInstances": ["principalId", "roleDefinitionId", "directoryScopeId", "startDateTime"],
}

missing contains m if {
	roles.pim_ready(_keys)
	some m in roles.missing_in_data(_fields)
}

findings contains result.finding_with(
	"roles.assignments",
	a,
	sprintf("%s was given %s outside PIM (no PIM schedule for the assignment)", [
		principals.subject(a.principalId), roles.role_name(a.roleDefinitionId),
	]),
	{"principalId": a.principalId, "roleDefinitionId": a.roleDefinitionId},
) if {
	roles.pim_ready(_keys)
	some a in roles.assignments
	a.roleDefinitionId in roles.highly_privileged_ids
	not roles.has_instance(a)
}

findings contains result.finding_with(
	"roles.assignmentScheduleInstances",
	i,
	sprintf("%s was given %s outside PIM (the assignment has no start time)", [
		principals.subject(i.principalId), roles.role_name(i.roleDefinitionId),
	]),
	{"principalId": i.principalId, "roleDefinitionId": i.roleDefinitionId, "startDateTime": null},
) if {
	roles.pim_ready(_keys)
	some i in roles.assignment_instances
	i.roleDefinitionId in roles.highly_privileged_ids
	object.get(i, "startDateTime", null) == null
}

evidence contains result.evidence_for("roles.assignmentScheduleInstances", i, "assigned through PIM") if {
	roles.pim_ready(_keys)
	some i in roles.assignment_instances
	i.roleDefinitionId in roles.highly_privileged_ids
	object.get(i, "startDateTime", null) != null
}

# ---- through PIM for groups ----

_group_fields := {
	"roles.eligibilityScheduleInstances": ["principalId", "roleDefinitionId"],
	"roles.groupAssignmentScheduleInstances": ["groupId", "principalId", "accessId", "startDateTime"],
	"principals.groups": ["id"],
}

missing contains m if {
	roles.pim_ready(_keys)
	count(_groups) > 0
	some m in roles.missing_in_data(_group_fields)
}

_groups := pim_groups.holders(roles.highly_privileged_ids)

findings contains f if {
	roles.pim_ready(_keys)
	count(_groups) > 0
	not roles.collected("roles.groupAssignmentScheduleInstances")
	f := roles.not_collected_finding("roles.groupAssignmentScheduleInstances")
}

_through(i) := {"groupId": i.groupId, "access": i.accessId, "roles": _groups[i.groupId]}

findings contains result.finding_with(
	"roles.groupAssignmentScheduleInstances",
	i,
	sprintf("%s was made %s of %s outside PIM (the assignment has no start time)", [
		principals.subject(i.principalId), object.get({"member": "a member", "owner": "an owner"}, i.accessId, i.accessId),
		pim_groups.group_text(_through(i)),
	]),
	{"principalId": i.principalId, "groupId": i.groupId, "accessId": i.accessId, "startDateTime": null},
) if {
	roles.pim_ready(_keys)
	some i in props.list(object.get(input, ["roles", "groupAssignmentScheduleInstances"], []))
	_groups[i.groupId]
	object.get(i, "startDateTime", null) == null
}
