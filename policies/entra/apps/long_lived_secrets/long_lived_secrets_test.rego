package entra.controls.apps.long_lived_secrets_test

import data.entra.controls.apps.fixture_test as fixture
import data.entra.controls.apps.long_lived_secrets as control

test_180_days_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_two_year_secret_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/apps/applications/0/passwordCredentials/0/endDateTime",
		"value": "2028-09-01T00:00:00Z",
	}])
	control.findings == {{
		"resource": {"type": "apps.applications", "id": fixture.hr_sync_app, "name": "Contoso HR Sync"},
		"message": "Client secret sync of Contoso HR Sync is valid for 731 days.",
		"evidence": {
			"keyId": "11111111-aaaa-4bbb-8ccc-000000000001",
			"startDateTime": "2026-09-01T00:00:00Z",
			"endDateTime": "2028-09-01T00:00:00Z",
		},
	}} with input as patched
}

test_expired_long_secret_is_left_to_expiry_control if {
	patched := json.patch(fixture.good, [
		{
			"op": "replace",
			"path": "/apps/applications/0/passwordCredentials/0/startDateTime",
			"value": "2024-01-01T00:00:00Z",
		},
		{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/endDateTime", "value": "2026-01-01T00:00:00Z"},
	])
	count(control.findings) == 0 with input as patched
}

test_secret_without_dates_fails_or_is_missing if {
	no_end := json.patch(fixture.good, [{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/endDateTime", "value": null}])
	{f.message | some f in control.findings} == {
		"Client secret sync of Contoso HR Sync has no end date: its lifetime cannot be shown to be 180 days or less.",
	} with input as no_end
	no_start := json.patch(fixture.good, [{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/startDateTime", "value": null}])
	{f.message | some f in control.findings} == {
		"Client secret sync of Contoso HR Sync has no start date: its lifetime cannot be shown to be 180 days or less.",
	} with input as no_start
	absent := json.patch(fixture.good, [{"op": "remove", "path": "/apps/applications/0/passwordCredentials/0/startDateTime"}])
	{m.property | some m in control.missing} == {"passwordCredentials[0].startDateTime"} with input as absent
	control.missing == set() with input as fixture.good
}

test_expired_secret_without_start_is_left_to_expiry_control if {
	tenant := json.patch(fixture.good, [
		{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/startDateTime", "value": null},
		{"op": "replace", "path": "/apps/applications/0/passwordCredentials/0/endDateTime", "value": "2026-01-01T00:00:00Z"},
	])
	control.findings == set() with input as tenant
}
