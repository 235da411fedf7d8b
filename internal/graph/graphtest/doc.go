// Package graphtest fakes Microsoft Graph, Azure Resource Manager and the
// Microsoft identity platform over loopback TLS (or in process, without a
// socket), for tests across the repository and for the binary's --demo mode.
// Non-test files must not import "testing".
//
// # The fake Graph
//
// A Tenant holds resources keyed by path ("/v1.0/users",
// "/beta/identity/conditionalAccess/policies",
// "/providers/Microsoft.Management/managementGroups"). Handler serves it
// like Graph: server-side paging with absolute @odata.nextLink on the
// request's own origin and $skiptoken, $top (1..999), $select, a small
// $filter subset (eq, ne, in, ge, le, gt, lt, startswith, endswith, and,
// or, not, parentheses; date-time literals as in
// "activityDateTime ge 2026-11-02T06:00:00Z"), member GETs by id or
// alternate key (servicePrincipals(appId='...')), case-insensitive paths,
// Graph's error JSON and request-id header, and /$batch (at most 20
// requests, unique ids, dependsOn with 424, responses in shuffled order).
// The one POST it serves is /directoryObjects/getByIds (at most 1,000 ids,
// optional types), looked up in the tenant's users, groups, service
// principals, applications, devices and contacts.
// $orderby is not interpreted: collections come in fixture order, so a
// client that needs an order sorts locally. Paths starting with
// /subscriptions or /providers are ARM: they require api-version, page with
// "nextLink" and fail with ARM's error shape. Faults inject throttling and
// failures; Server.Requests records what arrived, so tests can assert
// pacing and that no token left the origin. ServerOptions.Throttling
// throttles like Graph (Conditional Access pacing, a resource-unit budget
// per window with Graph's per-request costs, seeded random 429s, each inner
// $batch request on its own) and counts calls, 429s and resource units per
// request and per context label, for benchmarks. Collections are indexed by
// id, so member GETs and "id eq"/"id in" filters stay cheap on tenants of
// tens of thousands of objects.
//
// # Fixture format (LoadTenantFS)
//
// A fixture directory holds *.json files (subdirectories included, other
// files ignored). Each file is one entry or an array of entries:
//
//	[
//	  {"path": "/v1.0/identity/conditionalAccess/policies", "value": [{"id": "p1", "displayName": "MFA"}]},
//	  {"path": "/v1.0/policies/authorizationPolicy", "object": {"id": "authorizationPolicy"}},
//	  {"path": "/beta/roleManagement/directory/roleEligibilitySchedules",
//	   "error": {"status": 400, "code": "AadPremiumLicenseRequired", "message": "The tenant needs an AAD Premium 2 license."}},
//	  {"path": "/v1.0/users", "comment": "optional free text", "value": []}
//	]
//
// An entry has "path" (absolute, no query) and exactly one of "value" (a
// collection: an array of JSON objects, possibly empty), "object" (a
// singleton JSON object) or "error" (every request to the path fails with
// that status, code and message, 400..599). "comment" is allowed and
// ignored. Any other key, a duplicate path (case-insensitive) or a missing
// part is an error naming the file and the entry index.
package graphtest
