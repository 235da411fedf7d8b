# METADATA
# title: User passwords SHALL NOT expire.
# description: |
#   Statement: user passwords SHALL NOT expire. Each verified, managed root domain
#   (isRoot true; subdomains inherit their root's policy) must have
#   passwordValidityPeriodInDays null (never expire, the default since 2021) or
#   2147483647; any other value is a finding on that domain. Federated domains are
#   governed by their identity provider and are skipped. Not applicable when the
#   tenant has no verified managed root domain. Graph returns every domain with
#   these properties (passwordValidityPeriodInDays as null when it was never set):
#   absent, the control reports error rather than read it as "never expire".
# custom:
#   id: MS.AAD.6.1v1
#   severity: medium
#   family: tenant
#   frameworks:
#     cisa-scuba: [MS.AAD.6.1v1]
#     cis-m365: ["1.3.1"]
#   remediation: |
#     Microsoft 365 admin center > Settings > Org settings > Security & privacy >
#     Password expiration policy: Set passwords to never expire; for other root domains
#     set passwordValidityPeriodInDays to 2147483647 with Graph (PATCH /domains/{id}).
#   references:
#     - https://learn.microsoft.com/en-us/microsoft-365/admin/manage/set-password-expiration-policy
#   requires:
#     - tenant.domains
#   reads:
#     - tenant.domains.id
#     - tenant.domains.isVerified
#     - tenant.domains.authenticationType
#     - tenant.domains.isRoot
#     - tenant.domains.passwordValidityPeriodInDays
package entra.scuba.aad.ms_aad_6_1

import data.lib.props
import data.lib.result

_never := 2147483647

missing contains m if {
	some d in input.tenant.domains
	some m in props.missing_in("tenant.domains", d, ["isVerified", "authenticationType", "isRoot"])
}

missing contains m if {
	some d in _roots
	some m in props.missing_in("tenant.domains", d, ["passwordValidityPeriodInDays"])
}

_roots contains d if {
	some d in input.tenant.domains
	d.isVerified == true
	d.authenticationType == "Managed"
	object.get(d, "isRoot", true) == true
}

not_applicable := "The tenant has no verified managed root domain" if count(_roots) == 0

findings contains result.finding(
	"tenant.domains",
	d,
	sprintf("Passwords in domain %v expire after %v days", [d.id, object.get(d, "passwordValidityPeriodInDays", null)]),
) if {
	some d in _roots
	not object.get(d, "passwordValidityPeriodInDays", null) in {null, _never}
}

evidence contains result.evidence_for("tenant.domains", d, "passwords never expire") if {
	some d in _roots
	object.get(d, "passwordValidityPeriodInDays", null) in {null, _never}
}
