# METADATA
# title: Privileged users SHALL be provisioned cloud-only accounts separate from an on-premises directory or other federated identity providers.
# description: |
#   Statement: users holding highly privileged roles SHALL be cloud-only, so that a
#   compromised on-premises directory or federation server cannot be used to reach
#   them. A privileged user is a finding when synchronized from on-premises
#   (onPremisesSyncEnabled true, or an onPremisesImmutableId when the snapshot has
#   it) or, stricter reading of "other federated identity providers", when their
#   user principal name is in a domain federated to another identity provider
#   (tenant.domains authenticationType Federated, when collected).
#
#   Role holders (lib.roles): users assigned the role actively (roles.assignments,
#   PIM assignment schedule instances) or as eligible (PIM eligibility schedule
#   instances), directly or through a group whose members come from PIM for groups;
#   each user counts once. Members of role-holding groups that are not enrolled in
#   PIM for groups are not in the snapshot and are not counted. When a PIM resource
#   was not collected for another reason than a missing licence (e.g. a missing
#   permission), the result would be incomplete, so that is a finding.
# custom:
#   id: MS.AAD.7.3v1
#   severity: high
#   family: roles
#   frameworks:
#     cisa-scuba: [MS.AAD.7.3v1]
#     cis-m365: ["1.1.1"]
#   remediation: |
#     Create a cloud-only account (in the tenant's managed onmicrosoft.com or another
#     managed domain) for each privileged user, assign the roles to it and remove them
#     from the synchronized or federated account.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-planning
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
#     - principals.users.onPremisesSyncEnabled
#     - principals.users.userPrincipalName
#     - principals.users.onPremisesImmutableId: absent is not known (the snapshot does not select it; onPremisesSyncEnabled decides)
#     - tenant.domains.id
#     - tenant.domains.authenticationType
package entra.scuba.aad.ms_aad_7_3

import data.lib.principals
import data.lib.props
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

_domains := props.list(object.get(input, ["tenant", "domains"], []))

_federated := {lower(props.str(d.id)) |
	some d in _domains
	d.authenticationType == "Federated"
}

missing contains m if {
	some id in roles.privileged_users
	some m in props.missing_in("principals.users", roles.users_by_id[id], ["onPremisesSyncEnabled", "userPrincipalName"])
}

missing contains m if {
	some d in _domains
	some m in props.missing_in("tenant.domains", d, ["id", "authenticationType"])
}

_domain(u) := lower(parts[count(parts) - 1]) if parts := split(props.str(object.get(u, "userPrincipalName", "")), "@")

_reasons(u) := {r | some r in [_synced(u), _immutable(u), _federated_upn(u)]; r != null}

_synced(u) := "is synchronized from on-premises" if u.onPremisesSyncEnabled == true

else := null

_immutable(u) := "has an on-premises immutable id" if object.get(u, "onPremisesImmutableId", null) != null

else := null

_federated_upn(u) := sprintf("signs in through federated domain %s", [_domain(u)]) if _domain(u) in _federated

else := null

findings contains result.finding_with(
	"principals.users",
	u,
	sprintf("Privileged %s is not cloud-only: %s", [
		principals.label(id), concat(", ", sort(reasons)),
	]),
	{"roles": roles.user_roles(id)},
) if {
	some id in roles.privileged_users
	u := roles.users_by_id[id]
	reasons := _reasons(u)
	count(reasons) > 0
}

evidence contains result.evidence_for("principals.users", roles.users_by_id[id], "privileged user is cloud-only") if {
	some id in roles.privileged_users
	count(_reasons(roles.users_by_id[id])) == 0
}
