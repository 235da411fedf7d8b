# METADATA
# title: A new active assignment of a highly privileged role SHALL be time-bound and made through PIM.
# description: |
#   Standing privilege granted since the approved baseline is how persistence looks after a takeover,
#   and how a "temporary" exception becomes permanent. The highly privileged roles are lib.roles'
#   highly_privileged list, the one the SCuBA role controls (MS.AAD.7.x) use: Global, Privileged Role,
#   User, SharePoint, Exchange, Hybrid Identity, Application and Cloud Application Administrator.
#   Each active assignment of one of them added since the baseline (roles.assignments) fails when it is
#   permanent or made outside PIM, judged as MS.AAD.7.4v1 and MS.AAD.7.5v1 judge them, from its live PIM
#   schedule instance (roles.assignmentScheduleInstances, matched by roleAssignmentOriginId, or by
#   principal, role and scope): no schedule instance (made outside PIM, permanent), a schedule instance
#   without startDateTime (made outside PIM) or without endDateTime (permanent). An added schedule
#   instance that matches no added assignment (roles.assignmentScheduleInstances, when the comparison
#   covers it) is judged the same way. Activations of eligible assignments (assignmentType Activated)
#   and time-bound PIM assignments pass. Without Entra ID P2 there is no PIM
#   (roles.assignmentScheduleInstances license_required): every new assignment is then permanent and
#   fails. When the schedule instances were not collected for another reason, each new assignment
#   fails saying it could not be checked. Eligible assignments are not active and are not judged here.
#   Needs a baseline (--baseline DIR).
# custom:
#   id: EA.DRIFT.3v1
#   severity: critical
#   family: drift
#   frameworks:
#     cisa-scuba: [MS.AAD.7.4v1, MS.AAD.7.5v1]
#   remediation: |
#     Entra admin center > Identity Governance > Privileged Identity Management > Microsoft Entra roles >
#     Assignments: remove the new assignment and, if the access is approved, make the principal eligible
#     (or give the active assignment an end date) through PIM. Find who made it in the audit log
#     (Audit logs, Category: RoleManagement) and investigate an unexpected one as a possible compromise.
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-how-to-add-role-to-user
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices
#   requires:
#     - principals.users
#     - principals.groups
#   compares:
#     - roles.assignments
package entra.controls.drift.privileged_assignments

import data.lib.drift
import data.lib.principals
import data.lib.roles

_instances := "roles.assignmentScheduleInstances"

_pim_status := object.get(input, ["collection", _instances, "status"], "missing from the snapshot")

_privileged(a) if a.roleDefinitionId in roles.highly_privileged_ids

# _instance is the live PIM schedule instance of an active assignment.
_instance(a) := i if {
	some i in roles.assignment_instances
	i.roleAssignmentOriginId == a.id
} else := i if {
	some i in roles.assignment_instances
	_same(i, a)
}

_same(x, y) if {
	x.principalId == y.principalId
	x.roleDefinitionId == y.roleDefinitionId
	object.get(x, "directoryScopeId", "/") == object.get(y, "directoryScopeId", "/")
}

_no_start(i) if object.get(i, "startDateTime", null) == null

# _how says why a new assignment fails; undefined when it is time-bound and made through PIM.
_how(a) := how if {
	_pim_status == "collected"
	how := _how_instance(_instance(a))
}

_how(a) := "a permanent active assignment made outside PIM (no PIM schedule for it)" if {
	_pim_status == "collected"
	not _instance(a)
}

_how(_) := "a permanent active assignment (the tenant has no PIM: Microsoft Entra ID P2)" if {
	_pim_status == "license_required"
}

_how(_) := sprintf("an active assignment that cannot be checked against PIM: %s was not collected (%s)", [
	_instances,
	_pim_status,
]) if {
	not _pim_status in {"collected", "license_required"}
}

_how_instance(i) := "a permanent active assignment made outside PIM (its PIM schedule has no start or end date)" if {
	_no_start(i)
	roles.permanent(i)
} else := "an active assignment made outside PIM (its PIM schedule has no start date)" if {
	_no_start(i)
} else := "a permanent active assignment (its PIM schedule has no end date)" if {
	roles.permanent(i)
	i.assignmentType != "Activated"
}

_message(a, how) := sprintf("%s was given %s since %s, which does not grant it: %s.", [
	principals.subject(a.principalId),
	roles.role_name(a.roleDefinitionId),
	drift.baseline,
	how,
])

_evidence(a) := {
	"principalId": a.principalId,
	"roleDefinitionId": a.roleDefinitionId,
	"directoryScopeId": object.get(a, "directoryScopeId", "/"),
}

findings contains drift.finding(c, _message(c.after, how), _evidence(c.after)) if {
	some c in drift.added("roles.assignments")
	_privileged(c.after)
	how := _how(c.after)
}

# A schedule instance added without an added assignment to go with it.
_paired(i) if {
	some c in drift.added("roles.assignments")
	c.after.id == i.roleAssignmentOriginId
}

_paired(i) if {
	some c in drift.added("roles.assignments")
	_same(c.after, i)
}

findings contains drift.finding(c, _message(c.after, how), _evidence(c.after)) if {
	drift.compared(_instances)
	some c in drift.added(_instances)
	_privileged(c.after)
	not _paired(c.after)
	how := _how_instance(c.after)
}
