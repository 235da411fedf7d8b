# METADATA
# title: Federated domains SHALL NOT accept the federated identity provider's MFA claim.
# description: |
#   With federatedIdpMfaBehavior acceptIfMfaDoneByFederatedIdp (the service default when unset) or
#   enforceMfaByFederatedIdp, Entra ID takes the on-premises IdP's (e.g. AD FS) word that MFA happened. An
#   attacker who owns that IdP or its token-signing key (Golden SAML) then mints tokens that satisfy every
#   MFA requirement. Each federation configuration of a federated domain fails unless its
#   federatedIdpMfaBehavior is rejectMfaByFederatedIdp, which makes Entra ID perform MFA itself (null is
#   the service default, accept). The snapshot holds each federated domain's federationConfiguration
#   list: a federated domain without it, or a configuration without federatedIdpMfaBehavior, is an error.
# custom:
#   id: EA.TEN.7v1
#   severity: high
#   family: tenant
#   frameworks: {}
#   remediation: |
#     Register Entra ID MFA methods for the domain's users, then Update-MgDomainFederationConfiguration
#     -DomainId <domain> -InternalDomainFederationId <id> -FederatedIdpMfaBehavior rejectMfaByFederatedIdp
#     (or, better, move the domain to managed authentication).
#   references:
#     - https://learn.microsoft.com/en-us/graph/api/resources/internaldomainfederation
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/how-to-migrate-mfa-server-to-mfa-with-federation
#   requires:
#     - tenant.domains
#   reads:
#     - tenant.domains.id
#     - tenant.domains.authenticationType
#     - tenant.domains.federationConfiguration[].federatedIdpMfaBehavior
package entra.controls.tenant.federated_mfa_behavior

import data.lib.props
import data.lib.result

_configurations contains [domain, config] if {
	some domain in input.tenant.domains
	domain.authenticationType == "Federated"
	some config in props.list(object.get(domain, "federationConfiguration", []))
}

missing contains m if {
	some domain in input.tenant.domains
	some m in props.missing_in("tenant.domains", domain, ["authenticationType"])
}

missing contains m if {
	some domain in input.tenant.domains
	domain.authenticationType == "Federated"
	some m in props.missing_in("tenant.domains", domain, ["federationConfiguration"])
}

missing contains result.missing_property("tenant.domains", domain, sprintf("federationConfiguration[%d].federatedIdpMfaBehavior", [i])) if {
	some domain in input.tenant.domains
	domain.authenticationType == "Federated"
	some i, config in props.list(object.get(domain, "federationConfiguration", []))
	props.absent(config, "federatedIdpMfaBehavior")
}

_behavior(config) := object.get(config, "federatedIdpMfaBehavior", null)

findings contains f if {
	some [domain, config] in _configurations
	_behavior(config) != "rejectMfaByFederatedIdp"
	f := result.finding_with(
		"tenant.domains", domain,
		sprintf("Federated domain %s accepts MFA done by its identity provider (%v).", [object.get(domain, "id", ""), _behavior(config)]),
		{"federationId": object.get(config, "id", null), "federatedIdpMfaBehavior": _behavior(config)},
	)
}

evidence contains e if {
	some [domain, config] in _configurations
	_behavior(config) == "rejectMfaByFederatedIdp"
	e := result.evidence_for(
		"tenant.domains", domain,
		sprintf("Federated domain %s rejects MFA claims from its identity provider.", [object.get(domain, "id", "")]),
	)
}
