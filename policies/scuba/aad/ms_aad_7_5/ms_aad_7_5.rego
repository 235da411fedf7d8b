# METADATA
# title: Provisioning users to highly privileged roles SHALL NOT occur outside of a PAM system.
# description: |
#   Statement: highly privileged roles SHALL be assigned only through a PAM system
#   (PIM), so that its policies and monitoring apply. Interpretation (the baseline's
#   check is an active assignment whose start time is "-" in PIM): a finding is an
#   active assignment of a highly privileged role that PIM has no schedule for (a
#   roles.assignments entry without matching roles.assignmentScheduleInstances entry,
#   matched by roleAssignmentOriginId or by principal, role and scope) or whose PIM
#   schedule instance has no startDateTime. Needs Microsoft Entra ID P2 for PIM (a
#   third-party PAM system is an alternative the snapshot cannot see: use a waiver).
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
#     - roles.assignmentScheduleInstances.roleAssignmentOriginId: absent is matched to its assignment by principal, role and scope
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_7_5

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
		roles.principal_label(a.principalId), roles.role_name(a.roleDefinitionId),
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
		roles.principal_label(i.principalId), roles.role_name(i.roleDefinitionId),
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
