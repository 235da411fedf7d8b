# METADATA
# title: Activating a privileged role in PIM SHALL require a justification.
# description: |
#   A justification ties each activation to a reason that reviewers and incident responders can check
#   against the audit log. The PIM policy of each privileged role fails unless its
#   Enablement_EndUser_Assignment rule lists Justification. PIM needs Entra ID P2: without it the control
#   fails and names the licence.
# custom:
#   id: EA.ROLE.6v1
#   severity: medium
#   family: roles
#   frameworks: {}
#   remediation: |
#     Entra admin center > Identity governance > Privileged Identity Management > Microsoft Entra roles >
#     Settings > <role> > Edit > Activation: select "Require justification on activation".
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings
#   requires:
#     - roles.policyAssignments
#     - tenant.subscribedSkus
#   reads:
#     - roles.policyAssignments.roleDefinitionId
#     - roles.policyAssignments.policy.rules[].id
#     - roles.policyAssignments.policy.rules[].enabledRules
#     - roles.definitions.isPrivileged: absent is not flagged privileged (the built-in roles Microsoft labels privileged count by template id)
#     - tenant.subscribedSkus.capabilityStatus
#     - tenant.subscribedSkus.servicePlans[].servicePlanId
#     - tenant.subscribedSkus.servicePlans[].provisioningStatus
package entra.controls.roles.pim_activation_justification

import data.lib.entra_roles as roles
import data.lib.result
import data.lib.tenant

_requires_justification(p) if "Justification" in roles.pim_rule(p, "Enablement_EndUser_Assignment").enabledRules

missing contains m if {
	tenant.has_p2
	some m in roles.pim_missing({"Enablement_EndUser_Assignment": ["enabledRules"]})
}

findings contains f if {
	not tenant.has_p2
	f := result.tenant_finding(
		"tenant.subscribedSkus",
		sprintf("PIM activation settings need %s, which the tenant does not have.", [tenant.p2_license]),
		{"license": tenant.p2_license},
	)
}

findings contains f if {
	some p in object.get(input, ["roles", "policyAssignments"], [])
	roles.is_privileged(p.roleDefinitionId)
	not _requires_justification(p)
	f := result.finding_with(
		"roles.policyAssignments", p,
		sprintf("Activating %s does not require a justification.", [roles.role_name(p.roleDefinitionId)]),
		{"roleDefinitionId": p.roleDefinitionId},
	)
}
