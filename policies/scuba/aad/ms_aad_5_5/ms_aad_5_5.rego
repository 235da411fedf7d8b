# METADATA
# title: Application Password Addition SHOULD be blocked.
# description: |
#   Statement: adding passwords (client secrets) to applications SHOULD be blocked, so
#   apps use certificates instead. Passes when the passwordAddition restriction of
#   applicationRestrictions.passwordCredentials is enforced for all applications.
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
#   id: MS.AAD.5.5v1
#   severity: medium
#   family: apps
#   frameworks:
#     cisa-scuba: [MS.AAD.5.5v1]
#   remediation: |
#     Entra admin center > Enterprise apps > Application policies: Block password
#     addition: Status On, Applies to All applications, leave "Only apply to apps created
#     after" blank; Save. Check that no custom app management policy exempts apps.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-app-management-policies
#   requires:
#     - tenant.defaultAppManagementPolicy
#     - tenant.appManagementPolicies
#   reads:
#     - tenant.defaultAppManagementPolicy.isEnabled
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.passwordCredentials[].restrictionType
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.passwordCredentials[].restrictForAppsCreatedAfterDateTime
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.passwordCredentials[].maxLifetime
#     - tenant.defaultAppManagementPolicy.applicationRestrictions.passwordCredentials[].state: absent is enabled (Graph versions without the state property evaluate every restriction)
#     - tenant.appManagementPolicies.isEnabled
#     - tenant.appManagementPolicies.restrictions.passwordCredentials[].restrictionType
#     - tenant.appManagementPolicies.restrictions.passwordCredentials[].restrictForAppsCreatedAfterDateTime
#     - tenant.appManagementPolicies.restrictions.passwordCredentials[].maxLifetime
#     - tenant.appManagementPolicies.restrictions.passwordCredentials[].state: absent is enabled (Graph versions without the state property evaluate every restriction)
package entra.scuba.aad.ms_aad_5_5

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

_kind := "passwordCredentials"

_type := "passwordAddition"

_goal := "block password addition"

_lifetime_gap(_) := null
