package lib.entra_helpers_test

import data.lib.entra_azure as azure
import data.lib.entra_ca as ca
import data.lib.entra_roles as roles
import data.lib.entra_tenant as settings
import data.lib.entra_time
import data.lib.principals as principals

test_duration_minutes if {
	entra_time.duration_minutes("PT8H") == 480
	entra_time.duration_minutes("PT30M") == 30
	entra_time.duration_minutes("P1DT2H") == 1560
	entra_time.duration_minutes("PT90S") == 1.5
	not entra_time.duration_minutes("8 hours")
	not entra_time.duration_minutes("P1W")
}

test_days_between if {
	entra_time.days_between("2026-01-01T00:00:00Z", "2026-01-31T12:00:00Z") == 30
}

test_guest_by_ext_upn_and_name_fallbacks if {
	doc := {
		"principals": {"users": [{"id": "u1", "userType": "Member", "userPrincipalName": "x_fabrikam.com#EXT#@contoso.com"}]},
		"apps": {"servicePrincipals": [{"id": "sp1", "displayName": ""}]},
	}
	principals.is_guest("u1") with input as doc
	principals.label("sp1") == "service principal sp1" with input as doc
}

test_azure_names_and_scopes if {
	owner_id := "8E3AF657-A8FF-443C-A75C-2FE8C4BCB635"
	owner := {"properties": {"roleDefinitionId": concat("/", [
		"/providers/Microsoft.Authorization/roleDefinitions",
		owner_id,
	])}}
	unknown := {"properties": {"roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/abc"}}
	azure.role_name(owner) == "Owner" with input as {}
	azure.role_name(unknown) == "abc" with input as {}
	azure.grants_access(owner) with input as {}
	not azure.grants_access(unknown) with input as {}
	azure.scope_kind("/subscriptions/s1/resourceGroups/rg") == "other"
	azure.scope_kind("/providers/microsoft.management/managementgroups/mg1") == "managementGroup"
}

test_authorization_policy_as_list if {
	settings.authorization_policy == {"id": "authorizationPolicy"}
		with input as {"tenant": {"authorizationPolicy": [{"id": "authorizationPolicy"}]}}
}

test_ca_users_tolerates_null if {
	ca.users({"conditions": {"users": {"excludeUsers": null}}}, "excludeUsers") == []
	ca.users({}, "includeUsers") == []
}

test_roles_privileged_and_names if {
	doc := {"roles": {"definitions": [{"id": "custom-1", "displayName": null, "isPrivileged": true}]}}
	roles.is_privileged("custom-1") with input as doc
	roles.role_name("custom-1") == "custom-1" with input as doc
	roles.role_name(roles.global_administrator) == "Global Administrator" with input as {}
	not roles.is_privileged("4a5d8f65-41da-4de4-8968-e035b65339cf") with input as {}
}

test_method_missing_without_configurations if {
	{m.property | some m in settings.method_missing("Fido2", [])} == {"authenticationMethodConfigurations"}
		with input as {"authenticationMethods": {"policy": {"id": "authenticationMethodsPolicy"}}}
}
