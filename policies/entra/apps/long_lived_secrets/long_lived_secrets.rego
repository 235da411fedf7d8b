# METADATA
# title: Current client secrets SHALL NOT be valid for more than 180 days.
# description: |
#   MS.AAD.5.6v1 asks for an app management policy that caps new password lifetimes at 180 days; it does
#   not look at the secrets already issued. A long-lived secret stays useful to whoever copied it (from a
#   pipeline, a config file, a laptop) for years. Each client secret (passwordCredential) on an app
#   registration or service principal that has not expired yet and whose lifetime (startDateTime to
#   endDateTime) exceeds 180 days fails; so does one with a null endDateTime (it never expires) or a null
#   startDateTime (its lifetime cannot be told). A secret without these properties, or an object without
#   its passwordCredentials, is an error.
# custom:
#   id: EA.APP.5v1
#   severity: medium
#   family: apps
#   frameworks: {}
#   remediation: |
#     Entra admin center > App registrations > <app> > Certificates & secrets: create a secret valid for 180
#     days or less (better: a certificate or workload identity federation), switch the workload to it, then
#     delete the long-lived one. Enforce the limit with an app management policy (MS.AAD.5.6v1).
#   references:
#     - https://learn.microsoft.com/en-us/graph/api/resources/applicationauthenticationmethodpolicy
#   requires:
#     - apps.applications
#     - apps.servicePrincipals
#   reads:
#     - apps.applications.passwordCredentials[].startDateTime
#     - apps.applications.passwordCredentials[].endDateTime
#     - apps.servicePrincipals.passwordCredentials[].startDateTime
#     - apps.servicePrincipals.passwordCredentials[].endDateTime
package entra.controls.apps.long_lived_secrets

import data.lib.entra_apps as apps
import data.lib.entra_time
import data.lib.result
import data.lib.tenant

_max_days := 180

missing contains m if some m in apps.credentials_missing({"secret"}, ["startDateTime", "endDateTime"])

# A secret without an end never expires; one without a start has no
# lifetime to compare.
findings contains f if {
	some c in apps.credentials
	c.kind == "secret"
	not _dated(c.credential)
	not _expired(c.credential)
	f := result.finding_with(
		c.type, c.owner,
		sprintf("Client secret %s of %s has no %s date: its lifetime cannot be shown to be 180 days or less.", [
			apps.label(c.credential), result.object_name(c.owner),
			_undated(c.credential),
		]),
		{
			"keyId": object.get(c.credential, "keyId", null),
			"startDateTime": object.get(c.credential, "startDateTime", null),
			"endDateTime": object.get(c.credential, "endDateTime", null),
		},
	)
}

_dated(cred) if {
	is_string(cred.startDateTime)
	is_string(cred.endDateTime)
}

_expired(cred) if tenant.days_until(cred.endDateTime) < 0

_undated(cred) := "start" if is_string(cred.endDateTime)

else := "end"

findings contains f if {
	some c in apps.credentials
	c.kind == "secret"
	_dated(c.credential)
	tenant.days_until(c.credential.endDateTime) >= 0
	lifetime := entra_time.days_between(c.credential.startDateTime, c.credential.endDateTime)
	lifetime > _max_days
	f := result.finding_with(
		c.type, c.owner,
		sprintf("Client secret %s of %s is valid for %d days.", [apps.label(c.credential), result.object_name(c.owner), lifetime]),
		{
			"keyId": object.get(c.credential, "keyId", null), "startDateTime": c.credential.startDateTime,
			"endDateTime": c.credential.endDateTime,
		},
	)
}
