# METADATA
# title: Property helpers (absent versus null)
# description: |
#   Graph returns every property of an object's default set, as null when it
#   has no value; a property that is absent was not collected (an older or
#   hand-edited snapshot, another API version). The two are told apart
#   (docs/policy-authoring.md, "Absent or null is never a pass"):
#     - a control lists the properties it needs that are absent in its
#       `missing` rule (built with `missing_in`), and the engine reports error
#       naming them: absent is never judged as compliant;
#     - null is a value: it is read through str, list and obj, so that a
#       function such as lower or startswith never stops the policy with a
#       type error, and judged as Graph documents it.
#   Paths are dotted strings ("conditions.users.excludeUsers") or arrays of
#   steps (["@odata.type"]) for names that hold a dot.
package lib.props

import data.lib.result

# str is s when it is a string, else "" (null, absent or another type).
str(s) := s if is_string(s)

else := ""

# text is s when it is a string, else its JSON-like text ("null", "3"):
# for messages that name a value Graph may return as null.
text(s) := s if is_string(s)

else := sprintf("%v", [s])

# csv lists values for messages, sorted, comma-separated, null as "null".
csv(xs) := concat(", ", sort([text(x) | some x in xs]))

# list is v when it is an array, else [] (null, absent or another type).
list(v) := v if is_array(v)

else := []

# obj is v when it is an object, else {} (null, absent or another type).
obj(v) := v if is_object(v)

else := {}

# get is the value at path in o when it is present (null included), else
# fallback: object.get that never stops on a null along the path.
get(o, path, fallback) := object.get(o, _steps(path), fallback) if is_object(o)

else := fallback

_steps(path) := path if is_array(path)

else := split(path, ".")

# absent is the first step of path (as a dotted property path) that o
# lacks, undefined when o holds the whole path. A step below a null value is
# not absent: Graph returned its parent as null, with nothing below it.
absent(o, path) := concat(".", array.slice(steps, 0, i + 1)) if {
	steps := _steps(path)
	not _holds(o, steps) # the common case, cheaply: every object of a resource is checked
	lacking := [j | some j, step in steps; _lacks(o, array.slice(steps, 0, j), step)]
	count(lacking) > 0
	i := min(lacking)
}

# _holds: o has a value (null included) at steps; no value equals both fallbacks.
_holds(o, steps) if {
	is_object(o)
	object.get(o, steps, false) != false
}

_holds(o, steps) if {
	is_object(o)
	object.get(o, steps, true) != true
}

_lacks(o, prefix, step) if {
	parent := object.get(o, prefix, null)
	is_object(parent)
	not step in object.keys(parent)
}

# missing_in is the `missing` entries for the paths o lacks, o being an object
# of resource `type` (a snapshot resource key).
missing_in(type, o, paths) := set() if {
	# The common case, in one builtin (every object of a resource is
	# checked): every path is a property name o has. A dotted path or an
	# array of steps is left to absent.
	is_object(o)
	count(object.filter(o, paths)) == count(paths)
} else := {result.missing_property(type, o, p) | some path in paths; p := absent(o, path)}
