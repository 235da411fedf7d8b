# Known-good input for the app controls: HR Sync reads users, Reporting and
# Fabrikam's verified connector read the directory, all through Graph
# application permissions; the only tenant-wide delegated grant is sign-in
# and profile; every credential is current, outside the 30-day window, and
# every client secret lives 180 days at most.
package entra.controls.apps.fixture_test

tenant_id := "bdd640fb-0667-4ad1-9c80-317fa3b1799d"

fabrikam := "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"

graph := "2f6b6c2e-0a7d-4b1e-9f3c-8d5e4a3b2c10"

hr_sync := "43b7a3a6-9a8d-4a03-980d-7b71d8f56413"

reporting := "759cde66-bacf-43d0-8b1f-9163ce9ff57f"

connector := "8e4c2a1b-3d5f-4a6b-9c7d-1e2f3a4b5c6d"

hr_sync_app := "e2acf72f-9e57-4f7a-a0ee-89aed453dd32"

reporting_app := "3139d32c-93cd-49bf-9c94-1cf0dc98d2c1"

role_ids := {
	"RoleManagement.ReadWrite.Directory": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
	"AppRoleAssignment.ReadWrite.All": "06b708a9-e830-4db3-a914-8e69da51d44f",
	"Application.ReadWrite.All": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
	"Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
	"User.ReadWrite.All": "741f803b-c850-494e-b5df-cde7c675a1ca",
	"Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
	"User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
	"Mail.Send": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
}

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

secret(key_id, name, start, end) := {
	"keyId": key_id,
	"displayName": name,
	"hint": "abc",
	"startDateTime": start,
	"endDateTime": end,
	"customKeyIdentifier": null,
	"secretText": null,
}

good := {
	"meta": {
		"schemaVersion": 1,
		"tenantId": tenant_id,
		"defaultDomain": "contoso.com",
		"cloud": "global",
		"collectedAt": "2026-11-26T10:00:00Z",
		"evaluationTime": "2026-11-26T10:05:00Z",
	},
	"collection": {
		"apps.servicePrincipals": {"status": "collected", "count": 4},
		"apps.applications": {"status": "collected", "count": 2},
		"apps.appRoleAssignments": {"status": "collected", "count": 3},
		"apps.oauth2PermissionGrants": {"status": "collected", "count": 2},
	},
	"apps": {
		"servicePrincipals": [
			{
				"id": graph,
				"appId": "00000003-0000-0000-c000-000000000000",
				"displayName": "Microsoft Graph",
				"servicePrincipalType": "Application",
				"appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
				"appRoles": [{"id": id, "value": value, "allowedMemberTypes": ["Application"]} | some value, id in role_ids],
				"passwordCredentials": [],
				"keyCredentials": [],
			},
			{
				"id": hr_sync,
				"appId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
				"displayName": "Contoso HR Sync",
				"servicePrincipalType": "Application",
				"appOwnerOrganizationId": tenant_id,
				"verifiedPublisher": {"displayName": null, "verifiedPublisherId": null, "addedDateTime": null},
				"passwordCredentials": [],
				"keyCredentials": [],
			},
			{
				"id": reporting,
				"appId": "b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e",
				"displayName": "Contoso Reporting",
				"servicePrincipalType": "Application",
				"appOwnerOrganizationId": tenant_id,
				"verifiedPublisher": {"displayName": null, "verifiedPublisherId": null, "addedDateTime": null},
				"passwordCredentials": [],
				"keyCredentials": [],
			},
			{
				"id": connector,
				"appId": "c4d3e2f1-8a7b-4c6d-8e9f-1a2b3c4d5e6f",
				"displayName": "Fabrikam Expense Connector",
				"servicePrincipalType": "Application",
				"appOwnerOrganizationId": fabrikam,
				"verifiedPublisher": {
					"displayName": "Fabrikam",
					"verifiedPublisherId": "5123456",
					"addedDateTime": "2025-04-01T00:00:00Z",
				},
				"passwordCredentials": [],
				"keyCredentials": [],
			},
		],
		"applications": [
			{
				"id": hr_sync_app,
				"appId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
				"displayName": "Contoso HR Sync",
				"signInAudience": "AzureADMyOrg",
				"passwordCredentials": [secret(
					"11111111-aaaa-4bbb-8ccc-000000000001", "sync",
					"2026-09-01T00:00:00Z", "2027-02-28T00:00:00Z",
				)],
				"keyCredentials": [],
			},
			{
				"id": reporting_app,
				"appId": "b3c2d1e0-7f6a-4b5c-9d8e-0f1a2b3c4d5e",
				"displayName": "Contoso Reporting",
				"signInAudience": "AzureADMyOrg",
				"passwordCredentials": [],
				"keyCredentials": [{
					"keyId": "22222222-aaaa-4bbb-8ccc-000000000002",
					"displayName": "CN=reporting",
					"type": "AsymmetricX509Cert",
					"usage": "Verify",
					"startDateTime": "2026-03-01T00:00:00Z",
					"endDateTime": "2027-03-01T00:00:00Z",
					"customKeyIdentifier": "9A1B",
					"key": null,
				}],
			},
		],
		"appRoleAssignments": [
			app_role_assignment("ara-hrsync-userread", hr_sync, "Contoso HR Sync", "User.Read.All"),
			app_role_assignment("ara-reporting-dirread", reporting, "Contoso Reporting", "Directory.Read.All"),
			app_role_assignment("ara-connector-dirread", connector, "Fabrikam Expense Connector", "Directory.Read.All"),
		],
		"oauth2PermissionGrants": [
			{
				"id": "grant-reporting-all",
				"clientId": reporting,
				"consentType": "AllPrincipals",
				"principalId": null,
				"resourceId": graph,
				"scope": "openid profile User.Read offline_access",
			},
			{
				"id": "grant-reporting-adele",
				"clientId": reporting,
				"consentType": "Principal",
				"principalId": "972a8469-1641-4f82-8b9d-2434e465e150",
				"resourceId": graph,
				"scope": "Mail.ReadWrite",
			},
		],
	},
}
