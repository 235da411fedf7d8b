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
