# METADATA
# title: AWS and Google Cloud federation apps SHALL require user assignment.
# description: |
#   With "Assignment required?" off, every user of the tenant (guests included) can obtain a sign-in to the
#   AWS or Google Cloud enterprise app; access then rests on mappings on the cloud side alone. Each
#   federation app (multicloud.federationApps) whose appRoleAssignmentRequired is not true fails.
# custom:
#   id: EA.MC.5v1
#   severity: medium
#   family: multicloud
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <AWS / Google Cloud app> > Properties: set "Assignment
#     required?" to Yes, then assign only the groups that need cloud access.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/assign-user-or-group-access-portal
#   requires:
#     - multicloud.federationApps
#   reads:
#     - multicloud.federationApps.appRoleAssignmentRequired
package entra.controls.multicloud.federation_app_assignment

import data.lib.props
import data.lib.result

_apps := props.list(object.get(input, ["multicloud", "federationApps"], []))

missing contains m if {
	some app in _apps
	some m in props.missing_in("multicloud.federationApps", app, ["appRoleAssignmentRequired"])
}

findings contains f if {
	some app in _apps
	not app.appRoleAssignmentRequired == true
	f := result.finding(
		"multicloud.federationApps", app,
		sprintf("%s lets every user of the tenant sign in: assignment is not required.", [result.object_name(app)]),
	)
}

evidence contains e if {
	some app in _apps
	app.appRoleAssignmentRequired == true
	e := result.evidence_for("multicloud.federationApps", app, sprintf("%s requires assignment.", [result.object_name(app)]))
}
