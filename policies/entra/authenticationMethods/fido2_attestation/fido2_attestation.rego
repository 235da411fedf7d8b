# METADATA
# title: FIDO2 security key registration SHALL enforce attestation.
# description: |
#   With attestation enforced, Entra ID accepts only passkeys whose make and model are proven by the FIDO
#   Alliance metadata service and Microsoft's validation, so key restrictions (allowed AAGUIDs) cannot be
#   dodged by an authenticator that lies about its model. Fails when the FIDO2 method is enabled and
#   isAttestationEnforced is not true; not applicable while FIDO2 is disabled.
# custom:
#   id: EA.AM.4v1
#   severity: medium
#   family: authenticationMethods
#   frameworks:
#     eidsca: [EIDSCA.AF03]
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies > Passkey (FIDO2) > Configure: set
#     "Enforce attestation" to Yes.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/how-to-enable-passkey-fido2
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].isAttestationEnforced
package entra.controls.authenticationMethods.fido2_attestation

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in settings.method_missing("Fido2", [])

missing contains m if {
	settings.method_enabled("Fido2")
	some m in props.missing_in("authenticationMethods.policy", settings.method("Fido2"), ["isAttestationEnforced"])
}

not_applicable := "The passkey (FIDO2) method is disabled." if not settings.method_enabled("Fido2")

findings contains f if {
	fido := settings.method("Fido2")
	settings.method_enabled("Fido2")
	not fido.isAttestationEnforced == true
	f := result.finding("authenticationMethods.policy", fido, "Passkeys (FIDO2) are registered without attestation.")
}

evidence contains e if {
	fido := settings.method("Fido2")
	fido.isAttestationEnforced == true
	e := result.evidence_for("authenticationMethods.policy", fido, "Passkey (FIDO2) registration enforces attestation.")
}
