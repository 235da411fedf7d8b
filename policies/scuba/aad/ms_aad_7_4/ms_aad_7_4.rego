# METADATA
# title: Permanent active role assignments SHALL NOT be allowed for highly privileged roles.
# description: |
#   Statement: highly privileged roles SHALL NOT be held through permanent active
#   assignments; access should be eligible and activated just in time. A finding is
#   an active assignment of a highly privileged role without end date: a PIM
#   assignment schedule instance with endDateTime null, or a role assignment with no
#   PIM schedule at all. Exceptions, as in the baseline: principals declared in the
#   config's roleExclusions for this control (users, groups), break-glass users and
#   groups declared in breakGlass (emergency access accounts are the baseline's first
#   exception), and groups enrolled in PIM for groups (their members activate through
#   PIM). Needs Microsoft Entra ID P2 for PIM (a third-party PAM system is an
#   alternative the snapshot cannot see: use a waiver).
# custom:
#   id: MS.AAD.7.4v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.4v1]
#     cis-m365: ["5.3.1"]
#   remediation: |
#     Entra admin center > Identity Governance > Privileged Identity Management >
#     Microsoft Entra roles > Assignments: convert permanent active assignments of highly
#     privileged roles into eligible (or time-bound) ones; declare emergency access and
#     service accounts that must stay permanent in entra-audit.yaml (breakGlass.users or
#     controls.MS.AAD.7.4v1.roleExclusions).
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-configure
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
#     - roles.assignmentScheduleInstances.endDateTime
#     - roles.assignmentScheduleInstances.roleAssignmentOriginId: absent is matched to its assignment by principal, role and scope
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupEligibilityScheduleInstances.groupId
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.scuba.aad.ms_aad_7_4

import data.lib.config
import data.lib.principals
import data.lib.result
import data.lib.roles

_keys := ["roles.assignmentScheduleInstances", "roles.groupAssignmentScheduleInstances"]

findings contains f if some f in roles.pim_findings(_keys, "Judging permanent role assignments")

_fields := {
	"roles.assignments": ["principalId", "roleDefinitionId", "directoryScopeId"],
	"roles.assignmentScheduleInstances": ["principalId", "roleDefinitionId", "directoryScopeId", "endDateTime"],
	"roles.groupAssignmentScheduleInstances": ["groupId"],
	"roles.groupEligibilityScheduleInstances": ["groupId"],
}

missing contains m if {
	roles.pim_ready(_keys)
	some m in roles.missing_in_data(_fields)
}

_declared := {p |
	some declared in [
		config.role_exclusions(rego.metadata.chain()).users,
		config.role_exclusions(rego.metadata.chain()).groups,
		config.break_glass_users,
		config.break_glass_groups,
	]
	some p in declared
}

_allowed(principal) if principal in _declared

_allowed(principal) if roles.has_group_instances(principal)

_message(a) := sprintf("%s holds %s through a permanent active assignment and is not declared in config", [
	principals.subject(a.principalId), roles.role_name(a.roleDefinitionId),
])

findings contains result.finding_with("roles.assignmentScheduleInstances", i, _message(i), {
	"principalId": i.principalId, "roleDefinitionId": i.roleDefinitionId, "endDateTime": null,
}) if {
	roles.pim_ready(_keys)
	some i in roles.assignment_instances
	i.roleDefinitionId in roles.highly_privileged_ids
	roles.permanent(i)
	not _allowed(i.principalId)
}

findings contains result.finding_with("roles.assignments", a, _message(a), {
	"principalId": a.principalId, "roleDefinitionId": a.roleDefinitionId, "pimSchedule": null,
}) if {
	roles.pim_ready(_keys)
	some a in roles.assignments
	a.roleDefinitionId in roles.highly_privileged_ids
	not roles.has_instance(a)
	not _allowed(a.principalId)
}

evidence contains result.evidence_for(
	"roles.assignmentScheduleInstances",
	i,
	sprintf("%s: permanent assignment of %s is declared", [
		roles.role_name(i.roleDefinitionId),
		principals.label(i.principalId),
	]),
) if {
	roles.pim_ready(_keys)
	some i in roles.assignment_instances
	i.roleDefinitionId in roles.highly_privileged_ids
	roles.permanent(i)
	_allowed(i.principalId)
}
