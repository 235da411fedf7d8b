# Known-good input for the tenant controls: security defaults are off
# because Conditional Access is in force; the authorization policy closes
# self-service sign-up, viral join, risky-app consent, MSOnline PowerShell
# and tenant creation; the one federated domain rejects the federated
# IdP's MFA claim.
package entra.controls.tenant.fixture_test

tenant_id := "bdd640fb-0667-4ad1-9c80-317fa3b1799d"

ca_mfa := "ab9099a4-35a2-40ae-9af3-05535ec42e08"

authz_resource := {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"}

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
		"tenant.securityDefaults": {"status": "collected", "count": 1},
		"tenant.authorizationPolicy": {"status": "collected", "count": 1},
		"tenant.domains": {"status": "collected", "count": 3},
		"conditionalAccess.policies": {"status": "collected", "count": 1},
	},
	"conditionalAccess": {"policies": [{
		"id": ca_mfa,
		"displayName": "CA002 Require MFA for all users",
		"state": "enabled",
		"createdDateTime": "2025-03-01T09:00:00Z",
		"conditions": {
			"users": {"includeUsers": ["All"], "excludeUsers": [], "includeGroups": [], "excludeGroups": []},
			"applications": {"includeApplications": ["All"], "excludeApplications": []},
			"clientAppTypes": ["all"],
		},
		"grantControls": {"operator": "OR", "builtInControls": ["mfa"]},
	}]},
	"tenant": {
		"securityDefaults": {
			"id": "00000000-0000-0000-0000-000000000005",
			"displayName": "Security Defaults",
			"isEnabled": false,
		},
		"authorizationPolicy": {
			"id": "authorizationPolicy",
			"displayName": "Authorization Policy",
			"allowInvitesFrom": "adminsAndGuestInviters",
			"allowedToSignUpEmailBasedSubscriptions": false,
			"allowedToUseSSPR": true,
			"allowEmailVerifiedUsersToJoinOrganization": false,
			"allowUserConsentForRiskyApps": false,
			"blockMsolPowerShell": true,
			"guestUserRoleId": "2af84b1e-32c8-42b7-82bc-daa82404023b",
			"defaultUserRolePermissions": {
				"allowedToCreateApps": false,
				"allowedToCreateSecurityGroups": false,
				"allowedToCreateTenants": false,
				"allowedToReadBitlockerKeysForOwnedDevice": false,
				"allowedToReadOtherUsers": true,
				"permissionGrantPoliciesAssigned": ["ManagePermissionGrantsForSelf.microsoft-user-default-low"],
			},
		},
		"domains": [
			{"id": "contoso.com", "authenticationType": "Managed", "isDefault": true, "isInitial": false, "isVerified": true},
			{
				"id": "contoso.onmicrosoft.com", "authenticationType": "Managed",
				"isDefault": false, "isInitial": true, "isVerified": true,
			},
			{
				"id": "corp.contoso.com",
				"authenticationType": "Federated",
				"isDefault": false,
				"isInitial": false,
				"isVerified": true,
				"federationConfiguration": [{
					"id": "6601d14b-d113-8f64-fda2-9b5f1d0f1e1c",
					"displayName": "Contoso AD FS",
					"issuerUri": "http://sts.corp.contoso.com/adfs/services/trust",
					"passiveSignInUri": "https://sts.corp.contoso.com/adfs/ls/",
					"preferredAuthenticationProtocol": "wsFed",
					"promptLoginBehavior": "nativeSupport",
					"federatedIdpMfaBehavior": "rejectMfaByFederatedIdp",
				}],
			},
		],
	},
}
