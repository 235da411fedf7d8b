# METADATA
# title: No Azure role SHALL be assigned at the root scope (/).
# description: |
#   An assignment at "/" — above the tenant root management group — is what "Access management for Azure
#   resources" (elevate access) creates for a Global Administrator: User Access Administrator over every
#   subscription and management group in the tenant. It is meant to be switched on for minutes, so any
#   assignment found at "/" fails, whatever the role or principal.
# custom:
#   id: EA.MC.1v1
#   severity: critical
#   family: multicloud
#   frameworks: {}
#   remediation: |
#     As the holder: Entra admin center > Identity > Overview > Properties > Access management for Azure
#     resources: No. Or remove it for any principal: az role assignment delete --assignee <principalId>
#     --role "User Access Administrator" --scope "/". Review the Azure activity log for what was done with it.
#   references:
#     - https://learn.microsoft.com/en-us/azure/role-based-access-control/elevate-access-global-admin
#   requires:
#     - multicloud.azureRoleAssignments
#   reads:
#     - multicloud.azureRoleAssignments.properties.scope
#     - multicloud.azureRoleAssignments.properties.roleDefinitionId
#     - multicloud.azureRoleAssignments.properties.principalId
#     - multicloud.azureRoleAssignments.properties.principalType
package entra.controls.multicloud.root_scope_assignment

import data.lib.entra_azure as azure
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in azure.missing_in_assignments(["scope", "roleDefinitionId", "principalId", "principalType"])

findings contains f if {
	some a in azure.assignments
	azure.scope_kind(a.properties.scope) == "root"
	f := result.finding_with(
		"multicloud.azureRoleAssignments", a,
		sprintf(
			"%s holds %s at the root scope (/).",
			[principals.subject(a.properties.principalId), azure.role_name(a)],
		),
		{"principalId": a.properties.principalId, "principalType": a.properties.principalType, "role": azure.role_name(a)},
	)
}
