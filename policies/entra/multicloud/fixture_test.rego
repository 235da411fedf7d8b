# Known-good input for the multicloud controls: no root-scope assignment;
# Break Glass 1 holds Owner on the tenant root management group as a
# declared permanent holder; Adele Vance reads the production subscription;
# the AWS and Google Cloud apps require assignment and are assigned to
# members only; Permissions Management answered (online).
package entra.controls.multicloud.fixture_test

tenant_id := "bdd640fb-0667-4ad1-9c80-317fa3b1799d"

bg1 := "23b8c1e9-3924-46de-beb1-3b9046685257"

adele := "972a8469-1641-4f82-8b9d-2434e465e150"

megan := "17fc695a-07a0-4a6e-8822-e8f36c031199"

alex := "6b65a6a4-8b81-48f6-b38a-088ca65ed389"

lee := "9a1de644-815e-46d1-bb8f-aa1837f8a88b"

all_staff := "1a2a73ed-562b-4f79-8374-59eef50bea63"

subscription := "0e51f30d-c6a7-4e39-84b0-32ccd7c524a5"

root_mg_scope := "/providers/Microsoft.Management/managementGroups/bdd640fb-0667-4ad1-9c80-317fa3b1799d"

owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

uaa := "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"

reader := "acdd72a7-3385-48ef-bd42-f606fba81ae7"

contributor := "b24988ac-6180-42a0-ab88-20f7382dd24c"

aws := "ec1b8ca1-f91e-4d4c-9ff4-9b7889463e85"

gcp := "4b0dbb41-8d52-48f1-942c-3fe860e7a113"

config := {"controls": {"EA.MC.3v1": {"roleExclusions": {"users": [bg1]}}}}

role_definition_id(guid) := sprintf("/providers/Microsoft.Authorization/roleDefinitions/%s", [guid])

assignment(guid, role, principal, type, scope) := {
	"id": sprintf("%s/providers/Microsoft.Authorization/roleAssignments/%s", [trim_suffix(scope, "/"), guid]),
	"name": guid,
	"type": "Microsoft.Authorization/roleAssignments",
	"properties": {
		"roleDefinitionId": role_definition_id(role),
		"principalId": principal,
		"principalType": type,
		"scope": scope,
	},
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
		"multicloud.authorizationSystems": {"status": "collected", "count": 1},
		"multicloud.azureRoleAssignments": {"status": "collected", "count": 2},
		"multicloud.azureRoleDefinitions": {"status": "collected", "count": 4},
		"multicloud.federationApps": {"status": "collected", "count": 2},
		"principals.users": {"status": "collected", "count": 5},
		"principals.groups": {"status": "collected", "count": 1},
	},
	"multicloud": {
		"authorizationSystems": [{
			"@odata.type": "#microsoft.graph.azureAuthorizationSystem",
			"id": "MGU1MWYzMGQ",
			"authorizationSystemId": subscription,
			"authorizationSystemName": "Contoso Production",
			"authorizationSystemType": "AZURE",
			"dataCollectionInfo": {"entitlements": {
				"@odata.type": "microsoft.graph.entitlementsDataCollection",
				"status": "online",
				"lastCollectionDateTime": "2026-11-26T09:00:00Z",
				"permissionsModificationCapability": "enabled",
			}},
		}],
		"azureRoleDefinitions": [
			{"id": role_definition_id(owner), "name": owner, "properties": {
				"roleName": "Owner", "type": "BuiltInRole",
				"permissions": [{"actions": ["*"], "notActions": []}],
			}},
			{"id": role_definition_id(uaa), "name": uaa, "properties": {
				"roleName": "User Access Administrator", "type": "BuiltInRole",
				"permissions": [{"actions": ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], "notActions": []}],
			}},
			{"id": role_definition_id(contributor), "name": contributor, "properties": {
				"roleName": "Contributor", "type": "BuiltInRole",
				"permissions": [{"actions": ["*"], "notActions": [
					"Microsoft.Authorization/*/Delete",
					"Microsoft.Authorization/*/Write",
					"Microsoft.Authorization/elevateAccess/Action",
				]}],
			}},
			{"id": role_definition_id(reader), "name": reader, "properties": {
				"roleName": "Reader", "type": "BuiltInRole",
				"permissions": [{"actions": ["*/read"], "notActions": []}],
			}},
		],
		"azureRoleAssignments": [
			assignment("0b7ad8e3-6d4b-4f0c-9d36-5c8d7d9b6a01", owner, bg1, "User", root_mg_scope),
			assignment(
				"1c8be9f4-7e5c-4a1d-8e47-6d9e8eac7b12",
				reader,
				adele,
				"User",
				sprintf("/subscriptions/%s", [subscription]),
			),
		],
		"managementGroups": [{
			"id": root_mg_scope,
			"name": tenant_id,
			"type": "Microsoft.Management/managementGroups",
			"properties": {"displayName": "Tenant Root Group", "tenantId": tenant_id},
		}],
		"subscriptions": [{
			"id": sprintf("/subscriptions/%s", [subscription]),
			"subscriptionId": subscription,
			"displayName": "Contoso Production",
			"state": "Enabled",
			"tenantId": tenant_id,
		}],
		"federationApps": [
			{
				"id": aws,
				"appId": "5f1c4f8e-3b0a-4c55-9d61-2a7e8b9c0d11",
				"displayName": "AWS IAM Identity Center",
				"appRoleAssignmentRequired": true,
				"appRoleAssignedTo": [{
					"id": "aws-assignment-all-staff",
					"appRoleId": "00000000-0000-0000-0000-000000000000",
					"principalId": all_staff,
					"principalType": "Group",
					"principalDisplayName": "All Staff",
					"resourceId": aws,
					"resourceDisplayName": "AWS IAM Identity Center",
				}],
			},
			{
				"id": gcp,
				"appId": "6a2d5a9f-4c1b-4d66-8e72-3b8f9cad1e22",
				"displayName": "Google Cloud",
				"appRoleAssignmentRequired": true,
				"appRoleAssignedTo": [{
					"id": "gcp-assignment-lee",
					"appRoleId": "00000000-0000-0000-0000-000000000000",
					"principalId": lee,
					"principalType": "User",
					"principalDisplayName": "Lee Gu",
					"resourceId": gcp,
					"resourceDisplayName": "Google Cloud",
				}],
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
				"accountEnabled": true,
				"onPremisesSyncEnabled": null,
			},
			{
				"id": adele,
				"displayName": "Adele Vance",
				"userPrincipalName": "adele.vance@contoso.com",
				"userType": "Member",
				"accountEnabled": true,
				"onPremisesSyncEnabled": null,
			},
			{
				"id": megan,
				"displayName": "Megan Bowen",
				"userPrincipalName": "megan.bowen@contoso.com",
				"userType": "Member",
				"accountEnabled": true,
				"onPremisesSyncEnabled": true,
			},
			{
				"id": lee,
				"displayName": "Lee Gu",
				"userPrincipalName": "lee.gu@contoso.com",
				"userType": "Member",
				"accountEnabled": true,
				"onPremisesSyncEnabled": null,
			},
			{
				"id": alex,
				"displayName": "Fabrikam Guest Alex",
				"userPrincipalName": "alex_fabrikam.com#EXT#@contoso.onmicrosoft.com",
				"userType": "Guest",
				"accountEnabled": true,
				"onPremisesSyncEnabled": null,
			},
		],
		"groups": [{
			"id": all_staff,
			"displayName": "All Staff",
			"securityEnabled": true,
			"groupTypes": ["DynamicMembership"],
		}],
	},
}

assignment_resource(i) := {
	"type": "multicloud.azureRoleAssignments",
	"id": good.multicloud.azureRoleAssignments[i].id,
	"name": good.multicloud.azureRoleAssignments[i].name,
}
