package entra.controls.roles.pim_activation_duration_test

import data.entra.controls.roles.fixture_test as fixture
import data.entra.controls.roles.pim_activation_duration as control

_resource(role) := {"type": "roles.policyAssignments", "id": id, "name": id} if {
	some p in fixture.good.roles.policyAssignments
	p.roleDefinitionId == role
	id := p.id
}

test_eight_hours_or_less_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {
		{"resource": _resource(fixture.ga), "message": "Activating Global Administrator lasts at most PT4H."},
		{"resource": _resource(fixture.pra), "message": "Activating Privileged Role Administrator lasts at most PT8H."},
		{"resource": _resource(fixture.secadmin), "message": "Activating Security Administrator lasts at most PT8H."},
	} with input as fixture.good with data.config as fixture.config
}

test_long_and_unreadable_durations_fail if {
	patched := json.patch(fixture.good, [
		{
			"op": "replace",
			"path": sprintf("%s/policy/rules/0/maximumDuration", [fixture.policy_path(fixture.pra)]),
			"value": "PT8H30M",
		},
		{
			"op": "replace",
			"path": sprintf("%s/policy/rules/0/maximumDuration", [fixture.policy_path(fixture.secadmin)]),
			"value": "P1D",
		},
		{"op": "remove", "path": sprintf("%s/policy/rules/0", [fixture.policy_path(fixture.ga)])},
	])
	control.findings == {
		{
			"resource": _resource(fixture.pra),
			"message": "Activating Privileged Role Administrator lasts up to PT8H30M, above PT8H.",
			"evidence": {"roleDefinitionId": fixture.pra, "maximumDuration": "PT8H30M"},
		},
		{
			"resource": _resource(fixture.secadmin),
			"message": "Activating Security Administrator lasts up to P1D, above PT8H.",
			"evidence": {"roleDefinitionId": fixture.secadmin, "maximumDuration": "P1D"},
		},
		{
			"resource": _resource(fixture.ga),
			"message": "Activating Global Administrator lasts up to missing, above PT8H.",
			"evidence": {"roleDefinitionId": fixture.ga, "maximumDuration": "missing"},
		},
	} with input as patched with data.config as fixture.config
}

test_without_p2_fails if {
	patched := json.patch(fixture.good, [{
		"op": "replace",
		"path": "/tenant/subscribedSkus/0/capabilityStatus",
		"value": "Suspended",
	}])
	count(control.findings) == 1 with input as patched with data.config as fixture.config
}

test_absent_rule_settings_are_missing if {
	pa := fixture.good.roles.policyAssignments[1]
	tenant := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/policy/rules/0/maximumDuration", [fixture.policy_path(fixture.pra)])}])
	control.missing == {{
		"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
		"property": "policy.rules[Expiration_EndUser_Assignment].maximumDuration",
	}} with input as tenant
	role := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/roleDefinitionId", [fixture.policy_path(fixture.pra)])}])
	{m.property | some m in control.missing} == {"roleDefinitionId"} with input as role
	control.missing == set() with input as fixture.good
}
