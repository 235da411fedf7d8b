package entra.controls.roles.pim_activation_mfa_test

import data.entra.controls.roles.fixture_test as fixture
import data.entra.controls.roles.pim_activation_mfa as control

_resource(role) := {"type": "roles.policyAssignments", "id": id, "name": id} if {
	some p in fixture.good.roles.policyAssignments
	p.roleDefinitionId == role
	id := p.id
}

test_mfa_on_privileged_roles_passes if {
	count(control.findings) == 0 with input as fixture.good with data.config as fixture.config
	control.evidence == {
		{"resource": _resource(fixture.ga), "message": "Activating Global Administrator requires MFA."},
		{"resource": _resource(fixture.pra), "message": "Activating Privileged Role Administrator requires MFA."},
		{"resource": _resource(fixture.secadmin), "message": "Activating Security Administrator requires MFA."},
		{
			"resource": {"type": "roles.groupPolicyAssignments", "id": _member_policy.id, "name": _member_policy.id},
			"message": sprintf("Members of %s, which holds Security Administrator, activate their membership with MFA.", [fixture.tier0_label]),
		},
	} with input as fixture.good with data.config as fixture.config
}

test_no_mfa_fails if {
	path := sprintf("%s/policy/rules/1/enabledRules", [fixture.policy_path(fixture.pra)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": ["Justification"]}])
	control.findings == {{
		"resource": _resource(fixture.pra),
		"message": "Activating Privileged Role Administrator does not require MFA.",
		"evidence": {"roleDefinitionId": fixture.pra},
	}} with input as patched with data.config as fixture.config
}

test_authentication_context_counts_as_mfa if {
	base := fixture.policy_path(fixture.pra)
	patched := json.patch(fixture.good, [
		{"op": "replace", "path": sprintf("%s/policy/rules/1/enabledRules", [base]), "value": ["Justification"]},
		{"op": "replace", "path": sprintf("%s/policy/rules/2/isEnabled", [base]), "value": true},
		{"op": "replace", "path": sprintf("%s/policy/rules/2/claimValue", [base]), "value": "c1"},
	])
	count(control.findings) == 0 with input as patched with data.config as fixture.config
}

test_without_p2_fails_naming_the_licence if {
	patched := json.patch(fixture.good, [{"op": "remove", "path": "/tenant/subscribedSkus/0/servicePlans/1"}])
	control.findings == {{
		"resource": {"type": "tenant.subscribedSkus", "id": "", "name": ""},
		"message": "PIM activation settings need Microsoft Entra ID P2, which the tenant does not have.",
		"evidence": {"license": "Microsoft Entra ID P2"},
	}} with input as patched with data.config as fixture.config
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

_member_policy := fixture.good.roles.groupPolicyAssignments[0]

test_group_member_policy_without_mfa_fails if {
	path := sprintf("%s/policy/rules/1/enabledRules", [fixture.group_policy_path(0)])
	patched := json.patch(fixture.good, [{"op": "replace", "path": path, "value": ["Justification"]}])
	control.findings == {fixture.group_finding(
		patched, 0,
		sprintf(
			"Members of %s, which holds Security Administrator, activate their membership without MFA (rule Enablement_EndUser_Assignment of the group's member policy)",
			[fixture.tier0_label],
		),
		"Enablement_EndUser_Assignment",
	)} with input as patched with data.config as fixture.config
}

test_group_policies_not_collected_fail if {
	denied := {"status": "missing_permission", "permission": "RoleManagementPolicy.Read.AzureADGroup"}
	patched := json.patch(fixture.good, [{"op": "replace", "path": "/collection/roles.groupPolicyAssignments", "value": denied}])
	some f in control.findings with input as patched with data.config as fixture.config
	f.resource.type == "roles.groupPolicyAssignments"
	f.evidence == denied
}
