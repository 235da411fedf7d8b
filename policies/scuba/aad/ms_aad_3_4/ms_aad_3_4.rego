# METADATA
# title: The Authentication Methods Manage Migration feature SHALL be set to Migration Complete.
# description: |
#   Statement: the authentication methods policy SHALL be the only place methods are
#   managed (Manage Migration set to Migration Complete), so legacy MFA and SSPR
#   settings can no longer enable methods. Any policyMigrationState other than
#   migrationComplete (preMigration, migrationInProgress, null) is a finding; Graph
#   always returns it, so absent it is an error.
# custom:
#   id: MS.AAD.3.4v1
#   severity: high
#   family: authenticationMethods
#   frameworks:
#     cisa-scuba: [MS.AAD.3.4v1]
#   remediation: |
#     Migrate the legacy MFA and SSPR method settings to the authentication methods
#     policy, then Entra admin center > Protection > Authentication methods > Policies >
#     Manage migration: Migration Complete.
#   references:
#     - https://learn.microsoft.com/en-us/entra/identity/authentication/how-to-authentication-methods-manage
#   requires:
#     - authenticationMethods.policy
#   reads:
#     - authenticationMethods.policy.policyMigrationState
package entra.scuba.aad.ms_aad_3_4

import data.lib.props
import data.lib.result

_policy := input.authenticationMethods.policy

missing contains m if some m in props.missing_in("authenticationMethods.policy", _policy, ["policyMigrationState"])

_state := object.get(_policy, "policyMigrationState", "not set")

findings contains result.finding(
	"authenticationMethods.policy",
	_policy,
	sprintf("Authentication methods migration state is %v, not migrationComplete", [_state]),
) if _state != "migrationComplete"

evidence contains result.evidence_for("authenticationMethods.policy", _policy, "migration is complete") if {
	_state == "migrationComplete"
}
