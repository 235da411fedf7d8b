package lib.roles_test

import data.lib.roles

test_roles_that_are_not_arrays_read_as_empty if {
	roles.assignments == [] with input as {"roles": {"assignments": null}}
}

test_group_known_only_from_pim_for_groups if {
	pim := {"roles": {"groupEligibilityScheduleInstances": [{"groupId": "g1", "principalId": "u1"}]}}
	roles.is_group("g1") with input as pim
	not roles.is_group("g2") with input as {}
}

test_role_names if {
	roles.role_name(roles.global_administrator) == "Global Administrator"
	roles.role_name("r1") == "Custom" with input as {"roles": {"definitions": [{"id": "r1", "displayName": "Custom"}]}}
	roles.role_name("r2") == "r2" with input as {}
}

test_policy_rule_without_id_is_missing if {
	pa := {"id": "pa1", "roleDefinitionId": roles.global_administrator, "policy": {"rules": [{"setting": {}}]}}
	{m.property | some m in roles.policy_missing({roles.global_administrator}, {})} == {"policy.rules[0].id"}
		with input as {"roles": {"policyAssignments": [pa]}}
}
