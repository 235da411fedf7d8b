# METADATA
# title: Application secrets expire within 30 days.
# custom:
#   id: T.APP.1v1
#   severity: medium
#   family: apps
#   frameworks: {}
#   remediation: Rotate the secret.
#   references: []
#   requires:
#     - apps.applications
package test.ctl.app_secrets

import data.lib.result
import data.lib.tenant

findings contains result.finding_with("apps.applications", app, "a secret expires soon", {"endDateTime": c.endDateTime}) if {
	some app in input.apps.applications
	some c in app.passwordCredentials
	tenant.days_until(c.endDateTime) < 30
}
