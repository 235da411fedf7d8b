# METADATA
# title: Conditional Access policies SHALL NOT reference deleted users or groups.
# description: |
#   A policy that names a deleted user or group no longer does what its author meant: a deleted included
#   group silently shrinks the policy's reach, a deleted excluded object is an exclusion nobody can review,
#   and a restored or re-created object with the same id inherits it. principals.users and principals.groups
#   hold every user and group the policies name that still exists, so each object id in includeUsers,
#   excludeUsers, includeGroups or excludeGroups missing from them counts as deleted; keywords (All, None,
#   GuestsOrExternalUsers) are ignored. One finding per policy lists its dangling references.
# custom:
#   id: EA.CA.2v1
#   severity: medium
#   family: conditionalAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Policies > <policy> > Users: remove the deleted
#     entries (shown as unknown object ids) and, if the intent still stands, add the right user or group.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-users-groups
#   requires:
#     - conditionalAccess.policies
#     - principals.users
#     - principals.groups
#   reads:
#     - conditionalAccess.policies.conditions.users.includeUsers
#     - conditionalAccess.policies.conditions.users.excludeUsers
#     - conditionalAccess.policies.conditions.users.includeGroups
#     - conditionalAccess.policies.conditions.users.excludeGroups
#     - principals.users.id
#     - principals.groups.id
package entra.controls.conditionalAccess.deleted_principals

import data.lib.entra_ca as ca
import data.lib.principals as principals
import data.lib.result

missing contains m if {
	some p in ca.policies
	some m in ca.users_missing(p, ["includeUsers", "excludeUsers", "includeGroups", "excludeGroups"])
}

_fields := {
	"includeUsers": principals.users,
	"excludeUsers": principals.users,
	"includeGroups": principals.groups,
	"excludeGroups": principals.groups,
}

_dangling(p) := [{"field": field, "id": id} |
	some field, known in _fields
	some id in ca.users(p, field)
	ca.is_guid(id)
	not known[id]
]

findings contains f if {
	some p in ca.policies
	refs := _dangling(p)
	count(refs) > 0
	f := result.finding_with(
		"conditionalAccess.policies", p,
		sprintf("Policy %s references %d deleted users or groups.", [result.object_name(p), count(refs)]),
		{"references": refs},
	)
}
