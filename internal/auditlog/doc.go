// Package auditlog reads the Microsoft Entra directory audit log
// (GET /v1.0/auditLogs/directoryAudits) and attributes drift to it: who
// changed each changed object between the baseline and the snapshot. It
// imports graph (the wire) and finding (the domain) only.
//
// # Reading
//
// Read lists one time window with a single filtered, paged request
// ($filter on activityDateTime ge/le, $top at the page maximum, every
// nextLink followed by the graph client, which paces the audit log at one
// request every 2 s). Graph's $orderby is not used: events are sorted
// locally by time, then id. Every event of the window is returned, failed
// ones included; errors keep their graph type, so graph.KindOf tells a
// missing AuditLog.Read.All permission or a licence gap from other
// failures. Reading needs AuditLog.Read.All and Directory.Read.All.
//
// # Matching rule
//
// Attribute only considers events inside [from, to] whose result is
// "success": a failed attempt did not change the object and a timed-out
// one may not have, so neither attributes a change (both still count among
// the events read). An event matches a changed object when:
//
//  1. one of its target ids equals the object's id (Resource.ID, compared
//     case-insensitively): a Conditional Access policy, a user, a service
//     principal, the authentication methods policy when the event names
//     it as its target; or
//  2. the object is a relationship whose own id the log does not record
//     (roles.assignments, the roles.*ScheduleInstances,
//     apps.appRoleAssignments, apps.oauth2PermissionGrants), one of its
//     Related ids (the ids it points at: principalId, roleDefinitionId,
//     resourceId, appRoleId, clientId) is a target id of the event, and
//     its other Related ids are target ids too or appear, as whole tokens,
//     inside modified property values: "Add member to role" targets the
//     user and carries Role.TemplateId = "<roleDefinitionId>"; "Add app
//     role assignment to service principal" targets both service principals
//     and carries AppRole.Id = "<appRoleId>". For role assignments two
//     Related ids are enough (the principal and the role definition; a PIM
//     schedule id is not logged); app role assignments and delegated grants
//     need all of them, since one app holds many roles on one resource, and
//     the event must be of their kind, carrying an AppRole.* or
//     DelegatedPermissionGrant.* property respectively; or
//  3. the object is a cross-tenant access partner (crossTenantAccess.partners,
//     whose id is the partner's tenant id, while "Update policy" events
//     target the cross-tenant access policy) and a modified property's
//     value, JSON-decoded, is that tenant id (PartnerIdentifier =
//     "<tenantId>") or holds it under a "tenantId" key, at any depth and
//     through JSON encoded in strings (a policy detail). A tenant id merely
//     listed inside a larger value, such as a Conditional Access policy
//     excluding that tenant's guests, is not enough.
//
// Ids that are empty, the all-zero GUID, or (for searching inside values)
// shorter than 8 characters never match. Nothing else is inferred: no
// matching by display name, activity name or time alone. Two relationships
// with the same ends (a permanent and a PIM assignment of one role to one
// principal) share their events. A change with no matching event is
// no_event, naming the window, and saying so when the window starts
// before the log's retention (7 days on Entra ID Free, 30 with P1/P2).
package auditlog
