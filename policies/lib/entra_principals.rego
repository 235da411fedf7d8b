# METADATA
# title: Principal helpers for entra-audit's own controls
# description: |
#   Looks up the users, groups and service principals that role
#   assignments, policies and app assignments name. principals.users and
#   principals.groups hold only the principals something refers to; a
#   control that judges a principal's kind lists them in `requires`.
package lib.entra_principals

users := {u.id: u | some u in object.get(input, ["principals", "users"], [])}

groups := {g.id: g | some g in object.get(input, ["principals", "groups"], [])}

service_principals := {sp.id: sp | some sp in object.get(input, ["apps", "servicePrincipals"], [])}

# is_guest: Graph marks B2B guests with userType Guest; an #EXT# user
# principal name gives away older guests whose userType was changed.
is_guest(id) if users[id].userType == "Guest"

is_guest(id) if contains(lower(object.get(users, [id, "userPrincipalName"], "")), "#ext#")

# is_synced: the account is mastered in on-premises Active Directory.
is_synced(id) if users[id].onPremisesSyncEnabled == true

is_service_principal(id) if service_principals[id]

# name is the best human name for a principal id, else the id itself.
name(id) := users[id].userPrincipalName if {
	_text(users[id].userPrincipalName)
} else := groups[id].displayName if {
	_text(groups[id].displayName)
} else := service_principals[id].displayName if {
	_text(service_principals[id].displayName)
} else := id

_text(s) if {
	is_string(s)
	s != ""
}
