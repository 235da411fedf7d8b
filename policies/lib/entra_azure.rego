# METADATA
# title: Azure RBAC helpers for entra-audit's own controls
# description: |
#   Reads ARM role assignments (multicloud.azureRoleAssignments) collected
#   at root (/), management group and subscription scope. A role is
#   "access-granting" when it can write role assignments: Owner, User Access
#   Administrator, Role Based Access Control Administrator (by their fixed
#   built-in ids) or any definition whose actions include role assignment
#   writes not taken back by its notActions (Contributor takes them back).
#   ARM returns every assignment with its properties and every definition
#   with its name and permissions: missing_in_assignments and
#   definitions_missing name the absent ones.
package lib.entra_azure

import data.lib.props
import data.lib.result

# access_granting_roles maps fixed built-in Azure role ids to names.
access_granting_roles := {
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

assignments := props.list(object.get(input, ["multicloud", "azureRoleAssignments"], []))

_definitions := props.list(object.get(input, ["multicloud", "azureRoleDefinitions"], []))

definitions := {lower(d.name): d | some d in _definitions; is_string(d.name)}

# missing_in_assignments is the `missing` entries of every assignment for
# the properties (under properties) in `fields`.
missing_in_assignments(fields) := {m |
	some a in assignments
	some m in props.missing_in("multicloud.azureRoleAssignments", a, [sprintf("properties.%s", [f]) | some f in fields])
}

# definitions_missing is the `missing` entries of the definitions
# grants_access reads: name and permissions, each with actions and notActions.
definitions_missing := {m |
	some d in _definitions
	some m in props.missing_in("multicloud.azureRoleDefinitions", d, ["name", "properties.permissions"])
} | {result.missing_property("multicloud.azureRoleDefinitions", d, sprintf("properties.permissions[%d].%s", [i, f])) |
	some d in _definitions
	some i, perm in props.list(props.get(d, "properties.permissions", []))
	some f in ["actions", "notActions"]
	props.absent(perm, f)
}

# role_guid is the last segment of an ARM role definition id.
role_guid(a) := lower(regex.replace(props.str(a.properties.roleDefinitionId), `^.*/`, ""))

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
	some perm in props.list(object.get(definitions, [role_guid(a), "properties", "permissions"], []))
	some action in props.list(object.get(perm, "actions", []))
	lower(props.str(action)) in _grants
	not _taken_back(perm)
}

_taken_back(perm) if {
	some n in props.list(object.get(perm, "notActions", []))
	lower(props.str(n)) in _takes_back
}

# scope_kind is root, managementGroup, subscription or other.
scope_kind(scope) := "root" if {
	scope == "/"
} else := "managementGroup" if {
	regex.match(`(?i)^/providers/Microsoft\.Management/managementGroups/[^/]+$`, props.str(scope))
} else := "subscription" if {
	regex.match(`(?i)^/subscriptions/[^/]+$`, props.str(scope))
} else := "other"
