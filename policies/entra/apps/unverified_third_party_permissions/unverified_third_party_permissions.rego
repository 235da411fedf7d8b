# METADATA
# title: Third-party apps without a verified publisher SHALL NOT hold Graph application permissions.
# description: |
#   An app registered in another tenant runs with its owner's code and credentials; publisher verification
#   at least ties it to a Microsoft Partner Network identity. Each service principal whose app is owned by
#   neither this tenant nor Microsoft (appOwnerOrganizationId), has no verifiedPublisher, and holds at
#   least one Microsoft Graph application permission fails. Both properties may be null (an app Graph
#   knows no owner or publisher of counts as third-party and unverified); a service principal holding
#   permissions without them is an error.
# custom:
#   id: EA.APP.6v1
#   severity: medium
#   family: apps
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <app> > Permissions: revoke the application permissions
#     unless the vendor is known and the need reviewed (then waive the finding), and ask the vendor to
#     complete publisher verification.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity-platform/publisher-verification-overview
#   requires:
#     - apps.servicePrincipals
#     - apps.appRoleAssignments
#   reads:
#     - apps.servicePrincipals.appId
#     - apps.servicePrincipals.appRoles[].id
#     - apps.servicePrincipals.appRoles[].value
#     - apps.appRoleAssignments.appRoleId
#     - apps.appRoleAssignments.resourceId
#     - apps.appRoleAssignments.principalId
#     - apps.servicePrincipals.id
#     - apps.servicePrincipals.appOwnerOrganizationId
#     - apps.servicePrincipals.verifiedPublisher.verifiedPublisherId
package entra.controls.apps.unverified_third_party_permissions

import data.lib.entra_graph as graph
import data.lib.props
import data.lib.result

_own_tenants := {lower(props.str(input.meta.tenantId)), graph.microsoft_tenant_id}

_third_party(sp) if not lower(props.str(object.get(sp, "appOwnerOrganizationId", ""))) in _own_tenants

_verified(sp) if {
	is_string(sp.verifiedPublisher.verifiedPublisherId)
	sp.verifiedPublisher.verifiedPublisherId != ""
}

missing contains m if some m in graph.assignments_missing

missing contains m if {
	some sp in object.get(input, ["apps", "servicePrincipals"], [])
	count(_permissions(sp)) > 0
	some m in props.missing_in("apps.servicePrincipals", sp, ["appOwnerOrganizationId"])
}

missing contains m if {
	some sp in object.get(input, ["apps", "servicePrincipals"], [])
	count(_permissions(sp)) > 0
	_third_party(sp)
	some m in props.missing_in("apps.servicePrincipals", sp, ["verifiedPublisher.verifiedPublisherId"])
}

_permissions(sp) := graph.permissions_of(sp.id)

findings contains f if {
	some sp in object.get(input, ["apps", "servicePrincipals"], [])
	_third_party(sp)
	not _verified(sp)
	permissions := _permissions(sp)
	count(permissions) > 0
	f := result.finding_with(
		"apps.servicePrincipals", sp,
		sprintf(
			"Unverified third-party app %s holds Graph application permissions %s.",
			[result.object_name(sp), concat(", ", sort(permissions))],
		),
		{"appOwnerOrganizationId": object.get(sp, "appOwnerOrganizationId", null), "permissions": sort(permissions)},
	)
}
