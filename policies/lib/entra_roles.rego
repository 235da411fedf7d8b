# METADATA
# title: Directory role helpers for entra-audit's own controls
# description: |
#   Which Entra roles count as privileged and who holds them. Privileged =
#   the built-in roles Microsoft labels "privileged" in its permissions
#   reference (by template id, so it works before roles.definitions is read)
#   plus any definition Graph flags isPrivileged.
#   A holding is one active assignment (roles.assignments) or one eligible
#   assignment (roles.eligibilityScheduleInstances, read when collected:
#   without Entra ID P2 there is no PIM and so nothing eligible), held by its
#   principal directly or, for a role-assignable group, by each member
#   lib.roles knows of (PIM for groups, active or eligible, or an inline
#   members list). holdings_missing names what Graph always returns that a
#   holding lacks (principal, role; a group instance's group, member and
#   access), for a control's `missing` rule.
package lib.entra_roles

import data.lib.pim_groups
import data.lib.props
import data.lib.roles as role_lib

global_administrator := "62e90394-69f5-4237-9190-012177145e10"

# privileged_roles maps template id to display name.
privileged_roles := {
	global_administrator: "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
	"8329153b-31d0-4727-b945-745eb3bc5f31": "Domain Name Administrator",
	"be2f45a1-457d-42af-a067-6ec1fa63bc45": "External Identity Provider Administrator",
	"9360feb5-f418-4baa-8175-e2a00bac4301": "Directory Writers",
	"7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
	"59d46f88-662b-457b-bceb-5c3809e5908f": "Lifecycle Workflows Administrator",
	"4ba39ca4-527c-499a-b93d-d9b492c50246": "Partner Tier1 Support",
	"e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8": "Partner Tier2 Support",
	"cf1c38e5-3621-4004-a7cb-879624dced7c": "Application Developer",
	"f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
	"5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
	"5f2222b1-57c3-48ba-8ad5-d4759f1fde6f": "Security Operator",
}

definitions := {d.id: d | some d in props.list(object.get(input, ["roles", "definitions"], [])); is_string(d.id)}

holdings_missing := role_lib.missing_in_data({
	"principals.users": ["id"],
	"principals.groups": ["id"],
	"roles.assignments": ["principalId", "roleDefinitionId"],
	"roles.eligibilityScheduleInstances": ["principalId", "roleDefinitionId"],
	"roles.groupAssignmentScheduleInstances": ["groupId", "principalId", "accessId"],
	"roles.groupEligibilityScheduleInstances": ["groupId", "principalId", "accessId"],
})

# pim_missing is the `missing` entries of the PIM policies of privileged
# roles: each assignment's role and rules, each rule's id and, for the rule
# ids in rule_fields, those properties.
pim_missing(rule_fields) := role_lib.policy_missing(
	{p.roleDefinitionId | some p in role_lib.policy_assignments; is_privileged(p.roleDefinitionId)},
	rule_fields,
)

is_privileged(role_id) if privileged_roles[role_id]

is_privileged(role_id) if definitions[role_id].isPrivileged == true

role_name(role_id) := definitions[role_id].displayName if {
	is_string(definitions[role_id].displayName)
} else := privileged_roles[role_id] if {
	privileged_roles[role_id]
} else := role_id

_direct contains h if {
	some a in props.list(object.get(input, ["roles", "assignments"], []))
	is_privileged(a.roleDefinitionId)
	h := {"type": "roles.assignments", "kind": "active", "object": a}
}

_direct contains h if {
	some a in props.list(object.get(input, ["roles", "eligibilityScheduleInstances"], []))
	is_privileged(a.roleDefinitionId)
	h := {"type": "roles.eligibilityScheduleInstances", "kind": "eligible", "object": a}
}

# privileged_holdings: every holding of a privileged role by a principal
# (principalId), with the assignment it comes from (object, in the
# snapshot resource type) and how it is held (kind), for the finding.
privileged_holdings contains object.union(h, {"principalId": h.object.principalId}) if some h in _direct

privileged_holdings contains object.union(h, {
	"principalId": member,
	"kind": sprintf("%s, through group %s", [h.kind, object.get(role_lib.groups_by_id, [group, "displayName"], group)]),
}) if {
	some h in _direct
	group := h.object.principalId
	some member in role_lib.group_members(group)
}

# pim_rule is the rule with this id in a PIM policy assignment (roles.policyAssignments).
pim_rule(assignment, rule_id) := rule if {
	some rule in props.list(props.get(assignment, "policy.rules", []))
	rule.id == rule_id
}

# pim_group_paths are the activation paths through PIM for groups to the
# privileged roles held in the tenant (lib.pim_groups): each is judged
# like the role's own PIM policy.
pim_group_paths := pim_groups.paths(_held_privileged)

# pim_group_not_collected: a group holds a privileged role, but what says
# how it is activated was not collected.
pim_group_not_collected := pim_groups.not_collected_findings(_held_privileged)

_held_privileged := {g.roleId | some g in role_lib.grants; is_privileged(g.roleId)}
