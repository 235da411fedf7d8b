# METADATA
# title: No app SHALL be granted a high-risk delegated Microsoft Graph permission the baseline does not grant.
# description: |
#   A delegated grant lets an app act as the users it covers: consent to a high-risk scope (often phished
#   through an illicit consent prompt) gives it their mail, files or directory write access. High-risk =
#   lib.entra_graph's high_risk_permissions and escalation_permissions, as for EA.DRIFT.6v1. Each
#   delegated grant to Microsoft Graph (apps.oauth2PermissionGrants), new or changed since the baseline,
#   fails when its space-separated scope now holds one of them that it did not hold in the baseline, or
#   when it was widened from one user (consentType Principal) to all users (AllPrincipals) while holding
#   one. Scopes removed, and new scopes of other permissions, pass. Needs a baseline (--baseline DIR).
# custom:
#   id: EA.DRIFT.8v1
#   severity: high
#   family: drift
#   frameworks: {}
#   remediation: |
#     Entra admin center > Enterprise applications > <app> > Permissions > Review permissions: revoke the
#     consent (or remove the oauth2PermissionGrant with Microsoft Graph), then find who consented in the
#     audit log (Audit logs, Category: ApplicationManagement, "Consent to application"). If it was
#     approved, commit a new baseline.
#   references:
#     - https://learn.microsoft.com/en-us/graph/permissions-reference
#     - https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions
#     - https://learn.microsoft.com/en-us/defender-office-365/detect-and-remediate-illicit-consent-grants
#   requires:
#     - apps.servicePrincipals
#   compares:
#     - apps.oauth2PermissionGrants
package entra.controls.drift.graph_delegated_permissions

import data.lib.drift
import data.lib.entra_graph as graph
import data.lib.principals as principals

_risky := graph.high_risk_permissions | graph.escalation_permissions

# _held are the high-risk scopes grant g holds for the audience of grant
# now: none when g was for one user and now is for all users.
_held(g, now) := {s | some s in graph.delegated_scopes(g); s in _risky} if {
	object.get(g, "consentType", "") == object.get(now, "consentType", "")
} else := set()

_audience(g) := "all users" if g.consentType == "AllPrincipals"

else := principals.label(object.get(g, "principalId", ""))

_permissions(scopes) := sprintf("permission %s", [concat(", ", sort(scopes))]) if count(scopes) == 1

else := sprintf("permissions %s", [concat(", ", sort(scopes))])

findings contains drift.finding(
	c, sprintf("%s was granted the delegated Graph %s for %s since %s, which does not grant it.", [
		principals.subject(g.clientId),
		_permissions(new),
		_audience(g),
		drift.baseline,
	]),
	{"clientId": g.clientId, "consentType": object.get(g, "consentType", null), "scopes": sort(new)},
) if {
	some c in drift.changes("apps.oauth2PermissionGrants")
	c.kind != "removed"
	g := c.after
	graph.is_graph_resource(g)
	new := _held(g, g) - _held(drift.before(c), g)
	count(new) > 0
}
