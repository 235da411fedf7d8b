# METADATA
# title: User consent to applications SHALL be restricted.
# description: |
#   Statement: user consent to applications SHALL be restricted. Read from the
#   permission grant policies assigned to the default user role: Graph v1.0
#   names them defaultUserRolePermissions.permissionGrantPoliciesAssigned, beta
#   permissionGrantPolicyIdsAssignedToDefaultUserRole; both are read, and an entry
#   in either counts. When the snapshot holds neither (or neither as a list) the
#   control reports error naming both: it never concludes that users cannot
#   consent from a missing list. Entries ManagePermissionGrantsForSelf.<policy>
#   are user consent (group-owner consent, ManagePermissionGrantsForOwnedResource,
#   is not):
#     - none: users cannot consent (baseline option 1): pass;
#     - only microsoft-user-default-low (option 2, verified publishers, low-risk
#       permissions): passes only when every permission classified low in
#       apps.permissionClassifications is one of the minimal sign-in permissions
#       openid, profile, email, offline_access and User.Read (stricter reading: the
#       baseline wants only permissions with minimal access to user data; anything
#       else must be reviewed and is a finding);
#     - anything else (microsoft-user-default-legacy, microsoft-user-default-recommended,
#       custom policies): finding.
# custom:
#   id: MS.AAD.5.2v1
#   severity: high
#   family: apps
#   frameworks:
#     cisa-scuba: [MS.AAD.5.2v1]
#     cis-m365: ["5.1.5.1"]
#     eidsca: ["EIDSCA.AP08"]
#   remediation: |
#     Entra admin center > Enterprise apps > Consent and permissions > User consent
#     settings: Do not allow user consent (or Allow user consent for apps from verified
#     publishers, for selected permissions, and classify only minimal-access permissions
#     as low impact under Permission classifications).
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-user-consent
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.defaultUserRolePermissions.permissionGrantPoliciesAssigned
#     - tenant.authorizationPolicy.permissionGrantPolicyIdsAssignedToDefaultUserRole
#     - apps.permissionClassifications.permissionName
#     - apps.permissionClassifications.classification
package entra.scuba.aad.ms_aad_5_2

import data.lib.props
import data.lib.result

_policy := input.tenant.authorizationPolicy

_prefix := "ManagePermissionGrantsForSelf."

_low := "microsoft-user-default-low"

_minimal := {"openid", "profile", "email", "offline_access", "User.Read"}

# The assigned permission grant policies: v1.0 nests them, beta keeps them
# at the top level (without the nesting).
_v1 := "defaultUserRolePermissions.permissionGrantPoliciesAssigned"

_beta := "permissionGrantPolicyIdsAssignedToDefaultUserRole"

_lists := [l | some path in [_v1, _beta]; l := props.get(_policy, path, null); is_array(l)]

missing contains result.missing_property(
	"tenant.authorizationPolicy", _policy,
	sprintf("%s (v1.0) or %s (beta)", [_v1, _beta]),
) if {
	count(_lists) == 0
}

_self_consent := {trim_prefix(p, _prefix) |
	some l in _lists
	some p in l
	startswith(props.str(p), _prefix)
}

findings contains result.finding_with(
	"tenant.authorizationPolicy",
	_policy,
	sprintf("Users can consent to applications through permission grant policy %s", [p]),
	{"permissionGrantPolicy": p},
) if {
	some p in _self_consent
	p != _low
}

_classifications := props.list(object.get(input, ["apps", "permissionClassifications"], []))

_low_classified contains c.permissionName if {
	some c in _classifications
	c.classification == "low"
}

# A classification without its name or level cannot be judged.
missing contains m if {
	_low in _self_consent
	some c in _classifications
	some m in props.missing_in("apps.permissionClassifications", c, ["permissionName", "classification"])
}

findings contains result.finding_with(
	"tenant.authorizationPolicy",
	_policy,
	sprintf("Users can consent to permissions classified low risk that give more than sign-in access: %s", [
		concat(", ", sort(extra)),
	]),
	{"permissionGrantPolicy": _low, "lowRiskPermissions": sort(_low_classified)},
) if {
	_low in _self_consent
	extra := {props.str(n) | some n in _low_classified} - _minimal
	count(extra) > 0
}

findings contains result.tenant_finding(
	"apps.permissionClassifications",
	"Users can consent to low-risk permissions, but the permission classifications were not collected to check them",
	object.get(input, ["collection", "apps.permissionClassifications"], {}),
) if {
	_low in _self_consent
	object.get(input, ["collection", "apps.permissionClassifications", "status"], "") != "collected"
}

evidence contains result.evidence_for(
	"tenant.authorizationPolicy",
	_policy,
	"users cannot consent to applications",
) if {
	count(_lists) > 0
	count(_self_consent) == 0
}

evidence contains result.evidence_for(
	"tenant.authorizationPolicy",
	_policy,
	"users can consent only to minimal sign-in permissions from verified publishers",
) if {
	_self_consent == {_low}
	count(findings) == 0
}
