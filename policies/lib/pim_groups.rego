# METADATA
# title: PIM for groups helpers
# description: |
#   A group that holds an Entra role (active or eligible) and is governed by
#   PIM for groups is a second activation path to that role: its members
#   activate their group membership, and with it the role, under the
#   group's own PIM policy (roles.groupPolicyAssignments, scopeType Group,
#   scopeId the group id, roleDefinitionId member), not the role's. Its
#   eligible owners activate ownership under the group's owner policy and
#   can then add members, so that policy governs a path too when the group
#   has eligible owners. A group is governed by PIM for groups when the
#   snapshot has its PIM policies or PIM for groups instances.
#
#   A PIM control judges each path (group, member|owner) of the roles it
#   covers with the same rules as the role's own policy, and names the
#   group, the roles and the rule in its finding.
package lib.pim_groups

import data.lib.principals
import data.lib.props
import data.lib.result
import data.lib.roles

policy_assignments := props.list(object.get(input, ["roles", "groupPolicyAssignments"], []))

_eligibility := props.list(object.get(input, ["roles", "groupEligibilityScheduleInstances"], []))

# keys are the resources a control needs once a group holds one of its roles.
keys := ["roles.groupPolicyAssignments", "roles.groupEligibilityScheduleInstances"]

governed(gid) if gid in _policy_groups

governed(gid) if roles.has_group_instances(gid)

# Indexes, built once per evaluation, so that no lookup per group or path
# scans the policies, the grants or the instances.
_policy_groups := {pa.scopeId | some pa in policy_assignments}

_policies_by_path := {key: pas |
	some key in {[pa.scopeId, pa.roleDefinitionId] | some pa in policy_assignments}
	pas := [pa | some pa in policy_assignments; [pa.scopeId, pa.roleDefinitionId] == key]
}

_roles_by_group := {gid: held |
	some gid in {g.principalId | some g in roles.grants; _group(g.principalId)}
	held := {g.roleId | some g in roles.grants; g.principalId == gid}
}

_eligible_owner_groups := {i.groupId | some i in _eligibility; i.accessId == "owner"}

_group(gid) if roles.is_group(gid)

_group(gid) if governed(gid)

# holders(role_ids) maps each group holding one of role_ids to those roles.
holders(role_ids) := {gid: held |
	some gid, all in _roles_by_group
	held := {r | some r in all; r in role_ids}
	count(held) > 0
}

# paths(role_ids) are the activation paths through PIM groups to role_ids:
# {groupId, access (member|owner), roles}.
paths(role_ids) := {{"groupId": gid, "access": access, "roles": held} |
	some gid, held in holders(role_ids)
	governed(gid)
	some access in _accesses(gid)
}

_accesses(gid) := {"member", "owner"} if gid in _eligible_owner_groups

else := {"member"}

# not_collected_findings: a group holds one of role_ids but the PIM for
# groups data that tells how it is activated was not collected.
not_collected_findings(role_ids) := {roles.not_collected_finding(k) | some k in keys; not roles.collected(k)} if {
	count(holders(role_ids)) > 0
} else := set()

# policy is the PIM policy assignment of a path.
policy(path) := _policies_by_path[[path.groupId, path.access]][0]

rule(path, rule_id) := r if {
	some r in props.list(props.get(policy(path), "policy.rules", []))
	r.id == rule_id
}

approval_required(path) if rule(path, "Approval_EndUser_Assignment").setting.isApprovalRequired == true

# alerting: as roles.alerting, on the path's policy.
alerting(path, rule_id) if {
	r := rule(path, rule_id)
	object.get(r, "notificationLevel", "All") != "None"
	count(props.list(object.get(r, "notificationRecipients", []))) > 0
}

# describe starts a finding's message on a path: "Members of group X
# (id), which holds Global Administrator, activate their membership".
describe(path) := sprintf("%s of %s activate their %s", [
	{"member": "Members", "owner": "Eligible owners"}[path.access],
	group_text(path),
	{"member": "membership", "owner": "ownership"}[path.access],
])

# group_text names a path's group and the roles it holds: "group X (id),
# which holds Global Administrator,".
group_text(path) := sprintf("%s, which holds %s,", [
	principals.label_as("group", path.groupId),
	concat(" and ", sort([roles.role_name(r) | some r in path.roles])),
])

# finding is a finding on a path's policy: the message, then the rule and
# policy it concerns.
finding(path, message, rule_id) := result.finding_with(
	"roles.groupPolicyAssignments",
	policy(path),
	sprintf("%s (rule %s of the group's %s policy)", [message, rule_id, path.access]),
	_evidence(path, rule_id),
) if {
	policy(path)
} else := result.tenant_finding(
	"roles.groupPolicyAssignments",
	sprintf("%s (no PIM policy for the group's %ss was found)", [message, path.access]),
	_evidence(path, rule_id),
)

_evidence(path, rule_id) := {
	"groupId": path.groupId,
	"group": principals.display(path.groupId),
	"access": path.access,
	"roles": sort([roles.role_name(r) | some r in path.roles]),
	"rule": rule_id,
	"rules": _rules(path),
}

_rules(path) := props.list(props.get(policy(path), "policy.rules", [])) if policy(path)

else := []

# missing_entries is the `missing` entries a PIM group control needs: what tells
# which groups hold roles, the policy assignments' group, access and
# rules, each rule's id, and for the rule ids in rule_fields those
# properties on the policies of paths.
missing_entries(paths, rule_fields) := (roles.missing_in_data({
	"roles.assignments": ["principalId", "roleDefinitionId"],
	"roles.assignmentScheduleInstances": ["principalId", "roleDefinitionId"],
	"roles.eligibilityScheduleInstances": ["principalId", "roleDefinitionId"],
	"roles.groupEligibilityScheduleInstances": ["groupId", "accessId"],
	"roles.groupAssignmentScheduleInstances": ["groupId"],
	"principals.groups": ["id"],
}) | {m |
	some pa in policy_assignments
	some m in props.missing_in("roles.groupPolicyAssignments", pa, ["scopeId", "roleDefinitionId", "policy.rules"])
}) | {result.missing_property("roles.groupPolicyAssignments", pa, sprintf("policy.rules[%s].%s", [_rule_label(i, r), f])) |
	some path in paths
	pa := policy(path)
	some i, r in props.list(props.get(pa, "policy.rules", []))
	some f in array.concat(["id"], object.get(rule_fields, props.str(object.get(r, "id", "")), []))
	props.absent(r, f)
}

_rule_label(i, r) := r.id if is_string(r.id)

else := sprintf("%d", [i])
