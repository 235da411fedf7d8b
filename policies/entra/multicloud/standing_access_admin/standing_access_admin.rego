# METADATA
# title: Users and groups SHALL NOT hold standing Azure access-granting roles at management group or subscription scope.
# description: |
#   Owner, User Access Administrator, Role Based Access Control Administrator and custom roles that can
#   write role assignments should be eligible through PIM for Azure resources and activated when needed.
#   The snapshot reads ARM role assignments, which are the assignments in force at collection time; it has
#   no ARM schedule data, so every user or group assignment found is treated as standing (a PIM activation
#   in progress during collection shows up too: waive it or collect again). Service principals are not
#   judged here: they cannot use PIM. Declared permanent holders (roleExclusions users/groups of this
#   control in entra-audit.yaml, e.g. break-glass accounts) pass.
# custom:
#   id: EA.MC.3v1
#   severity: high
#   family: multicloud
#   frameworks: {}
#   remediation: |
#     Microsoft Entra Privileged Identity Management > Azure resources > <management group or subscription>
#     > Assignments: convert the active assignment to an eligible one (or remove it), and require MFA and
#     approval on activation in the role settings.
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-resource-roles-assign-roles
#   requires:
#     - multicloud.azureRoleAssignments
#     - multicloud.azureRoleDefinitions
#   reads:
#     - multicloud.azureRoleAssignments.properties.scope
#     - multicloud.azureRoleAssignments.properties.roleDefinitionId
#     - multicloud.azureRoleAssignments.properties.principalId
#     - multicloud.azureRoleAssignments.properties.principalType
#     - multicloud.azureRoleDefinitions.name
#     - multicloud.azureRoleDefinitions.properties.permissions[].actions
#     - multicloud.azureRoleDefinitions.properties.permissions[].notActions
package entra.controls.multicloud.standing_access_admin

import data.lib.config
import data.lib.entra_azure as azure
import data.lib.principals as principals
import data.lib.result

_declared := config.role_exclusions(rego.metadata.chain())

_kinds := {"User": "users", "Group": "groups"}

missing contains m if some m in azure.missing_in_assignments(["scope", "roleDefinitionId", "principalId", "principalType"])

missing contains m if some m in azure.definitions_missing

_in_scope(a) if {
	azure.scope_kind(a.properties.scope) in {"root", "managementGroup", "subscription"}
	azure.grants_access(a)
	_kinds[a.properties.principalType]
}

_declared_holder(a) if a.properties.principalId in _declared[_kinds[a.properties.principalType]]

findings contains f if {
	some a in azure.assignments
	_in_scope(a)
	not _declared_holder(a)
	f := result.finding_with(
		"multicloud.azureRoleAssignments", a,
		sprintf(
			"%s holds %s at %s as a standing assignment.",
			[principals.subject(a.properties.principalId), azure.role_name(a), a.properties.scope],
		),
		{"principalId": a.properties.principalId, "role": azure.role_name(a), "scope": a.properties.scope},
	)
}

evidence contains e if {
	some a in azure.assignments
	_in_scope(a)
	_declared_holder(a)
	e := result.evidence_for(
		"multicloud.azureRoleAssignments", a,
		sprintf(
			"%s holds %s at %s as a declared permanent holder.",
			[principals.subject(a.properties.principalId), azure.role_name(a), a.properties.scope],
		),
	)
}
