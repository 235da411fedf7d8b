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
		{
			"resource": {"type": "roles.groupPolicyAssignments", "id": _member_policy.id, "name": _member_policy.id},
			"message": sprintf("Members of %s, which holds Security Administrator, activate their membership for at most PT8H.", [fixture.tier0_label]),
		},
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

# ---- PIM for groups: Tier0-Admins holds Security Administrator ----

_member_policy := fixture.good.roles.groupPolicyAssignments[0]

test_long_group_activation_fails if {
	path := sprintf("%s/policy/rules/0/maximumDuration", [fixture.group_policy_path(0)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": "PT12H"}])
	control.findings == {fixture.group_finding(
		patched, 0,
		sprintf(
			"Members of %s, which holds Security Administrator, activate their membership for up to PT12H, above PT8H (rule Expiration_EndUser_Assignment of the group's member policy)",
			[fixture.tier0_label],
		),
		"Expiration_EndUser_Assignment",
	)} with input as patched with data.config as fixture.config
}

test_eligible_owner_activation_is_judged_too if {
	owner := object.union(fixture.group_member("ge-tier0-lee-owner", fixture.tier0, fixture.lee), {"accessId": "owner"})
	patched := json.patch(fixture.good, [
		{"op": "add", "path": "/roles/groupEligibilityScheduleInstances/-", "value": owner},
		{"op": "replace", "path": sprintf("%s/policy/rules/0/maximumDuration", [fixture.group_policy_path(1)]), "value": "P1D"},
	])
	control.findings == {fixture.group_finding(
		patched, 1,
		sprintf(
			"Eligible owners of %s, which holds Security Administrator, activate their ownership for up to P1D, above PT8H (rule Expiration_EndUser_Assignment of the group's owner policy)",
			[fixture.tier0_label],
		),
		"Expiration_EndUser_Assignment",
	)} with input as patched with data.config as fixture.config
}
