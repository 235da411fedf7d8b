package snapshot

// wellKnownNames label ids that are the same in every tenant, for when the
// object naming them was not collected (roles.definitions without
// RoleManagement.Read.Directory, say). Names collected from the tenant win.
// Each belongs to a kind, like the collected objects (refKinds), so an id
// is only ever named as what its property points at.
var wellKnownNames = map[string]map[string]string{
	wellKnownRole: {
		// directory role templates (privileged and often-checked)
		"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
		"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
		"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
		"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
		"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
		"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
		"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
		"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
		"0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
		"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
		"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
		"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
		"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
		"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
		"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
		"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
		"8329153b-31d0-4727-b945-745eb3bc5f31": "Domain Name Administrator",
		"be2f45a1-457d-42af-a067-6ec1fa63bc45": "External Identity Provider Administrator",
		"9360feb5-f418-4baa-8175-e2a00bac4301": "Directory Writers",
		"7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
		"f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
		"5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
		"5f2222b1-57c3-48ba-8ad5-d4759f1fde6f": "Security Operator",
		"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
		"fdd7a751-b60b-444a-984c-02652fe8fa1c": "Groups Administrator",
		"17315797-102d-40b4-93e0-432062caca18": "Compliance Administrator",
		"d29b2b05-8046-44ba-8758-1e26182fcf32": "Directory Synchronization Accounts",
		"cf1c38e5-3621-4004-a7cb-879624dced7c": "Application Developer",
		// guest roles (authorizationPolicy.guestUserRoleId)
		"a0b1b346-4d3e-4e8b-98f8-753987be4970": "User",
		"10dae51f-b6af-4016-8d66-8c2a99b929b3": "Guest User",
		"2af84b1e-32c8-42b7-82bc-daa82404023b": "Restricted Guest User",
	},
	wellKnownStrength: {
		// built-in authentication strengths
		"00000000-0000-0000-0000-000000000002": "Multifactor authentication",
		"00000000-0000-0000-0000-000000000003": "Passwordless MFA",
		"00000000-0000-0000-0000-000000000004": "Phishing-resistant MFA",
	},
	wellKnownAzureRole: {
		// Azure built-in roles (ARM roleDefinitionId paths end in these)
		"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
		"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
		"acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
		"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
		"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
	},
	wellKnownPermission: {
		// application permissions of first-party APIs whose app roles are not
		// collected (only Microsoft Graph's are)
		"dc890d15-9560-4a4c-9b7f-a736ec74ec40": "full_access_as_app",
	},
	wellKnownApp: {
		// first-party applications
		"00000003-0000-0000-c000-000000000000": "Microsoft Graph",
		"00000002-0000-0000-c000-000000000000": "Windows Azure Active Directory",
		"797f4846-ba00-4fd7-ba43-dac1f8f63013": "Windows Azure Service Management API",
	},
	wellKnownTenant: {
		"f8cdef31-a31e-4b4a-93e4-5f571e91255a": "Microsoft (first-party apps tenant)",
	},
}

// Kinds of well-known ids.
const (
	wellKnownRole       = "well-known directory role"
	wellKnownStrength   = "well-known authentication strength"
	wellKnownAzureRole  = "well-known Azure role"
	wellKnownPermission = "well-known permission"
	wellKnownApp        = "well-known application"
	wellKnownTenant     = "well-known tenant"
)
