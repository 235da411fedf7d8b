# METADATA
# title: Azure RBAC helpers for entra-audit's own controls
# description: |
#   Reads ARM role assignments (multicloud.azureRoleAssignments) collected
#   at root (/), management group and subscription scope. A role is
#   "access-granting" when it can write role assignments: Owner, User Access
#   Administrator, Role Based Access Control Administrator (by their fixed
#   built-in ids) or any definition whose actions include role assignment
#   writes not taken back by its notActions (Contributor takes them back).
package lib.entra_azure

# access_granting_roles maps fixed built-in Azure role ids to names.
access_granting_roles := {
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

assignments := object.get(input, ["multicloud", "azureRoleAssignments"], [])

definitions := {lower(d.name): d | some d in object.get(input, ["multicloud", "azureRoleDefinitions"], [])}

# role_guid is the last segment of an ARM role definition id.
role_guid(a) := lower(regex.replace(a.properties.roleDefinitionId, `^.*/`, ""))

role_name(a) := definitions[role_guid(a)].properties.roleName if {
	is_string(definitions[role_guid(a)].properties.roleName)
} else := access_granting_roles[role_guid(a)] if {
	access_granting_roles[role_guid(a)]
} else := role_guid(a)

_grants := {
	"*", "microsoft.authorization/*", "microsoft.authorization/roleassignments/*",
	"microsoft.authorization/roleassignments/write",
}

_takes_back := {
	"microsoft.authorization/*", "microsoft.authorization/*/write",
	"microsoft.authorization/roleassignments/*", "microsoft.authorization/roleassignments/write",
}

grants_access(a) if access_granting_roles[role_guid(a)]

grants_access(a) if {
	some perm in object.get(definitions, [role_guid(a), "properties", "permissions"], [])
	some action in object.get(perm, "actions", [])
	lower(action) in _grants
	not _taken_back(perm)
}

_taken_back(perm) if {
	some n in object.get(perm, "notActions", [])
	lower(n) in _takes_back
}

# scope_kind is root, managementGroup, subscription or other.
scope_kind(scope) := "root" if {
	scope == "/"
} else := "managementGroup" if {
	regex.match(`(?i)^/providers/Microsoft\.Management/managementGroups/[^/]+$`, scope)
} else := "subscription" if {
	regex.match(`(?i)^/subscriptions/[^/]+$`, scope)
} else := "other"
