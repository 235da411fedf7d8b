package entra.scuba.aad.ms_aad_5_2_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_5_2 as control

_authz := fx.good.tenant.authorizationPolicy

_resource := {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"}

_grants := "/tenant/authorizationPolicy/defaultUserRolePermissions/permissionGrantPoliciesAssigned"

_low := "ManagePermissionGrantsForSelf.microsoft-user-default-low"

_classified(names) := [{"id": n, "permissionId": n, "permissionName": n, "classification": "low"} | some n in names]

test_known_good_passes if {
	control.findings == set() with input as fx.good
	{e.message | some e in control.evidence} == {"users cannot consent to applications"} with input as fx.good
}

test_legacy_user_consent_fails if {
	tenant := fx.patch([{
		"op": "add", "path": sprintf("%s/-", [_grants]),
		"value": "ManagePermissionGrantsForSelf.microsoft-user-default-legacy",
	}])
	control.findings == {{
		"resource": _resource,
		"message": "Users can consent to applications through permission grant policy microsoft-user-default-legacy",
		"evidence": {"permissionGrantPolicy": "microsoft-user-default-legacy"},
	}} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_low_risk_consent_with_minimal_permissions_passes if {
	tenant := fx.patch([
		{"op": "add", "path": sprintf("%s/-", [_grants]), "value": _low},
		{
			"op": "replace", "path": "/apps/permissionClassifications",
			"value": _classified(["openid", "profile", "User.Read"]),
		},
	])
	control.findings == set() with input as tenant
	{e.message | some e in control.evidence} == {
		"users can consent only to minimal sign-in permissions from verified publishers",
	} with input as tenant
}

test_low_risk_consent_with_broad_permissions_fails if {
	tenant := fx.patch([
		{"op": "add", "path": sprintf("%s/-", [_grants]), "value": _low},
		{
			"op": "replace", "path": "/apps/permissionClassifications",
			"value": _classified(["openid", "Mail.Read", "Files.Read.All"]),
		},
	])
	control.findings == {{
		"resource": _resource,
		"message": concat("", [
			"Users can consent to permissions classified low risk that give more than sign-in ",
			"access: Files.Read.All, Mail.Read",
		]),
		"evidence": {
			"permissionGrantPolicy": "microsoft-user-default-low",
			"lowRiskPermissions": ["Files.Read.All", "Mail.Read", "openid"],
		},
	}} with input as tenant
}

test_low_risk_consent_without_classifications_collected_fails if {
	tenant := fx.patch([
		{"op": "add", "path": sprintf("%s/-", [_grants]), "value": _low},
		{
			"op": "replace", "path": "/collection/apps.permissionClassifications",
			"value": {"status": "missing_permission", "permission": "Policy.Read.PermissionGrant"},
		},
		{"op": "remove", "path": "/apps/permissionClassifications"},
	])
	control.findings == {{
		"resource": {"type": "apps.permissionClassifications", "id": "", "name": ""},
		"message": concat("", [
			"Users can consent to low-risk permissions, but the permission classifications were ",
			"not collected to check them",
		]),
		"evidence": {"status": "missing_permission", "permission": "Policy.Read.PermissionGrant"},
	}} with input as tenant
}

_both_named := {
	"resource": _resource,
	"property": concat("", [
		"defaultUserRolePermissions.permissionGrantPoliciesAssigned (v1.0) or ",
		"permissionGrantPolicyIdsAssignedToDefaultUserRole (beta)",
	]),
}

test_neither_v1_nor_beta_list_is_missing_never_a_pass if {
	tenant := fx.patch([{"op": "remove", "path": _grants}])
	control.missing == {_both_named} with input as tenant
	count(control.evidence) == 0 with input as tenant
	nulled := fx.patch([{"op": "replace", "path": _grants, "value": null}])
	control.missing == {_both_named} with input as nulled
	count(control.evidence) == 0 with input as nulled
	control.missing == set() with input as fx.good
}

test_beta_list_is_read if {
	legacy := ["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"]
	tenant := fx.patch([
		{"op": "remove", "path": "/tenant/authorizationPolicy/defaultUserRolePermissions"},
		{"op": "add", "path": "/tenant/authorizationPolicy/permissionGrantPolicyIdsAssignedToDefaultUserRole", "value": legacy},
	])
	control.missing == set() with input as tenant
	{f.evidence.permissionGrantPolicy | some f in control.findings} == {"microsoft-user-default-legacy"} with input as tenant
	empty := json.patch(tenant, [{
		"op": "replace", "path": "/tenant/authorizationPolicy/permissionGrantPolicyIdsAssignedToDefaultUserRole",
		"value": [],
	}])
	{e.message | some e in control.evidence} == {"users cannot consent to applications"} with input as empty
}

test_an_entry_in_either_list_counts if {
	tenant := fx.patch([{
		"op": "add", "path": "/tenant/authorizationPolicy/permissionGrantPolicyIdsAssignedToDefaultUserRole",
		"value": ["ManagePermissionGrantsForSelf.custom-consent", null],
	}])
	{f.evidence.permissionGrantPolicy | some f in control.findings} == {"custom-consent"} with input as tenant
}

test_low_risk_classification_without_name_is_missing if {
	tenant := fx.patch([
		{"op": "add", "path": sprintf("%s/-", [_grants]), "value": _low},
		{"op": "replace", "path": "/apps/permissionClassifications", "value": [{"id": "c1", "classification": "low"}]},
	])
	control.missing == {{
		"resource": {"type": "apps.permissionClassifications", "id": "c1", "name": "c1"},
		"property": "permissionName",
	}} with input as tenant
}
