# METADATA
# title: Privileged Entra roles SHALL be held by cloud-only accounts, including eligible assignments.
# description: |
#   An account synchronized from on-premises Active Directory can be taken over from there (password reset,
#   DCSync of its hash, soft or hard match), so on-premises compromise becomes cloud compromise. MS.AAD.7.3v1
#   states the requirement; this control applies it to every privileged role (Microsoft's "privileged"
#   label), to eligible PIM assignments and to members of role-holding groups (known from PIM for groups).
#   Each active or eligible holding of a privileged role by a user with onPremisesSyncEnabled true fails.
# custom:
#   id: EA.ROLE.3v1
#   severity: high
#   family: roles
#   frameworks:
#     cis-m365: ["1.1.1"]
#   remediation: |
#     Create a cloud-only administrative account (on the tenant's .onmicrosoft.com domain) for the person,
#     assign the role to it through PIM, and remove the role from the synchronized account.
#   references:
#     - https://learn.microsoft.com/en-us/entra/architecture/protect-m365-from-on-premises-attacks
#   requires:
#     - roles.assignments
#     - principals.users
#   reads:
#     - roles.assignments.principalId
#     - roles.assignments.roleDefinitionId
#     - roles.eligibilityScheduleInstances.principalId
#     - roles.eligibilityScheduleInstances.roleDefinitionId
#     - roles.groupAssignmentScheduleInstances.groupId
#     - roles.groupAssignmentScheduleInstances.principalId
#     - roles.groupAssignmentScheduleInstances.accessId
#     - roles.groupEligibilityScheduleInstances.groupId
#     - roles.groupEligibilityScheduleInstances.principalId
#     - roles.groupEligibilityScheduleInstances.accessId
#     - roles.definitions.isPrivileged: absent is not flagged privileged (the built-in roles Microsoft labels privileged count by template id)
#     - principals.groups.members: absent is no inline members list (the members known are those of PIM for groups)
#     - principals.users.onPremisesSyncEnabled
package entra.controls.roles.privileged_synced_users

import data.lib.entra_roles as roles
import data.lib.principals as principals
import data.lib.result

missing contains m if some m in roles.holdings_missing

missing contains m if {
	some h in roles.privileged_holdings
	some m in principals.user_missing(h.principalId, ["onPremisesSyncEnabled"])
}

findings contains f if {
	some h in roles.privileged_holdings
	principals.is_synced(h.principalId)
	f := result.finding_with(
		h.type, h.object,
		sprintf("On-premises synchronized %s holds %s (%s).", [
			principals.label(h.principalId),
			roles.role_name(h.object.roleDefinitionId), h.kind,
		]),
		{"principalId": h.principalId, "roleDefinitionId": h.object.roleDefinitionId, "assignment": h.kind},
	)
}
