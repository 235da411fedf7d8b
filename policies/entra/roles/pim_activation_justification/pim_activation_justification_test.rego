package entra.controls.roles.pim_activation_justification_test

import data.entra.controls.roles.fixture_test as fixture
import data.entra.controls.roles.pim_activation_justification as control

test_justification_required_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
}

test_no_justification_fails if {
	path := sprintf("%s/policy/rules/1/enabledRules", [fixture.policy_path(fixture.ga)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": ["MultiFactorAuthentication"]}])
	id := fixture.good.roles.policyAssignments[0].id
	control.findings == {{
		"resource": {"type": "roles.policyAssignments", "id": id, "name": id},
		"message": "Activating Global Administrator does not require a justification.",
		"evidence": {"roleDefinitionId": fixture.ga},
	}} with input as patched with data.config as fixture.config
}

test_without_p2_fails if {
	patched := json.patch(fixture.good, [{"op": "replace", "path": "/tenant/subscribedSkus", "value": []}])
	count(control.findings) == 1 with input as patched with data.config as fixture.config
}

test_absent_rule_settings_are_missing if {
	pa := fixture.good.roles.policyAssignments[1]
	tenant := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/policy/rules/1/enabledRules", [fixture.policy_path(fixture.pra)])}])
	control.missing == {{
		"resource": {"type": "roles.policyAssignments", "id": pa.id, "name": pa.id},
		"property": "policy.rules[Enablement_EndUser_Assignment].enabledRules",
	}} with input as tenant
	role := json.patch(fixture.good, [{"op": "remove", "path": sprintf("%s/roleDefinitionId", [fixture.policy_path(fixture.pra)])}])
	{m.property | some m in control.missing} == {"roleDefinitionId"} with input as role
	control.missing == set() with input as fixture.good
}

# ---- PIM for groups: Tier0-Admins holds Security Administrator ----

test_group_member_policy_without_justification_fails if {
	path := sprintf("%s/policy/rules/1/enabledRules", [fixture.group_policy_path(0)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": ["MultiFactorAuthentication"]}])
	control.findings == {fixture.group_finding(
		patched, 0,
		sprintf(
			"Members of %s, which holds Security Administrator, activate their membership without a justification (rule Enablement_EndUser_Assignment of the group's member policy)",
			[fixture.tier0_label],
		),
		"Enablement_EndUser_Assignment",
	)} with input as patched with data.config as fixture.config
}

test_group_without_member_policy_fails if {
	patched := json.patch(fixture.good, [{"op": "remove", "path": "/roles/groupPolicyAssignments/0"}])
	{f.message | some f in control.findings} == {sprintf(
		"Members of %s, which holds Security Administrator, activate their membership without a justification (no PIM policy for the group's members was found)",
		[fixture.tier0_label],
	)} with input as patched with data.config as fixture.config
}
