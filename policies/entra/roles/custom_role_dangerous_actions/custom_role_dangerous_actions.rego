# METADATA
# title: Custom roles SHALL NOT grant actions that lead to tenant takeover.
# description: |
#   Some directory actions are privilege escalation paths however harmless the role's name: adding
#   credentials to (or becoming owner of) applications and service principals lets the holder act as any
#   app, including apps holding Graph application permissions or directory roles; granting app role
#   assignments or tenant-wide consent hands out permissions; writing role assignments or definitions
#   hands out roles; resetting passwords takes over users. Each custom role (isBuiltIn false) whose
#   allowedResourceActions include one of these actions fails. Scope such roles to an administrative unit
#   or specific apps and waive the finding once reviewed.
# custom:
#   id: EA.ROLE.4v1
#   severity: high
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Roles & admins > <custom role> > Description > Edit: remove the listed
#     permissions, or split them into a role assigned only at application or administrative unit scope.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/custom-available-permissions
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions
#   requires:
#     - roles.definitions
#   reads:
#     - roles.definitions.isBuiltIn
#     - roles.definitions.rolePermissions[].allowedResourceActions
package entra.controls.roles.custom_role_dangerous_actions

import data.lib.props
import data.lib.result

_definitions := props.list(object.get(input, ["roles", "definitions"], []))

missing contains m if {
	some d in _definitions
	some m in props.missing_in("roles.definitions", d, ["isBuiltIn", "rolePermissions"])
}

missing contains result.missing_property("roles.definitions", d, sprintf("rolePermissions[%d].allowedResourceActions", [i])) if {
	some d in _definitions
	d.isBuiltIn == false
	some i, perm in props.list(object.get(d, "rolePermissions", []))
	props.absent(perm, "allowedResourceActions")
}

_dangerous := {
	"microsoft.directory/applications/credentials/update",
	"microsoft.directory/applications/owners/update",
	"microsoft.directory/applications/allproperties/update",
	"microsoft.directory/applications/allproperties/alltasks",
	"microsoft.directory/serviceprincipals/credentials/update",
	"microsoft.directory/serviceprincipals/owners/update",
	"microsoft.directory/serviceprincipals/allproperties/update",
	"microsoft.directory/serviceprincipals/allproperties/alltasks",
	"microsoft.directory/serviceprincipals/approleassignedto/update",
	"microsoft.directory/serviceprincipals/managepermissiongrantsforall.microsoft-all-application-permissions",
	"microsoft.directory/oauth2permissiongrants/allproperties/alltasks",
	"microsoft.directory/roleassignments/allproperties/alltasks",
	"microsoft.directory/roledefinitions/allproperties/alltasks",
	"microsoft.directory/users/password/update",
}

_dangerous_actions(d) := {action |
	some perm in props.list(object.get(d, "rolePermissions", []))
	some action in props.list(object.get(perm, "allowedResourceActions", []))
	lower(props.str(action)) in _dangerous
}

findings contains f if {
	some d in _definitions
	d.isBuiltIn == false
	actions := _dangerous_actions(d)
	count(actions) > 0
	f := result.finding_with(
		"roles.definitions", d,
		sprintf("Custom role %s grants %s.", [result.object_name(d), concat(", ", sort(actions))]),
		{"actions": sort(actions)},
	)
}
