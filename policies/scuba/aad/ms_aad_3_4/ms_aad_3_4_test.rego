package entra.scuba.aad.ms_aad_3_4_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_3_4 as control

_policy := fx.good.authenticationMethods.policy

test_known_good_passes if {
	control.findings == set() with input as fx.good
	count(control.evidence) == 1 with input as fx.good
}

test_migration_in_progress if {
	tenant := fx.patch([{
		"op": "replace", "path": "/authenticationMethods/policy/policyMigrationState",
		"value": "migrationInProgress",
	}])
	control.findings == {{
		"resource": {"type": "authenticationMethods.policy", "id": _policy.id, "name": _policy.displayName},
		"message": "Authentication methods migration state is migrationInProgress, not migrationComplete",
	}} with input as tenant
	count(control.evidence) == 0 with input as tenant
}

test_missing_state if {
	tenant := fx.patch([{"op": "remove", "path": "/authenticationMethods/policy/policyMigrationState"}])
	control.findings == {{
		"resource": {"type": "authenticationMethods.policy", "id": _policy.id, "name": _policy.displayName},
		"message": "Authentication methods migration state is not set, not migrationComplete",
	}} with input as tenant
}

test_absent_state_is_missing if {
	tenant := fx.patch([{"op": "remove", "path": "/authenticationMethods/policy/policyMigrationState"}])
	control.missing == {{
		"resource": {"type": "authenticationMethods.policy", "id": _policy.id, "name": _policy.displayName},
		"property": "policyMigrationState",
	}} with input as tenant
	control.missing == set() with input as fx.good
}

test_null_state_fails if {
	tenant := fx.patch([{"op": "replace", "path": "/authenticationMethods/policy/policyMigrationState", "value": null}])
	{f.message | some f in control.findings} == {"Authentication methods migration state is null, not migrationComplete"} with input as tenant
}
