# METADATA
# title: One-time-passcode methods (third-party software OATH, Authenticator OTP codes) SHOULD be disabled.
# description: |
#   OTP codes are phishable like SMS codes and bypass the protections Authenticator push gives (number
#   matching, app name and location shown): a user can be talked into reading a code to an attacker or
#   typing it into a proxy page. MS.AAD.3.5v2 covers SMS, voice and email; this control covers the other
#   OTP methods. Fails for the Software OATH tokens method when enabled, and for Microsoft Authenticator when
#   enabled with isSoftwareOathEnabled true. Keep them only for users who cannot use push or passkeys
#   (and waive the finding for that scope).
# custom:
#   id: EA.AM.8v1
#   severity: low
#   family: authenticationMethods
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Authentication methods > Policies: disable "Third-party software
#     OATH tokens", and in Microsoft Authenticator > Configure set "Allow use of Microsoft Authenticator
#     OTP" to No.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-oath-tokens
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.authenticationMethodConfigurations[].id
#     - authenticationMethods.policy.authenticationMethodConfigurations[].state
#     - authenticationMethods.policy.authenticationMethodConfigurations[].isSoftwareOathEnabled
package entra.controls.authenticationMethods.software_oath

import data.lib.entra_tenant as settings
import data.lib.props
import data.lib.result

missing contains m if some m in settings.method_missing("SoftwareOath", [])

missing contains m if some m in settings.method_missing("MicrosoftAuthenticator", [])

missing contains m if {
	settings.method_enabled("MicrosoftAuthenticator")
	some m in props.missing_in("authenticationMethods.policy", settings.method("MicrosoftAuthenticator"), ["isSoftwareOathEnabled"])
}

findings contains f if {
	settings.method_enabled("SoftwareOath")
	f := result.finding(
		"authenticationMethods.policy", settings.method("SoftwareOath"),
		"Third-party software OATH tokens are enabled.",
	)
}

findings contains f if {
	settings.method_enabled("MicrosoftAuthenticator")
	settings.method("MicrosoftAuthenticator").isSoftwareOathEnabled == true
	f := result.finding(
		"authenticationMethods.policy", settings.method("MicrosoftAuthenticator"),
		"Microsoft Authenticator accepts one-time passcodes.",
	)
}
