# METADATA
# title: Conditional Access policies SHALL NOT stay report-only for more than 30 days.
# description: |
#   Report-only mode is for measuring a policy's impact before enforcing it; a policy left there protects
#   nothing while looking like coverage in the portal. Each policy in state enabledForReportingButNotEnforced
#   whose last known change (the later of createdDateTime and modifiedDateTime; the snapshot may drop
#   modifiedDateTime as volatile, so createdDateTime is often all there is) lies more than 30 days before
#   the evaluation time fails. A report-only policy without either timestamp (null) fails too: its age is
#   unknown. Graph returns every policy's state and createdDateTime: absent, the control reports error.
# custom:
#   id: EA.CA.1v1
#   severity: low
#   family: conditionalAccess
#   frameworks: {}
#   remediation: |
#     Entra admin center > Protection > Conditional Access > Policies > <policy>: review its report-only
#     results (sign-in logs, Conditional Access insights workbook), then set "Enable policy" to On, or delete
#     the policy if it is not going to be enforced.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-report-only
#   requires:
#     - conditionalAccess.policies
#   reads:
#     - conditionalAccess.policies.state
#     - conditionalAccess.policies.createdDateTime
#     - conditionalAccess.policies.modifiedDateTime: absent is unknown (the snapshot removes it as volatile; createdDateTime decides)
package entra.controls.conditionalAccess.report_only_stale

import data.lib.entra_ca as ca
import data.lib.props
import data.lib.result
import data.lib.tenant

missing contains m if {
	some p in ca.policies
	some m in props.missing_in("conditionalAccess.policies", p, ["state"])
}

missing contains m if {
	some p in _report_only
	some m in props.missing_in("conditionalAccess.policies", p, ["createdDateTime"])
}

_max_days := 30

_timestamps(p) := [ts |
	some field in [
		"createdDateTime",
		"modifiedDateTime",
	]
	ts := object.get(p, field, null)
	is_string(ts)
]

_age_days(p) := min([tenant.days_since(ts) | some ts in _timestamps(p)])

_report_only := [p | some p in ca.policies; p.state == "enabledForReportingButNotEnforced"]

findings contains f if {
	some p in _report_only
	age := _age_days(p)
	age > _max_days
	f := result.finding_with(
		"conditionalAccess.policies", p,
		sprintf("Policy %s has been report-only for %d days without being changed.", [result.object_name(p), age]),
		{"days": age},
	)
}

findings contains f if {
	some p in _report_only
	count(_timestamps(p)) == 0
	f := result.finding_with(
		"conditionalAccess.policies", p,
		sprintf("Policy %s is report-only and has no creation or modification date.", [result.object_name(p)]),
		{"days": null},
	)
}
