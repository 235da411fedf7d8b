package policy

// ResourceKeys are the snapshot resource keys a control may list in its
// METADATA `requires` (docs/snapshot-format.md), the default of
// LoadOptions.KnownResources. The policy package does not import the
// snapshot package (policies never know where data came from): the CLI
// passes the snapshot catalogue's keys, and checks in a test that this list
// agrees with them.
var ResourceKeys = []string{
	"conditionalAccess.policies",
	"conditionalAccess.namedLocations",
	"conditionalAccess.authenticationStrengths",
	"conditionalAccess.authenticationContexts",
	"roles.definitions",
	"roles.assignments",
	"roles.assignmentScheduleInstances",
	"roles.eligibilityScheduleInstances",
	"roles.policyAssignments",
	"roles.groupAssignmentScheduleInstances",
	"roles.groupEligibilityScheduleInstances",
	"roles.groupPolicyAssignments",
	"principals.users",
	"principals.groups",
	"principals.directoryObjects",
	"authenticationMethods.policy",
	"crossTenantAccess.policy",
	"crossTenantAccess.default",
	"crossTenantAccess.partners",
	"crossTenantAccess.partnerTenantInformation",
	"crossTenantAccess.multiTenantOrganization",
	"multicloud.authorizationSystems",
	"multicloud.azureRoleAssignments",
	"multicloud.azureRoleDefinitions",
	"multicloud.managementGroups",
	"multicloud.subscriptions",
	"multicloud.federationApps",
	"tenant.organization",
	"tenant.subscribedSkus",
	"tenant.authorizationPolicy",
	"tenant.securityDefaults",
	"tenant.adminConsentRequestPolicy",
	"tenant.defaultAppManagementPolicy",
	"tenant.appManagementPolicies",
	"tenant.directorySettings",
	"tenant.domains",
	"apps.servicePrincipals",
	"apps.applications",
	"apps.appRoleAssignments",
	"apps.oauth2PermissionGrants",
	"apps.permissionClassifications",
}

// Families are the control families of METADATA `family`. drift holds the
// change-aware controls, which judge changes since a baseline.
var Families = []string{
	"conditionalAccess", "roles", "authenticationMethods", "crossTenantAccess", "multicloud", "tenant", "apps",
	"drift",
}
