# METADATA
# title: Conditional Access helpers for entra-audit's own controls
# description: |
#   Hygiene checks on Conditional Access policies (what they reference,
#   how long they stay report-only, whom they block). Coverage judgements
#   (does a policy enforce MFA for everyone) live in the SCuBA pack.
#   users_missing names the user conditions Graph always returns that a
#   policy lacks, for a control's `missing` rule.
package lib.entra_ca

import data.lib.props

policies := props.list(object.get(input, ["conditionalAccess", "policies"], []))

# users_missing is the `missing` entries of policy p for the
# conditions.users lists in `fields` (includeUsers, excludeGroups, ...).
users_missing(p, fields) := props.missing_in("conditionalAccess.policies", p, [sprintf("conditions.users.%s", [f]) | some f in fields])

is_guid(s) if {
	is_string(s)
	regex.match(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`, s)
}

# blocking: the policy is enforced and its grant is "block access".
blocking(p) if {
	p.state == "enabled"
	"block" in props.list(props.get(p, "grantControls.builtInControls", []))
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
