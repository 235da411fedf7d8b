# METADATA
# title: Security defaults are off when P2 risk policies are used.
# custom:
#   id: T.TEN.1v1
#   severity: medium
#   family: tenant
#   frameworks:
#     eidsca: [EIDSCA.XX01]
#     cisa-scuba: [T.TEN.1v1]
#   remediation: Turn security defaults off.
#   references: []
#   requires:
#     - tenant.subscribedSkus
#     - tenant.securityDefaults
package test.ctl.ten_p2

import data.lib.result
import data.lib.tenant

not_applicable := "the tenant has no Microsoft Entra ID P2 licence" if not tenant.has_p2

findings contains result.tenant_finding("tenant.securityDefaults", "security defaults are on", {"isEnabled": true}) if {
	tenant.has_p2
	input.tenant.securityDefaults.isEnabled
}
