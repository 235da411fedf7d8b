# METADATA
# title: Guest invites SHOULD only be allowed to specific external domains that have been authorized by the agency for legitimate business purposes.
# description: |
#   Statement: guest invitations SHOULD be limited to external domains the agency has
#   authorized. Which domains are legitimate is the agency's decision, and the
#   collaboration restrictions are not part of the snapshot, so the control is manual.
# custom:
#   id: MS.AAD.8.3v1
#   severity: medium
#   family: tenant
#   frameworks:
#     cisa-scuba: [MS.AAD.8.3v1]
#     cis-m365: ["5.1.6.1"]
#   remediation: |
#     Entra admin center > External Identities > External collaboration settings >
#     Collaboration restrictions: Allow invitations only to the specified domains, and
#     list the authorized domains.
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/allow-deny-list
#   requires: []
#   reads: []
package entra.scuba.aad.ms_aad_8_3

manual := concat(" ", [
	"Check that External Identities > External collaboration settings > Collaboration restrictions",
	"allows invitations only to the specified domains (most restrictive) and that every listed target",
	"domain has been authorized by the agency for a legitimate business purpose.",
])
