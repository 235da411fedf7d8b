# METADATA
# title: Apps SHALL NOT hold tenant-wide (admin-consented) delegated grants of high-risk Graph scopes.
# description: |
#   An AllPrincipals delegated grant lets the app act with the scope on behalf of every user who signs in to
#   it, without each user consenting: with a write scope over the directory, mail or files, one
#   compromised or malicious app reaches everyone's data. Each AllPrincipals grant on Microsoft Graph that
#   includes a high-risk scope (the write scopes of EA.APP.1v1 and EA.APP.2v1, and
#   Directory.AccessAsUser.All) fails. Grants consented by a single user (consentType Principal) are out of
#   scope.
# custom:
#   id: EA.APP.3v1
#   severity: high
#   family: apps
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <app> > Permissions > Admin consent: review and revoke
#     the scope (or Remove-MgOauth2PermissionGrant / Update-MgOauth2PermissionGrant with a narrower scope).
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions
#   requires:
#     - apps.oauth2PermissionGrants
#     - apps.servicePrincipals
#   reads:
#     - apps.oauth2PermissionGrants.clientId
#     - apps.oauth2PermissionGrants.consentType
#     - apps.oauth2PermissionGrants.resourceId
#     - apps.oauth2PermissionGrants.scope
#     - apps.servicePrincipals.appId
package entra.controls.apps.tenant_wide_delegated_grants

import data.lib.entra_graph as graph
import data.lib.principals as principals
import data.lib.props
import data.lib.result

_grants := props.list(object.get(input, ["apps", "oauth2PermissionGrants"], []))

missing contains m if {
	some g in _grants
	some m in props.missing_in("apps.oauth2PermissionGrants", g, ["clientId", "consentType", "resourceId", "scope"])
}

missing contains m if {
	some sp in props.list(object.get(input, ["apps", "servicePrincipals"], []))
	some m in props.missing_in("apps.servicePrincipals", sp, ["appId"])
}

_risky := (graph.escalation_permissions | graph.high_risk_permissions) | {"Directory.AccessAsUser.All"}

findings contains f if {
	some g in _grants
	g.consentType == "AllPrincipals"
	graph.is_graph_resource(g)
	scopes := graph.delegated_scopes(g) & _risky
	count(scopes) > 0
	f := result.finding_with(
		"apps.oauth2PermissionGrants", g,
		sprintf("%s holds tenant-wide delegated Graph scopes %s.", [principals.subject(g.clientId), concat(", ", sort(scopes))]),
		{"clientId": g.clientId, "scopes": sort(scopes)},
	)
}
