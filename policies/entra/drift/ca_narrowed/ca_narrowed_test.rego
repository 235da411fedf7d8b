package entra.controls.drift.ca_narrowed_test

import data.entra.controls.drift.ca_narrowed as control
import data.entra.controls.drift.fixture_test as fixture

_names := {
	fixture.ca001: "CA001 Block legacy authentication",
	fixture.ca002: "CA002 Require MFA for all users",
	fixture.ca003: "CA003 Require phishing-resistant MFA for admins",
	fixture.ca007: "CA007 Require compliant device (Finance pilot)",
}

_finding(id, detail, evidence) := {
	"resource": {"type": "conditionalAccess.policies", "id": id, "name": _names[id]},
	"message": sprintf("%s was narrowed since the baseline (baselines/contoso-demo), which enforces it more widely: %s.", [
		_names[id],
		detail,
	]),
	"evidence": evidence,
}

# _live patches policy id of the live tree.
_live(id, ops) := json.patch(fixture.live, [object.union(op, {"path": concat("", [fixture.ca_path(id), op.path])}) | some op in ops])

# _between patches policy id in both trees (baseline ops first), for changes
# that need a different baseline.
_between(id, base_ops, live_ops) := fixture.input_between(
	json.patch(fixture.baseline, [object.union(op, {"path": concat("", [_base_path(id), op.path])}) | some op in base_ops]),
	_live(id, live_ops),
)

_base_path(id) := sprintf("/conditionalAccess/policies/%d", [i]) if {
	some i, p in fixture.baseline.conditionalAccess.policies
	p.id == id
}

test_known_good_passes if {
	count(control.findings) == 0 with input as fixture.good
}

test_no_drift_passes if {
	count(control.findings) == 0 with input as fixture.input_for(fixture.baseline)
}

# ---- exclusions ----

test_new_user_exclusion_fails_naming_the_user if {
	patched := _live(fixture.ca002, [{"op": "add", "path": "/conditions/users/excludeUsers/-", "value": fixture.megan}])
	control.findings == {_finding(
		fixture.ca002,
		"it now excludes user Megan Bowen (megan.bowen@contoso.com)",
		{"path": "conditions.users.excludeUsers", "added": [fixture.megan]},
	)} with input as fixture.input_for(patched)
}

test_exclusion_without_a_name_gives_the_id if {
	patched := _live(fixture.ca002, [{"op": "add", "path": "/conditions/users/excludeGroups/-", "value": "0f0f0f0f-1111-4222-8333-944455556666"}])
	control.findings == {_finding(
		fixture.ca002,
		"it now excludes group 0f0f0f0f-1111-4222-8333-944455556666",
		{"path": "conditions.users.excludeGroups", "added": ["0f0f0f0f-1111-4222-8333-944455556666"]},
	)} with input as fixture.input_for(patched)
}

test_legacy_guest_exclusion_fails if {
	patched := _live(fixture.ca001, [{"op": "add", "path": "/conditions/users/excludeUsers/-", "value": "GuestsOrExternalUsers"}])
	control.findings == {_finding(
		fixture.ca001,
		"it now excludes all guests and external users",
		{"path": "conditions.users.excludeUsers", "added": ["GuestsOrExternalUsers"]},
	)} with input as fixture.input_for(patched)
}

test_guest_type_exclusion_fails if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/users/excludeGuestsOrExternalUsers", "value": {
		"guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest",
		"externalTenants": {"membershipKind": "all"},
	}}])
	control.findings == {_finding(
		fixture.ca002,
		"it now excludes guest type b2bCollaborationGuest, guest type internalGuest",
		{
			"path": "conditions.users.excludeGuestsOrExternalUsers.guestOrExternalUserTypes",
			"added": ["b2bCollaborationGuest", "internalGuest"],
		},
	)} with input as fixture.input_for(patched)
}

_guests(kind) := {"guestOrExternalUserTypes": "b2bCollaborationGuest", "externalTenants": {"membershipKind": kind}}

test_guest_type_exclusion_for_listed_tenants_names_them if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/users/excludeGuestsOrExternalUsers", "value": {
		"guestOrExternalUserTypes": "b2bCollaborationGuest",
		"externalTenants": {"membershipKind": "enumerated", "members": [fixture.northwind, fixture.fabrikam]},
	}}])
	control.findings == {_finding(
		fixture.ca002,
		sprintf("it now excludes guest type b2bCollaborationGuest of tenants %s, %s", [fixture.fabrikam, fixture.northwind]),
		{"path": "conditions.users.excludeGuestsOrExternalUsers.guestOrExternalUserTypes", "added": ["b2bCollaborationGuest"]},
	)} with input as fixture.input_for(patched)
}

test_guest_exclusion_for_more_tenants_fails if {
	doc := _between(
		fixture.ca002,
		[{"op": "replace", "path": "/conditions/users/excludeGuestsOrExternalUsers", "value": _listed([fixture.fabrikam])}],
		[{"op": "replace", "path": "/conditions/users/excludeGuestsOrExternalUsers", "value": _listed([fixture.fabrikam, fixture.northwind])}],
	)
	control.findings == {_finding(
		fixture.ca002,
		sprintf("it now also excludes guests of tenants %s", [fixture.northwind]),
		{"path": "conditions.users.excludeGuestsOrExternalUsers.externalTenants.members", "added": [fixture.northwind]},
	)} with input as doc
}

_listed(members) := {
	"guestOrExternalUserTypes": "b2bCollaborationGuest",
	"externalTenants": {"membershipKind": "enumerated", "members": members},
}

test_guest_exclusion_widened_to_all_tenants_fails if {
	listed := object.union(_guests("enumerated"), {"externalTenants": {"members": [fixture.fabrikam]}})
	doc := _between(
		fixture.ca002,
		[{"op": "replace", "path": "/conditions/users/excludeGuestsOrExternalUsers", "value": listed}],
		[{"op": "replace", "path": "/conditions/users/excludeGuestsOrExternalUsers", "value": _guests("all")}],
	)
	control.findings == {_finding(
		fixture.ca002,
		"it now excludes guests of all external tenants, where it excluded those of listed tenants",
		{"path": "conditions.users.excludeGuestsOrExternalUsers.externalTenants.membershipKind", "before": "enumerated", "after": "all"},
	)} with input as doc
}

test_other_exclusions_fail if {
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/conditions/locations", "value": {"includeLocations": ["All"], "excludeLocations": [fixture.hq]}},
		{"op": "replace", "path": "/conditions/platforms", "value": {"includePlatforms": ["all"], "excludePlatforms": ["linux"]}},
		{"op": "add", "path": "/conditions/users/excludeRoles/-", "value": fixture.ga},
		{"op": "add", "path": "/conditions/applications/excludeApplications/-", "value": "797f4846-ba00-4fd7-ba43-dac1f8f63013"},
		{"op": "replace", "path": "/conditions/clientApplications", "value": {"excludeServicePrincipals": [fixture.hr_sync]}},
	])
	control.findings == {
		_finding(fixture.ca002, "it now excludes location Contoso HQ", {"path": "conditions.locations.excludeLocations", "added": [fixture.hq]}),
		_finding(fixture.ca002, "it now excludes platform linux", {"path": "conditions.platforms.excludePlatforms", "added": ["linux"]}),
		_finding(fixture.ca002, "it now excludes role Global Administrator", {"path": "conditions.users.excludeRoles", "added": [fixture.ga]}),
		_finding(
			fixture.ca002, "it now excludes application 797f4846-ba00-4fd7-ba43-dac1f8f63013",
			{"path": "conditions.applications.excludeApplications", "added": ["797f4846-ba00-4fd7-ba43-dac1f8f63013"]},
		),
		_finding(
			fixture.ca002, sprintf("it now excludes service principal %s", [fixture.hr_sync]),
			{"path": "conditions.clientApplications.excludeServicePrincipals", "added": [fixture.hr_sync]},
		),
	} with input as fixture.input_for(patched)
}

test_removed_exclusion_passes if {
	# CA002 no longer excluding Isaiah is part of the known-good pair; so is dropping the break-glass group.
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/users/excludeGroups", "value": []}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

# ---- inclusions ----

test_all_users_replaced_by_a_group_fails if {
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/conditions/users/includeUsers", "value": []},
		{"op": "replace", "path": "/conditions/users/includeGroups", "value": [fixture.finance]},
	])
	control.findings == {_finding(
		fixture.ca002,
		"it no longer includes all users (now: group Finance-Pilot)",
		{"path": "conditions.users.includeUsers", "removed": ["All"]},
	)} with input as fixture.input_for(patched)
}

test_all_users_removed_leaves_nothing if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/users/includeUsers", "value": []}])
	control.findings == {_finding(
		fixture.ca002,
		"it no longer includes all users (now: nothing)",
		{"path": "conditions.users.includeUsers", "removed": ["All"]},
	)} with input as fixture.input_for(patched)
}

test_included_role_removed_fails if {
	patched := _live(fixture.ca003, [{"op": "replace", "path": "/conditions/users/includeRoles", "value": [fixture.ga]}])
	control.findings == {_finding(
		fixture.ca003,
		"it no longer includes role Privileged Role Administrator",
		{"path": "conditions.users.includeRoles", "removed": [fixture.pra]},
	)} with input as fixture.input_for(patched)
}

test_all_applications_replaced_fails if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/applications/includeApplications", "value": ["Office365"]}])
	control.findings == {_finding(
		fixture.ca002,
		"it no longer includes all applications (now: application Office365)",
		{"path": "conditions.applications.includeApplications", "removed": ["All"]},
	)} with input as fixture.input_for(patched)
}

test_service_principals_narrowed_fails if {
	doc := _between(
		fixture.ca001,
		[{"op": "replace", "path": "/conditions/clientApplications", "value": {"includeServicePrincipals": ["ServicePrincipalsInMyTenant"]}}],
		[{"op": "replace", "path": "/conditions/clientApplications", "value": {"includeServicePrincipals": [fixture.hr_sync]}}],
	)
	control.findings == {_finding(
		fixture.ca001,
		sprintf("it no longer includes all service principals of the tenant (now: service principal %s)", [fixture.hr_sync]),
		{"path": "conditions.clientApplications.includeServicePrincipals", "removed": ["ServicePrincipalsInMyTenant"]},
	)} with input as doc
}

test_inclusions_widened_to_all_pass if {
	patched := _live(fixture.ca003, [
		{"op": "replace", "path": "/conditions/users/includeRoles", "value": []},
		{"op": "replace", "path": "/conditions/users/includeUsers", "value": ["All"]},
	])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

# ---- conditions ----

test_client_app_types_limited_fails if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/clientAppTypes", "value": ["browser"]}])
	control.findings == {_finding(
		fixture.ca002,
		"it now applies only to client app types browser (the baseline: all)",
		{"path": "conditions.clientAppTypes", "before": ["all"], "after": ["browser"]},
	)} with input as fixture.input_for(patched)
}

test_client_app_types_narrower_fails if {
	# CA001 applies to exchangeActiveSync and other in the baseline.
	patched := _live(fixture.ca001, [{"op": "replace", "path": "/conditions/clientAppTypes", "value": ["exchangeActiveSync"]}])
	control.findings == {_finding(
		fixture.ca001,
		"it no longer applies to client app types other",
		{"path": "conditions.clientAppTypes", "before": ["exchangeActiveSync", "other"], "after": ["exchangeActiveSync"]},
	)} with input as fixture.input_for(patched)
}

test_client_app_types_wider_passes if {
	patched := _live(fixture.ca001, [{"op": "replace", "path": "/conditions/clientAppTypes", "value": ["all"]}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_risk_levels_set_fails if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/signInRiskLevels", "value": ["high", "medium"]}])
	control.findings == {_finding(
		fixture.ca002,
		"it now applies only to sign-in risk levels high, medium (the baseline: all)",
		{"path": "conditions.signInRiskLevels", "before": [], "after": ["high", "medium"]},
	)} with input as fixture.input_for(patched)
}

_user_risk(levels) := _between(
	fixture.ca002,
	[{"op": "replace", "path": "/conditions/userRiskLevels", "value": ["high", "medium"]}],
	[{"op": "replace", "path": "/conditions/userRiskLevels", "value": levels}],
)

test_risk_levels_fewer_fails_and_more_passes if {
	control.findings == {_finding(
		fixture.ca002,
		"it no longer applies to user risk levels medium",
		{"path": "conditions.userRiskLevels", "before": ["high", "medium"], "after": ["high"]},
	)} with input as _user_risk(["high"])
	count(control.findings) == 0 with input as _user_risk(["high", "low", "medium"])
	count(control.findings) == 0 with input as _user_risk([])
}

test_locations_set_fails_naming_them if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/locations", "value": {"includeLocations": [fixture.hq], "excludeLocations": []}}])
	control.findings == {_finding(
		fixture.ca002,
		"it now applies only to locations Contoso HQ (the baseline: all)",
		{"path": "conditions.locations.includeLocations", "before": [], "after": [fixture.hq]},
	)} with input as fixture.input_for(patched)
}

test_platforms_and_insider_risk_set_fail if {
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/conditions/platforms", "value": {"includePlatforms": ["android", "iOS"], "excludePlatforms": []}},
		{"op": "replace", "path": "/conditions/insiderRiskLevels", "value": "elevated"},
	])
	control.findings == {
		_finding(
			fixture.ca002, "it now applies only to platforms android, iOS (the baseline: all)",
			{"path": "conditions.platforms.includePlatforms", "before": [], "after": ["android", "iOS"]},
		),
		_finding(
			fixture.ca002, "it now applies only to insider risk levels elevated (the baseline: all)",
			{"path": "conditions.insiderRiskLevels", "before": [], "after": ["elevated"]},
		),
	} with input as fixture.input_for(patched)
}

test_authentication_flows_set_fails if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/authenticationFlows", "value": {"transferMethods": "deviceCodeFlow"}}])
	control.findings == {_finding(
		fixture.ca002,
		"it now applies only to authentication flows deviceCodeFlow (the baseline: all)",
		{"path": "conditions.authenticationFlows.transferMethods", "before": [], "after": ["deviceCodeFlow"]},
	)} with input as fixture.input_for(patched)
}

test_authentication_flows_none_passes if {
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/authenticationFlows", "value": {"transferMethods": "none"}}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_device_filter_set_fails if {
	filter := {"mode": "exclude", "rule": "device.trustType -eq \"ServerAD\""}
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/devices", "value": {"deviceFilter": filter}}])
	control.findings == {_finding(
		fixture.ca002,
		"it is now limited by a device filter (exclude device.trustType -eq \"ServerAD\")",
		{"path": "conditions.devices.deviceFilter", "before": null, "after": filter},
	)} with input as fixture.input_for(patched)
}

test_application_filter_set_fails if {
	filter := {"rule": "CustomSecurityAttribute.Tier -eq \"Low\""}
	patched := _live(fixture.ca002, [{"op": "replace", "path": "/conditions/applications/applicationFilter", "value": filter}])
	control.findings == {_finding(
		fixture.ca002,
		"it is now limited by an application filter (include CustomSecurityAttribute.Tier -eq \"Low\")",
		{"path": "conditions.applications.applicationFilter", "before": null, "after": filter},
	)} with input as fixture.input_for(patched)
}

_filter(rule) := [{"op": "replace", "path": "/conditions/devices", "value": {"deviceFilter": {"mode": "exclude", "rule": rule}}}]

test_changed_filter_is_not_judged if {
	doc := _between(fixture.ca002, _filter("device.isCompliant -eq True"), _filter("device.trustType -eq \"AzureAD\""))
	count(control.findings) == 0 with input as doc
}

# ---- grant controls ----

test_alternative_added_fails if {
	patched := _live(fixture.ca002, [{"op": "add", "path": "/grantControls/builtInControls/-", "value": "compliantDevice"}])
	control.findings == {_finding(
		fixture.ca002,
		"its grant controls are now compliantDevice OR mfa (the baseline: mfa)",
		{
			"path": "grantControls",
			"before": fixture.ca002_policy.grantControls,
			"after": object.union(fixture.ca002_policy.grantControls, {"builtInControls": ["mfa", "compliantDevice"]}),
		},
	)} with input as fixture.input_for(patched)
}

test_and_turned_into_or_fails if {
	both := [
		{"op": "replace", "path": "/grantControls/builtInControls", "value": ["compliantDevice", "mfa"]},
		{"op": "replace", "path": "/grantControls/operator", "value": "AND"},
	]
	doc := _between(fixture.ca007, both, [{"op": "replace", "path": "/grantControls/operator", "value": "OR"}])
	{f.message | some f in control.findings} == {_finding(
		fixture.ca007,
		"its grant controls are now compliantDevice OR mfa (the baseline: compliantDevice AND mfa)",
		{},
	).message} with input as doc
}

test_control_removed_under_and_fails if {
	both := [
		{"op": "replace", "path": "/grantControls/builtInControls", "value": ["compliantDevice", "mfa"]},
		{"op": "replace", "path": "/grantControls/operator", "value": "AND"},
	]
	doc := _between(fixture.ca007, both, [
		{"op": "replace", "path": "/grantControls/builtInControls", "value": ["compliantDevice"]},
		{"op": "replace", "path": "/grantControls/operator", "value": "AND"},
	])
	{f.message | some f in control.findings} == {_finding(
		fixture.ca007,
		"its grant controls are now compliantDevice (the baseline: compliantDevice AND mfa)",
		{},
	).message} with input as doc
}

test_authentication_strength_removed_fails if {
	patched := _live(fixture.ca003, [
		{"op": "replace", "path": "/grantControls/authenticationStrength", "value": null},
		{"op": "replace", "path": "/grantControls/builtInControls", "value": ["mfa"]},
	])
	{f.message | some f in control.findings} == {_finding(
		fixture.ca003,
		"its grant controls are now mfa (the baseline: authenticationStrength Phishing-resistant MFA)",
		{},
	).message} with input as fixture.input_for(patched)
}

_strength(id, name) := [{"op": "replace", "path": "/grantControls/authenticationStrength", "value": {"id": id, "displayName": name}}]

# The baseline requires passwordless MFA.
_strength_now(id, name) := _between(fixture.ca003, _strength("00000000-0000-0000-0000-000000000003", "Passwordless MFA"), _strength(id, name))

test_weaker_strength_fails_and_stronger_passes if {
	{f.message | some f in control.findings} == {_finding(
		fixture.ca003,
		"its grant controls are now authenticationStrength Multifactor authentication (the baseline: authenticationStrength Passwordless MFA)",
		{},
	).message} with input as _strength_now("00000000-0000-0000-0000-000000000002", "Multifactor authentication")
	count(control.findings) == 0 with input as _strength_now(fixture.phishing_resistant, "Phishing-resistant MFA")
}

test_strength_that_requires_mfa_satisfies_mfa if {
	custom := {"id": "5a1b2c3d-0000-4000-8000-000000000001", "displayName": "Contoso MFA", "requirementsSatisfied": "mfa"}
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/grantControls/builtInControls", "value": []},
		{"op": "replace", "path": "/grantControls/authenticationStrength", "value": custom},
	])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_builtin_mfa_strength_satisfies_mfa if {
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/grantControls/builtInControls", "value": []},
		{"op": "replace", "path": "/grantControls/authenticationStrength", "value": {"id": "00000000-0000-0000-0000-000000000002"}},
	])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_block_replaced_fails_and_block_added_passes if {
	to_mfa := _live(fixture.ca001, [{"op": "replace", "path": "/grantControls/builtInControls", "value": ["mfa"]}])
	{f.message | some f in control.findings} == {_finding(fixture.ca001, "its grant controls are now mfa (the baseline: block)", {}).message} with input as fixture.input_for(to_mfa)
	to_block := _live(fixture.ca002, [{"op": "replace", "path": "/grantControls/builtInControls", "value": ["block"]}])
	count(control.findings) == 0 with input as fixture.input_for(to_block)
}

test_grant_controls_removed_fails if {
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/grantControls/builtInControls", "value": []},
		{"op": "add", "path": "/grantControls/termsOfUse/-", "value": "tou-1"},
		{"op": "add", "path": "/grantControls/customAuthenticationFactors/-", "value": "duo"},
	])
	{f.message | some f in control.findings} == {_finding(
		fixture.ca002,
		"its grant controls are now customAuthenticationFactor duo OR termsOfUse tou-1 (the baseline: mfa)",
		{},
	).message} with input as fixture.input_for(patched)
	emptied := _live(fixture.ca002, [{"op": "replace", "path": "/grantControls", "value": null}])
	{f.message | some f in control.findings} == {_finding(
		fixture.ca002,
		"its grant controls are now no grant controls (the baseline: mfa)",
		{},
	).message} with input as fixture.input_for(emptied)
}

# ---- what is not judged here ----

test_policy_no_longer_enforced_is_drift_1s if {
	patched := _live(fixture.ca002, [
		{"op": "replace", "path": "/state", "value": "disabled"},
		{"op": "add", "path": "/conditions/users/excludeUsers/-", "value": fixture.megan},
	])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}

test_policy_not_enforced_in_the_baseline_is_not_judged if {
	# CA005 is report-only in the baseline and enabled now; narrowing it too is a new policy, not a weakening.
	patched := _live(fixture.ca005, [{"op": "add", "path": "/conditions/users/excludeUsers/-", "value": fixture.megan}])
	count(control.findings) == 0 with input as fixture.input_for(patched)
}
