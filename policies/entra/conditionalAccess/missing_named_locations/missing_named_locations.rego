# METADATA
# title: Conditional Access policies SHALL NOT reference named locations that no longer exist.
# description: |
#   A location condition that points at a deleted named location changes the policy's meaning silently (an
#   excluded "trusted office" that is gone, an included "blocked countries" list that matches nothing).
#   Each policy whose includeLocations or excludeLocations holds an id missing from
#   conditionalAccess.namedLocations fails; All, AllTrusted and the MFA trusted IPs id
#   (00000000-0000-0000-0000-000000000000) are not named locations and are ignored.
# custom:
#   id: EA.CA.3v1
#   severity: medium
#   family: conditionalAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Policies > <policy> > Conditions > Locations:
#     remove the missing location and select the intended named location (Protection > Conditional Access >
#     Named locations).
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-assignment-network
#   requires:
#     - conditionalAccess.policies
#     - conditionalAccess.namedLocations
#   reads:
#     - conditionalAccess.policies.conditions.locations.includeLocations
#     - conditionalAccess.policies.conditions.locations.excludeLocations
#     - conditionalAccess.namedLocations.id
package entra.controls.conditionalAccess.missing_named_locations

import data.lib.entra_ca as ca
import data.lib.props
import data.lib.result

missing contains m if {
	some p in ca.policies
	some m in props.missing_in("conditionalAccess.policies", p, [
		"conditions.locations.includeLocations",
		"conditions.locations.excludeLocations",
	])
}

missing contains m if {
	some l in input.conditionalAccess.namedLocations
	some m in props.missing_in("conditionalAccess.namedLocations", l, ["id"])
}

_known := {l.id | some l in input.conditionalAccess.namedLocations}

_not_named := {"All", "AllTrusted", "00000000-0000-0000-0000-000000000000"}

_missing(p) := [{"field": field, "id": id} |
	some field in ["includeLocations", "excludeLocations"]
	some id in ca.locations(p, field)
	not id in _not_named
	not id in _known
]

findings contains f if {
	some p in ca.policies
	refs := _missing(p)
	count(refs) > 0
	f := result.finding_with(
		"conditionalAccess.policies", p,
		sprintf("Policy %s references %d named locations that do not exist.", [result.object_name(p), count(refs)]),
		{"references": refs},
	)
}
