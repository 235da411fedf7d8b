package entra.scuba.aad.ms_aad_5_5_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_5_5 as control

_default := fx.good.tenant.defaultAppManagementPolicy

_resource := {"type": "tenant.defaultAppManagementPolicy", "id": _default.id, "name": _default.displayName}

_default_finding(tenant, message) := {
	"resource": _resource,
	"message": message,
	"evidence": {"restriction": tenant.tenant.defaultAppManagementPolicy.applicationRestrictions},
}

_custom(restrictions) := {
	"id": "a9900000-0000-0000-0000-000000000001", "displayName": "Legacy integrations", "isEnabled": true,
	"restrictions": restrictions,
}

_custom_finding(policy, message) := {
	"resource": {"type": "tenant.appManagementPolicies", "id": policy.id, "name": policy.displayName},
	"message": message,
	"evidence": {"restrictions": policy.restrictions},
}

_path := "/tenant/defaultAppManagementPolicy/applicationRestrictions/passwordCredentials/0"

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_restriction_disabled if {
	tenant := fx.patch([{"op": "replace", "path": sprintf("%s/state", [_path]), "value": "disabled"}])
	control.findings == {_default_finding(
		tenant,
		"The default app management policy does not block password addition: the passwordAddition restriction is disabled",
	)} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_only_new_apps if {
	tenant := fx.patch([{
		"op": "replace", "path": sprintf("%s/restrictForAppsCreatedAfterDateTime", [_path]),
		"value": "2025-01-01T00:00:00Z",
	}])
	control.findings == {_default_finding(
		tenant,
		concat("", [
			"The default app management policy does not block password addition: the ",
			"passwordAddition restriction applies only to apps created after 2025-01-01T00:00:00Z",
		]),
	)} with input as tenant
}

test_minimum_date_counts_as_blank if {
	tenant := fx.patch([{
		"op": "replace", "path": sprintf("%s/restrictForAppsCreatedAfterDateTime", [_path]),
		"value": "0001-01-01T00:00:00Z",
	}])
	control.findings == set() with input as tenant
}

test_policy_disabled_and_restriction_missing if {
	tenant := fx.patch([
		{"op": "replace", "path": "/tenant/defaultAppManagementPolicy/isEnabled", "value": false},
		{"op": "remove", "path": _path},
	])
	control.findings == {_default_finding(
		tenant,
		concat("", [
			"The default app management policy does not block password addition: has no ",
			"passwordAddition restriction; the policy is disabled",
		]),
	)} with input as tenant
}

test_custom_policy_exempting_apps if {
	custom := _custom({"passwordCredentials": [], "keyCredentials": []})
	tenant := fx.patch([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": custom}])
	control.findings == {_custom_finding(
		custom,
		concat("", [
			"App management policy 'Legacy integrations' overrides the default for its apps and ",
			"does not block password addition: has no passwordAddition restriction",
		]),
	)} with input as tenant
}

test_disabled_custom_policy_is_ignored if {
	custom := object.union(_custom({}), {"isEnabled": false})
	control.findings == set() with input as fx.patch([{
		"op": "add", "path": "/tenant/appManagementPolicies/-",
		"value": custom,
	}])
}

test_disabled_policy_without_restrictions if {
	tenant := fx.patch([
		{"op": "replace", "path": "/tenant/defaultAppManagementPolicy/isEnabled", "value": false},
		{"op": "remove", "path": "/tenant/defaultAppManagementPolicy/applicationRestrictions"},
	])
	{f.message | some f in control.findings} == {concat("", [
		"The default app management policy does not block password addition: ",
		"has no passwordAddition restriction; the policy is disabled",
	])} with input as tenant
}

test_absent_restriction_properties_are_missing if {
	tenant := fx.patch([{"op": "remove", "path": sprintf("%s/restrictForAppsCreatedAfterDateTime", [_path])}])
	control.missing == {{
		"resource": _resource,
		"property": "applicationRestrictions.passwordCredentials[0].restrictForAppsCreatedAfterDateTime",
	}} with input as tenant
	control.missing == {{"resource": _resource, "property": "isEnabled"}} with input as fx.patch([{
		"op": "remove", "path": "/tenant/defaultAppManagementPolicy/isEnabled",
	}])
	control.missing == set() with input as fx.good
}

test_absent_state_reads_as_enabled if {
	tenant := fx.patch([{"op": "remove", "path": sprintf("%s/state", [_path])}])
	control.missing == set() with input as tenant
	control.findings == set() with input as tenant
}

test_null_restrictions_are_none if {
	tenant := fx.patch([{"op": "replace", "path": "/tenant/defaultAppManagementPolicy/applicationRestrictions", "value": null}])
	count(control.findings) == 1 with input as tenant
	custom := {"id": "c1", "displayName": "C", "isEnabled": true, "restrictions": null}
	with_custom := fx.patch([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": custom}])
	{f.resource.id | some f in control.findings} == {"c1"} with input as with_custom
}

test_absent_properties_of_custom_policies_are_missing if {
	custom := {"id": "c1", "displayName": "C", "isEnabled": true, "restrictions": {"passwordCredentials": [{"restrictionType": "x"}]}}
	with_custom := fx.patch([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": custom}])
	{m.property | some m in control.missing} == {
		"restrictions.passwordCredentials[0].restrictForAppsCreatedAfterDateTime", "restrictions.passwordCredentials[0].maxLifetime",
	} with input as with_custom
	no_state := fx.patch([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": {"id": "c2", "restrictions": {}}}])
	{m.property | some m in control.missing} == {"isEnabled"} with input as no_state
	no_kind := fx.patch([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": {"id": "c3", "isEnabled": true, "restrictions": {}}}])
	{m.property | some m in control.missing} == {"restrictions.passwordCredentials"} with input as no_kind
}
