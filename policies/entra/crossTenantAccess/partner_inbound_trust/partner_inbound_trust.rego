# METADATA
# title: Only trusted partner tenants SHALL have their MFA and device claims accepted.
# description: |
#   Inbound trust makes Conditional Access accept a partner's word that its user did MFA or uses a compliant
#   or hybrid-joined device. A partner whose sign-in or device management is weaker, or compromised, then
#   satisfies our MFA and device requirements on its own terms. Each partner configuration that accepts any
#   of the three claims fails unless its tenant id is declared in trustedTenants (entra-audit.yaml). A
#   partner whose inboundTrust is null inherits the default, which EA.XTA.2v1 judges.
# custom:
#   id: EA.XTA.1v1
#   severity: high
#   family: crossTenantAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > External Identities > Cross-tenant access settings > Organizational settings >
#     <partner> > Inbound access > Trust settings: clear "Trust multifactor authentication", "Trust compliant
#     devices" and "Trust Microsoft Entra hybrid joined devices" for partners you do not fully trust; for a
#     partner you do trust, declare its tenant id under trustedTenants in entra-audit.yaml.
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-settings-b2b-collaboration
#   requires:
#     - crossTenantAccess.partners
#   reads:
#     - crossTenantAccess.partners.tenantId
#     - crossTenantAccess.partners.inboundTrust.isMfaAccepted
#     - crossTenantAccess.partners.inboundTrust.isCompliantDeviceAccepted
#     - crossTenantAccess.partners.inboundTrust.isHybridAzureADJoinedDeviceAccepted
package entra.controls.crossTenantAccess.partner_inbound_trust

import data.lib.entra_crosstenant as xta
import data.lib.result

_claims := {
	"isMfaAccepted": "MFA",
	"isCompliantDeviceAccepted": "compliant devices",
	"isHybridAzureADJoinedDeviceAccepted": "hybrid joined devices",
}

missing contains m if some m in xta.partner_missing([sprintf("inboundTrust.%s", [f]) | some f, _ in _claims])

_accepted(p) := {name | some field, name in _claims; object.get(p, ["inboundTrust", field], false) == true}

findings contains f if {
	some p in xta.partners
	claims := _accepted(p)
	count(claims) > 0
	not xta.is_trusted(p.tenantId)
	f := result.finding_with(
		"crossTenantAccess.partners", p,
		sprintf(
			"Partner %s is not a declared trusted tenant but its %s claims are accepted.",
			[xta.partner_name(p), concat(", ", sort(claims))],
		),
		{"tenantId": p.tenantId, "acceptedClaims": sort(claims)},
	)
}

evidence contains e if {
	some p in xta.partners
	count(_accepted(p)) > 0
	xta.is_trusted(p.tenantId)
	e := result.evidence_for(
		"crossTenantAccess.partners", p,
		sprintf("Partner %s is a declared trusted tenant.", [xta.partner_name(p)]),
	)
}
