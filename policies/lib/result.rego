# METADATA
# title: Result helpers
# description: |
#   Builds finding objects so that no control hand-types IDs, severities or
#   resource shapes. A control package yields:
#     findings contains f      one per offending object (non-empty = fail)
#     evidence contains e      what made it pass (optional)
#     not_applicable := reason (optional) the control does not apply
#     manual := instructions   (optional) the control needs a person
#   The engine turns these into a status; missing data becomes `error` there.
package lib.result

# finding is one offending object of resource `type` (a snapshot resource
# key such as conditionalAccess.policies).
finding(type, obj, message) := {
	"resource": resource(type, obj),
	"message": message,
}

# finding_with adds evidence (an object) to a finding.
finding_with(type, obj, message, evidence) := {
	"resource": resource(type, obj),
	"message": message,
	"evidence": evidence,
}

# tenant_finding is a finding about the tenant as a whole (e.g. "no policy
# blocks legacy authentication"); `type` names the resource it lives in.
tenant_finding(type, message, evidence) := {
	"resource": {"type": type, "id": "", "name": ""},
	"message": message,
	"evidence": evidence,
}

# evidence_for names an object that made a control pass.
evidence_for(type, obj, message) := {
	"resource": resource(type, obj),
	"message": message,
}

resource(type, obj) := {"type": type, "id": object_id(obj), "name": object_name(obj)}

object_id(obj) := obj.id if obj.id
else := obj.tenantId if obj.tenantId
else := obj.skuId if obj.skuId
else := ""

object_name(obj) := obj.displayName if obj.displayName
else := obj.userPrincipalName if obj.userPrincipalName
else := obj.name if obj.name
else := obj.properties.displayName if obj.properties.displayName
else := obj.skuPartNumber if obj.skuPartNumber
else := object_id(obj)
