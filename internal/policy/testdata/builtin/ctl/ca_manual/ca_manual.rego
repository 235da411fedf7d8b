# METADATA
# title: Someone reviews sign-in logs.
# custom:
#   id: T.CA.2v1
#   severity: low
#   family: conditionalAccess
#   frameworks: {}
#   remediation: Review the sign-in logs weekly.
#   references: []
#   requires: []
package test.ctl.ca_manual

manual := "Open Entra admin center > Monitoring > Sign-in logs and review failures."
