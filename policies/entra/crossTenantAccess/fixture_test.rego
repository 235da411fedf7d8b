# Known-good input for the cross-tenant access controls: Fabrikam is a
# declared trusted partner (its MFA and device claims and its inbound user
# sync are accepted); Northwind Traders is an ordinary partner with B2B
# direct connect blocked; the default trusts nothing.
package entra.controls.crossTenantAccess.fixture_test

fabrikam := "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"

northwind := "fc377a4c-4a15-444d-85e7-ce8a3a578a8e"

config := {"trustedTenants": [fabrikam]}

_blocked_all := {
	"usersAndGroups": {"accessType": "blocked", "targets": [{"target": "AllUsers", "targetType": "user"}]},
	"applications": {"accessType": "blocked", "targets": [{"target": "AllApplications", "targetType": "application"}]},
}

_allowed_all := {
	"usersAndGroups": {"accessType": "allowed", "targets": [{"target": "AllUsers", "targetType": "user"}]},
	"applications": {"accessType": "allowed", "targets": [{"target": "AllApplications", "targetType": "application"}]},
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
		"crossTenantAccess.default": {"status": "collected", "count": 1},
		"crossTenantAccess.partners": {"status": "collected", "count": 2},
	},
	"crossTenantAccess": {
		"default": {
			"isServiceDefault": false,
			"inboundTrust": {
				"isMfaAccepted": false,
				"isCompliantDeviceAccepted": false,
				"isHybridAzureADJoinedDeviceAccepted": false,
			},
			"automaticUserConsentSettings": {"inboundAllowed": false, "outboundAllowed": false},
			"b2bCollaborationInbound": _allowed_all,
			"b2bCollaborationOutbound": _allowed_all,
			"b2bDirectConnectInbound": _blocked_all,
			"b2bDirectConnectOutbound": _blocked_all,
		},
		"partners": [
			{
				"tenantId": fabrikam,
				"isServiceProvider": false,
				"inboundTrust": {
					"isMfaAccepted": true,
					"isCompliantDeviceAccepted": true,
					"isHybridAzureADJoinedDeviceAccepted": false,
				},
				"automaticUserConsentSettings": {"inboundAllowed": true, "outboundAllowed": false},
				"b2bCollaborationInbound": null,
				"b2bCollaborationOutbound": null,
				"b2bDirectConnectInbound": null,
				"b2bDirectConnectOutbound": null,
				"identitySynchronization": {
					"tenantId": fabrikam,
					"displayName": "Fabrikam",
					"userSyncInbound": {"isSyncAllowed": true},
				},
			},
			{
				"tenantId": northwind,
				"isServiceProvider": false,
				"inboundTrust": null,
				"automaticUserConsentSettings": {"inboundAllowed": null, "outboundAllowed": null},
				"b2bCollaborationInbound": null,
				"b2bCollaborationOutbound": null,
				"b2bDirectConnectInbound": _blocked_all,
				"b2bDirectConnectOutbound": null,
				"identitySynchronization": null,
			},
		],
	},
}

partner_resource(i) := {"type": "crossTenantAccess.partners", "id": good.crossTenantAccess.partners[i].tenantId, "name": good.crossTenantAccess.partners[i].tenantId}

default_resource := {"type": "crossTenantAccess.default", "id": "", "name": ""}
