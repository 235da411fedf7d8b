# METADATA
# title: A Conditional Access policy the baseline enforces SHALL NOT be narrowed.
# description: |
#   A policy that stays enabled can still stop protecting people: an exclusion or a condition added
#   since the approved baseline takes users, apps or sign-ins out of it without changing its name or
#   state. For each policy enabled in the baseline and still enabled, one finding per narrowing:
#     - a new exclusion: excludeUsers, excludeGroups, excludeRoles, excluded guest or external user types
#       (or, for guest types the baseline already excluded for listed tenants, more tenants or all),
#       excludeApplications, excludeServicePrincipals, excludeLocations, excludePlatforms;
#     - fewer included users, groups, roles, guest types, applications or service principals (All
#       replaced by a list counts), unless it now includes All;
#     - a condition that limits where it applies, newly set or now narrower than in the baseline: client
#       app types, platforms, locations, user, sign-in, service principal or insider risk levels,
#       authentication flows, a device or application filter (a changed filter rule is not judged: it
#       may be wider or narrower);
#     - weaker grant controls: some way of being granted access now does not satisfy any way the baseline
#       had (a control removed under AND, AND turned into OR, an alternative added under OR, an
#       authentication strength, terms of use or block removed). A policy that now blocks is never weaker;
#       an authentication strength that requires MFA satisfies "Require MFA", and a stronger built-in
#       strength a weaker one (phishing-resistant, passwordless, MFA); other strengths only themselves.
#   Removed exclusions, added inclusions and new grant requirements strengthen a policy and pass. Names
#   come from the comparison's fields; session controls are not judged. A policy no longer enforced is
#   EA.DRIFT.1v1's. Needs a baseline (--baseline DIR).
# custom:
#   id: EA.DRIFT.2v1
#   severity: high
#   family: drift
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Policies > <policy>: undo the change (remove
#     the exclusion or condition, restore the inclusion or grant control), or, if it was approved, declare
#     the exclusion where the coverage controls expect it and commit a new baseline.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-users-groups
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-conditions
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-grant
#   requires: []
#   compares:
#     - conditionalAccess.policies
package entra.controls.drift.ca_narrowed

import data.lib.ca
import data.lib.drift

_resource := "conditionalAccess.policies"

# Enforced in the baseline and still enforced.
_changes contains c if {
	some c in drift.modified(_resource)
	drift.was_enforced(c)
	drift.enforced(c.after)
}

_path(dotted) := split(dotted, ".")

_label(_, _, _, "GuestsOrExternalUsers") := "all guests and external users"

_label(_, _, kind, "All") := sprintf("all %ss", [kind])

_label(_, _, _, "ServicePrincipalsInMyTenant") := "all service principals of the tenant"

_label(c, path, kind, value) := sprintf("%s %s", [kind, drift.ref_name(c, path, value)]) if {
	not value in {"GuestsOrExternalUsers", "All", "ServicePrincipalsInMyTenant"}
}

_labels(c, path, kind, vals) := concat(", ", sort([_label(c, path, kind, v) | some v in vals]))

# ---- new exclusions ----

_exclusions := {
	"conditions.users.excludeUsers": "user",
	"conditions.users.excludeGroups": "group",
	"conditions.users.excludeRoles": "role",
	"conditions.users.excludeGuestsOrExternalUsers.guestOrExternalUserTypes": "guest type",
	"conditions.applications.excludeApplications": "application",
	"conditions.clientApplications.excludeServicePrincipals": "service principal",
	"conditions.locations.excludeLocations": "location",
	"conditions.platforms.excludePlatforms": "platform",
}

_narrowed contains {"change": c, "detail": _exclusion_detail(c, path, kind, new), "evidence": {
	"path": path,
	"added": sort(new),
}} if {
	some c in _changes
	some path, kind in _exclusions
	new := drift.values(c.after, _path(path)) - drift.values(c.before, _path(path))
	count(new) > 0
}

_exclusion_detail(c, path, kind, new) := sprintf("it now excludes %s of tenants %s", [
	_labels(c, path, kind, new),
	concat(", ", sort(_guest_members(c.after))),
]) if {
	kind == "guest type"
	object.get(c.after, _guest_tenants, null) == "enumerated"
} else := sprintf("it now excludes %s", [_labels(c, path, kind, new)])

_guest_members(p) := drift.values(p, ["conditions", "users", "excludeGuestsOrExternalUsers", "externalTenants", "members"])

_guest_types(p) := drift.values(p, ["conditions", "users", "excludeGuestsOrExternalUsers", "guestOrExternalUserTypes"])

_guest_tenants := ["conditions", "users", "excludeGuestsOrExternalUsers", "externalTenants", "membershipKind"]

# Guest types the baseline excluded for listed tenants, now excluded for
# more tenants or for all of them.
_narrowed contains {
	"change": c,
	"detail": "it now excludes guests of all external tenants, where it excluded those of listed tenants",
	"evidence": {"path": concat(".", _guest_tenants), "before": "enumerated", "after": "all"},
} if {
	some c in _changes
	count(_guest_types(c.before) & _guest_types(c.after)) > 0
	object.get(c.before, _guest_tenants, null) == "enumerated"
	object.get(c.after, _guest_tenants, null) == "all"
}

_narrowed contains {
	"change": c,
	"detail": sprintf("it now also excludes guests of tenants %s", [concat(", ", sort(new))]),
	"evidence": {"path": "conditions.users.excludeGuestsOrExternalUsers.externalTenants.members", "added": sort(new)},
} if {
	some c in _changes
	count(_guest_types(c.before) & _guest_types(c.after)) > 0
	object.get(c.before, _guest_tenants, null) == "enumerated"
	object.get(c.after, _guest_tenants, null) == "enumerated"
	new := _guest_members(c.after) - _guest_members(c.before)
	count(new) > 0
}

# ---- fewer inclusions ----

_includes := {
	"conditions.users.includeUsers": {"kind": "user", "scope": "users"},
	"conditions.users.includeGroups": {"kind": "group", "scope": "users"},
	"conditions.users.includeRoles": {"kind": "role", "scope": "users"},
	"conditions.users.includeGuestsOrExternalUsers.guestOrExternalUserTypes": {"kind": "guest type", "scope": "users"},
	"conditions.applications.includeApplications": {"kind": "application", "scope": "applications"},
	"conditions.clientApplications.includeServicePrincipals": {"kind": "service principal", "scope": "servicePrincipals"},
}

# _all is the value that includes a whole scope, and where it is set.
_all := {
	"users": ["conditions.users.includeUsers", "All"],
	"applications": ["conditions.applications.includeApplications", "All"],
	"servicePrincipals": ["conditions.clientApplications.includeServicePrincipals", "ServicePrincipalsInMyTenant"],
}

# _everyone: the policy includes the whole scope.
_everyone(p, scope) if {
	[path, value] := _all[scope]
	value in drift.values(p, _path(path))
}

# _now names what the policy includes of a scope after its all value was removed.
_now(c, scope) := "nothing" if {
	count(_included(c, scope)) == 0
} else := concat(", ", sort(_included(c, scope)))

_included(c, scope) := {_label(c, path, spec.kind, v) |
	some path, spec in _includes
	spec.scope == scope
	some v in drift.values(c.after, _path(path))
}

_include_detail(c, path, spec, gone) := sprintf("it no longer includes %s (now: %s)", [
	_labels(c, path, spec.kind, gone),
	_now(c, spec.scope),
]) if {
	_everyone(drift.before(c), spec.scope)
} else := sprintf("it no longer includes %s", [_labels(c, path, spec.kind, gone)])

_narrowed contains {"change": c, "detail": _include_detail(c, path, spec, gone), "evidence": {
	"path": path,
	"removed": sort(gone),
}} if {
	some c in _changes
	some path, spec in _includes
	gone := drift.values(c.before, _path(path)) - drift.values(c.after, _path(path))
	count(gone) > 0
	not _everyone(c.after, spec.scope)
}

# ---- conditions that limit where it applies ----

# Each condition applies everywhere when empty or when it holds its `all` value.
_conditions := {
	"conditions.clientAppTypes": {"label": "client app types", "all": "all"},
	"conditions.platforms.includePlatforms": {"label": "platforms", "all": "all"},
	"conditions.locations.includeLocations": {"label": "locations", "all": "All"},
	"conditions.userRiskLevels": {"label": "user risk levels", "all": null},
	"conditions.signInRiskLevels": {"label": "sign-in risk levels", "all": null},
	"conditions.servicePrincipalRiskLevels": {"label": "service principal risk levels", "all": null},
	"conditions.insiderRiskLevels": {"label": "insider risk levels", "all": null},
	"conditions.authenticationFlows.transferMethods": {"label": "authentication flows", "all": null},
}

# In authentication flows, "none" is Graph's empty value (in risk levels
# it is a level).
_applied(p, path) := drift.values(p, _path(path)) - {"none"} if {
	path == "conditions.authenticationFlows.transferMethods"
} else := drift.values(p, _path(path))

_everywhere(vals, _) if count(vals) == 0

_everywhere(vals, spec) if spec.all in vals

_names(c, path, vals) := concat(", ", sort([drift.ref_name(c, path, v) | some v in vals]))

_condition_detail(c, path, spec, before, now) := sprintf("it now applies only to %s %s (the baseline: all)", [
	spec.label,
	_names(c, path, now),
]) if {
	_everywhere(before, spec)
} else := sprintf("it no longer applies to %s %s", [spec.label, _names(c, path, before - now)])

_narrowed contains {"change": c, "detail": _condition_detail(c, path, spec, before, now), "evidence": {
	"path": path,
	"before": sort(before),
	"after": sort(now),
}} if {
	some c in _changes
	some path, spec in _conditions
	before := _applied(c.before, path)
	now := _applied(c.after, path)
	not _everywhere(now, spec)
	_narrower(before, now, spec)
}

_narrower(before, _, spec) if _everywhere(before, spec)

_narrower(before, now, _) if count(before - now) > 0

_filters := {
	"conditions.devices.deviceFilter": "a device filter",
	"conditions.applications.applicationFilter": "an application filter",
}

_rule(p, path) := r if {
	r := object.get(p, array.concat(_path(path), ["rule"]), "")
	is_string(r)
	r != ""
}

_narrowed contains {
	"change": c,
	"detail": sprintf("it is now limited by %s (%s %s)", [label, object.get(c.after, array.concat(_path(path), ["mode"]), "include"), rule]),
	"evidence": {"path": path, "before": null, "after": object.get(c.after, _path(path), null)},
} if {
	some c in _changes
	some path, label in _filters
	rule := _rule(c.after, path)
	not _rule(c.before, path)
}

# ---- weaker grant controls ----

_grant(p) := ca.obj(p, "grantControls")

# _controls are the grant controls as [key, text]: keys compare, texts name.
_controls(p) := {c |
	some kind in [_builtin(p), _strength(p), _terms(p), _factors(p)]
	some c in kind
}

_builtin(p) := {[b, b] | some b in ca.list(_grant(p), "builtInControls")}

_strength(p) := {[sprintf("authenticationStrength %s", [s.id]), sprintf("authenticationStrength %s", [name])] |
	s := ca.obj(_grant(p), "authenticationStrength")
	s.id
	name := object.get(s, "displayName", s.id)
}

_terms(p) := {[t, t] | some terms in ca.list(_grant(p), "termsOfUse"); t := sprintf("termsOfUse %s", [terms])}

_factors(p) := {[f, f] |
	some factor in ca.list(_grant(p), "customAuthenticationFactors")
	f := sprintf("customAuthenticationFactor %s", [factor])
}

_keys(p) := {k | some [k, _] in _controls(p)}

_or(p) if {
	upper(object.get(_grant(p), "operator", "")) == "OR"
	count(_keys(p)) > 1
}

# _alternatives are the sets of controls a user may satisfy to be granted.
_alternatives(p) := [{k} | some k in _keys(p)] if _or(p)

else := [_keys(p)]

# _weaker: some way of being granted now satisfies no way the baseline had.
_weaker(before, now) if {
	not "block" in _keys(now)
	some alt in _alternatives(now)
	every old in _alternatives(before) {
		some k in old
		not _satisfies(now, alt, k)
	}
}

# _satisfies: the controls alt of policy now satisfy the baseline's control
# k: k itself, an authentication strength that requires MFA for the
# built-in mfa, or a built-in strength at least as strong for a built-in
# strength (phishing-resistant within passwordless within MFA).
_satisfies(_, alt, k) if k in alt

_satisfies(now, alt, "mfa") if {
	s := ca.obj(_grant(now), "authenticationStrength")
	sprintf("authenticationStrength %s", [s.id]) in alt
	_requires_mfa(s)
}

_satisfies(_, alt, k) if {
	some a in alt
	_rank[a] >= _rank[k]
}

_requires_mfa(s) if s.requirementsSatisfied == "mfa"

_requires_mfa(s) if s.id in ca.builtin_mfa_strengths

_rank := {
	sprintf("authenticationStrength %s", [ca.builtin_strength_mfa]): 1,
	sprintf("authenticationStrength %s", [ca.builtin_strength_passwordless]): 2,
	sprintf("authenticationStrength %s", [ca.builtin_strength_phishing_resistant]): 3,
}

_grant_text(p) := "no grant controls" if {
	count(_keys(p)) == 0
} else := concat(" OR ", sort([t | some [_, t] in _controls(p)])) if {
	_or(p)
} else := concat(" AND ", sort([t | some [_, t] in _controls(p)]))

_narrowed contains {
	"change": c,
	"detail": sprintf("its grant controls are now %s (the baseline: %s)", [_grant_text(c.after), _grant_text(c.before)]),
	"evidence": {"path": "grantControls", "before": _grant(c.before), "after": _grant(c.after)},
} if {
	some c in _changes
	_weaker(c.before, c.after)
}

findings contains drift.finding(
	n.change, sprintf("%s was narrowed since %s, which enforces it more widely: %s.", [
		drift.name(n.change),
		drift.baseline,
		n.detail,
	]),
	n.evidence,
) if {
	some n in _narrowed
}
