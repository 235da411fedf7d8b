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
package entra.controls.roles.privileged_synced_users

import data.lib.entra_principals as principals
import data.lib.entra_roles as roles
import data.lib.result

findings contains f if {
	some h in roles.privileged_holdings
	principals.is_synced(h.principalId)
	f := result.finding_with(
		h.type, h.object,
		sprintf("On-premises synchronized account %s holds %s (%s).", [
			principals.name(h.principalId),
			roles.role_name(h.object.roleDefinitionId), h.kind,
		]),
		{"principalId": h.principalId, "roleDefinitionId": h.object.roleDefinitionId, "assignment": h.kind},
	)
}
