# METADATA
# title: Trusted named locations SHALL NOT contain overly broad IP ranges.
# description: |
#   Marking a location trusted lowers sign-in risk for every address in it and often exempts it from MFA or
#   blocking policies (excludeLocations AllTrusted). A range wider than an organization owns (a whole /8,
#   0.0.0.0/0, a provider's block) hands that trust to strangers. Each trusted IP named location with an
#   IPv4 range shorter than /16 (more than 65,536 addresses) or an IPv6 range shorter than /48 fails.
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
package entra.controls.conditionalAccess.broad_trusted_locations

import data.lib.result

_min_prefix := {"v4": 16, "v6": 48}

_family(cidr) := "v6" if contains(cidr, ":")

else := "v4"

_too_broad(cidr) if to_number(split(cidr, "/")[1]) < _min_prefix[_family(cidr)]

_trusted := [l | some l in input.conditionalAccess.namedLocations; l.isTrusted == true]

findings contains f if {
	some l in _trusted
	broad := [r.cidrAddress | some r in object.get(l, "ipRanges", []); _too_broad(r.cidrAddress)]
	count(broad) > 0
	f := result.finding_with(
		"conditionalAccess.namedLocations", l,
		sprintf("Trusted location %s includes broad ranges %s.", [l.displayName, concat(", ", broad)]),
		{"ranges": broad},
	)
}

evidence contains e if {
	some l in _trusted
	every r in object.get(l, "ipRanges", []) {
		not _too_broad(r.cidrAddress)
	}
	e := result.evidence_for(
		"conditionalAccess.namedLocations",
		l,
		sprintf("Trusted location %s has narrow ranges.", [l.displayName]),
	)
}
