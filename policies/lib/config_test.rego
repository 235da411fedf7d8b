package lib.config_test

import data.lib.config

# A METADATA chain as rego.metadata.chain() returns it for a control rule.
_chain := [
	{"path": ["data", "entra", "x", "findings"], "annotations": {"scope": "rule"}},
	{"path": ["data", "entra", "x"], "annotations": {"scope": "package", "custom": {"id": "MS.AAD.3.2v2"}}},
]

_config := {
	"breakGlass": {
		"users": ["23b8c1e9-3924-46de-beb1-3b9046685257"],
		"groups": ["6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"],
	},
	"trustedTenants": ["a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"],
	"controls": {"MS.AAD.3.2v2": {
		"exclusions": {"users": ["c241330b-01a9-471f-9e8a-774bcf36d58b"], "guestTypes": ["internalGuest"]},
		"roleExclusions": {"groups": ["371ecd7b-27cd-4130-8722-9389571aa876"]},
	}},
}

test_control_id_from_the_chain if {
	config.control_id(_chain) == "MS.AAD.3.2v2"
}

test_declared_exclusions_with_every_list_present if {
	config.exclusions(_chain) == {
		"users": ["c241330b-01a9-471f-9e8a-774bcf36d58b"],
		"groups": [], "roles": [], "servicePrincipals": [],
		"guestTypes": ["internalGuest"],
	} with data.config as _config
	config.role_exclusions(_chain) == {"users": [], "groups": ["371ecd7b-27cd-4130-8722-9389571aa876"]} with data.config as _config
}

test_no_config_means_nothing_declared if {
	config.exclusions(_chain) == {"users": [], "groups": [], "roles": [], "servicePrincipals": [], "guestTypes": []}
	config.role_exclusions(_chain) == {"users": [], "groups": []}
	config.break_glass_users == []
	config.break_glass_groups == []
	config.trusted_tenants == []
}

test_other_controls_declarations_do_not_leak if {
	other := json.patch(_chain, [{"op": "replace", "path": "/1/annotations/custom/id", "value": "MS.AAD.1.1v1"}])
	config.exclusions(other).users == [] with data.config as _config
}

test_break_glass_and_trusted_tenants if {
	config.break_glass_users == ["23b8c1e9-3924-46de-beb1-3b9046685257"] with data.config as _config
	config.break_glass_groups == ["6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"] with data.config as _config
	config.trusted_tenants == ["a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"] with data.config as _config
}
