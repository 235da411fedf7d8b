package entra.controls.drift.privileged_assignments_test

import data.entra.controls.drift.fixture_test as fixture
import data.entra.controls.drift.privileged_assignments as control

_megan := "user Megan Bowen (megan.bowen@contoso.com)"

# _subject is a principal's label capitalized to start a sentence.
_subject(label) := concat("", [upper(substring(label, 0, 1)), substring(label, 1, -1)])

_finding(type, id, principal, label, role, how) := {
	"resource": {"type": type, "id": id, "name": id},
	"message": sprintf("%s was given %s since the baseline (baselines/contoso-demo), which does not grant it: %s.", [
		_subject(label),
		fixture.names[role],
		how,
	]),
	"evidence": {"principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/"},
}

# _assigned adds an active assignment and its PIM schedule instance (when given) to the live tree.
_assigned(a, instances) := json.patch(fixture.live, array.concat(
	[{"op": "add", "path": "/roles/assignments/-", "value": a}],
	[{"op": "add", "path": "/roles/assignmentScheduleInstances/-", "value": i} | some i in instances],
))

_megan_ga := fixture.active("ra-megan-ga", fixture.megan, fixture.ga)

test_known_good_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

test_permanent_pim_assignment_fails if {
	i := fixture.instance("ra-megan-ga", fixture.megan, fixture.ga, "Assigned", "2026-11-20T09:00:00Z", null)
	control.findings == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"a permanent active assignment (its PIM schedule has no end date)",
	)} with input as fixture.input_for(_assigned(_megan_ga, [i]))
}

test_assignment_without_pim_schedule_fails if {
	control.findings == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"a permanent active assignment made outside PIM (no PIM schedule for it)",
	)} with input as fixture.input_for(_assigned(_megan_ga, []))
}

test_schedule_without_start_fails if {
	i := fixture.instance("ra-megan-ga", fixture.megan, fixture.ga, "Assigned", null, "2027-01-01T00:00:00Z")
	control.findings == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"an active assignment made outside PIM (its PIM schedule has no start date)",
	)} with input as fixture.input_for(_assigned(_megan_ga, [i]))
}

test_schedule_without_start_or_end_fails if {
	i := fixture.instance("ra-megan-ga", fixture.megan, fixture.ga, "Assigned", null, null)
	control.findings == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"a permanent active assignment made outside PIM (its PIM schedule has no start or end date)",
	)} with input as fixture.input_for(_assigned(_megan_ga, [i]))
}

test_schedule_matched_by_principal_role_and_scope if {
	i := object.union(
		fixture.instance("inst-megan-ga", fixture.megan, fixture.ga, "Assigned", "2026-11-20T09:00:00Z", "2026-11-21T09:00:00Z"),
		{"roleAssignmentOriginId": null},
	)
	count(control.findings) == 0 with input as fixture.input_for(_assigned(_megan_ga, [i]))
}

test_assignment_to_a_group_names_the_group if {
	a := fixture.active("ra-tier0-pra", fixture.tier0, fixture.pra)
	control.findings == {_finding(
		"roles.assignments", "ra-tier0-pra", fixture.tier0, sprintf("group Tier0-Admins (%s)", [fixture.tier0]), fixture.pra,
		"a permanent active assignment made outside PIM (no PIM schedule for it)",
	)} with input as fixture.input_for(_assigned(a, []))
}

# _without_pim compares the live tree with itself plus Megan's new Global
# Administrator assignment, the schedule instances given the collection
# entry `entry` (removed from both trees when entry is null).
_without_pim(entry) := fixture.input_between(json.patch(fixture.live, _pim_ops(entry)), json.patch(_assigned(_megan_ga, []), _pim_ops(entry)))

_pim_ops(null) := [
	{"op": "remove", "path": "/collection/roles.assignmentScheduleInstances"},
	{"op": "remove", "path": "/roles/assignmentScheduleInstances"},
]

_pim_ops(entry) := [
	{"op": "replace", "path": "/collection/roles.assignmentScheduleInstances", "value": entry},
	{"op": "remove", "path": "/roles/assignmentScheduleInstances"},
] if entry != null

test_without_p2_every_new_assignment_is_permanent if {
	control.findings == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"a permanent active assignment (the tenant has no PIM: Microsoft Entra ID P2)",
	)} with input as _without_pim({"status": "license_required", "license": "Microsoft Entra ID P2"})
}

test_pim_data_not_collected_says_so if {
	control.findings == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"an active assignment that cannot be checked against PIM: roles.assignmentScheduleInstances was not collected (missing_permission)",
	)} with input as _without_pim({"status": "missing_permission", "permission": "RoleAssignmentSchedule.Read.Directory"})
	{f.message | some f in control.findings} == {_finding(
		"roles.assignments", "ra-megan-ga", fixture.megan, _megan, fixture.ga,
		"an active assignment that cannot be checked against PIM: roles.assignmentScheduleInstances was not collected (missing from the snapshot)",
	).message} with input as _without_pim(null)
}

test_added_schedule_without_assignment_fails if {
	i := object.union(
		fixture.instance("inst-tier0-ga", fixture.tier0, fixture.ga, "Assigned", "2026-11-20T09:00:00Z", null),
		{"roleAssignmentOriginId": "ra-tier0-ga-origin"},
	)
	patched := json.patch(fixture.live, [{"op": "add", "path": "/roles/assignmentScheduleInstances/-", "value": i}])
	control.findings == {_finding(
		"roles.assignmentScheduleInstances", "inst-tier0-ga", fixture.tier0, sprintf("group Tier0-Admins (%s)", [fixture.tier0]), fixture.ga,
		"a permanent active assignment (its PIM schedule has no end date)",
	)} with input as fixture.input_for(patched)

	# Without a comparison of the schedule instances there is nothing added to judge.
	doc := json.patch(fixture.input_for(patched), [{"op": "replace", "path": "/drift/resources/roles.assignmentScheduleInstances", "value": {
		"status": "not_comparable",
		"reason": "not collected in the baseline (license_required)",
	}}])
	count(control.findings) == 0 with input as doc
}

test_added_schedule_with_its_assignment_is_judged_once if {
	i := fixture.instance("ra-megan-ga", fixture.megan, fixture.ga, "Assigned", "2026-11-20T09:00:00Z", null)
	count(control.findings) == 1 with input as fixture.input_for(_assigned(_megan_ga, [i]))
	j := object.union(i, {"id": "inst-megan-ga", "roleAssignmentOriginId": null})
	count(control.findings) == 1 with input as fixture.input_for(_assigned(_megan_ga, [j]))
}

test_activations_and_non_privileged_roles_pass if {
	# The known-good pair adds an activation (Adele, PRA), a time-bound PIM assignment (Adele, GA) and a
	# permanent Reports Reader assignment made outside PIM (Megan); none is judged.
	activation := fixture.instance("inst-activation", fixture.megan, fixture.ga, "Activated", "2026-11-26T09:00:00Z", null)
	patched := json.patch(fixture.live, [{"op": "add", "path": "/roles/assignmentScheduleInstances/-", "value": activation}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}
