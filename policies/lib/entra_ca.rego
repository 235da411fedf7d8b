# METADATA
# title: Conditional Access helpers for entra-audit's own controls
# description: |
#   Hygiene checks on Conditional Access policies (what they reference,
#   how long they stay report-only, whom they block). Coverage judgements
#   (does a policy enforce MFA for everyone) live in the SCuBA pack.
package lib.entra_ca

policies := object.get(input, ["conditionalAccess", "policies"], [])

is_guid(s) if regex.match(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`, s)

# blocking: the policy is enforced and its grant is "block access".
blocking(p) if {
	p.state == "enabled"
	"block" in object.get(p, ["grantControls", "builtInControls"], [])
}

# users is a condition list of conditions.users (includeUsers, excludeGroups, ...), [] when absent.
users(p, field) := object.get(p, ["conditions", "users", field], []) if {
	is_array(object.get(p, ["conditions", "users", field], []))
} else := []

# locations is a condition list of conditions.locations, [] when absent or null.
locations(p, field) := l if {
	l := p.conditions.locations[field]
	is_array(l)
} else := []
