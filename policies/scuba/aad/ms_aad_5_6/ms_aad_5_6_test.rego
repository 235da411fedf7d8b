package entra.scuba.aad.ms_aad_5_6_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_5_6 as control

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

_addition := "/tenant/defaultAppManagementPolicy/applicationRestrictions/passwordCredentials/0"

_lifetime := "/tenant/defaultAppManagementPolicy/applicationRestrictions/passwordCredentials/1"

# Passwords must be allowed for the control to apply.
_allowed := fx.patch([{"op": "replace", "path": sprintf("%s/state", [_addition]), "value": "disabled"}])

_with(ops) := json.patch(_allowed, ops)

test_not_applicable_when_password_addition_is_blocked if {
	control.not_applicable with input as fx.good
	control.findings == set() with input as fx.good
}

test_applies_when_a_custom_policy_allows_passwords if {
	tenant := fx.patch([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": _custom({})}])
	not control.not_applicable with input as tenant
}

test_applies_when_the_default_policy_is_disabled if {
	not control.not_applicable with input as fx.patch([{
		"op": "replace", "path": "/tenant/defaultAppManagementPolicy/isEnabled",
		"value": false,
	}])
}

test_181_days_passes if {
	not control.not_applicable with input as _allowed
	control.findings == set() with input as _allowed
	count(control.evidence) == 1 with input as _allowed
}

test_longer_lifetime_fails if {
	tenant := _with([{"op": "replace", "path": sprintf("%s/maxLifetime", [_lifetime]), "value": "P1Y"}])
	control.findings == {_default_finding(
		tenant,
		concat("", [
			"The default app management policy does not restrict password lifetime to 180 days: ",
			"the passwordLifetime restriction allows P1Y, more than 180 days",
		]),
	)} with input as tenant
}

test_six_months_is_read_strictly if {
	tenant := _with([{"op": "replace", "path": sprintf("%s/maxLifetime", [_lifetime]), "value": "P6M"}])
	count(control.findings) == 1 with input as tenant
}

test_hours_are_counted if {
	control.findings == set() with input as _with([{
		"op": "replace", "path": sprintf("%s/maxLifetime", [_lifetime]),
		"value": "P180DT12H",
	}])
}

test_no_maximum if {
	tenant := _with([{"op": "replace", "path": sprintf("%s/maxLifetime", [_lifetime]), "value": null}])
	control.findings == {_default_finding(
		tenant,
		concat("", [
			"The default app management policy does not restrict password lifetime to 180 days: ",
			"the passwordLifetime restriction has no maximum lifetime",
		]),
	)} with input as tenant
}

test_custom_policy_with_long_lifetime if {
	custom := _custom({"passwordCredentials": [{
		"restrictionType": "passwordLifetime", "maxLifetime": "P730D",
		"restrictForAppsCreatedAfterDateTime": null,
	}]})
	tenant := _with([{"op": "add", "path": "/tenant/appManagementPolicies/-", "value": custom}])
	control.findings == {_custom_finding(
		custom,
		concat("", [
			"App management policy 'Legacy integrations' overrides the default for its apps and ",
			"does not restrict password lifetime to 180 days: the passwordLifetime restriction ",
			"allows P730D, more than 180 days",
		]),
	)} with input as tenant
}

test_restriction_disabled if {
	tenant := _with([{"op": "replace", "path": sprintf("%s/state", [_lifetime]), "value": "disabled"}])
	{f.message | some f in control.findings} == {
		concat("", [
			"The default app management policy does not restrict password lifetime to 180 days: ",
			"the passwordLifetime restriction is disabled",
		]),
	} with input as tenant
}

test_only_new_apps if {
	tenant := _with([{
		"op": "replace", "path": sprintf("%s/restrictForAppsCreatedAfterDateTime", [_lifetime]),
		"value": "2025-03-01T00:00:00Z",
	}])
	count(control.findings) == 1 with input as tenant
}

test_disabled_custom_policy_does_not_make_it_applicable if {
	custom := object.union(_custom({}), {"isEnabled": false})
	control.not_applicable with input as fx.patch([{
		"op": "add", "path": "/tenant/appManagementPolicies/-",
		"value": custom,
	}])
}

test_custom_policy_blocking_passwords_keeps_it_not_applicable if {
	custom := _custom({"passwordCredentials": [{
		"restrictionType": "passwordAddition", "state": "enabled",
		"restrictForAppsCreatedAfterDateTime": null, "maxLifetime": null,
	}]})
	control.not_applicable with input as fx.patch([{
		"op": "add", "path": "/tenant/appManagementPolicies/-",
		"value": custom,
	}])
}

test_absent_lifetime_is_missing if {
	tenant := _with([{"op": "remove", "path": sprintf("%s/maxLifetime", [_lifetime])}])
	control.missing == {{
		"resource": _resource,
		"property": "applicationRestrictions.passwordCredentials[1].maxLifetime",
	}} with input as tenant
	control.missing == set() with input as _allowed
}

test_lifetime_that_is_not_a_duration_fails if {
	tenant := _with([{"op": "replace", "path": sprintf("%s/maxLifetime", [_lifetime]), "value": 181}])
	count(control.findings) == 1 with input as tenant
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

test_disabled_default_without_lifetime_restriction if {
	tenant := _with([
		{"op": "replace", "path": "/tenant/defaultAppManagementPolicy/isEnabled", "value": false},
		{"op": "remove", "path": _lifetime},
	])
	{f.message | some f in control.findings} == {concat("", [
		"The default app management policy does not restrict password lifetime to 180 days: ",
		"has no passwordLifetime restriction; the policy is disabled",
	])} with input as tenant
	control.missing == {{"resource": _resource, "property": "isEnabled"}} with input as _with([{
		"op": "remove", "path": "/tenant/defaultAppManagementPolicy/isEnabled",
	}])
}

test_minimum_date_counts_as_blank if {
	tenant := _with([{
		"op": "replace", "path": sprintf("%s/restrictForAppsCreatedAfterDateTime", [_lifetime]),
		"value": "0001-01-01T00:00:00Z",
	}])
	control.findings == set() with input as tenant
}
