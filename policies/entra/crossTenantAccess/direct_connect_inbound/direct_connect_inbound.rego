# METADATA
# title: B2B direct connect inbound SHALL be blocked by default and open to all users only of trusted partners.
# description: |
#   B2B direct connect lets external users reach Teams shared channels with their home-tenant identity,
#   without a guest object we can review or remove. The default configuration fails unless inbound direct
#   connect is blocked for all users; a partner configuration fails when it opens inbound direct connect to
#   all of the partner's users (accessType allowed for AllUsers, or blocked only for some users — which
#   allows everyone else) and the partner is not declared in trustedTenants.
# custom:
#   id: EA.XTA.3v1
#   severity: medium
#   family: crossTenantAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > External Identities > Cross-tenant access settings: in Default settings, set B2B
#     direct connect inbound to "Block access" for all external users and groups; in each partner's
#     Inbound access > B2B direct connect, allow only the groups that need shared channels, or declare the
#     partner under trustedTenants in entra-audit.yaml.
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-settings-b2b-direct-connect
#   requires:
#     - crossTenantAccess.default
#     - crossTenantAccess.partners
#   reads:
#     - crossTenantAccess.default.b2bDirectConnectInbound.usersAndGroups.accessType
#     - crossTenantAccess.default.b2bDirectConnectInbound.usersAndGroups.targets[].target
#     - crossTenantAccess.partners.tenantId
#     - crossTenantAccess.partners.b2bDirectConnectInbound.usersAndGroups.accessType
#     - crossTenantAccess.partners.b2bDirectConnectInbound.usersAndGroups.targets[].target
package entra.controls.crossTenantAccess.direct_connect_inbound

import data.lib.entra_crosstenant as xta
import data.lib.props
import data.lib.result

_default_inbound := props.get(xta.default_policy, "b2bDirectConnectInbound.usersAndGroups", {})

missing contains m if {
	some m in xta.access_missing("crossTenantAccess.default", xta.default_policy, "b2bDirectConnectInbound.usersAndGroups")
}

missing contains m if some m in xta.partner_missing(["b2bDirectConnectInbound"])

missing contains m if {
	some p in xta.partners
	is_object(p.b2bDirectConnectInbound)
	some m in xta.access_missing("crossTenantAccess.partners", p, "b2bDirectConnectInbound.usersAndGroups")
}

findings contains f if {
	not xta.fully_blocked(_default_inbound)
	f := result.finding_with(
		"crossTenantAccess.default", xta.default_policy,
		"B2B direct connect inbound is not blocked for all users by default.",
		{"usersAndGroups": _default_inbound},
	)
}

findings contains f if {
	some p in xta.partners
	setting := p.b2bDirectConnectInbound.usersAndGroups
	xta.open_to_all_users(setting)
	not xta.is_trusted(p.tenantId)
	f := result.finding_with(
		"crossTenantAccess.partners", p,
		sprintf(
			"Partner %s is not a declared trusted tenant but B2B direct connect inbound is open to all its users.",
			[xta.partner_name(p)],
		),
		{"tenantId": p.tenantId, "usersAndGroups": setting},
	)
}

evidence contains e if {
	xta.fully_blocked(_default_inbound)
	e := result.evidence_for(
		"crossTenantAccess.default", xta.default_policy,
		"B2B direct connect inbound is blocked for all users by default.",
	)
}
