# METADATA
# title: A Conditional Access policy the baseline enforces SHALL stay enforced.
# description: |
#   The baseline is the approved state: a Conditional Access policy it has in state enabled is a
#   protection the tenant relies on. Each such policy that is now disabled, report-only
#   (enabledForReportingButNotEnforced) or deleted since the baseline fails, whatever it protects:
#   report-only evaluates the policy without enforcing it, so it protects nothing. The finding is on the
#   policy (the baseline's copy when it was deleted). A policy the baseline has disabled or report-only is
#   not judged here, nor is a newly enforced one. Needs a baseline (--baseline DIR).
# custom:
#   id: EA.DRIFT.1v1
#   severity: high
#   family: drift
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Policies > <policy>: set "Enable policy" back to
#     On. A deleted policy can be restored for 30 days after its deletion (Microsoft Graph: restore a deleted
#     conditionalAccessPolicy); after that, recreate it from the baseline's copy. If the change was intended,
#     review it and commit a new baseline.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-report-only
#     - https://learn.microsoft.com/en-us/graph/api/conditionalaccesspolicy-restore?view=graph-rest-beta
#   requires: []
#   compares:
#     - conditionalAccess.policies
package entra.controls.drift.ca_disabled

import data.lib.drift

_resource := "conditionalAccess.policies"

_what(state) := "was disabled" if {
	state == "disabled"
} else := sprintf("was moved from enabled to %s", [drift.state_label(state)])

findings contains f if {
	some c in drift.modified(_resource)
	drift.was_enforced(c)
	not drift.enforced(c.after)
	state := object.get(c.after, "state", null)
	f := drift.finding(
		c,
		sprintf("%s %s since %s, which enforces it.", [drift.name(c), _what(state), drift.baseline]),
		{"state": {"before": "enabled", "after": state}},
	)
}

findings contains f if {
	some c in drift.removed(_resource)
	drift.was_enforced(c)
	f := drift.finding(
		c,
		sprintf("%s was deleted since %s, which enforces it.", [drift.name(c), drift.baseline]),
		{"state": {"before": "enabled", "after": null}},
	)
}
