package entra.controls.crossTenantAccess.direct_connect_inbound_test

import data.entra.controls.crossTenantAccess.direct_connect_inbound as control
import data.entra.controls.crossTenantAccess.fixture_test as fixture

test_blocked_by_default_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {{
		"resource": {"type": "crossTenantAccess.default", "id": "", "name": ""},
		"message": "B2B direct connect inbound is blocked for all users by default.",
	}} with input as fixture.good with data.config as fixture.config
}

test_default_allowing_some_groups_fails if {
	setting := {
		"accessType": "allowed",
		"targets": [{"target": "5be6128e-18c2-4797-a142-ea7d17be3111", "targetType": "group"}],
	}
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/default/b2bDirectConnectInbound/usersAndGroups",
		"value": setting,
	}])
	control.findings == {{
		"resource": {"type": "crossTenantAccess.default", "id": "", "name": ""},
		"message": "B2B direct connect inbound is not blocked for all users by default.",
		"evidence": {"usersAndGroups": setting},
	}} with input as patched with data.config as fixture.config
	count(control.evidence) == 0 with input as patched with data.config as fixture.config
}

test_untrusted_partner_open_to_all_fails if {
	setting := {"accessType": "allowed", "targets": [{"target": "AllUsers", "targetType": "user"}]}
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/partners/1/b2bDirectConnectInbound/usersAndGroups",
		"value": setting,
	}])
	control.findings == {{
		"resource": {"type": "crossTenantAccess.partners", "id": fixture.northwind, "name": fixture.northwind},
		"message": sprintf(
			"Partner %s is not a declared trusted tenant but B2B direct connect inbound is open to all its users.",
			[fixture.northwind],
		),
		"evidence": {"tenantId": fixture.northwind, "usersAndGroups": setting},
	}} with input as patched with data.config as fixture.config
}

test_partner_blocking_only_some_users_is_open if {
	setting := {
		"accessType": "blocked",
		"targets": [{"target": "1a2a73ed-562b-4f79-8374-59eef50bea63", "targetType": "group"}],
	}
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/partners/1/b2bDirectConnectInbound/usersAndGroups",
		"value": setting,
	}])
	count(control.findings) == 1 with input as patched with data.config as fixture.config
}

test_trusted_partner_open_to_all_passes if {
	setting := {"accessType": "allowed", "targets": [{"target": "AllUsers", "targetType": "user"}]}
	patched := json.patch(fixture.good, [{
		"op": "replace", "path": "/crossTenantAccess/partners/0/b2bDirectConnectInbound",
		"value": {"usersAndGroups": setting},
	}])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_absent_access_settings_are_missing if {
	target := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/1/b2bDirectConnectInbound/usersAndGroups/targets/0/target"}])
	control.missing == {{"resource": fixture.partner_resource(1), "property": "b2bDirectConnectInbound.usersAndGroups.targets[0].target"}} with input as target
	setting := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/partners/0/b2bDirectConnectInbound"}])
	control.missing == {{"resource": fixture.partner_resource(0), "property": "b2bDirectConnectInbound"}} with input as setting
	default_type := json.patch(fixture.good, [{"op": "remove", "path": "/crossTenantAccess/default/b2bDirectConnectInbound/usersAndGroups/accessType"}])
	control.missing == {{"resource": fixture.default_resource, "property": "b2bDirectConnectInbound.usersAndGroups.accessType"}} with input as default_type
	control.missing == set() with input as fixture.good
}
