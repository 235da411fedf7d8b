# METADATA
# title: Security logs SHALL be sent to the agency's security operations center for monitoring.
# description: |
#   Statement: Entra ID security logs SHALL reach the security operations center.
#   Diagnostic settings live in Azure Monitor, outside what the snapshot collects, so
#   the control is manual. The baseline lists the log categories to send.
# custom:
#   id: MS.AAD.4.1v1
#   severity: high
#   family: tenant
#   frameworks:
#     cisa-scuba: [MS.AAD.4.1v1]
#   remediation: |
#     Entra admin center > Monitoring & health > Diagnostic settings: stream the listed
#     log categories to the SOC's SIEM (for federal agencies, CISA recommends CLAW).
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-configure-diagnostic-settings
#   requires: []
#   reads: []
package entra.scuba.aad.ms_aad_4_1

manual := concat(" ", [
	"Check the Entra ID diagnostic settings (Entra admin center > Monitoring & health > Diagnostic settings)",
	"send these logs to the security operations center: AuditLogs, SignInLogs, NonInteractiveUserSignInLogs,",
	"ServicePrincipalSignInLogs, ADFSSignInLogs, RiskyUsers, UserRiskEvents, RiskyServicePrincipals,",
	"ServicePrincipalRiskEvents, EnrichedOffice365AuditLogs and MicrosoftGraphActivityLogs; also",
	"ManagedIdentitySignInLogs when managed identities are used and ProvisioningLogs when the",
	"provisioning service is used.",
])
