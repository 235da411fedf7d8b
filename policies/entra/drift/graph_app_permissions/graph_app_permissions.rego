# METADATA
# title: No app SHALL be granted a high-risk Microsoft Graph application permission the baseline does not grant.
# description: |
#   A high-risk Graph application permission granted since the approved baseline is a new way to write to
#   every user, group, policy or mailbox, or straight to Global Administrator, without a signed-in user,
#   MFA or Conditional Access: a common persistence step after an app or admin account is taken over.
#   High-risk = lib.entra_graph's high_risk_permissions (Directory.ReadWrite.All, User.ReadWrite.All,
#   Group.ReadWrite.All, Policy.ReadWrite.ConditionalAccess, Mail.Send, Files.ReadWrite.All, ...) and its
#   escalation_permissions (RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All,
#   Application.ReadWrite.All). Each Microsoft Graph app role assignment added since the baseline
#   (apps.appRoleAssignments) that grants one of them fails; names come from the Graph service
#   principal's appRoles (apps.servicePrincipals), else from Graph's fixed ids. Assignments removed, and
#   new assignments of other permissions, pass. Delegated grants are EA.DRIFT.8v1's, so that a tenant
#   whose delegated grants cannot be read still has its application permissions judged. Needs a baseline
#   (--baseline DIR).
# custom:
#   id: EA.DRIFT.6v1
#   severity: high
#   family: drift
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <app> > Permissions: revoke the new permission, then find
#     who granted it in the audit log (Audit logs, Category: ApplicationManagement, "Add app role assignment
#     to service principal"). If it was approved, commit a new baseline.
#   references:
#     - https://learn.microsoft.com/en-us/graph/permissions-reference
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions
#   requires:
#     - apps.servicePrincipals
#   compares:
#     - apps.appRoleAssignments
package entra.controls.drift.graph_app_permissions

import data.lib.drift
import data.lib.entra_graph as graph
import data.lib.principals as principals

_risky := graph.high_risk_permissions | graph.escalation_permissions

# _app names a service principal: from the snapshot, else as the assignment names it.
_app(a) := principals.subject(a.principalId) if principals.resolved(a.principalId)

else := a.principalDisplayName if {
	is_string(a.principalDisplayName)
	a.principalDisplayName != ""
} else := a.principalId

findings contains drift.finding(
	c, sprintf(
		"%s was granted the Graph application permission %s since %s, which does not grant it.",
		[_app(a), permission, drift.baseline],
	),
	{"servicePrincipalId": a.principalId, "permission": permission, "appRoleId": a.appRoleId},
) if {
	some c in drift.added("apps.appRoleAssignments")
	a := c.after
	permission := graph.permission(a)
	permission in _risky
}
