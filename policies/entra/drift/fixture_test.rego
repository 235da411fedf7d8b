# Known-good baseline/live pair for the change-aware controls. Everything
# that changed since the baseline strengthens the tenant or is harmless:
# CA005 went from report-only to enabled, CA002 no longer excludes Isaiah,
# CA007 now requires a compliant device AND MFA, the disabled CA009 was
# deleted and CA010 added; Adele got Global Administrator through PIM for
# eight hours and activated Privileged Role Administrator, Megan got the
# Reports Reader role, Alex lost User Administrator; Fabrikam's compliant
# device claims are no longer trusted and Tailspin was added without trust;
# SMS was disabled; Contoso Reporting lost Directory.ReadWrite.All, got
# Directory.Read.All, and its tenant-wide grant lost Mail.ReadWrite.
#
# input_for(live) builds input.drift the way the CLI does (the contract in
# docs/policy-authoring.md): every resource compared, one change per object
# that differs, with fields for the Conditional Access lists and state, and
# names for the ids in `names`. Tests patch `live` and call input_for.
package entra.controls.drift.fixture_test

import data.lib.drift
import data.lib.result

tenant_id := "bdd640fb-0667-4ad1-9c80-317fa3b1799d"

baseline_dir := "baselines/contoso-demo"

# ---- ids ----

isaiah := "c241330b-01a9-471f-9e8a-774bcf36d58b"

megan := "17fc695a-07a0-4a6e-8822-e8f36c031199"

adele := "972a8469-1641-4f82-8b9d-2434e465e150"

alex := "6b65a6a4-8b81-48f6-b38a-088ca65ed389"

bg1 := "23b8c1e9-3924-46de-beb1-3b9046685257"

bg_group := "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"

finance := "5be6128e-18c2-4797-a142-ea7d17be3111"

tier0 := "371ecd7b-27cd-4130-8722-9389571aa876"

hq := "ddd1dfb2-3b98-4ef8-9af6-1a26146d3f31"

ga := "62e90394-69f5-4237-9190-012177145e10"

pra := "e8611ab8-c189-46e8-94e1-60213ab1f814"

useradmin := "fe930be7-5e62-47db-91af-98c3a49a38b1"

reports_reader := "4a5d8f65-41da-4de4-8968-e035b65339cf"

ca001 := "29a3b2e9-5d65-4441-9588-42dea2bc372f"

ca002 := "ab9099a4-35a2-40ae-9af3-05535ec42e08"

ca003 := "aefcfad8-efc8-4849-b3aa-7efe4458a885"

ca005 := "3eabedcb-baa8-4dd4-88bd-64072bcfbe01"

ca007 := "b02b61c4-a3d7-4628-ace6-6fa2fd5166e6"

ca009 := "9c4d6e1a-2b3c-4d5e-8f70-81a2b3c4d5e6"

ca010 := "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

phishing_resistant := "00000000-0000-0000-0000-000000000004"

fabrikam := "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"

northwind := "fc377a4c-4a15-444d-85e7-ce8a3a578a8e"

tailspin := "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"

graph := "5f0f2f4b-2b7e-4d2a-9c1e-0a9b8c7d6e51"

hr_sync := "43b7a3a6-9a8d-4a03-980d-7b71d8f56413"

reporting := "759cde66-bacf-43d0-8b1f-9163ce9ff57f"

role_ids := {
	"RoleManagement.ReadWrite.Directory": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
	"Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
	"Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
	"User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
	"Mail.Send": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
}

# names are the names the comparison gives ids in fields.
names := {
	isaiah: "Isaiah Langer (isaiah.langer@contoso.com)",
	megan: "Megan Bowen (megan.bowen@contoso.com)",
	bg_group: "CA-Exclusion-BreakGlass",
	finance: "Finance-Pilot",
	tier0: "Tier0-Admins",
	hq: "Contoso HQ",
	ga: "Global Administrator",
	pra: "Privileged Role Administrator",
}

# ---- builders ----

policy(id, name, state, users, grant) := {
	"id": id,
	"displayName": name,
	"state": state,
	"createdDateTime": "2025-03-01T09:00:00Z",
	"conditions": {
		"applications": {
			"applicationFilter": null,
			"excludeApplications": [],
			"includeApplications": ["All"],
			"includeAuthenticationContextClassReferences": [],
			"includeUserActions": [],
		},
		"authenticationFlows": null,
		"clientAppTypes": ["all"],
		"clientApplications": null,
		"devices": null,
		"insiderRiskLevels": null,
		"locations": null,
		"platforms": null,
		"servicePrincipalRiskLevels": [],
		"signInRiskLevels": [],
		"userRiskLevels": [],
		"users": object.union(
			{
				"excludeGroups": [bg_group], "excludeGuestsOrExternalUsers": null, "excludeRoles": [],
				"excludeUsers": [], "includeGroups": [], "includeGuestsOrExternalUsers": null,
				"includeRoles": [], "includeUsers": [],
			},
			users,
		),
	},
	"grantControls": object.union(
		{
			"authenticationStrength": null, "builtInControls": [], "customAuthenticationFactors": [],
			"operator": "OR", "termsOfUse": [],
		},
		grant,
	),
	"sessionControls": null,
}

_all_users := {"includeUsers": ["All"]}

_block := {"builtInControls": ["block"]}

_mfa := {"builtInControls": ["mfa"]}

_strength := {"authenticationStrength": {
	"id": phishing_resistant,
	"displayName": "Phishing-resistant MFA",
	"requirementsSatisfied": "mfa",
	"policyType": "builtIn",
}}

ca001_policy := object.union(
	policy(ca001, "CA001 Block legacy authentication", "enabled", _all_users, _block),
	{"conditions": {"clientAppTypes": ["exchangeActiveSync", "other"]}},
)

ca002_policy := policy(ca002, "CA002 Require MFA for all users", "enabled", _all_users, _mfa)

ca003_policy := policy(ca003, "CA003 Require phishing-resistant MFA for admins", "enabled", {"includeRoles": [ga, pra]}, _strength)

ca005_policy := object.union(
	policy(ca005, "CA005 Block high-risk sign-ins", "enabledForReportingButNotEnforced", _all_users, _block),
	{"conditions": {"signInRiskLevels": ["high"]}},
)

ca007_policy := policy(
	ca007, "CA007 Require compliant device (Finance pilot)", "enabled",
	{"includeGroups": [finance]}, {"builtInControls": ["compliantDevice"]},
)

ca009_policy := policy(ca009, "CA009 Legacy test policy", "disabled", _all_users, _mfa)

ca010_policy := policy(ca010, "CA010 Require MFA for Azure management", "enabled", _all_users, _mfa)

active(id, principal, role) := {
	"id": id,
	"principalId": principal,
	"roleDefinitionId": role,
	"directoryScopeId": "/",
	"appScopeId": null,
}

instance(id, principal, role, type, start, end) := {
	"id": id,
	"principalId": principal,
	"roleDefinitionId": role,
	"directoryScopeId": "/",
	"appScopeId": null,
	"assignmentType": type,
	"memberType": "Direct",
	"roleAssignmentOriginId": id,
	"roleAssignmentScheduleId": id,
	"startDateTime": start,
	"endDateTime": end,
}

user(id, name, upn) := {"id": id, "displayName": name, "userPrincipalName": upn, "userType": "Member"}

app_role_assignment(id, principal, principal_name, permission) := {
	"id": id,
	"appRoleId": role_ids[permission],
	"principalId": principal,
	"principalType": "ServicePrincipal",
	"principalDisplayName": principal_name,
	"resourceId": graph,
	"resourceDisplayName": "Microsoft Graph",
	"createdDateTime": "2026-02-01T08:00:00Z",
}

grant(id, consent, principal, scope) := {
	"id": id,
	"clientId": reporting,
	"consentType": consent,
	"principalId": principal,
	"resourceId": graph,
	"scope": scope,
}

method(id, state) := {"id": id, "state": state, "excludeTargets": [], "includeTargets": [{"targetType": "group", "id": "all_users"}]}

trust(mfa, compliant, hybrid) := {
	"isMfaAccepted": mfa,
	"isCompliantDeviceAccepted": compliant,
	"isHybridAzureADJoinedDeviceAccepted": hybrid,
}

partner(tenant, name, inbound) := {
	"tenantId": tenant,
	"isServiceProvider": false,
	"inboundTrust": inbound,
	"identitySynchronization": {"tenantId": tenant, "displayName": name},
}

# ---- the two trees ----

_collection := {k: {"status": "collected"} | some k in [
	"conditionalAccess.policies",
	"roles.assignments",
	"roles.assignmentScheduleInstances",
	"principals.users",
	"principals.groups",
	"authenticationMethods.policy",
	"crossTenantAccess.default",
	"crossTenantAccess.partners",
	"apps.servicePrincipals",
	"apps.appRoleAssignments",
	"apps.oauth2PermissionGrants",
]}

_principals := {
	"users": [
		user(isaiah, "Isaiah Langer", "isaiah.langer@contoso.com"),
		user(megan, "Megan Bowen", "megan.bowen@contoso.com"),
		user(adele, "Adele Vance", "adele.vance@contoso.com"),
		user(alex, "Alex Wilber", "alex.wilber@contoso.com"),
		user(bg1, "Break Glass 1", "bg1@contoso.onmicrosoft.com"),
	],
	"groups": [
		{"id": bg_group, "displayName": "CA-Exclusion-BreakGlass"},
		{"id": finance, "displayName": "Finance-Pilot"},
		{"id": tier0, "displayName": "Tier0-Admins", "isAssignableToRole": true},
	],
}

_service_principals := [
	{
		"id": graph,
		"appId": "00000003-0000-0000-c000-000000000000",
		"displayName": "Microsoft Graph",
		"appRoles": [{"id": id, "value": value, "allowedMemberTypes": ["Application"]} | some value, id in role_ids],
	},
	{"id": hr_sync, "appId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "displayName": "Contoso HR Sync"},
	{"id": reporting, "appId": "b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e", "displayName": "Contoso Reporting"},
]

_default := {
	"isServiceDefault": false,
	"inboundTrust": trust(false, false, false),
	"automaticUserConsentSettings": {"inboundAllowed": false, "outboundAllowed": false},
}

_meta(collected) := {
	"schemaVersion": 1,
	"tenantId": tenant_id,
	"defaultDomain": "contoso.com",
	"cloud": "global",
	"collectedAt": collected,
	"evaluationTime": "2026-11-26T10:05:00Z",
}

baseline := {
	"meta": _meta("2026-11-02T06:00:00Z"),
	"collection": _collection,
	"conditionalAccess": {"policies": [
		ca001_policy,
		json.patch(ca002_policy, [{"op": "add", "path": "/conditions/users/excludeUsers/-", "value": isaiah}]),
		ca003_policy,
		ca005_policy,
		ca007_policy,
		ca009_policy,
	]},
	"roles": {
		"assignments": [
			active("ra-bg1-ga", bg1, ga),
			active("ra-alex-useradmin", alex, useradmin),
		],
		"assignmentScheduleInstances": [
			instance("ra-bg1-ga", bg1, ga, "Assigned", "2025-01-05T09:00:00Z", null),
			instance("ra-alex-useradmin", alex, useradmin, "Assigned", "2026-10-01T09:00:00Z", "2026-12-31T09:00:00Z"),
		],
	},
	"principals": _principals,
	"authenticationMethods": {"policy": {
		"id": "authenticationMethodsPolicy",
		"displayName": "Authentication Methods Policy",
		"authenticationMethodConfigurations": [
			method("MicrosoftAuthenticator", "enabled"),
			method("Fido2", "enabled"),
			method("Sms", "enabled"),
			method("Voice", "disabled"),
			method("Email", "disabled"),
			method("TemporaryAccessPass", "disabled"),
			method("SoftwareOath", "disabled"),
		],
	}},
	"crossTenantAccess": {
		"default": _default,
		"partners": [
			partner(fabrikam, "Fabrikam", trust(true, true, false)),
			partner(northwind, "Northwind Traders", null),
		],
	},
	"apps": {
		"servicePrincipals": _service_principals,
		"appRoleAssignments": [
			app_role_assignment("ara-hrsync-userread", hr_sync, "Contoso HR Sync", "User.Read.All"),
			app_role_assignment("ara-reporting-dirwrite", reporting, "Contoso Reporting", "Directory.ReadWrite.All"),
		],
		"oauth2PermissionGrants": [
			grant("grant-reporting-all", "AllPrincipals", null, "openid profile User.Read Mail.ReadWrite"),
			grant("grant-reporting-adele", "Principal", adele, "Mail.Read"),
		],
	},
}

live := {
	"meta": _meta("2026-11-26T10:00:00Z"),
	"collection": _collection,
	"conditionalAccess": {"policies": [
		ca001_policy,
		ca002_policy,
		ca003_policy,
		json.patch(ca005_policy, [{"op": "replace", "path": "/state", "value": "enabled"}]),
		json.patch(ca007_policy, [
			{"op": "replace", "path": "/grantControls/operator", "value": "AND"},
			{"op": "add", "path": "/grantControls/builtInControls/-", "value": "mfa"},
		]),
		ca010_policy,
	]},
	"roles": {
		"assignments": [
			active("ra-bg1-ga", bg1, ga),
			active("ra-adele-ga", adele, ga),
			active("ra-adele-pra-activation", adele, pra),
			active("ra-megan-reportsreader", megan, reports_reader),
		],
		"assignmentScheduleInstances": [
			instance("ra-bg1-ga", bg1, ga, "Assigned", "2025-01-05T09:00:00Z", null),
			instance("ra-adele-ga", adele, ga, "Assigned", "2026-11-26T08:00:00Z", "2026-11-26T16:00:00Z"),
			instance("ra-adele-pra-activation", adele, pra, "Activated", "2026-11-26T09:00:00Z", "2026-11-26T13:00:00Z"),
			instance("ra-megan-reportsreader", megan, reports_reader, "Assigned", null, null),
		],
	},
	"principals": _principals,
	"authenticationMethods": {"policy": json.patch(baseline.authenticationMethods.policy, [{
		"op": "replace", "path": "/authenticationMethodConfigurations/2/state",
		"value": "disabled",
	}])},
	"crossTenantAccess": {
		"default": _default,
		"partners": [
			partner(fabrikam, "Fabrikam", trust(true, false, false)),
			partner(northwind, "Northwind Traders", null),
			partner(tailspin, "Tailspin Toys", trust(false, false, false)),
		],
	},
	"apps": {
		"servicePrincipals": _service_principals,
		"appRoleAssignments": [
			app_role_assignment("ara-hrsync-userread", hr_sync, "Contoso HR Sync", "User.Read.All"),
			app_role_assignment("ara-reporting-dirread", reporting, "Contoso Reporting", "Directory.Read.All"),
		],
		"oauth2PermissionGrants": [
			grant("grant-reporting-all", "AllPrincipals", null, "openid profile User.Read"),
			grant("grant-reporting-adele", "Principal", adele, "Mail.Read"),
		],
	},
}

good := input_for(live)

# JSON Patch paths into live.
ca_path(id) := sprintf("/conditionalAccess/policies/%d", [i]) if {
	some i, p in live.conditionalAccess.policies
	p.id == id
}

partner_path(tenant) := sprintf("/crossTenantAccess/partners/%d", [i]) if {
	some i, p in live.crossTenantAccess.partners
	p.tenantId == tenant
}

method_path(id) := sprintf("/authenticationMethods/policy/authenticationMethodConfigurations/%d", [i]) if {
	some i, m in live.authenticationMethods.policy.authenticationMethodConfigurations
	m.id == id
}

# ---- the comparison, as the CLI builds it ----

_lists := {
	"conditionalAccess.policies": ["conditionalAccess", "policies"],
	"roles.assignments": ["roles", "assignments"],
	"roles.assignmentScheduleInstances": ["roles", "assignmentScheduleInstances"],
	"crossTenantAccess.partners": ["crossTenantAccess", "partners"],
	"apps.appRoleAssignments": ["apps", "appRoleAssignments"],
	"apps.oauth2PermissionGrants": ["apps", "oauth2PermissionGrants"],
}

_singletons := {
	"authenticationMethods.policy": ["authenticationMethods", "policy"],
	"crossTenantAccess.default": ["crossTenantAccess", "default"],
}

# Set-like Conditional Access lists reported as added/removed.
_set_paths := [
	"conditions.users.includeUsers", "conditions.users.excludeUsers",
	"conditions.users.includeGroups", "conditions.users.excludeGroups",
	"conditions.users.includeRoles", "conditions.users.excludeRoles",
	"conditions.applications.includeApplications", "conditions.applications.excludeApplications",
	"conditions.locations.includeLocations", "conditions.locations.excludeLocations",
	"conditions.platforms.includePlatforms", "conditions.platforms.excludePlatforms",
	"conditions.clientAppTypes", "conditions.signInRiskLevels", "conditions.userRiskLevels",
	"grantControls.builtInControls",
]

_key(o) := o.id if o.id

else := o.tenantId

_by_key(doc, path) := {_key(o): o | some o in object.get(doc, path, [])}

_ref(v) := {"value": v, "name": names[v]} if names[v]

else := {"value": v}

_refs(vals) := [_ref(v) | some v in sort(vals)]

_set_field(b, l, path) := {k: v |
	some k, v in {
		"path": path,
		"added": _refs(drift.values(l, split(path, ".")) - drift.values(b, split(path, "."))),
		"removed": _refs(drift.values(b, split(path, ".")) - drift.values(l, split(path, "."))),
	}
	v != []
}

_fields(b, l) := array.concat(
	[{"path": "state", "before": b.state, "after": l.state} | b.state != l.state],
	[f | some path in _set_paths; f := _set_field(b, l, path); count(f) > 1],
)

_change(key, id, b, l) := {"kind": "removed", "resource": key, "id": id, "name": result.object_name(b[id]), "before": b[id]} if {
	not id in object.keys(l)
}

_change(key, id, b, l) := {"kind": "added", "resource": key, "id": id, "name": result.object_name(l[id]), "after": l[id]} if {
	not id in object.keys(b)
}

_change(key, id, b, l) := {
	"kind": "modified", "resource": key, "id": id, "name": result.object_name(l[id]),
	"before": b[id], "after": l[id], "fields": _fields(b[id], l[id]),
} if {
	b[id] != l[id]
}

changes(base, now) := array.concat(
	[c |
		some key, path in _lists
		b := _by_key(base, path)
		l := _by_key(now, path)
		some id in (object.keys(b) | object.keys(l))
		c := _change(key, id, b, l)
	],
	[c |
		some key, path in _singletons
		b := object.get(base, path, {})
		l := object.get(now, path, {})
		b != l
		c := {
			"kind": "modified", "resource": key, "id": result.object_id(l), "name": result.object_name(l),
			"before": b, "after": l, "fields": [],
		}
	],
)

drift_of(base, now) := {
	"baseline": {"dir": baseline_dir, "tenantId": tenant_id, "collectedAt": base.meta.collectedAt},
	"resources": {k: {"status": "compared"} | some k in (object.keys(_lists) | object.keys(_singletons))},
	"changes": changes(base, now),
}

input_for(now) := input_between(baseline, now)

input_between(base, now) := object.union(now, {"drift": drift_of(base, now)})

# The comparison has the contract's shape.
test_fixture_comparison_shape if {
	b := {"meta": {"collectedAt": "2026-11-02T06:00:00Z"}, "conditionalAccess": {"policies": [
		{"id": "p1", "displayName": "P1", "state": "enabled", "conditions": {"users": {"excludeUsers": []}}},
		{"id": "p2", "displayName": "P2", "state": "disabled"},
	]}}
	l := {"conditionalAccess": {"policies": [
		{"id": "p1", "displayName": "P1", "state": "enabledForReportingButNotEnforced", "conditions": {"users": {"excludeUsers": [isaiah]}}},
		{"id": "p3", "displayName": "P3", "state": "enabled"},
	]}}
	d := drift_of(b, l)
	d.baseline == {"dir": "baselines/contoso-demo", "tenantId": tenant_id, "collectedAt": "2026-11-02T06:00:00Z"}
	d.resources["conditionalAccess.policies"] == {"status": "compared"}
	d.resources["authenticationMethods.policy"] == {"status": "compared"}
	{c | some c in d.changes} == {
		{
			"kind": "modified", "resource": "conditionalAccess.policies", "id": "p1", "name": "P1",
			"before": b.conditionalAccess.policies[0], "after": l.conditionalAccess.policies[0],
			"fields": [
				{"path": "state", "before": "enabled", "after": "enabledForReportingButNotEnforced"},
				{"path": "conditions.users.excludeUsers", "added": [{"value": isaiah, "name": "Isaiah Langer (isaiah.langer@contoso.com)"}]},
			],
		},
		{"kind": "removed", "resource": "conditionalAccess.policies", "id": "p2", "name": "P2", "before": b.conditionalAccess.policies[1]},
		{"kind": "added", "resource": "conditionalAccess.policies", "id": "p3", "name": "P3", "after": l.conditionalAccess.policies[1]},
	}
}

# The known-good pair differs in every compared resource.
test_fixture_has_drift_everywhere if {
	{c.resource | some c in good.drift.changes} == (object.keys(_lists) | object.keys(_singletons)) - {"crossTenantAccess.default"}
}
