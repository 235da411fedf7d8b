# METADATA
# title: Nobody is eligible for a role.
# custom:
#   id: T.ROLE.3v1
#   severity: critical
#   family: roles
#   frameworks: {}
#   remediation: Remove eligibilities.
#   references: []
#   requires:
#     - roles.eligibilityScheduleInstances
package test.ctl.role_eligible

import data.lib.result

findings contains result.finding("roles.eligibilityScheduleInstances", e, "eligible") if {
	some e in input.roles.eligibilityScheduleInstances
}
