package entra.scuba.aad.ms_aad_3_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_1 as control

_statement := "No enabled Conditional Access policy requires phishing-resistant MFA for all users and all resources"

_message(misses) := sprintf("%s: %s", [_statement, concat("; ", [
sprintf("'%s' %s", [m.displayName, concat(", ", m.reasons)]) |
	some m in misses
])])

_fails_with(tenant, cfg, misses) if {
	control.findings == {fx.ca_finding(_message(misses), misses)} with input as tenant with data.config as cfg
	count(control.evidence) == 0 with input as tenant with data.config as cfg
}

_passes(tenant, cfg) if {
	control.findings == set() with input as tenant with data.config as cfg
	count(control.evidence) > 0 with input as tenant with data.config as cfg
}

test_known_good_passes if {
	control.findings == set() with input as fx.good with data.config as fx.config
	{e.resource.name | some e in control.evidence} == {"CA04 Phishing-resistant MFA for all users"}
		with input as fx.good with data.config as fx.config
}

_ca05 := fx.miss(fx.ca_mfa, [
	"does not require phishing-resistant MFA (grant: mfa)",
	sprintf("excludes group Service accounts (%s) not declared in config", [fx.svc_group]),
])

_ca06 := fx.miss(fx.ca_admins, ["does not include all users"])

_fails_because(tenant, reasons) if {
	_fails_with(tenant, fx.config, [fx.miss(fx.ca_phishing_resistant, reasons), _ca05, _ca06])
}

_guests := {
	"guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest",
	"externalTenants": {"membershipKind": "all"},
}

_strength_path := fx.ca_path(fx.ca_phishing_resistant, "grantControls/authenticationStrength")

test_report_only_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "state"),
		"value": "enabledForReportingButNotEnforced",
	}])
	_fails_because(tenant, ["is report-only"])
}

test_mfa_strength_is_not_phishing_resistant if {
	tenant := fx.patch([{"op": "replace", "path": _strength_path, "value": {"id": fx.mfa_strength.id}}])
	_fails_because(tenant, [
		"does not require phishing-resistant MFA (grant: authenticationStrength Multifactor authentication)",
	])
}

test_custom_phishing_resistant_strength_passes if {
	custom := {
		"id": "5c0e0000-0000-0000-0000-000000000001", "displayName": "Keys only", "policyType": "custom",
		"requirementsSatisfied": "mfa", "allowedCombinations": ["fido2", "x509CertificateMultiFactor"],
	}
	tenant := fx.patch([
		{"op": "add", "path": "/conditionalAccess/authenticationStrengths/-", "value": custom},
		{"op": "replace", "path": _strength_path, "value": {"id": custom.id}},
	])
	_passes(tenant, fx.config)
}

test_custom_strength_with_weak_method_fails if {
	custom := {
		"id": "5c0e0000-0000-0000-0000-000000000002", "displayName": "Keys or SMS", "policyType": "custom",
		"requirementsSatisfied": "mfa", "allowedCombinations": ["fido2", "password,sms"],
	}
	tenant := fx.patch([{"op": "replace", "path": _strength_path, "value": custom}])
	_fails_because(tenant, ["does not require phishing-resistant MFA (grant: authenticationStrength Keys or SMS)"])
}

test_unresolved_strength_does_not_count if {
	tenant := fx.patch([{
		"op": "replace", "path": _strength_path,
		"value": {"id": "5c0e0000-0000-0000-0000-00000000dead"},
	}])
	_fails_because(tenant, [
		"does not require phishing-resistant MFA (grant: authenticationStrength 5c0e0000-0000-0000-0000-00000000dead)",
	])
}

test_strength_or_compliant_device_does_not_count if {
	tenant := fx.patch([
		{"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "grantControls/operator"), "value": "OR"},
		{
			"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "grantControls/builtInControls"),
			"value": ["compliantDevice"],
		},
	])
	_fails_because(tenant, [
		"does not require phishing-resistant MFA (grant: authenticationStrength Phishing-resistant MFA OR compliantDevice)",
	])
}

test_device_filter_narrows if {
	tenant := fx.patch([{"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "conditions/devices"), "value": {
		"deviceFilter": {"mode": "exclude", "rule": "device.trustType -eq \"ServerAD\""},
	}}])
	_fails_because(tenant, ["is narrowed by a device filter (device.trustType -eq \"ServerAD\")"])
}

test_undeclared_guest_types_fail if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "conditions/users/excludeGuestsOrExternalUsers"),
		"value": _guests,
	}])
	_fails_because(tenant, [
		"excludes guest type b2bCollaborationGuest not declared in config",
		"excludes guest type internalGuest not declared in config",
	])
}

test_declared_guest_types_pass if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "conditions/users/excludeGuestsOrExternalUsers"),
		"value": _guests,
	}])
	cfg := json.patch(fx.config, [{"op": "add", "path": "/controls/MS.AAD.3.1v1", "value": {"exclusions": {
		"guestTypes": ["b2bCollaborationGuest", "internalGuest"],
	}}}])
	_passes(tenant, cfg)
}

test_legacy_guest_exclusion_excludes_every_guest_type if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "conditions/users/excludeUsers"),
		"value": ["GuestsOrExternalUsers"],
	}])
	cfg := json.patch(fx.config, [{"op": "add", "path": "/controls/MS.AAD.3.1v1", "value": {"exclusions": {
		"guestTypes": ["b2bCollaborationGuest", "internalGuest"],
	}}}])
	_fails_with(tenant, cfg, [
		fx.miss(fx.ca_phishing_resistant, [
			"excludes guest type b2bCollaborationMember not declared in config",
			"excludes guest type b2bDirectConnectUser not declared in config",
			"excludes guest type otherExternalUser not declared in config",
			"excludes guest type serviceProvider not declared in config",
		]),
		_ca05, _ca06,
	])
}

test_legacy_guest_exclusion_passes_when_every_guest_type_is_declared if {
	tenant := fx.patch([{
		"op": "replace", "path": fx.ca_path(fx.ca_phishing_resistant, "conditions/users/excludeUsers"),
		"value": ["GuestsOrExternalUsers"],
	}])
	cfg := json.patch(fx.config, [{"op": "add", "path": "/controls/MS.AAD.3.1v1", "value": {"exclusions": {"guestTypes": [
		"internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember",
		"b2bDirectConnectUser", "otherExternalUser", "serviceProvider",
	]}}}])
	_passes(tenant, cfg)
}

test_without_p1_fails_naming_the_licence if {
	control.findings == {fx.licence_finding(
		"Conditional Access requires Microsoft Entra ID P1, which the tenant does not have",
		"Microsoft Entra ID P1",
	)} with input as fx.no_licence with data.config as fx.config
}

test_absent_property_is_missing_never_judged if {
	control.missing == fx.no_exclude_users_missing with input as fx.no_exclude_users with data.config as fx.config
	count(control.evidence) == 0 with input as fx.no_exclude_users with data.config as fx.config
}

test_incomplete_policy_does_not_hide_a_satisfying_one if {
	tenant := fx.one_policy_incomplete(fx.ca_agents)
	control.missing == set() with input as tenant with data.config as fx.config
	control.findings == set() with input as tenant with data.config as fx.config
}
