# METADATA
# title: Inbound cross-tenant user synchronization SHALL be allowed only from trusted partners.
# description: |
#   With inbound identity synchronization allowed, the partner's cross-tenant sync engine creates and
#   updates users in this tenant (by default as members, not guests), from the partner's own directory.
#   Each partner that allows inbound sync fails unless its tenant id is declared in trustedTenants.
# custom:
#   id: EA.XTA.5v1
#   severity: high
#   family: crossTenantAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > External Identities > Cross-tenant access settings > Organizational settings >
#     <partner> > Inbound access > Cross-tenant sync: clear "Allow users sync into this tenant" unless the
#     partner is part of your organization, then declare it under trustedTenants in entra-audit.yaml.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-configure
#   requires:
#     - crossTenantAccess.partners
#   reads:
#     - crossTenantAccess.partners.tenantId
#     - crossTenantAccess.partners.identitySynchronization.userSyncInbound.isSyncAllowed
package entra.controls.crossTenantAccess.inbound_user_sync

import data.lib.entra_crosstenant as xta
import data.lib.result

missing contains m if some m in xta.partner_missing(["identitySynchronization.userSyncInbound.isSyncAllowed"])

_syncs_in(p) if p.identitySynchronization.userSyncInbound.isSyncAllowed == true

findings contains f if {
	some p in xta.partners
	_syncs_in(p)
	not xta.is_trusted(p.tenantId)
	f := result.finding_with(
		"crossTenantAccess.partners", p,
		sprintf(
			"Partner %s is not a declared trusted tenant but may synchronize users into this tenant.",
			[xta.partner_name(p)],
		),
		{"tenantId": p.tenantId},
	)
}

evidence contains e if {
	some p in xta.partners
	_syncs_in(p)
	xta.is_trusted(p.tenantId)
	e := result.evidence_for(
		"crossTenantAccess.partners", p,
		sprintf("Partner %s synchronizes users in and is a declared trusted tenant.", [xta.partner_name(p)]),
	)
}
