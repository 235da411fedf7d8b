# METADATA
# title: The default cross-tenant access settings SHALL NOT accept MFA or device claims from other tenants.
# description: |
#   The default inbound trust applies to every Microsoft Entra organization without its own partner
#   configuration, and to partners whose inboundTrust is null. Accepting MFA, compliant-device or
#   hybrid-joined-device claims there lets any tenant in the world satisfy our Conditional Access MFA and
#   device requirements on its own terms. Trust belongs in per-partner configurations (EA.XTA.1v1).
# custom:
#   id: EA.XTA.2v1
#   severity: high
#   family: crossTenantAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > External Identities > Cross-tenant access settings > Default settings > Edit
#     inbound defaults > Trust settings: clear all three trust options. Add a partner configuration for each
#     organization whose claims you really need to trust.
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-settings-b2b-collaboration
#   requires:
#     - crossTenantAccess.default
#   reads:
#     - crossTenantAccess.default.inboundTrust.isMfaAccepted
#     - crossTenantAccess.default.inboundTrust.isCompliantDeviceAccepted
#     - crossTenantAccess.default.inboundTrust.isHybridAzureADJoinedDeviceAccepted
package entra.controls.crossTenantAccess.default_inbound_trust

import data.lib.entra_crosstenant as xta
import data.lib.result

_claims := {
	"isMfaAccepted": "MFA",
	"isCompliantDeviceAccepted": "compliant devices",
	"isHybridAzureADJoinedDeviceAccepted": "hybrid joined devices",
}

missing contains m if some m in xta.default_missing([sprintf("inboundTrust.%s", [f]) | some f, _ in _claims])

_accepted := {name | some field, name in _claims; object.get(
	xta.default_policy,
	["inboundTrust", field],
	false,
) == true}

findings contains f if {
	count(_accepted) > 0
	f := result.finding_with(
		"crossTenantAccess.default", xta.default_policy,
		sprintf("The default inbound trust accepts %s claims from every other tenant.", [concat(", ", sort(_accepted))]),
		{"acceptedClaims": sort(_accepted)},
	)
}

evidence contains e if {
	count(_accepted) == 0
	e := result.evidence_for(
		"crossTenantAccess.default", xta.default_policy,
		"The default inbound trust accepts no MFA or device claims.",
	)
}
