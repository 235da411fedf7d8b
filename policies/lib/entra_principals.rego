# METADATA
# title: Principal helpers for entra-audit's own controls
# description: |
#   Looks up the users, groups and service principals that role
#   assignments, policies and app assignments name. principals.users and
#   principals.groups hold only the principals something refers to; a
#   control that judges a principal's kind lists them in `requires`.
#   user_missing names what Graph always returns (the snapshot selects it)
#   that a user lacks, for a control's `missing` rule.
package lib.entra_principals

import data.lib.props

users := {u.id: u | some u in props.list(object.get(input, ["principals", "users"], [])); is_string(u.id)}

groups := {g.id: g | some g in props.list(object.get(input, ["principals", "groups"], [])); is_string(g.id)}

service_principals := {sp.id: sp |
	some sp in props.list(object.get(input, ["apps", "servicePrincipals"], []))
	is_string(sp.id)
}

# user_missing is the `missing` entries of user id (when the snapshot has
# the user) for `fields`.
user_missing(id, fields) := props.missing_in("principals.users", users[id], fields) if users[id]

else := set()

# is_guest: Graph marks B2B guests with userType Guest; an #EXT# user
# principal name gives away older guests whose userType was changed.
is_guest(id) if users[id].userType == "Guest"

is_guest(id) if contains(lower(props.str(object.get(users, [id, "userPrincipalName"], ""))), "#ext#")

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
