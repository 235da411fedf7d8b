# METADATA
# title: AWS and Google Cloud federation apps SHALL NOT be assigned to guest users.
# description: |
#   An assignment to the AWS or Google Cloud enterprise app is a path into that cloud. A guest's
#   credentials, MFA and lifecycle are managed by another organization, so each direct assignment of a
#   federation app to a guest user (userType Guest or an #EXT# user principal name in principals.users)
#   fails. Guests reaching the app through a group are not seen: group membership is not in the snapshot.
# custom:
#   id: EA.MC.6v1
#   severity: high
#   family: multicloud
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <AWS / Google Cloud app> > Users and groups: remove the
#     guest; if the partner needs cloud access, grant it in their own cloud account or through a member
#     account.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/saas-apps/aws-single-sign-on-tutorial
#   requires:
#     - multicloud.federationApps
#     - principals.users
#   reads:
#     - multicloud.federationApps.appRoleAssignedTo[].principalType
#     - multicloud.federationApps.appRoleAssignedTo[].principalId
#     - principals.users.userType
#     - principals.users.userPrincipalName
package entra.controls.multicloud.federation_app_guests

import data.lib.principals as principals
import data.lib.props
import data.lib.result

_apps := props.list(object.get(input, ["multicloud", "federationApps"], []))

missing contains m if {
	some app in _apps
	some m in props.missing_in("multicloud.federationApps", app, ["appRoleAssignedTo"])
}

missing contains result.missing_property("multicloud.federationApps", app, sprintf("appRoleAssignedTo[%d].%s", [i, f])) if {
	some app in _apps
	some i, a in props.list(object.get(app, "appRoleAssignedTo", []))
	some f in ["principalType", "principalId"]
	props.absent(a, f)
}

missing contains m if {
	some app in _apps
	some a in props.list(object.get(app, "appRoleAssignedTo", []))
	a.principalType == "User"
	some m in principals.user_missing(a.principalId, ["userType", "userPrincipalName"])
}

findings contains f if {
	some app in _apps
	some a in props.list(object.get(app, "appRoleAssignedTo", []))
	a.principalType == "User"
	principals.is_guest(a.principalId)
	f := result.finding_with(
		"multicloud.federationApps", app,
		sprintf("%s is assigned to guest %s.", [result.object_name(app), principals.label(a.principalId)]),
		{"assignmentId": object.get(a, "id", null), "principalId": a.principalId},
	)
}
