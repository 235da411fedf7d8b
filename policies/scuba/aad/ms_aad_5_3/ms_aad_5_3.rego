# METADATA
# title: An admin consent workflow SHALL be configured for applications.
# description: |
#   Statement: an admin consent workflow SHALL let users ask for applications they
#   cannot consent to. Passes when adminConsentRequestPolicy.isEnabled is true and it
#   names at least one reviewer (stricter reading: a workflow nobody reviews is not
#   configured).
# custom:
#   id: MS.AAD.5.3v1
#   severity: medium
#   family: apps
#   frameworks:
#     cisa-scuba: [MS.AAD.5.3v1]
#     cis-m365: ["5.1.5.2"]
#     eidsca: ["EIDSCA.CR01"]
#   remediation: |
#     Entra admin center > Enterprise apps > Consent and permissions > Admin consent
#     settings: Users can request admin consent to apps they are unable to consent to:
#     Yes; add the reviewing group; Save.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-admin-consent-workflow
#   requires:
#     - tenant.adminConsentRequestPolicy
#   reads:
#     - tenant.adminConsentRequestPolicy.isEnabled
#     - tenant.adminConsentRequestPolicy.reviewers
package entra.scuba.aad.ms_aad_5_3

import data.lib.props
import data.lib.result

_policy := input.tenant.adminConsentRequestPolicy

missing contains m if some m in props.missing_in("tenant.adminConsentRequestPolicy", _policy, ["isEnabled", "reviewers"])

findings contains result.finding(
	"tenant.adminConsentRequestPolicy",
	_policy,
	"The admin consent workflow is disabled",
) if {
	object.get(_policy, "isEnabled", false) != true
}

findings contains result.finding(
	"tenant.adminConsentRequestPolicy",
	_policy,
	"The admin consent workflow has no reviewers",
) if {
	_policy.isEnabled == true
	count(props.list(object.get(_policy, "reviewers", []))) == 0
}

evidence contains result.evidence_for(
	"tenant.adminConsentRequestPolicy",
	_policy,
	"admin consent workflow enabled with reviewers",
) if {
	count(findings) == 0
}
