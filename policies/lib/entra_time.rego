# METADATA
# title: Time helpers for entra-audit's own controls
# description: |
#   Spans between two timestamps and the ISO 8601 durations Graph uses in
#   PIM rules (PT8H, P365D, P1DT12H). Ages relative to the evaluation time
#   come from data.lib.tenant (days_since, days_until): controls never read
#   the wall clock.
package lib.entra_time

import data.lib.tenant

# days_between is the number of whole days from start to end.
days_between(start, end) := floor((time.parse_rfc3339_ns(end) - time.parse_rfc3339_ns(start)) / tenant.ns_per_day) if {
	is_string(start)
	is_string(end)
}

# duration_minutes is an ISO 8601 duration (days, hours, minutes, seconds)
# in minutes; undefined for anything it cannot read, so a caller that must
# not pass on garbage checks it is defined.
duration_minutes(d) := minutes if {
	is_string(d)
	some m in regex.find_all_string_submatch_n(`^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`, d, 1)
	minutes := (((_number(m[1]) * 1440) + (_number(m[2]) * 60)) + _number(m[3])) + (_number(m[4]) / 60)
}

_number("") := 0

_number(s) := to_number(s) if s != ""
