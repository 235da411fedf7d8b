package lib.drift_test

import data.lib.drift

_doc := {"drift": {
	"baseline": {"dir": "baselines/contoso", "tenantId": "t1", "collectedAt": "2026-11-02T06:00:00Z"},
	"resources": {
		"conditionalAccess.policies": {"status": "compared"},
		"apps.oauth2PermissionGrants": {"status": "not_comparable", "reason": "not collected in the baseline (missing_permission)"},
	},
	"changes": [
		{"kind": "added", "resource": "roles.assignments", "id": "a1", "name": "", "after": {"id": "a1"}},
		{
			"kind": "modified", "resource": "conditionalAccess.policies", "id": "p1", "name": "CA001",
			"before": {"id": "p1", "state": "enabled"}, "after": {"id": "p1", "state": "disabled"},
			"fields": [{"path": "conditions.users.excludeUsers", "added": [{"value": "u1", "name": "Isaiah"}, {"value": "u2"}]}],
		},
		{"kind": "removed", "resource": "conditionalAccess.policies", "id": "p2", "name": "CA002", "before": {"id": "p2", "displayName": "CA002"}},
	],
}}

test_changes_by_resource_and_kind if {
	[c.id | some c in drift.changes("conditionalAccess.policies")] == ["p1", "p2"] with input as _doc
	[c.id | some c in drift.added("roles.assignments")] == ["a1"] with input as _doc
	[c.id | some c in drift.modified("conditionalAccess.policies")] == ["p1"] with input as _doc
	[c.id | some c in drift.removed("conditionalAccess.policies")] == ["p2"] with input as _doc
	drift.changes("conditionalAccess.policies") == [] with input as {}
}

test_compared if {
	drift.compared("conditionalAccess.policies") with input as _doc
	not drift.compared("apps.oauth2PermissionGrants") with input as _doc
	not drift.compared("roles.assignments") with input as _doc
}

test_baseline_names_its_dir if {
	drift.baseline == "the baseline (baselines/contoso)" with input as _doc
	drift.baseline == "the baseline" with input as {"drift": {"baseline": {}}}
}

test_findings_sit_on_the_live_object_or_the_removed_one if {
	[p1, p2] := drift.changes("conditionalAccess.policies") with input as _doc
	drift.finding(p1, "m", {}) == {"resource": {"type": "conditionalAccess.policies", "id": "p1", "name": "p1"}, "message": "m", "evidence": {}}
	drift.finding(p2, "m", {}).resource == {"type": "conditionalAccess.policies", "id": "p2", "name": "CA002"}
	drift.part_finding(p1, {"id": "Sms"}, "m", {}).resource == {"type": "conditionalAccess.policies", "id": "Sms", "name": "Sms"}
}

test_names if {
	[a1] := drift.added("roles.assignments") with input as _doc
	drift.name(a1) == "a1"
	[p1] := drift.modified("conditionalAccess.policies") with input as _doc
	drift.name(p1) == "CA001"
	drift.ref_name(p1, "conditions.users.excludeUsers", "u1") == "Isaiah"
	drift.ref_name(p1, "conditions.users.excludeUsers", "u2") == "u2"
	drift.ref_name(p1, "conditions.users.excludeGroups", "g1") == "g1"
	drift.field(p1, "conditions.users.excludeUsers").added[0].value == "u1"
	not drift.field(p1, "state")
}

test_values_reads_lists_strings_and_nothing if {
	drift.values({"a": {"b": ["x", "y"]}}, ["a", "b"]) == {"x", "y"}
	drift.values({"a": {"b": "x, y,"}}, ["a", "b"]) == {"x", "y"}
	drift.values({"a": null}, ["a", "b"]) == set()
	drift.values({"a": {"b": null}}, ["a", "b"]) == set()
	drift.values({}, ["a"]) == set()
}

test_states if {
	[p1] := drift.modified("conditionalAccess.policies") with input as _doc
	drift.was_enforced(p1)
	not drift.enforced(p1.after)
	drift.state_label("enabledForReportingButNotEnforced") == "report-only"
	drift.state_label("disabled") == "disabled"
	drift.state_label(null) == "without state"
	drift.before({"kind": "added"}) == {}
	drift.after({"kind": "removed"}) == {}
}

test_methods if {
	p := {"authenticationMethodConfigurations": [{"id": "Sms", "state": "enabled"}, {"id": "Fido2", "state": "disabled"}]}
	drift.method_state(p, "sms") == "enabled"
	drift.method_state(p, "Email") == "disabled"
	drift.method_state({"authenticationMethodConfigurations": null}, "Sms") == "disabled"
	c := {"kind": "modified", "before": {}, "after": p}
	drift.newly_enabled_methods(c) == {{"id": "Sms", "state": "enabled"}}
	drift.method_name("Sms") == "SMS"
	drift.method_name("Unknown") == "Unknown"
}
