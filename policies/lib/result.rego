# METADATA
# title: Result helpers
# description: |
#   Builds finding objects so that no control hand-types IDs, severities or
#   resource shapes. A control package yields:
#     findings contains f      one per offending object (non-empty = fail)
#     evidence contains e      what made it pass (optional)
#     not_applicable := reason (optional) the control does not apply
#     manual := instructions   (optional) the control needs a person
#     missing contains m       (optional) a property it needs is absent:
#                              error, naming it (build m with `missing_property`)
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

# missing_property is an entry of a control's `missing` rule: `property` (a dotted
# path) is absent from obj, an object of resource `type`, and the control
# cannot be judged without it. The engine reports error and names it.
# data.lib.props.missing_in builds them for a list of paths.
missing_property(type, obj, property) := {"resource": resource(type, obj), "property": property}

resource(type, obj) := {"type": type, "id": object_id(obj), "name": object_name(obj)}

# Ids and names are read only when they are strings: Graph may return a
# name as null.
object_id(obj) := obj.id if _text(obj.id)

else := obj.tenantId if _text(obj.tenantId)

else := obj.skuId if _text(obj.skuId)

else := ""

object_name(obj) := obj.displayName if _text(obj.displayName)

else := obj.userPrincipalName if _text(obj.userPrincipalName)

else := obj.name if _text(obj.name)

else := obj.properties.displayName if _text(obj.properties.displayName)

else := obj.skuPartNumber if _text(obj.skuPartNumber)

else := object_id(obj)

_text(s) if {
	is_string(s)
	s != ""
}
