# METADATA
# title: Privileged users SHALL be provisioned with finer-grained roles instead of Global Administrator.
# description: |
#   Statement: privileged users SHALL get finer-grained roles rather than Global
#   Administrator. The baseline's ratio: X = holders of Global Administrator /
#   holders of only other highly privileged roles (a holder of both counts as a
#   Global Administrator); passes when X <= 1. With no holder of other highly
#   privileged roles the ratio cannot be computed and the control fails.
#
#   Holders of every type count (lib.roles role_holders): users, service principals
#   and other directory objects assigned the role actively (roles.assignments, PIM
#   assignment schedule instances) or as eligible (PIM eligibility schedule
#   instances), and the members of a group so assigned (PIM for groups, or the
#   group's inline members list); each holder counts once. A service principal with
#   Global Administrator is as much a Global Administrator as a user. A holder that no
#   resource of the snapshot resolves (principals.directoryObjects marks it
#   unresolved: deleted, or unreadable by the token) is named "could not be resolved"
#   in the finding: counted as a Global Administrator when it holds that role (so it
#   can only make the ratio worse) and not counted among the other holders (so it
#   cannot make it better). When a PIM resource was not collected for another reason
#   than a missing licence (e.g. a missing permission), the result would be
#   incomplete, so that is a finding.
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
#     - principals.directoryObjects.id
#     - principals.directoryObjects.unresolved: absent is resolved (the collector marks only what Graph did not return)
#     - apps.servicePrincipals.id
#     - principals.groups.members: absent is no inline members list (the members known are those of PIM for groups)
package entra.scuba.aad.ms_aad_7_2

import data.lib.principals
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

_admins := roles.role_holders(roles.global_administrator)

_others := {p | some p in (roles.privileged_holders - _admins); principals.resolved(p)}

_unresolved := {p | some p in roles.privileged_holders; not principals.resolved(p)}

_summary := {
	"globalAdministrators": sort([principals.label(p) | some p in _admins]),
	"otherPrivilegedHolders": sort([principals.label(p) | some p in _others]),
	"unresolved": sort([principals.label(p) | some p in _unresolved]),
}

# _note tells the reader about holders that could not be resolved.
_note := "" if {
	count(_unresolved) == 0
} else := " (1 holder could not be resolved: counted as a Global Administrator if it holds that role, never as another holder)" if {
	count(_unresolved) == 1
} else := sprintf(" (%d holders could not be resolved: counted as Global Administrators if they hold that role, never as other holders)", [count(_unresolved)])

findings contains result.tenant_finding(
	"roles.assignments",
	sprintf("%d principals hold Global Administrator and %d other highly privileged roles: the ratio is above 1%s", [
		count(_admins), count(_others), _note,
	]),
	_summary,
) if {
	count(_admins) > count(_others)
}

findings contains result.tenant_finding(
	"roles.assignments",
	sprintf("No principal holds a highly privileged role other than Global Administrator: the ratio cannot be computed%s", [_note]),
	_summary,
) if {
	count(_others) == 0
	count(_admins) <= count(_others)
}

evidence contains result.evidence_for(
	"roles.assignments",
	{"id": roles.global_administrator, "displayName": "Global Administrator"},
	sprintf("%d Global Administrators for %d holders of other highly privileged roles%s", [count(_admins), count(_others), _note]),
) if {
	count(_others) > 0
	count(_admins) <= count(_others)
}
