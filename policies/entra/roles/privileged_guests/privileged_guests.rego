# METADATA
# title: Guest users SHALL NOT hold privileged Entra roles.
# description: |
#   A guest's password, MFA and account lifecycle are run by another organization, and guests often outlive
#   the engagement they were invited for. Each active or eligible assignment of a privileged role (Microsoft's
#   "privileged" label, see lib.entra_roles) to a guest user (userType Guest or an #EXT# user principal name
#   in principals.users) fails, whether held directly or as a member of a role-assignable group that holds
#   the role (members known from PIM for groups). Eligible assignments are read when
#   roles.eligibilityScheduleInstances was collected (Entra ID P2).
# custom:
#   id: EA.ROLE.1v1
#   severity: high
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Roles & admins > <role> > Assignments (Active and Eligible): remove the guest.
#     Give the work to a member account of your own organization, eligible through PIM.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices
#   requires:
#     - roles.assignments
#     - principals.users
#   reads:
#     - roles.assignments.principalId
#     - roles.assignments.roleDefinitionId
#     - roles.eligibilityScheduleInstances.principalId
#     - roles.eligibilityScheduleInstances.roleDefinitionId
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupAssignmentScheduleInstances.principalId
#     - roles.groupAssignmentScheduleInstances.accessId
#     - roles.groupEligibilityScheduleInstances.groupId
#     - roles.groupEligibilityScheduleInstances.principalId
#     - roles.groupEligibilityScheduleInstances.accessId
#     - roles.definitions.isPrivileged: absent is not flagged privileged (the built-in roles Microsoft labels privileged count by template id)
#     - principals.groups.members: absent is no inline members list (the members known are those of PIM for groups)
#     - principals.users.userType
#     - principals.users.userPrincipalName
package entra.controls.roles.privileged_guests

import data.lib.entra_roles as roles
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in roles.holdings_missing

missing contains m if {
	some h in roles.privileged_holdings
	some m in principals.user_missing(h.principalId, ["userType", "userPrincipalName"])
}

findings contains f if {
	some h in roles.privileged_holdings
	principals.is_guest(h.principalId)
	f := result.finding_with(
		h.type, h.object,
		sprintf("Guest %s holds %s (%s).", [
			principals.label(h.principalId),
			roles.role_name(h.object.roleDefinitionId), h.kind,
		]),
		{"principalId": h.principalId, "roleDefinitionId": h.object.roleDefinitionId, "assignment": h.kind},
	)
}
