# METADATA
# title: Trusted named locations SHALL NOT contain overly broad IP ranges.
# description: |
#   Marking a location trusted lowers sign-in risk for every address in it and often exempts it from MFA or
#   blocking policies (excludeLocations AllTrusted). A range wider than an organization owns (a whole /8,
#   0.0.0.0/0, a provider's block) hands that trust to strangers. Each trusted IP named location with an
#   IPv4 range shorter than /16 (more than 65,536 addresses) or an IPv6 range shorter than /48 fails. Graph
#   returns every named location's @odata.type, and an IP location's isTrusted and ranges: absent, the
#   control reports error.
# custom:
#   id: EA.CA.5v1
#   severity: medium
#   family: conditionalAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Named locations > <location>: replace the
#     broad range by the egress addresses you own, or clear "Mark as trusted location".
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-assignment-network
#   requires:
#     - conditionalAccess.namedLocations
#   reads:
#     - conditionalAccess.namedLocations.@odata.type
#     - conditionalAccess.namedLocations.isTrusted
#     - conditionalAccess.namedLocations.ipRanges[].cidrAddress
package entra.controls.conditionalAccess.broad_trusted_locations

import data.lib.props
import data.lib.result

_min_prefix := {"v4": 16, "v6": 48}

_family(cidr) := "v6" if contains(props.str(cidr), ":")

else := "v4"

_too_broad(cidr) if to_number(split(props.str(cidr), "/")[1]) < _min_prefix[_family(cidr)]

_locations := input.conditionalAccess.namedLocations

_ip(l) if l["@odata.type"] == "#microsoft.graph.ipNamedLocation"

missing contains m if {
	some l in _locations
	some m in props.missing_in("conditionalAccess.namedLocations", l, [["@odata.type"]])
}

missing contains m if {
	some l in _locations
	_ip(l)
	some m in props.missing_in("conditionalAccess.namedLocations", l, ["isTrusted", "ipRanges"])
}

missing contains result.missing_property("conditionalAccess.namedLocations", l, sprintf("ipRanges[%d].cidrAddress", [i])) if {
	some l in _locations
	l.isTrusted == true
	some i, r in props.list(object.get(l, "ipRanges", []))
	props.absent(r, "cidrAddress")
}

_trusted := [l | some l in _locations; l.isTrusted == true]

findings contains f if {
	some l in _trusted
	broad := [r.cidrAddress | some r in props.list(object.get(l, "ipRanges", [])); _too_broad(r.cidrAddress)]
	count(broad) > 0
	f := result.finding_with(
		"conditionalAccess.namedLocations", l,
		sprintf("Trusted location %s includes broad ranges %s.", [result.object_name(l), concat(", ", broad)]),
		{"ranges": broad},
	)
}

evidence contains e if {
	some l in _trusted
	every r in props.list(object.get(l, "ipRanges", [])) {
		not _too_broad(r.cidrAddress)
	}
	e := result.evidence_for(
		"conditionalAccess.namedLocations",
		l,
		sprintf("Trusted location %s has narrow ranges.", [result.object_name(l)]),
	)
}
