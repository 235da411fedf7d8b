# METADATA
# title: Tenant helpers
# description: |
#   Licences the tenant holds (from input.tenant.subscribedSkus) and the
#   evaluation clock (input.meta.evaluationTime, set by the engine: policies
#   never read the wall clock).
#   A service plan counts when its SKU's capabilityStatus is Enabled or
#   Warning (Warning = in its grace period, still working) and the plan
#   itself is not provisioned as Disabled.
package lib.tenant

p1_plan_id := "41781fb2-bc02-4b7c-bd55-b576c07bb09d" # AAD_PREMIUM

p2_plan_id := "eec0eb4f-6444-4f95-aba0-50c24d67f998" # AAD_PREMIUM_P2

p1_license := "Microsoft Entra ID P1"

p2_license := "Microsoft Entra ID P2"

ns_per_day := ((24 * 60) * 60) * 1000000000

_working_sku_statuses := {"Enabled", "Warning"}

# active_plans is the set of service plan ids the tenant can use.
active_plans contains plan.servicePlanId if {
	some sku in input.tenant.subscribedSkus
	sku.capabilityStatus in _working_sku_statuses
	some plan in sku.servicePlans
	plan.provisioningStatus != "Disabled"
}

default has_p2 := false

has_p2 if p2_plan_id in active_plans

# has_p1: P2 includes P1.
default has_p1 := false

has_p1 if p1_plan_id in active_plans

has_p1 if has_p2

# evaluation_ns is the evaluation time in nanoseconds since the epoch.
evaluation_ns := time.parse_rfc3339_ns(input.meta.evaluationTime)

# days_since is how many whole days lie between an RFC 3339 timestamp and
# the evaluation time (negative for a timestamp in the future); undefined
# for anything but a string (null: no timestamp).
days_since(ts) := floor((evaluation_ns - time.parse_rfc3339_ns(ts)) / ns_per_day) if is_string(ts)

# days_until is how many whole days are left before an RFC 3339 timestamp
# (negative once it has passed).
days_until(ts) := floor((time.parse_rfc3339_ns(ts) - evaluation_ns) / ns_per_day) if is_string(ts)
