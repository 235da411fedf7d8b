# METADATA
# title: A Temporary Access Pass SHALL NOT live longer than 8 hours.
# description: |
#   A pass is meant to bridge onboarding or recovery within a working day. Graph lets its lifetime run up to
#   30 days; we take 8 hours (480 minutes, the service default maximum) as the ceiling. Fails when the TAP
#   method is enabled and its maximum or default lifetime exceeds 480 minutes; not applicable while TAP is
#   disabled.
# custom:
#   id: EA.AM.3v1
#   severity: low
#   family: authenticationMethods
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies > Temporary Access Pass >
#     Configure: set "Maximum lifetime" (and "Default lifetime") to 8 hours or less.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/howto-authentication-temporary-access-pass
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].maximumLifetimeInMinutes
#     - authenticationMethods.policy.authenticationMethodConfigurations[].defaultLifetimeInMinutes
package entra.controls.authenticationMethods.tap_lifetime

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

_ceiling := 480

_fields := ["maximumLifetimeInMinutes", "defaultLifetimeInMinutes"]

missing contains m if some m in settings.method_missing("TemporaryAccessPass", [])

missing contains m if {
	settings.method_enabled("TemporaryAccessPass")
	some m in props.missing_in("authenticationMethods.policy", settings.method("TemporaryAccessPass"), _fields)
}

# A lifetime that is not a number (null) cannot be shown to be short.
findings contains f if {
	tap := settings.method("TemporaryAccessPass")
	settings.method_enabled("TemporaryAccessPass")
	some field in _fields
	not is_number(object.get(tap, field, 0))
	f := result.finding_with(
		"authenticationMethods.policy", tap,
		sprintf("The Temporary Access Pass %s is %v, not a number of minutes.", [field, tap[field]]),
		{field: tap[field]},
	)
}

not_applicable := "The Temporary Access Pass method is disabled." if not settings.method_enabled("TemporaryAccessPass")

findings contains f if {
	tap := settings.method("TemporaryAccessPass")
	settings.method_enabled("TemporaryAccessPass")
	some field in _fields
	is_number(tap[field])
	tap[field] > _ceiling
	f := result.finding_with(
		"authenticationMethods.policy", tap,
		sprintf("The Temporary Access Pass %s is %d minutes, above %d.", [field, tap[field], _ceiling]),
		{field: tap[field]},
	)
}

evidence contains e if {
	tap := settings.method("TemporaryAccessPass")
	is_number(tap.maximumLifetimeInMinutes)
	tap.maximumLifetimeInMinutes <= _ceiling
	e := result.evidence_for(
		"authenticationMethods.policy", tap,
		sprintf("A Temporary Access Pass lives at most %d minutes.", [tap.maximumLifetimeInMinutes]),
	)
}
