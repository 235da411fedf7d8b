# METADATA
# title: Service principals SHOULD NOT hold high-risk Graph application permissions that write tenant-wide.
# description: |
#   Application permissions such as Directory.ReadWrite.All, User.ReadWrite.All, Group.ReadWrite.All,
#   Policy.ReadWrite.ConditionalAccess, UserAuthenticationMethod.ReadWrite.All, Mail.Send or
#   Files.ReadWrite.All act on every user, group, policy or mailbox app-only, without a user, MFA or
#   Conditional Access: they can switch off protections, take over non-admin accounts or exfiltrate data.
#   Each Microsoft Graph app role assignment of one of them to a service principal fails (the permissions
#   that lead straight to Global Administrator are EA.APP.1v1). Names are resolved through the Microsoft
#   Graph service principal's appRoles; without them only Graph's fixed ids for Directory.ReadWrite.All,
#   User.ReadWrite.All and Policy.ReadWrite.ConditionalAccess are recognized. Waive reviewed business needs.
# custom:
#   id: EA.APP.2v1
#   severity: high
#   family: apps
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <app> > Permissions: replace the permission with a
#     narrower one (read-only, or Sites.Selected / Mail scoped with an application access policy), and
#     protect the app's credentials and owners accordingly.
#   references:
#     - https://learn.microsoft.com/en-us/graph/permissions-reference
#   requires:
#     - apps.appRoleAssignments
#     - apps.servicePrincipals
#   reads:
#     - apps.servicePrincipals.appId
#     - apps.servicePrincipals.appRoles[].id
#     - apps.servicePrincipals.appRoles[].value
#     - apps.appRoleAssignments.appRoleId
#     - apps.appRoleAssignments.resourceId
#     - apps.appRoleAssignments.principalId
package entra.controls.apps.graph_high_risk_permissions

import data.lib.entra_graph as graph
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in graph.assignments_missing

findings contains f if {
	some a in object.get(input, ["apps", "appRoleAssignments"], [])
	permission := graph.permission(a)
	permission in graph.high_risk_permissions
	f := result.finding_with(
		"apps.appRoleAssignments", a,
		sprintf("%s holds the Graph application permission %s.", [principals.subject(a.principalId), permission]),
		{"servicePrincipalId": a.principalId, "permission": permission, "appRoleId": a.appRoleId},
	)
}
