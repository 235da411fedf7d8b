# METADATA
# title: Conditional Access helpers
# description: |
#   Judges Conditional Access policies by EFFECTIVE coverage, for every
#   control that needs "a policy that does X for all users and all apps":
#     - only state "enabled" counts (report-only and disabled never do);
#     - the policy must include all users and all resources, and must not be
#       narrowed by any other condition (risk levels, platforms, locations,
#       client app types, device or application filters, authentication
#       flows, workload identities) unless the control itself is about that
#       condition (the `uses` argument);
#     - every excluded user, group, role, guest type and service principal
#       must be declared for the control in the config (break-glass users and
#       groups count as declared); excluded apps can never be declared.
#   Grants are read as alternatives: with operator OR every control is an
#   alternative and a user may satisfy any one of them, so "MFA OR compliant
#   device" does not require MFA; with AND (or a single control) all
#   controls are required together.
#   Absent is not null (docs/policy-authoring.md): a policy that lacks one
#   of the properties Graph v1.0 always returns (`required`) cannot be
#   judged, so it never counts as satisfying a control, and a control that
#   no complete policy satisfies reports the absent properties
#   (`missing_unless`) instead of failing or passing on a guess.
package lib.ca

import data.lib.config
import data.lib.principals
import data.lib.props
import data.lib.result
import data.lib.tenant

# Built-in authentication strengths (policyType builtIn).
builtin_strength_mfa := "00000000-0000-0000-0000-000000000002"

builtin_strength_passwordless := "00000000-0000-0000-0000-000000000003"

builtin_strength_phishing_resistant := "00000000-0000-0000-0000-000000000004"

builtin_mfa_strengths := {builtin_strength_mfa, builtin_strength_passwordless, builtin_strength_phishing_resistant}

# Methods that are phishing-resistant in authentication strength combinations.
phishing_resistant_methods := {"windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"}

policies := object.get(input, ["conditionalAccess", "policies"], [])

_strengths := object.get(input, ["conditionalAccess", "authenticationStrengths"], [])

# licensed_p1 is true when the tenant can use Conditional Access at all.
licensed_p1 if tenant.has_p1

# licence_finding says that a requirement needs a licence the tenant lacks.
licence_finding(licence, what) := result.tenant_finding(
	"tenant.subscribedSkus",
	sprintf("%s requires %s, which the tenant does not have", [what, licence]),
	{"licence": licence},
)

# ---- properties Graph always returns ----

# required are the properties of a conditionalAccessPolicy that Graph v1.0
# always returns (null when not set) and these helpers read. Below a null
# parent (platforms: null) nothing is required. The beta-only agent
# conditions (clientApplications.includeAgentIdServicePrincipals,
# agentIdRiskLevels) are not: v1.0 never returns them.
required := [
	"state",
	"conditions.users.includeUsers", "conditions.users.excludeUsers",
	"conditions.users.includeGroups", "conditions.users.excludeGroups",
	"conditions.users.includeRoles", "conditions.users.excludeRoles",
	"conditions.users.excludeGuestsOrExternalUsers.guestOrExternalUserTypes",
	"conditions.applications.includeApplications", "conditions.applications.excludeApplications",
	"conditions.applications.includeUserActions",
	"conditions.applications.includeAuthenticationContextClassReferences",
	"conditions.applications.applicationFilter",
	"conditions.clientAppTypes",
	"conditions.platforms.includePlatforms", "conditions.platforms.excludePlatforms",
	"conditions.locations.includeLocations", "conditions.locations.excludeLocations",
	"conditions.devices.deviceFilter",
	"conditions.clientApplications.includeServicePrincipals",
	"conditions.clientApplications.excludeServicePrincipals",
	"conditions.signInRiskLevels", "conditions.userRiskLevels", "conditions.servicePrincipalRiskLevels",
	"conditions.insiderRiskLevels",
	"conditions.authenticationFlows.transferMethods",
	"grantControls.operator", "grantControls.builtInControls",
	"grantControls.customAuthenticationFactors", "grantControls.termsOfUse",
	"grantControls.authenticationStrength",
]

# missing_properties are the `missing` entries of policy p.
missing_properties(p) := ms if {
	ms := _missing_by_policy[p]
} else := props.missing_in("conditionalAccess.policies", p, required)

# Found once per audit: every coverage control judges every policy.
_missing_by_policy := {p: props.missing_in("conditionalAccess.policies", p, required) | some p in policies}

# complete: p holds every required property, so it can be judged.
complete(p) if count(missing_properties(p)) == 0

# missing_unless is what a coverage control reports in `missing` when no
# policy satisfies it: the absent properties of every policy (any of them
# might have satisfied it). With a satisfying policy there is nothing to
# report: the control passes on that policy alone.
missing_unless(satisfying) := {m |
	count(satisfying) == 0
	some p in policies
	some m in missing_properties(p)
}

# ---- small readers that turn null/missing into empty values ----

list(obj, key) := v if {
	v := obj[key]
	is_array(v)
} else := []

obj(o, key) := v if {
	v := o[key]
	is_object(v)
} else := {}

# flags reads a multi-valued enum that Graph returns either as a
# comma-separated string ("deviceCodeFlow,authenticationTransfer") or as an array.
flags(o, key) := {trim_space(f) | some f in split(o[key], ","); trim_space(f) != ""} if {
	is_string(o[key])
} else := {f | some f in list(o, key)}

conditions(p) := obj(p, "conditions")

users(p) := obj(conditions(p), "users")

apps(p) := obj(conditions(p), "applications")

grant(p) := obj(p, "grantControls")

builtin_controls(p) := {c | some c in list(grant(p), "builtInControls")}

blocks(p) if "block" in builtin_controls(p)

# ---- authentication strengths ----

# strength is the policy's authentication strength, resolved by id from
# conditionalAccess.authenticationStrengths when Graph only partly expanded it.
strength(p) := matches[0] if {
	ref := obj(grant(p), "authenticationStrength")
	is_string(ref.id)
	matches := [s | some s in _strengths; s.id == ref.id]
	count(matches) > 0
} else := ref if {
	ref := obj(grant(p), "authenticationStrength")
	count(ref) > 0
}

strength_requires_mfa(s) if s.requirementsSatisfied == "mfa"

strength_requires_mfa(s) if s.id in builtin_mfa_strengths

strength_phishing_resistant(s) if s.id == builtin_strength_phishing_resistant

strength_phishing_resistant(s) if {
	combos := list(s, "allowedCombinations")
	count(combos) > 0
	every c in combos {
		c in phishing_resistant_methods
	}
}

# ---- grant alternatives ----

_controls(p) := {c |
	some controls in [
		{{"kind": "builtin", "value": b} | some b in builtin_controls(p)},
		_strength_controls(p),
		{{"kind": "termsOfUse", "value": t} | some t in list(grant(p), "termsOfUse")},
		{{"kind": "custom", "value": f} | some f in list(grant(p), "customAuthenticationFactors")},
	]
	some c in controls
}

_strength_controls(p) := {{"kind": "strength", "value": strength(p)}} if {
	strength(p)
} else := set()

# alternatives lists the sets of controls a user may satisfy to be granted.
alternatives(p) := [{c} | some c in _controls(p)] if {
	upper(props.str(object.get(grant(p), "operator", ""))) == "OR"
	count(_controls(p)) > 1
} else := [_controls(p)]

_is_mfa(c) if {
	c.kind == "builtin"
	c.value == "mfa"
}

_is_mfa(c) if {
	c.kind == "strength"
	strength_requires_mfa(c.value)
}

_is_phishing_resistant(c) if {
	c.kind == "strength"
	strength_phishing_resistant(c.value)
}

_is_managed_device(c) if {
	c.kind == "builtin"
	c.value in {"compliantDevice", "domainJoinedDevice"}
}

requires_mfa(p) if {
	every alt in alternatives(p) {
		some c in alt
		_is_mfa(c)
	}
}

requires_phishing_resistant_mfa(p) if {
	every alt in alternatives(p) {
		some c in alt
		_is_phishing_resistant(c)
	}
}

requires_managed_device(p) if {
	every alt in alternatives(p) {
		some c in alt
		_is_managed_device(c)
	}
}

# grant_text renders the grant for messages: "mfa OR compliantDevice".
grant_text(p) := "no grant controls" if {
	count(_controls(p)) == 0
} else := concat(
	sprintf(" %s ", [_operator_text(p)]),
	sort([_control_text(c) | some c in _controls(p)]),
)

_operator_text(p) := upper(op) if {
	op := object.get(grant(p), "operator", "AND")
	is_string(op)
} else := "AND"

_control_text(c) := sprintf("authenticationStrength %s", [_strength_name(c.value)]) if {
	c.kind == "strength"
} else := sprintf("%s %s", [c.kind, _text(c.value)]) if {
	c.kind != "builtin"
} else := _text(c.value)

_strength_name(s) := s.displayName if is_string(s.displayName)

else := _text(object.get(s, "id", null))

# ---- effective coverage ----

# coverage_gaps lists why policy p does not give effective coverage of all
# users and all resources for the control whose METADATA chain is `chain`.
# `uses` names what the control itself relies on and is therefore no gap:
# "roles" (targets directory roles instead of all users), "userActions"
# (targets a user action instead of resources), "agents" (targets agent
# identities), and condition keys such as "clientAppTypes",
# "userRiskLevels", "signInRiskLevels", "authenticationFlows",
# "agentIdRiskLevels".
coverage_gaps(p, chain, uses) := {g |
	some gaps in [
		_state_gaps(p), _user_gaps(p, uses), _app_gaps(p, uses), _condition_gaps(p, uses),
		exclusion_gaps(p, chain), _app_exclusion_gaps(p, uses),
	]
	some g in gaps
}

_state_gaps(p) := {"is report-only"} if {
	p.state == "enabledForReportingButNotEnforced"
} else := {sprintf("is %s", [object.get(p, "state", "without state")])} if {
	object.get(p, "state", "") != "enabled"
} else := set()

_user_gaps(p, uses) := {"does not include all users"} if {
	not "roles" in uses
	not "agents" in uses
	not "All" in list(users(p), "includeUsers")
} else := set()

_app_gaps(p, uses) := {"does not target all resources"} if {
	not "userActions" in uses
	not "All" in list(apps(p), "includeApplications")
} else := set()

_app_exclusion_gaps(p, uses) := {sprintf("excludes apps %s (app exclusions cannot be declared)", [_csv(ex)])} if {
	not "userActions" in uses
	ex := sort(list(apps(p), "excludeApplications"))
	count(ex) > 0
} else := set()

_condition_gaps(p, uses) := {g.reason | some g in _narrowing(p); not g.key in uses}

_narrowing(p) := {g |
	some g in [
		_levels(p, "userRiskLevels", "user risk"),
		_levels(p, "signInRiskLevels", "sign-in risk"),
		_levels(p, "servicePrincipalRiskLevels", "service principal risk"),
		_levels(p, "insiderRiskLevels", "insider risk"),
		_levels(p, "agentIdRiskLevels", "agent risk"),
		_include_only(p, "platforms", "includePlatforms", "all", "platforms"),
		_excluded(p, "platforms", "excludePlatforms", "platforms"),
		_include_only(p, "locations", "includeLocations", "All", "locations"),
		_excluded(p, "locations", "excludeLocations", "locations"),
		_client_app_types(p),
		_filter(obj(conditions(p), "devices"), "deviceFilter", "devices", "a device filter"),
		_filter(apps(p), "applicationFilter", "applicationFilter", "an application filter"),
		_auth_flows(p),
		_workload(p),
		_auth_contexts(p),
	]
	g != null
}

_gap(key, reason) := {"key": key, "reason": reason}

# _csv lists values for messages; a null entry reads "null".
_csv(xs) := concat(", ", sort([_text(x) | some x in xs]))

_text(x) := x if is_string(x)

else := sprintf("%v", [x])

_levels(p, key, label) := _gap(key, sprintf("applies only at %s levels %s", [label, _csv(lv)])) if {
	lv := flags(conditions(p), key)
	count(lv) > 0
} else := null

_include_only(p, cond, key, all, label) := _gap(cond, sprintf("is limited to %s %s", [label, _csv(inc)])) if {
	inc := list(obj(conditions(p), cond), key)
	count(inc) > 0
	not all in inc
} else := null

_excluded(p, cond, key, label) := _gap(cond, sprintf("excludes %s %s", [label, _csv(ex)])) if {
	ex := list(obj(conditions(p), cond), key)
	count(ex) > 0
} else := null

_client_app_types(p) := _gap("clientAppTypes", sprintf("is limited to client app types %s", [_csv(t)])) if {
	t := list(conditions(p), "clientAppTypes")
	count(t) > 0
	not "all" in t
} else := null

_filter(o, key, use, label) := _gap(use, sprintf("is narrowed by %s (%s)", [label, object.get(f, "rule", "")])) if {
	f := obj(o, key)
	count(f) > 0
} else := null

_auth_flows(p) := _gap("authenticationFlows", sprintf("is limited to authentication flows %s", [_csv(m)])) if {
	m := flags(obj(conditions(p), "authenticationFlows"), "transferMethods") - {"none"}
	count(m) > 0
} else := null

_workload(p) := _gap("agents", "targets workload identities instead of users") if {
	count(list(obj(conditions(p), "clientApplications"), "includeServicePrincipals")) > 0
} else := null

_auth_contexts(p) := _gap("authenticationContexts", "is limited to authentication contexts") if {
	count(list(apps(p), "includeAuthenticationContextClassReferences")) > 0
} else := null

# ---- exclusions ----

# exclusion_gaps lists the excluded users, groups, roles, guest types and
# service principals of p that are not declared for the control.
exclusion_gaps(p, chain) := {g |
	some gaps in [
		_user_exclusions(p, chain), _group_exclusions(p, chain), _role_exclusions(p, chain),
		_guest_exclusions(p, chain), _sp_exclusions(p, chain),
	]
	some g in gaps
}

declared_users(chain) := {u | some u in config.exclusions(chain).users} | {u | some u in config.break_glass_users}

_user_exclusions(p, chain) := {sprintf("excludes %s not declared in config", [principals.label_as("user", u)]) |
	some u in list(users(p), "excludeUsers")
	u != "GuestsOrExternalUsers"
	not u in declared_users(chain)
}

declared_groups(chain) := {g | some g in config.exclusions(chain).groups} | {g | some g in config.break_glass_groups}

_group_exclusions(p, chain) := {sprintf("excludes %s not declared in config", [principals.label_as("group", g)]) |
	some g in list(users(p), "excludeGroups")
	not g in declared_groups(chain)
}

_role_exclusions(p, chain) := {sprintf("excludes role %s not declared in config", [role_label(r)]) |
	some r in list(users(p), "excludeRoles")
	not r in config.exclusions(chain).roles
}

_guest_exclusions(p, chain) := {sprintf("excludes guest type %s not declared in config", [t]) |
	some t in _excluded_guest_types(p)
	not t in config.exclusions(chain).guestTypes
}

# _excluded_guest_types are the guestOrExternalUserTypes p excludes. The
# legacy value GuestsOrExternalUsers in excludeUsers excludes them all.
_excluded_guest_types(p) := _all_guest_types if {
	"GuestsOrExternalUsers" in list(users(p), "excludeUsers")
} else := flags(obj(users(p), "excludeGuestsOrExternalUsers"), "guestOrExternalUserTypes")

# Graph's guestOrExternalUserTypes members (the list the config validates
# guestTypes against: policy.GuestTypes).
_all_guest_types := {
	"internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember",
	"b2bDirectConnectUser", "otherExternalUser", "serviceProvider",
}

_sp_exclusions(p, chain) := {sprintf("excludes service principal %s not declared in config", [s]) |
	some s in list(obj(conditions(p), "clientApplications"), "excludeServicePrincipals")
	not s in config.exclusions(chain).servicePrincipals
}

_roles_by_id := {r.id: r | some r in props.list(object.get(input, ["roles", "definitions"], [])); is_string(r.id)}

role_label(id) := sprintf("%s (%s)", [_roles_by_id[id].displayName, id]) if {
	_roles_by_id[id].displayName
} else := id

# ---- results ----

# near_miss describes a candidate policy and why it does not count.
near_miss(p, gaps) := {
	"id": object.get(p, "id", ""),
	"displayName": object.get(p, "displayName", ""),
	"reasons": sort(gaps),
}

# no_policy_finding is the one finding of a control that no policy
# satisfies; its message names every near miss and why it does not count.
no_policy_finding(statement, misses) := result.tenant_finding(
	"conditionalAccess.policies",
	sprintf("%s: %s", [statement, _miss_text(misses)]),
	{"candidates": _sorted(misses)},
)

# Objects sort key by key in key order, so this orders by displayName,
# then id: linear in the misses, where matching keys back was quadratic.
_sorted(misses) := sort(misses)

_miss_text(misses) := "no candidate policy found" if {
	count(misses) == 0
} else := concat("; ", [sprintf("%s %s", [_name(m), concat(", ", m.reasons)]) | some m in _sorted(misses)])

_name(m) := sprintf("'%s'", [m.displayName]) if m.displayName != ""

else := m.id

# satisfied_evidence names a policy that satisfies the control.
satisfied_evidence(p, what) := result.evidence_for("conditionalAccess.policies", p, what)
