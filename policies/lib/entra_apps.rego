# METADATA
# title: App credential helpers for entra-audit's own controls
# description: |
#   Every password and key credential on app registrations
#   (apps.applications) and service principals (apps.servicePrincipals),
#   with the resource it lives in. The snapshot selects both credential
#   lists on every object, so an object without one cannot be judged
#   (missing).
package lib.entra_apps

import data.lib.props
import data.lib.result

_owners := {
	"apps.applications": props.list(object.get(input, ["apps", "applications"], [])),
	"apps.servicePrincipals": props.list(object.get(input, ["apps", "servicePrincipals"], [])),
}

_fields := {"secret": "passwordCredentials", "certificate": "keyCredentials"}

credentials contains c if {
	some type, objects in _owners
	some obj in objects
	some kind, field in _fields
	creds := object.get(obj, field, [])
	is_array(creds) # as props.list, inline: this runs for every app and service principal
	some i, cred in creds
	c := {"type": type, "owner": obj, "kind": kind, "credential": cred, "path": sprintf("%s[%d]", [field, i])}
}

# credentials_missing is the `missing` entries of the credentials of `kinds` (secret,
# certificate): each owner's list, and `fields` of each credential.
credentials_missing(kinds, fields) := {m |
	lists := [_fields[k] | some k in kinds]
	some type, objects in _owners
	some obj in objects
	some m in props.missing_in(type, obj, lists)
} | {result.missing_property(c.type, c.owner, sprintf("%s.%s", [c.path, f])) |
	some c in credentials
	c.kind in kinds
	some f in fields
	props.absent(c.credential, f)
}

# label names a credential in messages: its display name, else its key id.
label(cred) := cred.displayName if {
	is_string(cred.displayName)
	cred.displayName != ""
} else := object.get(cred, "keyId", "without key id")
