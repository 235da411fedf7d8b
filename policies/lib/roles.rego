# METADATA
# title: Role helpers
# description: |
#   CISA's list of highly privileged Entra roles and who holds them.
#   A role is held when it is assigned:
#     - actively: roles.assignments (every tenant) and
#       roles.assignmentScheduleInstances (PIM, P2);
#     - as eligible: roles.eligibilityScheduleInstances (PIM, P2);
#   directly to a user, or to a group whose members come from PIM for
#   groups (roles.groupAssignmentScheduleInstances and
#   roles.groupEligibilityScheduleInstances, accessId member) or from a
#   `members` list on the group when the snapshot carries one. Each user is
#   counted once. A principal is a user when principals.users has it, a group
#   when principals.groups or PIM for groups has it. role_users counts users
#   only; role_holders counts every holder (users, service principals, other
#   directory objects and ids no resource resolves), a group through its
#   members. lib.principals names them; which control counts which is in
#   docs/snapshot-format.md. PIM settings per role come from
#   roles.policyAssignments (policy.rules); a group's from lib.pim_groups.
#   The objects holdings are built from must carry what Graph always returns
#   (ids of principal, role, group; the scope): a control reports the absent
#   ones in `missing` (missing_in_data, policy_missing) rather than count a
#   holding it cannot read.
package lib.roles

import data.lib.principals
import data.lib.props
import data.lib.result
import data.lib.tenant

global_administrator := "62e90394-69f5-4237-9190-012177145e10"

# highly_privileged is the baseline's list of highly privileged roles
# (role template ids, which are the roleDefinitionId of built-in roles).
highly_privileged := {
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
}

highly_privileged_ids := {id | some id, _ in highly_privileged}

_get(path) := v if {
	v := object.get(input, path, [])
	is_array(v)
} else := []

assignments := _get(["roles", "assignments"])

assignment_instances := _get(["roles", "assignmentScheduleInstances"])

eligibility_instances := _get(["roles", "eligibilityScheduleInstances"])

group_instances := array.concat(
	_get(["roles", "groupAssignmentScheduleInstances"]),
	_get(["roles", "groupEligibilityScheduleInstances"]),
)

policy_assignments := _get(["roles", "policyAssignments"])

users_by_id := principals.users

groups_by_id := principals.groups

_definitions := {d.id: d | some d in _get(["roles", "definitions"]); is_string(d.id)}

# ---- properties Graph always returns ----

# grant_fields are what role_users and privileged_users read of each
# object: without them a holding cannot be counted.
grant_fields := {
	"principals.users": ["id"],
	"principals.groups": ["id"],
	"roles.assignments": ["principalId", "roleDefinitionId"],
	"roles.assignmentScheduleInstances": ["principalId", "roleDefinitionId"],
	"roles.eligibilityScheduleInstances": ["principalId", "roleDefinitionId"],
	"roles.groupAssignmentScheduleInstances": ["groupId", "principalId", "accessId"],
	"roles.groupEligibilityScheduleInstances": ["groupId", "principalId", "accessId"],
}

# missing_in_data is the `missing` entries of role data: for each resource
# key of `fields`, the properties each of its objects must hold.
missing_in_data(fields) := {m |
	some key, names in fields
	some o in _candidates(key, names)
	some m in props.missing_in(key, o, names)
}

# _candidates are the objects of key that may lack one of names: those
# lacking one of the properties _checked lists for key (found once per
# audit, not once per control), or every object when names holds another.
_candidates(key, names) := _incomplete[key] if {
	every n in names {
		n in _checked[key]
	}
} else := _get(split(key, "."))

# _checked are the properties the role controls ask of each resource.
_checked := {
	"principals.users": {"id"},
	"principals.groups": {"id"},
	"roles.assignments": {"principalId", "roleDefinitionId", "directoryScopeId"},
	"roles.assignmentScheduleInstances": {"principalId", "roleDefinitionId", "directoryScopeId", "startDateTime", "endDateTime"},
	"roles.eligibilityScheduleInstances": {"principalId", "roleDefinitionId"},
	"roles.groupAssignmentScheduleInstances": {"groupId", "principalId", "accessId", "startDateTime"},
	"roles.groupEligibilityScheduleInstances": {"groupId", "principalId", "accessId"},
}

_incomplete := {key: _lacking(key, names, _get(split(key, "."))) | some key, names in _checked}

# None lacks its id when every one is in the index by id (users, groups).
_lacking(key, names, objs) := [] if {
	names == {"id"}
	count(objs) == count(object.get({"principals.users": users_by_id, "principals.groups": groups_by_id}, key, {}))
} else := array.concat(
	# Inline rather than a function per object: a call costs more than the check.
	[o | some o in objs; not is_object(o)],
	[o | some o in objs; is_object(o); count(object.filter(o, names)) != count(names)],
)

# policy_missing is the `missing` entries of the PIM policies of `role_ids`:
# each policy assignment's role and rules, each rule's id, and for the rule
# ids in `rule_fields` (rule id -> properties) those properties.
policy_missing(role_ids, rule_fields) := {m |
	some pa in policy_assignments
	some m in props.missing_in("roles.policyAssignments", pa, ["roleDefinitionId", "policy.rules"])
} | {result.missing_property("roles.policyAssignments", pa, sprintf("policy.rules[%s].%s", [_rule_label(i, r), f])) |
	some role in role_ids
	pa := policy_assignment(role)
	some i, r in props.list(props.get(pa, "policy.rules", []))
	some f in array.concat(["id"], object.get(rule_fields, props.str(object.get(r, "id", "")), []))
	props.absent(r, f)
}

_rule_label(i, r) := r.id if is_string(r.id)

else := sprintf("%d", [i])

is_user(id) if users_by_id[id]

is_group(id) if groups_by_id[id]

is_group(id) if has_group_instances(id)

# has_group_instances: PIM for groups has members or owners of group id.
has_group_instances(id) if id in _instance_groups

# Indexes, built once per evaluation: a lookup per holder or assignment
# that scanned the instances made the role controls quadratic.
_instance_groups := {i.groupId | some i in group_instances}

_members_by_group := {gid: ids |
	some gid in _instance_groups
	ids := {i.principalId |
		some i in group_instances
		i.groupId == gid
		object.get(i, "accessId", "member") == "member"
	}
}

# grants are role assignments of any kind: {principalId, roleId, state}.
grants contains {"principalId": a.principalId, "roleId": a.roleDefinitionId, "state": "active"} if {
	some a in array.concat(assignments, assignment_instances)
}

grants contains {"principalId": e.principalId, "roleId": e.roleDefinitionId, "state": "eligible"} if {
	some e in eligibility_instances
}

# group_members are the member ids of a group (PIM for groups members,
# active or eligible, and any inline members list).
group_members(gid) := _pim_members(gid) | {_member_id(m) | some m in object.get(groups_by_id, [gid, "members"], [])}

_pim_members(gid) := ids if ids := _members_by_group[gid]

else := set()

_member_id(m) := m.id if is_object(m)

else := m

# role_users are the ids of the users who hold role (active or eligible,
# directly or through a group).
role_users(role) := {p | some p in _holders_of(role); is_user(p)} | {m |
	some p in _holders_of(role)
	is_group(p)
	some m in group_members(p)
	is_user(m)
}

# role_holders are the principals that hold role, of every type: each
# direct holder that is not a group (users, service principals, other
# directory objects, ids no resource resolves) and each member of a
# holding group. A group is counted through its members, never itself.
role_holders(role) := {p | some p in _holders_of(role); not is_group(p)} | {m |
	some p in _holders_of(role)
	is_group(p)
	some m in group_members(p)
}

# _holders_of are the direct holders of role (indexed once).
_holders_of(role) := ps if ps := _principals_by_role[role]

else := set()

_principals_by_role := {role: ps |
	some role in {g.roleId | some g in grants}
	ps := {g.principalId | some g in grants; g.roleId == role}
}

# privileged_holders are the principals holding any highly privileged role.
privileged_holders := {p | some role in highly_privileged_ids; some p in role_holders(role)}

# privileged_users are the users holding any highly privileged role.
privileged_users := {u | some role in highly_privileged_ids; some u in role_users(role)}

# user_roles maps a privileged user to the names of their privileged roles.
user_roles(uid) := sort([role_name(role) | some role in highly_privileged_ids; uid in role_users(role)])

permanent(instance) if object.get(instance, "endDateTime", null) == null

# has_instance: an active assignment that PIM knows of (its schedule
# instance names it as origin, or matches principal, role and scope).
has_instance(a) if a.id in _instance_origins

has_instance(a) if [a.principalId, a.roleDefinitionId, object.get(a, "directoryScopeId", "/")] in _instance_holdings

_instance_origins := {i.roleAssignmentOriginId | some i in assignment_instances}

_instance_holdings := {[i.principalId, i.roleDefinitionId, object.get(i, "directoryScopeId", "/")] |
	some i in assignment_instances
}

role_name(id) := highly_privileged[id] if highly_privileged[id]

else := _definitions[id].displayName if _definitions[id].displayName

else := id

# ---- PIM policy per role ----

# policy_assignment is the PIM policy assignment of a role.
policy_assignment(role) := pas[0] if {
	pas := [pa | some pa in policy_assignments; pa.roleDefinitionId == role]
	count(pas) > 0
}

rule(role, rule_id) := r if {
	some r in object.get(policy_assignment(role), ["policy", "rules"], [])
	r.id == rule_id
}

approval_required(role) if rule(role, "Approval_EndUser_Assignment").setting.isApprovalRequired == true

# alerting(role, rule_id): the notification rule sends alerts to at least
# one additional recipient (the security monitoring mailbox).
alerting(role, rule_id) if {
	r := rule(role, rule_id)
	object.get(r, "notificationLevel", "All") != "None"
	count(props.list(object.get(r, "notificationRecipients", []))) > 0
}

# ---- data completeness ----

collected(key) if input.collection[key].status == "collected"

# not_collected_finding: a resource the control needs was not collected,
# so the control cannot pass.
not_collected_finding(key) := result.tenant_finding(
	key,
	sprintf("%s was not collected (%s): the control cannot be judged without it", [key, _status(key)]),
	object.get(input, ["collection", key], {}),
)

_status(key) := concat(", ", [v |
	some k in ["status", "permission", "license", "message"]
	v := input.collection[key][k]
	v != ""
]) if {
	input.collection[key]
} else := "missing from the snapshot"

# ---- PIM licence and data ----

# pim_findings: without Entra ID P2 the control fails and names the
# licence; with it, every PIM resource it needs must have been collected.
pim_findings(keys, what) := {result.tenant_finding(
	"tenant.subscribedSkus",
	sprintf("%s requires Microsoft Entra ID P2 (Privileged Identity Management), which the tenant does not have", [what]),
	{"licence": "Microsoft Entra ID P2"},
)} if {
	not tenant.has_p2
} else := {not_collected_finding(k) | some k in keys; not collected(k)}

# pim_ready: the PIM data of keys can be judged.
pim_ready(keys) if {
	tenant.has_p2
	every k in keys {
		collected(k)
	}
}

# policy_finding is a finding on the PIM policy of role.
policy_finding(role, message) := result.finding_with(
	"roles.policyAssignments",
	policy_assignment(role),
	message,
	{"roleDefinitionId": role, "rules": object.get(policy_assignment(role), ["policy", "rules"], [])},
) if {
	policy_assignment(role)
} else := result.tenant_finding(
	"roles.policyAssignments",
	sprintf("%s (no PIM policy was found for the role)", [message]),
	{"roleDefinitionId": role},
)
