package entra.controls.apps.credential_expiry_test

import data.entra.controls.apps.credential_expiry as control
import data.entra.controls.apps.fixture_test as fixture

test_current_credentials_pass if {
	count(control.findings) == 0 with input as fixture.good
}

test_expiring_and_expired_fail if {
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/apps/applications/1/passwordCredentials/-", "value": fixture.secret(
			"33333333-aaaa-4bbb-8ccc-000000000003", "reporting",
			"2026-06-06T10:00:00Z", "2026-12-06T12:00:00Z",
		)},
		{"op": "add", "path": "/apps/servicePrincipals/1/keyCredentials/-", "value": {
			"keyId": "44444444-aaaa-4bbb-8ccc-000000000004",
			"displayName": null,
			"type": "AsymmetricX509Cert",
			"usage": "Verify",
			"startDateTime": "2025-11-01T00:00:00Z",
			"endDateTime": "2026-11-01T00:00:00Z",
		}},
	])
	control.findings == {
		{
			"resource": {"type": "apps.applications", "id": fixture.reporting_app, "name": "Contoso Reporting"},
			"message": "secret reporting of Contoso Reporting expires in 10 days.",
			"evidence": {"keyId": "33333333-aaaa-4bbb-8ccc-000000000003", "endDateTime": "2026-12-06T12:00:00Z"},
		},
		{
			"resource": {"type": "apps.servicePrincipals", "id": fixture.hr_sync, "name": "Contoso HR Sync"},
			"message": "certificate 44444444-aaaa-4bbb-8ccc-000000000004 of Contoso HR Sync expired 26 days ago.",
			"evidence": {"keyId": "44444444-aaaa-4bbb-8ccc-000000000004", "endDateTime": "2026-11-01T00:00:00Z"},
		},
	} with input as patched
}

test_clock_is_the_evaluation_time if {
	later := json.patch(fixture.good, [{"op": "replace", "path": "/meta/evaluationTime", "value": "2027-02-10T00:00:00Z"}])
	control.findings == {
		{
			"resource": {"type": "apps.applications", "id": fixture.hr_sync_app, "name": "Contoso HR Sync"},
			"message": "secret sync of Contoso HR Sync expires in 18 days.",
			"evidence": {"keyId": "11111111-aaaa-4bbb-8ccc-000000000001", "endDateTime": "2027-02-28T00:00:00Z"},
		},
		{
			"resource": {"type": "apps.applications", "id": fixture.reporting_app, "name": "Contoso Reporting"},
			"message": "certificate CN=reporting of Contoso Reporting expires in 19 days.",
			"evidence": {"keyId": "22222222-aaaa-4bbb-8ccc-000000000002", "endDateTime": "2027-03-01T00:00:00Z"},
		},
	} with input as later
}

test_absent_end_or_list_is_missing_null_end_never_expires if {
	no_end := json.patch(fixture.good, [{"op": "remove", "path": "/apps/applications/0/passwordCredentials/0/endDateTime"}])
	control.missing == {{
		"resource": {"type": "apps.applications", "id": fixture.hr_sync_app, "name": "Contoso HR Sync"},
		"property": "passwordCredentials[0].endDateTime",
	}} with input as no_end
	no_list := json.patch(fixture.good, [{"op": "remove", "path": "/apps/servicePrincipals/1/keyCredentials"}])
	control.missing == {{
		"resource": {"type": "apps.servicePrincipals", "id": fixture.hr_sync, "name": "Contoso HR Sync"},
		"property": "keyCredentials",
	}} with input as no_list
	null_end := json.patch(fixture.good, [{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/endDateTime", "value": null}])
	control.findings == set() with input as null_end
	control.missing == set() with input as fixture.good
}

test_credential_without_names_is_labelled if {
	expired := json.patch(fixture.good, [
		{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/endDateTime", "value": "2026-01-01T00:00:00Z"},
		{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/displayName", "value": null},
		{"op": "remove", "path": "/apps/applications/0/passwordCredentials/0/keyId"},
		{"op": "replace", "path": "/apps/applications/0/displayName", "value": null},
	])
	{f.message | some f in control.findings} == {sprintf("secret without key id of %s expired 330 days ago.", [fixture.hr_sync_app])} with input as expired
}
