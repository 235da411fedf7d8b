# METADATA
# title: Users SHALL NOT be able to join the tenant by email verification.
# description: |
#   "Viral" join lets anyone who can read mail at a verified domain create an account in the tenant by
#   verifying that address, bypassing joiner processes and access reviews. Fails unless
#   allowEmailVerifiedUsersToJoinOrganization is false.
# custom:
#   id: EA.TEN.3v1
#   severity: medium
#   family: tenant
#   frameworks:
#     eidsca: [EIDSCA.AP06]
#   remediation: |
#     Set-MgPolicyAuthorizationPolicy -AllowEmailVerifiedUsersToJoinOrganization:$false.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/users/directory-self-service-signup
#   requires:
#     - tenant.authorizationPolicy
#   reads:
#     - tenant.authorizationPolicy.allowEmailVerifiedUsersToJoinOrganization
package entra.controls.tenant.email_verified_join

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in props.missing_in("tenant.authorizationPolicy", settings.authorization_policy, ["allowEmailVerifiedUsersToJoinOrganization"])

_value := object.get(settings.authorization_policy, "allowEmailVerifiedUsersToJoinOrganization", null)

_bad if _value != false

findings contains f if {
	_bad
	f := result.finding_with(
		"tenant.authorizationPolicy", settings.authorization_policy,
		"Users can join the tenant by verifying an email address.",
		{"value": _value},
	)
}

evidence contains e if {
	not _bad
	e := result.evidence_for(
		"tenant.authorizationPolicy",
		settings.authorization_policy,
		"Users cannot join the tenant by email verification.",
	)
}
