# Known-good input for the Conditional Access hygiene controls: every
# blocking policy excludes both emergency access accounts (directly, or
# through the declared CA-Exclusion-BreakGlass group); the only report-only
# policy was created 16 days ago; every user, group and named location a
# policy names exists; the trusted IP ranges are narrow.
package entra.controls.conditionalAccess.fixture_test

bg1 := "23b8c1e9-3924-46de-beb1-3b9046685257"

bg2 := "bd9c66b3-ad3c-4d6d-9a3d-1fa7bc8960a9"

isaiah := "c241330b-01a9-471f-9e8a-774bcf36d58b"

bg_group := "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"

finance := "5be6128e-18c2-4797-a142-ea7d17be3111"

hq := "ddd1dfb2-3b98-4ef8-9af6-1a26146d3f31"

blocked_countries := "7412b293-4729-4739-a14f-f3d719db3ad0"

ca001 := "29a3b2e9-5d65-4441-9588-42dea2bc372f"

ca002 := "ab9099a4-35a2-40ae-9af3-05535ec42e08"

ca004 := "a28defe3-9bf0-4273-9247-6f57a5e5a5ab"

ca005 := "3eabedcb-baa8-4dd4-88bd-64072bcfbe01"

ca007 := "b02b61c4-a3d7-4628-ace6-6fa2fd5166e6"

config := {"breakGlass": {"users": [bg1, bg2], "groups": [bg_group]}}

policy(id, name, state, users, grant) := {
	"id": id,
	"displayName": name,
	"state": state,
	"createdDateTime": "2025-03-01T09:00:00Z",
	"modifiedDateTime": null,
	"conditions": {
		"users": object.union(
			{
				"includeUsers": [], "excludeUsers": [], "includeGroups": [], "excludeGroups": [],
				"includeRoles": [], "excludeRoles": [],
			},
			users,
		),
		"applications": {"includeApplications": ["All"], "excludeApplications": []},
		"clientAppTypes": ["all"],
		"locations": null,
	},
	"grantControls": {"operator": "OR", "builtInControls": grant},
}

good := {
	"meta": {
		"schemaVersion": 1,
		"tenantId": "bdd640fb-0667-4ad1-9c80-317fa3b1799d",
		"defaultDomain": "contoso.com",
		"cloud": "global",
		"collectedAt": "2026-11-26T10:00:00Z",
		"evaluationTime": "2026-11-26T10:05:00Z",
	},
	"collection": {
		"conditionalAccess.policies": {"status": "collected", "count": 5},
		"conditionalAccess.namedLocations": {"status": "collected", "count": 2},
		"principals.users": {"status": "collected", "count": 3},
		"principals.groups": {"status": "collected", "count": 2},
	},
	"conditionalAccess": {
		"policies": [
			policy(
				ca001, "CA001 Block legacy authentication", "enabled",
				{"includeUsers": ["All"], "excludeGroups": [bg_group]}, ["block"],
			),
			policy(
				ca002, "CA002 Require MFA for all users", "enabled",
				{"includeUsers": ["All"], "excludeUsers": [isaiah], "excludeGroups": [bg_group]}, ["mfa"],
			),
			policy(
				ca004, "CA004 Block high-risk users", "enabled",
				{"includeUsers": ["All"], "excludeUsers": [bg1, bg2]}, ["block"],
			),
			object.union(
				policy(
					ca005, "CA005 Block high-risk sign-ins (report-only)", "enabledForReportingButNotEnforced",
					{"includeUsers": ["All"]}, ["block"],
				),
				{"createdDateTime": "2026-11-10T08:00:00Z"},
			),
			object.union(
				policy(
					ca007, "CA007 Require compliant device (Finance pilot)", "enabled",
					{"includeGroups": [finance]}, ["compliantDevice"],
				),
				{"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": [hq, "AllTrusted"]}}},
			),
		],
		"namedLocations": [
			{
				"@odata.type": "#microsoft.graph.ipNamedLocation",
				"id": hq,
				"displayName": "Contoso HQ IPs",
				"isTrusted": true,
				"ipRanges": [
					{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "203.0.113.0/24"},
					{"@odata.type": "#microsoft.graph.iPv6CidrRange", "cidrAddress": "2001:db8:abcd::/48"},
				],
			},
			{
				"@odata.type": "#microsoft.graph.countryNamedLocation",
				"id": blocked_countries,
				"displayName": "Blocked countries",
				"countriesAndRegions": ["KP"],
				"includeUnknownCountriesAndRegions": false,
			},
		],
	},
	"principals": {
		"users": [
			{
				"id": bg1,
				"displayName": "Break Glass 1",
				"userPrincipalName": "bg1@contoso.onmicrosoft.com",
				"userType": "Member",
			},
			{
				"id": bg2,
				"displayName": "Break Glass 2",
				"userPrincipalName": "bg2@contoso.onmicrosoft.com",
				"userType": "Member",
			},
			{
				"id": isaiah,
				"displayName": "Isaiah Langer",
				"userPrincipalName": "isaiah.langer@contoso.com",
				"userType": "Member",
			},
		],
		"groups": [
			{"id": bg_group, "displayName": "CA-Exclusion-BreakGlass", "securityEnabled": true},
			{"id": finance, "displayName": "Finance-Pilot", "securityEnabled": true},
		],
	},
}

policy_path(id) := sprintf("/conditionalAccess/policies/%d", [i]) if {
	some i, p in good.conditionalAccess.policies
	p.id == id
}

resource(id) := {"type": "conditionalAccess.policies", "id": id, "name": p.displayName} if {
	some p in good.conditionalAccess.policies
	p.id == id
}
