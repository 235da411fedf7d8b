# METADATA
# title: Cross-tenant inbound trust of MFA and device claims SHALL NOT be extended beyond the baseline.
# description: |
#   Inbound trust makes Conditional Access accept another tenant's word that its user did MFA or uses a
#   compliant or hybrid-joined device. Trust added since the approved baseline lets that tenant satisfy
#   our MFA and device requirements on its own terms. Fails for each claim (isMfaAccepted,
#   isCompliantDeviceAccepted, isHybridAzureADJoinedDeviceAccepted) that is now accepted and was not in
#   the baseline:
#     - in the default settings (crossTenantAccess.default), which apply to every other tenant;
#     - in a partner configuration (crossTenantAccess.partners), new or changed. A partner whose
#       inboundTrust is null inherits the default, on both sides: a partner that now states a trust the
#       baseline's default already gave it does not fail, and a partner that inherits newly trusted
#       defaults is the default's finding.
#   Trust turned off passes. Whether a partner is declared trusted (trustedTenants) is EA.XTA.1v1's
#   judgement, not this one's: an approved new trust belongs in a new baseline. Needs a baseline
#   (--baseline DIR).
# custom:
#   id: EA.DRIFT.4v1
#   severity: high
#   family: drift
#   frameworks: {}
#   remediation: |
#     Entra admin center > External Identities > Cross-tenant access settings > Default settings, or
#     Organizational settings > <partner> > Inbound access > Trust settings: clear the trust options that
#     were turned on. If the trust was approved, commit a new baseline (and declare the partner under
#     trustedTenants in entra-audit.yaml).
#   references:
#     - https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-settings-b2b-collaboration
#     - https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-overview
#   requires:
#     - crossTenantAccess.default
#   compares:
#     - crossTenantAccess.default
#     - crossTenantAccess.partners
package entra.controls.drift.inbound_trust

import data.lib.drift
import data.lib.entra_crosstenant as xta

_claims := {
	"isMfaAccepted": "MFA",
	"isCompliantDeviceAccepted": "compliant devices",
	"isHybridAzureADJoinedDeviceAccepted": "hybrid joined devices",
}

# The default on each side: the change's copies, or the live default when it did not change.
_default_change := c if some c in drift.modified("crossTenantAccess.default")

_default_before := _default_change.before if _default_change

else := xta.default_policy

_default_after := _default_change.after if _default_change

else := xta.default_policy

_accepted(trust) := {field | some field, _ in _claims; object.get(trust, field, false) == true}

_inbound(settings) := settings.inboundTrust if is_object(settings.inboundTrust)

else := {}

# _trust is a partner's effective inbound trust: its own, or the default's when null.
_trust(partner, fallback) := partner.inboundTrust if is_object(partner.inboundTrust)

else := _inbound(fallback)

_names(fields) := concat(", ", sort([_claims[f] | some f in fields]))

_evidence(fields) := {"inboundTrust": sort(fields)}

findings contains drift.finding(
	_default_change, sprintf(
		"The default inbound trust was set to accept %s claims from every other tenant since %s, which does not accept them.",
		[_names(new), drift.baseline],
	),
	_evidence(new),
) if {
	new := _accepted(_inbound(_default_after)) - _accepted(_inbound(_default_before))
	count(new) > 0
}

findings contains drift.finding(
	c, sprintf("Partner %s was set to accept %s claims since %s, which does not accept them.", [
		xta.partner_name(c.after),
		_names(new),
		drift.baseline,
	]),
	_evidence(new),
) if {
	some c in drift.modified("crossTenantAccess.partners")
	is_object(c.after.inboundTrust)
	new := _accepted(c.after.inboundTrust) - _accepted(_trust(c.before, _default_before))
	count(new) > 0
}

findings contains drift.finding(
	c, sprintf("Partner %s was added with %s claims accepted since %s, which does not accept them.", [
		xta.partner_name(c.after),
		_names(new),
		drift.baseline,
	]),
	_evidence(new),
) if {
	some c in drift.added("crossTenantAccess.partners")
	is_object(c.after.inboundTrust)
	new := _accepted(c.after.inboundTrust) - _accepted(_inbound(_default_before))
	count(new) > 0
}
