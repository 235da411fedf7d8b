# METADATA
# title: App credentials SHALL be renewed before they expire, and expired ones removed.
# description: |
#   A client secret or certificate that expires takes its integration down; one that has expired and is
#   still listed hides which credentials are really in use and invites "temporary" re-extensions. Each
#   password or key credential on an app registration or service principal whose endDateTime is past, or
#   less than 30 days after the evaluation time (input.meta.evaluationTime, never the wall clock), fails. A
#   credential whose endDateTime is null never expires and is not judged here (EA.APP.5v1 judges secrets
#   without an end); one without endDateTime, or an object without its credential lists, is an error.
# custom:
#   id: EA.APP.4v1
#   severity: low
#   family: apps
#   frameworks: {}
#   remediation: |
#     Entra admin center > App registrations > <app> > Certificates & secrets: add the new credential, roll
#     it out, then delete the old one; delete credentials that have already expired. Prefer certificates or
#     workload identity federation to client secrets.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity-platform/howto-create-service-principal-portal
#   requires:
#     - apps.applications
#     - apps.servicePrincipals
#   reads:
#     - apps.applications.passwordCredentials[].endDateTime
#     - apps.applications.keyCredentials[].endDateTime
#     - apps.servicePrincipals.passwordCredentials[].endDateTime
#     - apps.servicePrincipals.keyCredentials[].endDateTime
package entra.controls.apps.credential_expiry

import data.lib.entra_apps as apps
import data.lib.result
import data.lib.tenant

_window_days := 30

missing contains m if some m in apps.credentials_missing({"secret", "certificate"}, ["endDateTime"])

findings contains f if {
	some c in apps.credentials
	days := tenant.days_until(c.credential.endDateTime)
	days < 0
	f := result.finding_with(
		c.type, c.owner,
		sprintf("%s %s of %s expired %d days ago.", [c.kind, apps.label(c.credential), result.object_name(c.owner), 0 - days]),
		{"keyId": object.get(c.credential, "keyId", null), "endDateTime": c.credential.endDateTime},
	)
}

findings contains f if {
	some c in apps.credentials
	days := tenant.days_until(c.credential.endDateTime)
	days >= 0
	days < _window_days
	f := result.finding_with(
		c.type, c.owner,
		sprintf("%s %s of %s expires in %d days.", [c.kind, apps.label(c.credential), result.object_name(c.owner), days]),
		{"keyId": object.get(c.credential, "keyId", null), "endDateTime": c.credential.endDateTime},
	)
}
