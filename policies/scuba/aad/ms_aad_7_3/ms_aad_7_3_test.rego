package entra.scuba.aad.ms_aad_7_3_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_7_3 as control

# _label is principals.label of a user of tenant: its display name, then its
# user principal name when that is a different string, else its id.
_label(tenant, id) := sprintf("user %s (%s)", [u.displayName, _tell_apart(u)]) if {
	some u in tenant.principals.users
	u.id == id
}

_tell_apart(u) := u.userPrincipalName if {
	is_string(u.userPrincipalName)
	u.userPrincipalName != u.displayName
} else := u.id

_message(tenant, id, reason) := sprintf("Privileged %s is not cloud-only: %s", [_label(tenant, id), reason])

_eligible(id, principal, role) := {
	"id": id, "principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/",
	"startDateTime": "2026-01-05T09:00:00Z", "endDateTime": "2027-01-05T09:00:00Z", "memberType": "Direct",
}

_tenant_finding(type, message, evidence) := {
	"resource": {"type": type, "id": "", "name": ""},
	"message": message,
	"evidence": evidence,
}

_pim_licence(what) := fx.licence_finding(
	sprintf("%s requires Microsoft Entra ID P2 (Privileged Identity Management), which the tenant does not have", [what]),
	"Microsoft Entra ID P2",
)

_not_collected(key, entry, detail) := _tenant_finding(
	key,
	sprintf("%s was not collected (%s): the control cannot be judged without it", [key, detail]),
	entry,
)

_missing_permission := {"status": "missing_permission", "permission": "RoleManagement.Read.Directory"}

_policy_finding(tenant, i, message) := {
	"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
	"message": message,
	"evidence": {"roleDefinitionId": pa.roleDefinitionId, "rules": pa.policy.rules},
} if pa := tenant.roles.policyAssignments[i]

_rule_path(i, r, field) := sprintf("/roles/policyAssignments/%d/policy/rules/%d/%s", [i, r, field])

_user_finding(i, message, roles) := {
	"resource": {"type": "principals.users", "id": u.id, "name": u.displayName},
	"message": message,
	"evidence": {"roles": roles},
} if u := fx.good.principals.users[i]

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 6 with input as fx.good
}

test_synchronized_privileged_user_fails if {
	tenant := fx.patch([{"op": "replace", "path": "/principals/users/3/onPremisesSyncEnabled", "value": true}])
	control.findings == {_user_finding(
		3, _message(tenant, fx.exo1, "is synchronized from on-premises"),
		["Exchange Administrator"],
	)} with input as tenant
	count(control.evidence) == 5 with input as tenant
}

test_immutable_id_fails if {
	tenant := fx.patch([{"op": "add", "path": "/principals/users/0/onPremisesImmutableId", "value": "b64-anchor=="}])
	control.findings == {_user_finding(
		0, _message(tenant, fx.ga1, "has an on-premises immutable id"),
		["Global Administrator"],
	)} with input as tenant
}

test_federated_domain_fails if {
	tenant := fx.patch([
		{
			"op": "add", "path": "/tenant/domains/-",
			"value": {"id": "Fed.Contoso.com", "authenticationType": "Federated", "isVerified": true},
		},
		{"op": "replace", "path": "/principals/users/4/userPrincipalName", "value": "ua1@fed.contoso.com"},
	])
	{f.message | some f in control.findings} == {
		_message(tenant, fx.ua1, "signs in through federated domain fed.contoso.com"),
	} with input as tenant
}

test_synchronized_user_without_roles_is_fine if {
	tenant := fx.patch([{"op": "add", "path": "/principals/users/-", "value": {
		"id": fx.other_user, "userPrincipalName": "someone@contoso.com", "onPremisesSyncEnabled": true,
	}}])
	control.findings == set() with input as tenant
}

test_group_pim_not_collected_fails if {
	tenant := fx.patch([{
		"op": "replace", "path": "/collection/roles.groupEligibilityScheduleInstances",
		"value": _missing_permission,
	}])
	_not_collected(
		"roles.groupEligibilityScheduleInstances", _missing_permission,
		"missing_permission, RoleManagement.Read.Directory",
	) in control.findings with input as tenant
}

test_privileged_user_without_sync_state_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/principals/users/0/onPremisesSyncEnabled"}])
	control.missing == {{
		"resource": {"type": "principals.users", "id": fx.ga1, "name": "ga1@contoso.com"},
		"property": "onPremisesSyncEnabled",
	}} with input as tenant
	domain := fx.patch([{"op": "remove", "path": "/tenant/domains/0/authenticationType"}])
	control.missing == {{
		"resource": {"type": "tenant.domains", "id": "contoso.com", "name": "contoso.com"},
		"property": "authenticationType",
	}} with input as domain
	control.missing == set() with input as fx.good
}

test_holding_without_principal_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/roles/eligibilityScheduleInstances/0/principalId"}])
	{m.property | some m in control.missing} == {"principalId"} with input as tenant
}

test_user_without_principal_name_is_named_by_display_name_then_id if {
	tenant := fx.patch([
		{"op": "replace", "path": "/principals/users/0/userPrincipalName", "value": null},
		{"op": "replace", "path": "/principals/users/0/onPremisesSyncEnabled", "value": true},
	])
	{f.message | some f in control.findings} == {_message(tenant, fx.ga1, "is synchronized from on-premises")} with input as tenant
	nameless := json.patch(tenant, [{"op": "replace", "path": "/principals/users/0/displayName", "value": null}])
	{f.message | some f in control.findings} == {sprintf("Privileged user %s is not cloud-only: is synchronized from on-premises", [fx.ga1])} with input as nameless
}
