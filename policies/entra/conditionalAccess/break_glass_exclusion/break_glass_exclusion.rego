# METADATA
# title: Emergency access accounts SHALL be excluded from every enforced blocking Conditional Access policy.
# description: |
#   Emergency access (break-glass) accounts exist for the day Conditional Access locks administrators out; a
#   blocking policy that can reach them defeats that purpose. For each enabled policy whose grant is
#   "block", every account declared under breakGlass.users in entra-audit.yaml that the policy may reach
#   must be excluded: directly (excludeUsers), or through an excluded group that holds it. The snapshot
#   knows group members only from PIM for groups (or an inline members list), so an excluded group also
#   counts when it is declared under breakGlass.groups (groups that hold only those accounts). A policy may
#   reach an account when it includes All users, the account itself, any group or any role (the accounts
#   hold Global Administrator). Not applicable when no emergency access account is declared (EA.ROLE.8v1 fails then).
# custom:
#   id: EA.CA.4v1
#   severity: high
#   family: conditionalAccess
#   frameworks:
#     cis-m365: ["1.1.2"]
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Policies > <policy> > Users > Exclude: add the
#     emergency access accounts, or the group that holds them (declare that group under breakGlass.groups in
#     entra-audit.yaml).
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access
#   requires:
#     - conditionalAccess.policies
#   reads:
#     - conditionalAccess.policies.state
#     - conditionalAccess.policies.grantControls.builtInControls
#     - conditionalAccess.policies.conditions.users.includeUsers
#     - conditionalAccess.policies.conditions.users.includeGroups
#     - conditionalAccess.policies.conditions.users.includeRoles
#     - conditionalAccess.policies.conditions.users.excludeUsers
#     - conditionalAccess.policies.conditions.users.excludeGroups
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupAssignmentScheduleInstances.principalId
#     - roles.groupAssignmentScheduleInstances.accessId
#     - roles.groupEligibilityScheduleInstances.groupId
#     - roles.groupEligibilityScheduleInstances.principalId
#     - roles.groupEligibilityScheduleInstances.accessId
#     - principals.groups.members: absent is no inline members list (the members known are those of PIM for groups)
package entra.controls.conditionalAccess.break_glass_exclusion

import data.lib.config
import data.lib.entra_ca as ca
import data.lib.principals as principals
import data.lib.props
import data.lib.result
import data.lib.roles as role_lib

missing contains m if {
	count(_accounts) > 0
	some p in ca.policies
	some m in props.missing_in("conditionalAccess.policies", p, ["state", "grantControls.builtInControls"])
}

missing contains m if {
	count(_accounts) > 0
	some p in ca.policies
	ca.blocking(p)
	some m in ca.users_missing(p, ["includeUsers", "includeGroups", "includeRoles", "excludeUsers", "excludeGroups"])
}

# Group members come from PIM for groups: an instance without its group,
# member or access cannot be read.
missing contains m if {
	count(_accounts) > 0
	some m in role_lib.missing_in_data({k: ["groupId", "principalId", "accessId"] |
		some k in ["roles.groupAssignmentScheduleInstances", "roles.groupEligibilityScheduleInstances"]
	})
}

_accounts := {id | some id in config.break_glass_users}

_declared_groups := {g | some g in config.break_glass_groups}

not_applicable := "No emergency access account is declared (breakGlass.users)." if count(_accounts) == 0

_may_reach(p, id) if {
	some u in ca.users(p, "includeUsers")
	u in {"All", id}
}

_may_reach(p, _) if count(ca.users(p, "includeGroups")) > 0

_may_reach(p, _) if count(ca.users(p, "includeRoles")) > 0

_excluded(p, id) if id in ca.users(p, "excludeUsers")

_excluded(p, _) if {
	some g in ca.users(p, "excludeGroups")
	g in _declared_groups
}

_excluded(p, id) if {
	some g in ca.users(p, "excludeGroups")
	id in role_lib.group_members(g)
}

findings contains f if {
	some p in ca.policies
	ca.blocking(p)
	exposed := {id | some id in _accounts; _may_reach(p, id); not _excluded(p, id)}
	count(exposed) > 0
	f := result.finding_with(
		"conditionalAccess.policies", p,
		sprintf("Blocking policy %s does not exclude emergency access accounts %s.", [
			result.object_name(p),
			concat(", ", sort([principals.label(id) | some id in exposed])),
		]),
		{"accounts": sort(exposed)},
	)
}

evidence contains e if {
	count(_accounts) > 0
	some p in ca.policies
	ca.blocking(p)
	every id in _accounts {
		_excluded(p, id)
	}
	e := result.evidence_for(
		"conditionalAccess.policies", p,
		sprintf("Blocking policy %s excludes every emergency access account.", [result.object_name(p)]),
	)
}
