# METADATA
# title: Conditional Access policies are enabled.
# description: A small control for engine tests.
# custom:
#   id: T.CA.10v1
#   severity: high
#   family: conditionalAccess
#   frameworks:
#     cis-m365: ["5.2.2.1"]
#   remediation: Enable the policy in Entra admin center > Protection > Conditional Access.
#   references:
#     - https://learn.microsoft.com/entra/identity/conditional-access/overview
#   requires:
#     - conditionalAccess.policies
package test.ctl.ca_enabled

import data.lib.config
import data.lib.result

_excluded := config.exclusions(rego.metadata.chain()).groups

findings contains result.finding("conditionalAccess.policies", p, "the policy is not enabled") if {
	some p in input.conditionalAccess.policies
	p.state != "enabled"
	not p.id in _excluded
}

evidence contains result.evidence_for("conditionalAccess.policies", p, "the policy is enabled") if {
	some p in input.conditionalAccess.policies
	p.state == "enabled"
}
