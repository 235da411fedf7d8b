# METADATA
# title: Principal helpers
# description: |
#   Looks up the users, groups, service principals and other directory
#   objects that role assignments, policies and app assignments name, and
#   names them by one rule for every control. principals.users and
#   principals.groups hold only the principals something refers to;
#   principals.directoryObjects holds the role holders that are neither
#   (resolved with directoryObjects/getByIds), or {id, unresolved: true}
#   when Graph returned nothing for the id. A control that judges a
#   principal's kind lists those resources in `requires`.
#
#   The display rule: a principal is named by its display name, then its
#   user principal name (users) or app id (service principals), then its
#   id. label(id) adds the kind and what tells two principals of the same
#   name apart: "user Adele Vance (adele@contoso.com)", "service principal
#   Payroll (app id)", "group Tier0-Admins (group id)", and "principal
#   <id> (could not be resolved)" for an id no resource accounts for.
#   user_missing names what Graph always returns (the snapshot selects it)
#   that a user lacks, for a control's `missing` rule.
package lib.principals

import data.lib.props

users := {u.id: u | some u in props.list(object.get(input, ["principals", "users"], [])); is_string(u.id)}

groups := {g.id: g | some g in props.list(object.get(input, ["principals", "groups"], [])); is_string(g.id)}

service_principals := {sp.id: sp |
	some sp in props.list(object.get(input, ["apps", "servicePrincipals"], []))
	is_string(sp.id)
}

# directory_objects are the resolved role holders of other types, by id.
directory_objects := {o.id: o |
	some o in props.list(object.get(input, ["principals", "directoryObjects"], []))
	is_string(o.id)
	object.get(o, "unresolved", false) != true
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

is_service_principal(id) if directory_objects[id]["@odata.type"] == "#microsoft.graph.servicePrincipal"

# resolved: some resource of the snapshot says what the id is.
resolved(id) if _object(id)

# kind is what a principal is: user, group, service principal, another
# directory object type (device, orgContact, ...), or principal when
# nothing in the snapshot says.
kind(id) := "user" if {
	users[id]
} else := "group" if {
	groups[id]
} else := "service principal" if {
	is_service_principal(id)
} else := _type_name(directory_objects[id]) if {
	directory_objects[id]
} else := "principal"

_type_name(o) := k if {
	t := trim_prefix(props.str(object.get(o, "@odata.type", "")), "#microsoft.graph.")
	k := object.get({"user": "user", "group": "group", "servicePrincipal": "service principal"}, t, t)
	k != ""
} else := "directory object"

_object(id) := users[id] if {
	users[id]
} else := groups[id] if {
	groups[id]
} else := service_principals[id] if {
	service_principals[id]
} else := directory_objects[id] if {
	directory_objects[id]
}

# display is the one name of a principal: display name, then user
# principal name or app id, then id.
display(id) := _first_text(_object(id)) if _first_text(_object(id))

else := id

_first_text(o) := o.displayName if {
	_text(o.displayName)
} else := o.userPrincipalName if {
	_text(o.userPrincipalName)
} else := o.appId if {
	_text(o.appId)
}

# _secondary is what tells the principal apart from others of its name:
# the user principal name or app id when the display name is a
# different string, else the id.
_secondary(id) := s if {
	some f in ["userPrincipalName", "appId"]
	s := object.get(_object(id), f, null)
	_text(s)
	s != display(id)
} else := id if display(id) != id

# label names a principal in a finding: kind, display name, and the user
# principal name, app id or id in parentheses.
label(id) := label_as("principal", id)

# subject is label to start a sentence with: "User Adele Vance (...)".
subject(id) := concat("", [upper(substring(l, 0, 1)), substring(l, 1, -1)]) if l := label(id)

# label_as is label for an id whose kind the reference tells (a CA
# policy's excludeUsers), used when no resource of the snapshot has it.
label_as(what, id) := sprintf("%s %s (could not be resolved)", [what, id]) if {
	not resolved(id)
} else := sprintf("%s %s (%s)", [kind(id), display(id), _secondary(id)]) if {
	_secondary(id)
} else := sprintf("%s %s", [kind(id), display(id)])

_text(s) if {
	is_string(s)
	s != ""
}
