package entra.scuba.aad.ms_aad_8_2_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_8_2 as control

_authz := fx.good.tenant.authorizationPolicy

_resource := {"type": "tenant.authorizationPolicy", "id": "authorizationPolicy", "name": "Authorization Policy"}

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_nobody_can_invite_passes if {
	control.findings == set() with input as fx.patch([{
		"op": "replace", "path": "/tenant/authorizationPolicy/allowInvitesFrom",
		"value": "none",
	}])
}

test_members_can_invite_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": "/tenant/authorizationPolicy/allowInvitesFrom",
		"value": "adminsGuestInvitersAndAllMembers",
	}])
	control.findings == {{
		"resource": _resource,
		"message": concat("", [
			"Guest invitations are allowed from adminsGuestInvitersAndAllMembers, not only from ",
			"admins and guest inviters",
		]),
		"evidence": {"allowInvitesFrom": "adminsGuestInvitersAndAllMembers"},
	}} with input as tenant
}

test_missing_value_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/tenant/authorizationPolicy/allowInvitesFrom"}])
	control.missing == {{"resource": _resource, "property": "allowInvitesFrom"}} with input as tenant
	control.missing == set() with input as fx.good
}
