# METADATA
# title: Privileged users SHALL be provisioned with finer-grained roles instead of Global Administrator.
# description: |
#   Statement: privileged users SHALL get finer-grained roles rather than Global
#   Administrator. The baseline's ratio: X = users holding Global Administrator /
#   users holding only other highly privileged roles (a user with both counts as a
#   Global Administrator); passes when X <= 1. With no user in other highly
#   privileged roles the ratio cannot be computed and the control fails.
#
#   Role holders (lib.roles): users assigned the role actively (roles.assignments,
#   PIM assignment schedule instances) or as eligible (PIM eligibility schedule
#   instances), directly or through a group whose members come from PIM for groups;
#   each user counts once. Members of role-holding groups that are not enrolled in
#   PIM for groups are not in the snapshot and are not counted. When a PIM resource
#   was not collected for another reason than a missing licence (e.g. a missing
#   permission), the result would be incomplete, so that is a finding.
# custom:
#   id: MS.AAD.7.2v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.2v1]
#   remediation: |
#     Give privileged users the least-privileged built-in role that covers their tasks
#     (Exchange, SharePoint, User, Application Administrator, ...) and remove their
#     Global Administrator assignments so that Global Administrators are at most as many
#     as the users of other highly privileged roles.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/delegate-by-task
#   requires:
#     - roles.assignments
#     - principals.users
#     - principals.groups
#   reads:
#     - roles.assignments.principalId
#     - roles.assignments.roleDefinitionId
#     - roles.assignmentScheduleInstances.principalId
#     - roles.assignmentScheduleInstances.roleDefinitionId
#     - roles.eligibilityScheduleInstances.principalId
#     - roles.eligibilityScheduleInstances.roleDefinitionId
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupAssignmentScheduleInstances.principalId
#     - roles.groupAssignmentScheduleInstances.accessId
#     - roles.groupEligibilityScheduleInstances.groupId
#     - roles.groupEligibilityScheduleInstances.principalId
#     - roles.groupEligibilityScheduleInstances.accessId
#     - principals.users.id
#     - principals.groups.id
#     - principals.groups.members: absent is no inline members list (the members known are those of PIM for groups)
package entra.scuba.aad.ms_aad_7_2

import data.lib.result
import data.lib.roles

_optional := [
	"roles.assignmentScheduleInstances", "roles.eligibilityScheduleInstances",
	"roles.groupAssignmentScheduleInstances", "roles.groupEligibilityScheduleInstances",
]

missing contains m if some m in roles.missing_in_data(roles.grant_fields)

findings contains roles.not_collected_finding(k) if {
	some k in _optional
	not object.get(input, ["collection", k, "status"], "") in {"collected", "license_required"}
}

_admins := roles.role_users(roles.global_administrator)

_others := roles.privileged_users - _admins

_summary := {
	"globalAdministrators": sort([roles.principal_label(u) | some u in _admins]),
	"otherPrivilegedUsers": sort([roles.principal_label(u) | some u in _others]),
}

findings contains result.tenant_finding(
	"roles.assignments",
	sprintf("%d users hold Global Administrator and %d other highly privileged roles: the ratio is above 1", [
		count(_admins), count(_others),
	]),
	_summary,
) if {
	count(_admins) > count(_others)
}

findings contains result.tenant_finding(
	"roles.assignments",
	"No user holds a highly privileged role other than Global Administrator: the ratio cannot be computed",
	_summary,
) if {
	count(_others) == 0
	count(_admins) <= count(_others)
}

evidence contains result.evidence_for(
	"roles.assignments",
	{"id": roles.global_administrator, "displayName": "Global Administrator"},
	sprintf("%d Global Administrators for %d users in other highly privileged roles", [count(_admins), count(_others)]),
) if {
	count(_others) > 0
	count(_admins) <= count(_others)
}
