# METADATA
# title: Automatic redemption (consent suppression) SHALL be off by default and on only for trusted partners.
# description: |
#   Automatic redemption suppresses the consent prompt when users move between tenants; inbound it is
#   what lets a partner's cross-tenant synchronization create users here silently. The default
#   configuration fails when inbound or outbound automatic redemption is on; a partner configuration fails
#   when either is on and the partner is not declared in trustedTenants.
# custom:
#   id: EA.XTA.4v1
#   severity: medium
#   family: crossTenantAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > External Identities > Cross-tenant access settings: in Default settings and in
#     each untrusted partner's Inbound access / Outbound access > Trust settings, clear "Automatically redeem
#     invitations with the tenant"; declare partners you trust under trustedTenants in entra-audit.yaml.
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-overview
#   requires:
#     - crossTenantAccess.default
#     - crossTenantAccess.partners
#   reads:
#     - crossTenantAccess.default.automaticUserConsentSettings.inboundAllowed
#     - crossTenantAccess.default.automaticUserConsentSettings.outboundAllowed
#     - crossTenantAccess.partners.tenantId
#     - crossTenantAccess.partners.automaticUserConsentSettings.inboundAllowed
#     - crossTenantAccess.partners.automaticUserConsentSettings.outboundAllowed
package entra.controls.crossTenantAccess.automatic_user_consent

import data.lib.entra_crosstenant as xta
import data.lib.result

_settings := ["automaticUserConsentSettings.inboundAllowed", "automaticUserConsentSettings.outboundAllowed"]

missing contains m if some m in xta.default_missing(_settings)

missing contains m if some m in xta.partner_missing(_settings)

_directions(obj) := {d |
	some field, d in {"inboundAllowed": "inbound", "outboundAllowed": "outbound"}
	object.get(obj, ["automaticUserConsentSettings", field], false) == true
}

findings contains f if {
	dirs := _directions(xta.default_policy)
	count(dirs) > 0
	f := result.finding_with(
		"crossTenantAccess.default", xta.default_policy,
		sprintf("Automatic redemption is on by default (%s).", [concat(", ", sort(dirs))]),
		{"directions": sort(dirs)},
	)
}

findings contains f if {
	some p in xta.partners
	dirs := _directions(p)
	count(dirs) > 0
	not xta.is_trusted(p.tenantId)
	f := result.finding_with(
		"crossTenantAccess.partners", p,
		sprintf(
			"Partner %s is not a declared trusted tenant but automatic redemption is on (%s).",
			[xta.partner_name(p), concat(", ", sort(dirs))],
		),
		{"tenantId": p.tenantId, "directions": sort(dirs)},
	)
}
