# METADATA
# title: App credential helpers for entra-audit's own controls
# description: |
#   Every password and key credential on app registrations
#   (apps.applications) and service principals (apps.servicePrincipals),
#   with the resource it lives in.
package lib.entra_apps

credentials contains c if {
	some type, objects in {
		"apps.applications": object.get(input, ["apps", "applications"], []),
		"apps.servicePrincipals": object.get(input, ["apps", "servicePrincipals"], []),
	}
	some obj in objects
	some kind, field in {"secret": "passwordCredentials", "certificate": "keyCredentials"}
	some cred in object.get(obj, field, [])
	c := {"type": type, "owner": obj, "kind": kind, "credential": cred}
}

# label names a credential in messages: its display name, else its key id.
label(cred) := cred.displayName if {
	is_string(cred.displayName)
	cred.displayName != ""
} else := cred.keyId
