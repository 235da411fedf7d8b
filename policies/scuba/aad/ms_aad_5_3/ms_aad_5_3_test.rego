package entra.scuba.aad.ms_aad_5_3_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_5_3 as control

_policy := fx.good.tenant.adminConsentRequestPolicy

_finding(message) := {
	"resource": {"type": "tenant.adminConsentRequestPolicy", "id": _policy.id, "name": _policy.id},
	"message": message,
}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_disabled_workflow if {
	tenant := fx.patch([{"op": "replace", "path": "/tenant/adminConsentRequestPolicy/isEnabled", "value": false}])
	control.findings == {_finding("The admin consent workflow is disabled")} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_workflow_without_reviewers if {
	tenant := fx.patch([{"op": "replace", "path": "/tenant/adminConsentRequestPolicy/reviewers", "value": []}])
	control.findings == {_finding("The admin consent workflow has no reviewers")} with input as tenant
}

test_absent_settings_are_missing if {
	resource := {"type": "tenant.adminConsentRequestPolicy", "id": "adminConsentRequestPolicy", "name": "adminConsentRequestPolicy"}
	control.missing == {{"resource": resource, "property": "isEnabled"}} with input as fx.patch([{
		"op": "remove", "path": "/tenant/adminConsentRequestPolicy/isEnabled",
	}])
	control.missing == {{"resource": resource, "property": "reviewers"}} with input as fx.patch([{
		"op": "remove", "path": "/tenant/adminConsentRequestPolicy/reviewers",
	}])
	control.missing == set() with input as fx.good
}

test_null_reviewers_are_none if {
	tenant := fx.patch([{"op": "replace", "path": "/tenant/adminConsentRequestPolicy/reviewers", "value": null}])
	{f.message | some f in control.findings} == {"The admin consent workflow has no reviewers"} with input as tenant
}
