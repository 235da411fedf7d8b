# METADATA
# title: Service principals SHALL NOT hold privileged Entra roles.
# description: |
#   A service principal with a privileged directory role exercises it app-only: no MFA, no Conditional Access
#   for users, no PIM activation, and anyone who can add a credential to the app (its owners, Application
#   Administrators) inherits the role. Each active or eligible assignment of a privileged role whose
#   principal is a service principal in apps.servicePrincipals fails. Grant narrowly scoped Graph
#   application permissions instead, or waive a reviewed exception.
# custom:
#   id: EA.ROLE.2v1
#   severity: high
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Roles & admins > <role> > Assignments: remove the service principal; grant the
#     app the least Microsoft Graph application permission it needs (or scope the role to an administrative
#     unit), and restrict who can manage the app's credentials.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-planning
#   requires:
#     - roles.assignments
#     - apps.servicePrincipals
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
#     - apps.servicePrincipals.id
package entra.controls.roles.privileged_service_principals

import data.lib.entra_roles as roles
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in roles.holdings_missing

findings contains f if {
	some h in roles.privileged_holdings
	principals.is_service_principal(h.principalId)
	f := result.finding_with(
		h.type, h.object,
		sprintf("%s holds %s (%s).", [
			principals.subject(h.principalId),
			roles.role_name(h.object.roleDefinitionId), h.kind,
		]),
		{"principalId": h.principalId, "roleDefinitionId": h.object.roleDefinitionId, "assignment": h.kind},
	)
}
