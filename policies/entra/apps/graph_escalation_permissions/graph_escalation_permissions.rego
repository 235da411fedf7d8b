# METADATA
# title: No service principal SHALL hold Graph application permissions that lead to Global Administrator.
# description: |
#   RoleManagement.ReadWrite.Directory assigns any directory role, Global Administrator included;
#   AppRoleAssignment.ReadWrite.All grants any application permission, to itself as well;
#   Application.ReadWrite.All adds credentials to any app that holds such permissions. As application
#   permissions they work app-only, without a user, MFA or Conditional Access, so whoever holds one of the
#   app's credentials can take over the tenant. Each Microsoft Graph app role assignment of one of these
#   permissions to a service principal fails. The permission is resolved by name through the Microsoft Graph
#   service principal's appRoles when present, else by Graph's fixed app role ids.
# custom:
#   id: EA.APP.1v1
#   severity: critical
#   family: apps
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <app> > Permissions: revoke the permission (or
#     Remove-MgServicePrincipalAppRoleAssignment); grant the narrowest permission the app needs (for example
#     RoleManagement.Read.Directory, or an Entra role scoped to an administrative unit), and treat the app's
#     credentials and owners as Tier 0.
#   references:
#     - https://learn.microsoft.com/en-us/graph/permissions-reference
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions
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
package entra.controls.apps.graph_escalation_permissions

import data.lib.entra_graph as graph
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in graph.assignments_missing

findings contains f if {
	some a in object.get(input, ["apps", "appRoleAssignments"], [])
	permission := graph.permission(a)
	permission in graph.escalation_permissions
	f := result.finding_with(
		"apps.appRoleAssignments", a,
		sprintf("%s holds the Graph application permission %s.", [principals.subject(a.principalId), permission]),
		{"servicePrincipalId": a.principalId, "permission": permission, "appRoleId": a.appRoleId},
	)
}
