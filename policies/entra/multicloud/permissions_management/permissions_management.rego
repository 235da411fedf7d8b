# METADATA
# title: Multicloud (Azure, AWS, Google Cloud) permissions SHALL be monitored; Permissions Management is retired.
# description: |
#   Microsoft Entra Permissions Management (the CIEM that watched AWS, Azure and Google Cloud permissions)
#   was retired on 2025-10-01 and its data deleted. When the snapshot could not read it (status
#   not_available, or any status other than collected) or it watches nothing, no Microsoft service here
#   monitors multicloud permissions any more, and the tool cannot see what replaced it: the control
#   reports `manual` with what to check. While it still answers, each authorization system whose
#   entitlement data collection is not online fails.
# custom:
#   id: EA.MC.4v1
#   severity: low
#   family: multicloud
#   frameworks: {}
#   remediation: |
#     Move multicloud permission monitoring to a supported CIEM (for example Microsoft Defender for Cloud's
#     cloud infrastructure entitlement management, which Microsoft names as a successor) and onboard every
#     AWS account, Azure subscription and Google Cloud project; record the decision with a waiver if you
#     accept the gap.
#   references:
#     - https://learn.microsoft.com/en-us/entra/permissions-management/permissions-management-retirement
#   requires: []
#   reads:
#     - multicloud.authorizationSystems.dataCollectionInfo.entitlements.status: absent is not online (the entitlements are not collected)
package entra.controls.multicloud.permissions_management

import data.lib.props
import data.lib.result

_status := object.get(input, ["collection", "multicloud.authorizationSystems", "status"], "absent")

_systems := props.list(object.get(input, ["multicloud", "authorizationSystems"], []))

missing contains m if {
	some s in _systems
	some m in props.missing_in("multicloud.authorizationSystems", s, ["dataCollectionInfo"])
}

_online(s) if s.dataCollectionInfo.entitlements.status == "online"

manual := msg if {
	_status != "collected"
	msg := concat(" ", [
		sprintf("Permissions Management could not be read (%s): it was retired on 2025-10-01,", [_status]),
		"so Microsoft Entra no longer monitors AWS, Azure and Google Cloud permissions.",
		"Confirm that another CIEM (e.g. Microsoft Defender for Cloud) covers every cloud account and subscription.",
	])
}

manual := msg if {
	_status == "collected"
	count(_systems) == 0
	msg := concat(" ", [
		"Permissions Management has no authorization system onboarded, so it monitors no multicloud permissions.",
		"Confirm that another CIEM (e.g. Microsoft Defender for Cloud) covers every cloud account and subscription.",
	])
}

findings contains f if {
	some s in _systems
	not _online(s)
	f := result.finding_with(
		"multicloud.authorizationSystems", s,
		sprintf(
			"Permissions Management no longer collects entitlements of %s %s.",
			[object.get(s, "authorizationSystemType", ""), object.get(s, "authorizationSystemName", "")],
		),
		{
			"authorizationSystemId": object.get(s, "authorizationSystemId", null),
			"entitlements": object.get(s, ["dataCollectionInfo", "entitlements"], null),
		},
	)
}

evidence contains e if {
	some s in _systems
	_online(s)
	e := result.evidence_for(
		"multicloud.authorizationSystems", s,
		sprintf(
			"Permissions Management collects entitlements of %s %s.",
			[object.get(s, "authorizationSystemType", ""), object.get(s, "authorizationSystemName", "")],
		),
	)
}
