# METADATA
# title: Application certificate lifetime SHOULD be restricted to 365 days or less.
# description: |
#   Statement: application certificate lifetime SHOULD be 365 days or less. Passes
#   when the asymmetricKeyLifetime restriction of applicationRestrictions.keyCredentials
#   is enforced with maxLifetime of at most 366 days (P366D): Entra compares with
#   "less than", so the baseline tells to set 366 days to get 365 or less.
#
#   The tenant default app management policy (tenant.defaultAppManagementPolicy)
#   must be enabled and carry the restriction with state enabled (an absent state is
#   read as enabled: older Graph versions have no state and evaluate every
#   restriction) and no restrictForAppsCreatedAfterDateTime (a date lets older apps
#   bypass it; null or the minimum date 0001-01-01 count as blank). Graph returns
#   every restriction with its type, date and lifetime (null when unset): when one
#   of them is absent the control reports error naming it. Custom app management policies
#   (tenant.appManagementPolicies) override the default for the apps they are
#   applied to: an enabled one without the same enforced restriction is a finding too.
# custom:
#   id: MS.AAD.5.7v1
#   severity: medium
#   family: apps
#   frameworks:
#     cisa-scuba: [MS.AAD.5.7v1]
#   remediation: |
#     Entra admin center > Enterprise apps > Application policies: Restrict max
#     certificate lifetime: Status On, maximum lifetime 366 days, Applies to All
#     applications, leave "Only apply to apps created after" blank; Save.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tutorial-enforce-secret-standards
#   requires:
#     - tenant.defaultAppManagementPolicy
#     - tenant.appManagementPolicies
#   reads:
#     - tenant.defaultAppManagementPolicy.isEnabled
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.keyCredentials[].restrictionType
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.keyCredentials[].restrictForAppsCreatedAfterDateTime
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.keyCredentials[].maxLifetime
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.keyCredentials[].state: absent is enabled (Graph versions without the state property evaluate every restriction)
#     - tenant.appManagementPolicies.isEnabled
#     - tenant.appManagementPolicies.restrictions.keyCredentials[].restrictionType
#     - tenant.appManagementPolicies.restrictions.keyCredentials[].restrictForAppsCreatedAfterDateTime
#     - tenant.appManagementPolicies.restrictions.keyCredentials[].maxLifetime
#     - tenant.appManagementPolicies.restrictions.keyCredentials[].state: absent is enabled (Graph versions without the state property evaluate every restriction)
package entra.scuba.aad.ms_aad_5_7

import data.lib.props
import data.lib.result

_default := input.tenant.defaultAppManagementPolicy

_custom_policies := props.list(object.get(input, ["tenant", "appManagementPolicies"], []))

_restriction(restrictions, kind, type) := r if {
	some r in props.list(props.get(restrictions, kind, []))
	r.restrictionType == type
}

# What Graph returns for every restriction of the kind the control judges
# (state is not: older Graph versions lack it, and it then reads as enabled).
_restriction_fields := ["restrictionType", "restrictForAppsCreatedAfterDateTime", "maxLifetime"]

_restriction_missing(type, obj, prefix) := {result.missing_property(type, obj, sprintf("%s[%d].%s", [prefix, i, f])) |
	some i, r in props.list(props.get(obj, prefix, []))
	some f in _restriction_fields
	props.absent(r, f)
}

missing contains m if {
	some m in props.missing_in("tenant.defaultAppManagementPolicy", _default, [
		"isEnabled",
		sprintf("applicationRestrictions.%s", [_kind]),
	])
}

missing contains m if some m in _restriction_missing("tenant.defaultAppManagementPolicy", _default, sprintf("applicationRestrictions.%s", [_kind]))

missing contains m if {
	some p in _custom_policies
	some m in props.missing_in("tenant.appManagementPolicies", p, ["isEnabled"])
}

missing contains m if {
	some p in _custom_policies
	p.isEnabled == true
	some m in props.missing_in("tenant.appManagementPolicies", p, [sprintf("restrictions.%s", [_kind])])
}

missing contains m if {
	some p in _custom_policies
	p.isEnabled == true
	some m in _restriction_missing("tenant.appManagementPolicies", p, sprintf("restrictions.%s", [_kind]))
}

# _gaps lists why a set of restrictions does not enforce the control.
_gaps(restrictions) := {sprintf("has no %s restriction", [_type])} if {
	not _restriction(restrictions, _kind, _type)
} else := {g | some g in [_state_gap(r), _date_gap(r), _lifetime_gap(r)]; g != null} if {
	r := _restriction(restrictions, _kind, _type)
}

_state_gap(r) := sprintf("the %s restriction is %v", [_type, r.state]) if {
	object.get(r, "state", "enabled") != "enabled"
} else := null

_date_gap(r) := sprintf("the %s restriction applies only to apps created after %v", [_type, d]) if {
	d := object.get(r, "restrictForAppsCreatedAfterDateTime", null)
	not _blank_date(d)
} else := null

# A date left blank: null, or the minimum date Graph writes for "none".
_blank_date(null)

_blank_date(d) if startswith(props.str(d), "0001-01-01")

_default_gaps := {"the policy is disabled"} | _gaps(object.get(_default, "applicationRestrictions", {})) if {
	object.get(_default, "isEnabled", false) != true
} else := _gaps(object.get(_default, "applicationRestrictions", {}))

findings contains result.finding_with(
	"tenant.defaultAppManagementPolicy",
	_default,
	sprintf("The default app management policy does not %s: %s", [_goal, concat("; ", sort(_default_gaps))]),
	{"restriction": object.get(_default, "applicationRestrictions", {})},
) if count(_default_gaps) > 0

findings contains result.finding_with(
	"tenant.appManagementPolicies",
	p,
	sprintf("App management policy '%s' overrides the default for its apps and does not %s: %s", [
		result.object_name(p), _goal, concat("; ", sort(gaps)),
	]),
	{"restrictions": object.get(p, "restrictions", {})},
) if {
	some p in _custom_policies
	p.isEnabled == true
	gaps := _gaps(object.get(p, "restrictions", {}))
	count(gaps) > 0
}

evidence contains result.evidence_for("tenant.defaultAppManagementPolicy", _default, _goal) if count(findings) == 0

_kind := "keyCredentials"

_type := "asymmetricKeyLifetime"

_goal := "restrict certificate lifetime to 365 days"

_max_days := 366

_lifetime_gap(r) := sprintf("the %s restriction has no maximum lifetime", [_type]) if {
	object.get(r, "maxLifetime", null) == null
} else := sprintf("the %s restriction allows %s, more than %d days", [_type, r.maxLifetime, _max_days - 1]) if {
	not _within(r.maxLifetime)
} else := null

_within(d) if _days(d) <= _max_days

# _days reads an ISO 8601 duration; years and months count as their longest
# length (366 and 31 days) so that no ambiguous value passes.
_days(d) := n if {
	is_string(d)
	m := regex.find_all_string_submatch_n(
		`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`,
		d,
		1,
	)[0]
	n := sum([_n(m[1]) * 366, _n(m[2]) * 31, _n(m[3]) * 7, _n(m[4]), _n(m[5]) / 24, _n(m[6]) / 1440, _n(m[7]) / 86400])
}

_n(s) := 0 if s == ""

else := to_number(s)
