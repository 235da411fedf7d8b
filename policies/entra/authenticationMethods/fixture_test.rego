# Known-good input for the authentication methods controls: Authenticator
# (without OTP codes), FIDO2 with attestation and a one-time, short-lived
# Temporary Access Pass are on; SMS, voice, email and third-party OATH are
# off; the registration campaign, system-preferred MFA and suspicious
# activity reporting are on for all users.
package entra.controls.authenticationMethods.fixture_test

all_users := [{"targetType": "group", "id": "all_users", "isRegistrationRequired": false}]

good := {
	"meta": {
		"schemaVersion": 1,
		"tenantId": "bdd640fb-0667-4ad1-9c80-317fa3b1799d",
		"defaultDomain": "contoso.com",
		"cloud": "global",
		"collectedAt": "2026-11-26T10:00:00Z",
		"evaluationTime": "2026-11-26T10:05:00Z",
	},
	"collection": {"authenticationMethods.policy": {"status": "collected", "count": 1}},
	"authenticationMethods": {"policy": {
		"id": "authenticationMethodsPolicy",
		"displayName": "Authentication Methods Policy",
		"policyVersion": "1.5",
		"policyMigrationState": "migrationComplete",
		"registrationEnforcement": {"authenticationMethodsRegistrationCampaign": {
			"snoozeDurationInDays": 1,
			"enforceRegistrationAfterAllowedSnoozes": true,
			"state": "enabled",
			"excludeTargets": [],
			"includeTargets": [{
				"id": "all_users", "targetType": "group",
				"targetedAuthenticationMethod": "microsoftAuthenticator",
			}],
		}},
		"systemCredentialPreferences": {
			"state": "enabled",
			"excludeTargets": [],
			"includeTargets": [{"id": "all_users", "targetType": "group"}],
		},
		"reportSuspiciousActivitySettings": {
			"state": "enabled",
			"includeTarget": {"targetType": "group", "id": "all_users"},
			"voiceReportingCode": 0,
		},
		"authenticationMethodConfigurations": [
			{
				"@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
				"id": "MicrosoftAuthenticator",
				"state": "enabled",
				"isSoftwareOathEnabled": false,
				"excludeTargets": [],
				"includeTargets": [{
					"targetType": "group", "id": "all_users",
					"isRegistrationRequired": false, "authenticationMode": "any",
				}],
			},
			{
				"@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
				"id": "Fido2",
				"state": "enabled",
				"isSelfServiceRegistrationAllowed": true,
				"isAttestationEnforced": true,
				"keyRestrictions": {"isEnforced": false, "enforcementType": "block", "aaGuids": []},
				"excludeTargets": [],
				"includeTargets": all_users,
			},
			{
				"@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration",
				"id": "Sms",
				"state": "disabled",
				"excludeTargets": [],
				"includeTargets": [{
					"targetType": "group", "id": "all_users",
					"isRegistrationRequired": false, "isUsableForSignIn": false,
				}],
			},
			{
				"@odata.type": "#microsoft.graph.voiceAuthenticationMethodConfiguration",
				"id": "Voice",
				"state": "disabled",
				"isOfficePhoneAllowed": false,
				"excludeTargets": [],
				"includeTargets": all_users,
			},
			{
				"@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration",
				"id": "SoftwareOath",
				"state": "disabled",
				"excludeTargets": [],
				"includeTargets": all_users,
			},
			{
				"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
				"id": "TemporaryAccessPass",
				"state": "enabled",
				"defaultLifetimeInMinutes": 60,
				"defaultLength": 8,
				"minimumLifetimeInMinutes": 60,
				"maximumLifetimeInMinutes": 480,
				"isUsableOnce": true,
				"excludeTargets": [],
				"includeTargets": all_users,
			},
		],
	}},
}

# method_path is the JSON patch path of a method configuration in good.
method_path(id) := sprintf("/authenticationMethods/policy/authenticationMethodConfigurations/%d", [i]) if {
	some i, m in good.authenticationMethods.policy.authenticationMethodConfigurations
	m.id == id
}

policy_resource := {
	"type": "authenticationMethods.policy",
	"id": "authenticationMethodsPolicy",
	"name": "Authentication Methods Policy",
}

method_resource(id) := {"type": "authenticationMethods.policy", "id": id, "name": id}
