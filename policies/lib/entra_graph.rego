# METADATA
# title: Microsoft Graph permission helpers for entra-audit's own controls
# description: |
#   Names the Microsoft Graph application permission an app role
#   assignment grants. The names come from the Microsoft Graph service
#   principal's appRoles when apps.servicePrincipals holds it; otherwise
#   from Graph's published, fixed app role ids.
package lib.entra_graph

import data.lib.props

graph_app_id := "00000003-0000-0000-c000-000000000000"

microsoft_tenant_id := "f8cdef31-a31e-4b4a-93e4-5f571e91255a"

# fixed_app_roles maps Graph's published app role ids to permission names.
fixed_app_roles := {
	"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8": "RoleManagement.ReadWrite.Directory",
	"06b708a9-e830-4db3-a914-8e69da51d44f": "AppRoleAssignment.ReadWrite.All",
	"1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9": "Application.ReadWrite.All",
	"19dbc75e-c2e2-444c-a770-ec69d8559fc7": "Directory.ReadWrite.All",
	"741f803b-c850-494e-b5df-cde7c675a1ca": "User.ReadWrite.All",
	"01c0a623-fc9b-48e9-b794-0756f8e8f067": "Policy.ReadWrite.ConditionalAccess",
	"7ab1d382-f21e-4acd-a863-ba3e13f7da61": "Directory.Read.All",
	"483bed4a-2ad3-4361-a73b-c83ccdbdc53c": "RoleManagement.Read.Directory",
	"246dd0d5-5bd0-4def-940b-0421030a5b68": "Policy.Read.All",
}

_service_principals := props.list(object.get(input, ["apps", "servicePrincipals"], []))

# graph_sp_ids: the Microsoft Graph service principal(s) in this tenant.
graph_sp_ids := {sp.id | some sp in _service_principals; sp.appId == graph_app_id}

_graph_app_roles := {r.id: r.value |
	some sp in _service_principals
	sp.appId == graph_app_id
	some r in props.list(object.get(sp, "appRoles", []))
	is_string(r.id)
	is_string(r.value)
}

# assignments_missing is the `missing` entries of what permission reads:
# every service principal's appId (to find Microsoft Graph), the Graph
# service principal's appRoles (id and value: the names), and each app role
# assignment's appRoleId, resourceId and principalId.
assignments_missing := ({m |
	some sp in _service_principals
	some m in props.missing_in("apps.servicePrincipals", sp, ["appId"])
} | {m |
	some sp in _service_principals
	sp.appId == graph_app_id
	some m in props.missing_in("apps.servicePrincipals", sp, ["appRoles"])
}) | {m |
	some a in _app_role_assignments
	some m in props.missing_in("apps.appRoleAssignments", a, ["appRoleId", "resourceId", "principalId"])
}

# is_graph_resource: the assignment or grant targets Microsoft Graph. When
# the Graph service principal is not in the snapshot we cannot tell the
# resource; Graph's app role ids are unique GUIDs, so matching them alone
# is then still sound.
is_graph_resource(obj) if obj.resourceId in graph_sp_ids

is_graph_resource(_) if count(graph_sp_ids) == 0

# permission is the Graph permission name an app role assignment grants.
permission(a) := _graph_app_roles[a.appRoleId] if {
	is_graph_resource(a)
	count(_graph_app_roles) > 0
}

permission(a) := fixed_app_roles[a.appRoleId] if {
	is_graph_resource(a)
	count(_graph_app_roles) == 0
}

# permissions_of is the set of Graph permission names the app role
# assignments of a principal (a service principal id) grant.
permissions_of(principal_id) := ps if ps := _permissions_by_principal[principal_id]

else := set()

# Indexed once: a scan of every assignment per service principal was quadratic.
_permissions_by_principal := {pid: ps |
	some pid in {a.principalId | some a in _app_role_assignments}
	ps := {p | some a in _app_role_assignments; a.principalId == pid; p := permission(a)}
}

_app_role_assignments := props.list(object.get(input, ["apps", "appRoleAssignments"], []))

# escalation_permissions lead straight to Global Administrator: assign
# any directory role, grant any app role (including themselves), or add a
# credential to any app that holds one.
escalation_permissions := {
	"RoleManagement.ReadWrite.Directory",
	"AppRoleAssignment.ReadWrite.All",
	"Application.ReadWrite.All",
}

# high_risk_permissions write broadly to identities, policies or data
# (application or delegated). Names only: permissions outside
# fixed_app_roles are recognized when the Graph service principal's
# appRoles are in the snapshot.
high_risk_permissions := {
	"Directory.ReadWrite.All",
	"User.ReadWrite.All",
	"Group.ReadWrite.All",
	"Policy.ReadWrite.ConditionalAccess",
	"Policy.ReadWrite.AuthenticationMethod",
	"UserAuthenticationMethod.ReadWrite.All",
	"PrivilegedAccess.ReadWrite.AzureADGroup",
	"Domain.ReadWrite.All",
	"Mail.ReadWrite",
	"Mail.Send",
	"Files.ReadWrite.All",
	"Sites.FullControl.All",
}

# delegated_scopes is the set of scopes a delegated grant holds.
delegated_scopes(grant) := {s | some s in split(props.str(object.get(grant, "scope", "")), " "); s != ""}
