# METADATA
# title: Time helpers for entra-audit's own controls
# description: |
#   The evaluation clock is input.meta.evaluationTime (the engine sets it):
#   controls never read the wall clock. Durations are the ISO 8601 strings
#   Graph uses in PIM rules (PT8H, P365D, P1DT12H).
package lib.entra_time

ns_per_minute := 60 * 1000000000

ns_per_day := (24 * 60) * ns_per_minute

evaluation_ns := time.parse_rfc3339_ns(input.meta.evaluationTime)

# days_since is the number of whole days from ts to the evaluation time
# (negative when ts lies in the future).
days_since(ts) := floor((evaluation_ns - time.parse_rfc3339_ns(ts)) / ns_per_day)

# days_until is the number of whole days left before ts (negative once it
# has passed).
days_until(ts) := floor((time.parse_rfc3339_ns(ts) - evaluation_ns) / ns_per_day)

# days_between is the number of whole days from start to end.
days_between(start, end) := floor((time.parse_rfc3339_ns(end) - time.parse_rfc3339_ns(start)) / ns_per_day)

# duration_minutes is an ISO 8601 duration (days, hours, minutes, seconds)
# in minutes; undefined for anything it cannot read, so a caller that must
# not pass on garbage checks it is defined.
duration_minutes(d) := minutes if {
	some m in regex.find_all_string_submatch_n(`^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`, d, 1)
	minutes := (((_number(m[1]) * 1440) + (_number(m[2]) * 60)) + _number(m[3])) + (_number(m[4]) / 60)
}

_number("") := 0

_number(s) := to_number(s) if s != ""
