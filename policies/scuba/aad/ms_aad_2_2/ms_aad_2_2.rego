# METADATA
# title: A notification SHOULD be sent to the administrator when high-risk users are detected.
# description: |
#   Statement: administrators SHOULD be notified when Identity Protection detects
#   high-risk users, so that they can respond. The "users at risk detected" alert
#   settings of Identity Protection have no Microsoft Graph API, so the snapshot
#   cannot show them: the control is manual.
# custom:
#   id: MS.AAD.2.2v1
#   severity: medium
#   family: tenant
#   frameworks:
#     cisa-scuba: [MS.AAD.2.2v1]
#   remediation: |
#     Entra admin center > Protection > Identity Protection > Users at risk detected
#     alerts: add a regularly monitored security mailbox and set the alert level to High.
#   references:
#     - https://learn.microsoft.com/en-us/entra/id-protection/howto-identity-protection-configure-notifications
#   requires: []
#   reads: []
package entra.scuba.aad.ms_aad_2_2

manual := concat(" ", [
	"Check that Identity Protection sends 'users at risk detected' e-mail alerts for high-risk users",
	"to a regularly monitored security mailbox (Entra admin center > Protection > Identity Protection >",
	"Users at risk detected alerts). These settings are not readable through Microsoft Graph.",
])
