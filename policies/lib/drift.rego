# METADATA
# title: Drift helpers for change-aware controls
# description: |
#   Reads input.drift, the comparison of the live snapshot with a baseline
#   (a committed snapshot of the approved state). It is present only when
#   the audit runs with --baseline DIR:
#     input.drift.baseline   {dir, tenantId, collectedAt}
#     input.drift.resources  resource key -> {status: compared | not_comparable, reason}
#     input.drift.changes    [{kind: added | removed | modified, resource, id, name,
#                              before, after, fields}]
#   before and after are the whole objects as in the snapshots (before is
#   absent for added objects, after for removed ones); a singleton
#   (authenticationMethods.policy, crossTenantAccess.default) is modified.
#   fields lists changed properties by dotted Graph path, set-like lists as
#   added/removed [{value, name}], other values as before/after.
#   Controls judge the before and after objects, and use fields only to
#   name things in messages. The engine makes a control whose custom block
#   lists `compares` not_applicable without a baseline and error when a
#   compared resource is not comparable, so these helpers never need to
#   tell "no change" from "could not compare".
package lib.drift

import data.lib.result

baseline_dir := object.get(input, ["drift", "baseline", "dir"], "")

# baseline names the baseline in messages: "the baseline (baselines/contoso-demo)".
baseline := sprintf("the baseline (%s)", [baseline_dir]) if baseline_dir != ""

else := "the baseline"

# changes are the changes of one resource key.
changes(resource) := [c |
	some c in object.get(input, ["drift", "changes"], [])
	c.resource == resource
]

added(resource) := [c | some c in changes(resource); c.kind == "added"]

removed(resource) := [c | some c in changes(resource); c.kind == "removed"]

modified(resource) := [c | some c in changes(resource); c.kind == "modified"]

# compared: the comparison covers the resource (the engine checks the keys
# a control declares in compares; this is for resources read besides).
compared(resource) if input.drift.resources[resource].status == "compared"

# before and after are the change's two objects, {} where there is none.
before(c) := object.get(c, "before", {})

after(c) := object.get(c, "after", {})

# changed_object is the changed object: the live one, or the baseline's for a
# removed object. Findings are built on it, so they carry its id.
changed_object(c) := c.before if c.kind == "removed"

else := after(c)

# name is the change's object name for messages.
name(c) := c.name if {
	is_string(c.name)
	c.name != ""
} else := result.object_name(changed_object(c))

# finding is a finding on the changed object, in the change's resource.
finding(c, message, evidence) := result.finding_with(c.resource, changed_object(c), message, evidence)

# part_finding is a finding on a part of the changed object that has its
# own id (a method configuration of the authentication methods policy), in
# the change's resource.
part_finding(c, part, message, evidence) := result.finding_with(c.resource, part, message, evidence)

# field is the change's field entry for a dotted path.
field(c, path) := f if {
	some f in object.get(c, "fields", [])
	f.path == path
}

# ref_name names a value of a set-like field from the change's fields
# (e.g. a user id as "Isaiah Langer (isaiah.langer@contoso.com)"), else
# gives the value itself.
ref_name(c, path, value) := names[0] if {
	names := [r.name |
		some side in ["added", "removed"]
		some r in object.get(field(c, path), side, [])
		r.value == value
		is_string(r.name)
		r.name != ""
	]
	count(names) > 0
} else := sprintf("%v", [value])

# values reads a list at path as a set: [] for absent or null, and a
# comma-separated string ("deviceCodeFlow,authenticationTransfer", as Graph
# returns multi-valued enums) as its parts.
values(obj, path) := {trim_space(s) | some s in split(v, ","); trim_space(s) != ""} if {
	v := object.get(obj, path, null)
	is_string(v)
} else := {x | some x in v} if {
	v := object.get(obj, path, null)
	is_array(v)
} else := set()

# ---- Conditional Access state ----

enforced(p) if p.state == "enabled"

# was_enforced: the baseline enforces the changed policy.
was_enforced(c) if enforced(before(c))

state_label(state) := "report-only" if {
	state == "enabledForReportingButNotEnforced"
} else := state if {
	is_string(state)
} else := "without state"

# ---- authentication methods ----

_method_configurations(p) := l if {
	l := p.authenticationMethodConfigurations
	is_array(l)
} else := []

# method_state is a method's state in an authentication methods policy
# (ids compare case-insensitively); a method missing is disabled.
method_state(p, id) := m.state if {
	some m in _method_configurations(p)
	lower(m.id) == lower(id)
} else := "disabled"

# newly_enabled_methods are the method configurations of an
# authenticationMethods.policy change that are enabled now and were not in
# the baseline.
newly_enabled_methods(c) := {m |
	some m in _method_configurations(after(c))
	m.state == "enabled"
	method_state(before(c), m.id) != "enabled"
}

_method_names := {
	"sms": "SMS",
	"voice": "Voice call",
	"email": "Email OTP",
	"fido2": "FIDO2 security key",
	"microsoftauthenticator": "Microsoft Authenticator",
	"temporaryaccesspass": "Temporary Access Pass",
	"softwareoath": "Third-party software OATH tokens",
	"hardwareoath": "Hardware OATH tokens",
	"x509certificate": "Certificate-based authentication",
	"qrcodepin": "QR code",
}

# method_name names a method configuration id for messages.
method_name(id) := _method_names[lower(id)] if _method_names[lower(id)]

else := id

# weak_methods are the methods MS.AAD.3.5v2 wants disabled (lower-case ids).
weak_methods := {"sms", "voice", "email"}
