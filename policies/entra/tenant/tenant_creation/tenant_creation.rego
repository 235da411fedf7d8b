# METADATA
# title: Non-admin users SHALL NOT be able to create tenants.
# description: |
#   A user who creates a tenant becomes its Global Administrator, outside our policies and logging, and
#   the new tenant can be used to host look-alike apps or to move data. Fails unless
#   defaultUserRolePermissions.allowedToCreateTenants is false.
# custom:
#   id: EA.TEN.6v1
#   severity: medium
#   family: tenant
#   frameworks:
#     cis-m365: ["5.1.2.3"]
#   remediation: |
#     Entra admin center > Identity > Users > User settings: set "Restrict non-admin users from creating
#     tenants" to Yes.
#   references:
#     - https://learn.microsoft.com/en-us/entra/fundamentals/users-default-permissions
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.defaultUserRolePermissions.allowedToCreateTenants
package entra.controls.tenant.tenant_creation

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", settings.authorization_policy, ["defaultUserRolePermissions.allowedToCreateTenants"])

_value := object.get(settings.authorization_policy, ["defaultUserRolePermissions", "allowedToCreateTenants"], null)

_bad if _value != false

findings contains f if {
	_bad
	f := result.finding_with(
		"tenant.authorizationPolicy", settings.authorization_policy,
		"Non-admin users can create tenants.",
		{"value": _value},
	)
}

evidence contains e if {
	not _bad
	e := result.evidence_for(
		"tenant.authorizationPolicy",
		settings.authorization_policy,
		"Only admins can create tenants.",
	)
}
