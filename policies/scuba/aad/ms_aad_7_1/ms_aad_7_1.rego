# METADATA
# title: A minimum of two users and a maximum of eight users SHALL be provisioned with the Global Administrator role.
# description: |
#   Statement: two to eight users SHALL hold Global Administrator, enough for
#   emergency access and few enough to limit exposure. Counts the distinct users
#   holding the role, active or eligible, directly or through groups.
#
#   Role holders (lib.roles): users assigned the role actively (roles.assignments,
#   PIM assignment schedule instances) or as eligible (PIM eligibility schedule
#   instances), directly or through a group whose members come from PIM for groups;
#   each user counts once. Members of role-holding groups that are not enrolled in
#   PIM for groups are not in the snapshot and are not counted. Only users count, as
#   the baseline asks for users: a service principal holding Global Administrator is
#   counted by MS.AAD.7.2v1 and reported by EA.ROLE.2v1. A holder that no resource of
#   the snapshot resolves (principals.directoryObjects unresolved: deleted, or
#   unreadable by the token) may be a user: it is named "could not be resolved", and
#   when counting it would take the total above eight the control fails. When a PIM resource
#   was not collected for another reason than a missing licence (e.g. a missing
#   permission), the result would be incomplete, so that is a finding.
# custom:
#   id: MS.AAD.7.1v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.1v1]
#     cis-m365: ["1.1.3"]
#   remediation: |
#     Entra admin center > Roles & admins > Global Administrator: keep between two and
#     eight users (eligible and active, including group members); move the others to
#     finer-grained roles.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices
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
package entra.scuba.aad.ms_aad_7_1

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

_admins := roles.role_users(roles.global_administrator)

_unresolved := {p | some p in roles.role_holders(roles.global_administrator); not principals.resolved(p)}

_unresolved_text := "1 more holder could not be resolved: if it is a user" if {
	count(_unresolved) == 1
} else := sprintf("%d more holders could not be resolved: if they are users", [count(_unresolved)])

_summary := {
	"globalAdministrators": sort([principals.label(u) | some u in _admins]),
	"unresolved": sort([principals.label(p) | some p in _unresolved]),
}

findings contains result.tenant_finding(
	"roles.assignments",
	sprintf("%d users hold the Global Administrator role; the baseline requires 2 to 8", [count(_admins)]),
	_summary,
) if {
	not count(_admins) in numbers.range(2, 8)
}

findings contains result.tenant_finding(
	"roles.assignments",
	sprintf("%d users hold the Global Administrator role and %s, more than 8 do", [count(_admins), _unresolved_text]),
	_summary,
) if {
	count(_admins) in numbers.range(2, 8)
	count(_admins) + count(_unresolved) > 8
}

evidence contains result.evidence_for("principals.users", roles.users_by_id[u], "holds Global Administrator") if {
	(count(_admins) + count(_unresolved)) in numbers.range(2, 8)
	count(_admins) >= 2
	some u in _admins
}
