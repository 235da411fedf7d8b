package lib.tenant_test

import data.lib.tenant

_e5 := {
	"skuId": "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
	"skuPartNumber": "SPE_E5",
	"capabilityStatus": "Enabled",
	"servicePlans": [
		{"servicePlanId": tenant.p1_plan_id, "servicePlanName": "AAD_PREMIUM", "provisioningStatus": "Success"},
		{"servicePlanId": tenant.p2_plan_id, "servicePlanName": "AAD_PREMIUM_P2", "provisioningStatus": "Success"},
	],
}

_good := {
	"meta": {"evaluationTime": "2026-11-26T10:00:00Z"},
	"tenant": {"subscribedSkus": [_e5]},
}

test_e5_has_p1_and_p2 if {
	tenant.has_p1 with input as _good
	tenant.has_p2 with input as _good
	tenant.active_plans == {tenant.p1_plan_id, tenant.p2_plan_id} with input as _good
}

test_p1_only if {
	patched := json.patch(_good, [{"op": "remove", "path": "/tenant/subscribedSkus/0/servicePlans/1"}])
	tenant.has_p1 with input as patched
	not tenant.has_p2 with input as patched
}

test_p2_implies_p1 if {
	patched := json.patch(_good, [{"op": "remove", "path": "/tenant/subscribedSkus/0/servicePlans/0"}])
	tenant.has_p1 with input as patched
	tenant.has_p2 with input as patched
}

test_warning_sku_still_counts if {
	patched := json.patch(_good, [{"op": "replace", "path": "/tenant/subscribedSkus/0/capabilityStatus", "value": "Warning"}])
	tenant.has_p2 with input as patched
}

test_suspended_sku_does_not_count if {
	patched := json.patch(_good, [{"op": "replace", "path": "/tenant/subscribedSkus/0/capabilityStatus", "value": "Suspended"}])
	not tenant.has_p1 with input as patched
	not tenant.has_p2 with input as patched
	tenant.active_plans == set() with input as patched
}

test_disabled_plan_does_not_count if {
	patched := json.patch(_good, [{
		"op": "replace", "path": "/tenant/subscribedSkus/0/servicePlans/1/provisioningStatus",
		"value": "Disabled",
	}])
	tenant.has_p1 with input as patched
	not tenant.has_p2 with input as patched
}

test_no_skus_no_licence if {
	not tenant.has_p1 with input as {"tenant": {"subscribedSkus": []}}
	not tenant.has_p2 with input as {}
}

test_days_since_and_until if {
	tenant.days_since("2026-11-16T10:00:00Z") == 10 with input as _good
	tenant.days_since("2026-11-26T09:00:00Z") == 0 with input as _good
	tenant.days_until("2026-12-06T10:00:00.5Z") == 10 with input as _good
	tenant.days_until("2026-11-25T10:00:00Z") == -1 with input as _good
	tenant.evaluation_ns == time.parse_rfc3339_ns("2026-11-26T10:00:00Z") with input as _good
}

test_license_names_match_the_manifest if {
	tenant.p1_license == "Microsoft Entra ID P1"
	tenant.p2_license == "Microsoft Entra ID P2"
}
