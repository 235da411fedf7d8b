# METADATA
# title: Guests SHALL NOT hold Azure roles that grant access at management group or subscription scope.
# description: |
#   Owner, User Access Administrator, Role Based Access Control Administrator and custom roles that can
#   write role assignments let their holder give anyone access to everything below the scope. A guest's
#   credentials, MFA and lifecycle are managed by another organization. Each such assignment at root,
#   management group or subscription scope whose principal is a guest user (userType Guest or an #EXT#
#   user principal name in principals.users) fails. Guests reaching the role through a group are not
#   seen: group membership is not in the snapshot.
# custom:
#   id: EA.MC.2v1
#   severity: high
#   family: multicloud
#   frameworks: {}
#   remediation: |
#     Azure portal > Management groups / Subscriptions > <scope> > Access control (IAM) > Role assignments:
#     remove the guest's assignment; give the work to a member account, eligible through PIM for Azure
#     resources.
#   references:
#     - https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices
#   requires:
#     - multicloud.azureRoleAssignments
#     - multicloud.azureRoleDefinitions
#     - principals.users
#   reads:
#     - multicloud.azureRoleAssignments.properties.scope
#     - multicloud.azureRoleAssignments.properties.roleDefinitionId
#     - multicloud.azureRoleAssignments.properties.principalId
#     - multicloud.azureRoleDefinitions.name
#     - multicloud.azureRoleDefinitions.properties.permissions[].actions
#     - multicloud.azureRoleDefinitions.properties.permissions[].notActions
#     - principals.users.userType
#     - principals.users.userPrincipalName
package entra.controls.multicloud.guest_access_admin

import data.lib.entra_azure as azure
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in azure.missing_in_assignments(["scope", "roleDefinitionId", "principalId"])

missing contains m if some m in azure.definitions_missing

missing contains m if {
	some a in azure.assignments
	some m in principals.user_missing(a.properties.principalId, ["userType", "userPrincipalName"])
}

findings contains f if {
	some a in azure.assignments
	azure.scope_kind(a.properties.scope) in {"root", "managementGroup", "subscription"}
	azure.grants_access(a)
	principals.is_guest(a.properties.principalId)
	f := result.finding_with(
		"multicloud.azureRoleAssignments", a,
		sprintf(
			"Guest %s holds %s at %s.",
			[principals.label(a.properties.principalId), azure.role_name(a), a.properties.scope],
		),
		{"principalId": a.properties.principalId, "role": azure.role_name(a), "scope": a.properties.scope},
	)
}
