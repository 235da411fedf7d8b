# METADATA
# title: At least two emergency access accounts SHALL be declared, cloud-only, enabled and active Global Administrators.
# description: |
#   Emergency access (break-glass) accounts are what is left when federation, MFA providers, Conditional
#   Access or PIM fail. The accounts declared under breakGlass.users in entra-audit.yaml are checked: fewer
#   than two fails; each declared account fails when it is not in the snapshot (it holds no role and no
#   policy names it, or it was deleted), is a guest, is synchronized from on-premises, is disabled, or
#   lacks an active (not merely eligible) Global Administrator assignment at directory scope — PIM may be
#   what is broken when the account is needed.
# custom:
#   id: EA.ROLE.8v1
#   severity: high
#   family: roles
#   frameworks:
#     cis-m365: ["1.1.2"]
#   remediation: |
#     Create two cloud-only accounts on the tenant's .onmicrosoft.com domain, assign them Global
#     Administrator as active permanent assignments, protect them with phishing-resistant credentials kept
#     offline, exclude them from blocking Conditional Access policies, and list their object ids under
#     breakGlass.users in entra-audit.yaml.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access
#   requires:
#     - roles.assignments
#     - principals.users
#   reads:
#     - principals.users.id
#     - principals.users.userType
#     - principals.users.userPrincipalName
#     - principals.users.onPremisesSyncEnabled
#     - principals.users.accountEnabled
#     - roles.assignments.principalId
#     - roles.assignments.roleDefinitionId
#     - roles.assignments.directoryScopeId
package entra.controls.roles.break_glass_accounts

import data.lib.config
import data.lib.entra_roles as roles
import data.lib.principals as principals
import data.lib.props
import data.lib.result

_declared := {id | some id in config.break_glass_users}

missing contains m if {
	some id in _declared
	some m in principals.user_missing(id, ["userType", "userPrincipalName", "onPremisesSyncEnabled", "accountEnabled"])
}

missing contains m if {
	some a in props.list(input.roles.assignments)
	some m in props.missing_in("roles.assignments", a, ["principalId", "roleDefinitionId", "directoryScopeId"])
}

_active_global_admin(id) if {
	some a in props.list(input.roles.assignments)
	a.principalId == id
	a.roleDefinitionId == roles.global_administrator
	a.directoryScopeId == "/"
}

_problems(id) := {p |
	some check, p in {
		"guest": "is a guest",
		"synced": "is synchronized from on-premises",
		"disabled": "is disabled",
		"not_admin": "holds no active Global Administrator assignment",
	}
	_fails(check, id)
}

_fails("guest", id) if principals.is_guest(id)

_fails("synced", id) if principals.is_synced(id)

_fails("disabled", id) if principals.users[id].accountEnabled == false

_fails("not_admin", id) if not _active_global_admin(id)

findings contains f if {
	count(_declared) < 2
	f := result.tenant_finding(
		"principals.users",
		sprintf("%d emergency access accounts are declared (breakGlass.users); at least two are needed.", [count(_declared)]),
		{"declared": sort(_declared)},
	)
}

findings contains f if {
	some id in _declared
	not principals.users[id]
	f := result.finding(
		"principals.users", {"id": id},
		sprintf(
			concat("", [
				"Declared emergency access account %s is not in the snapshot: it holds ",
				"no role and no policy names it, or it was deleted.",
			]),
			[id],
		),
	)
}

findings contains f if {
	some id in _declared
	user := principals.users[id]
	problems := _problems(id)
	count(problems) > 0
	f := result.finding_with(
		"principals.users", user,
		sprintf("Emergency access %s %s.", [principals.label(id), concat(", ", sort(problems))]),
		{"problems": sort(problems)},
	)
}

evidence contains e if {
	some id in _declared
	user := principals.users[id]
	count(_problems(id)) == 0
	e := result.evidence_for(
		"principals.users", user,
		sprintf(
			"Emergency access %s is a cloud-only, enabled, active Global Administrator.",
			[principals.label(id)],
		),
	)
}
