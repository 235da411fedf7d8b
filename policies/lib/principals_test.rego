package lib.principals_test

import data.lib.principals

_doc := {
	"principals": {
		"users": [
			{"id": "u1", "displayName": "Adele Vance", "userPrincipalName": "adele@contoso.com"},
			{"id": "u2", "displayName": null, "userPrincipalName": "grady@contoso.com"},
			{"id": "u3", "displayName": "", "userPrincipalName": null},
			{"id": "u4", "displayName": "Same", "userPrincipalName": "Same"},
		],
		"groups": [{"id": "g1", "displayName": "Tier0-Admins"}, {"id": "g2", "displayName": null}],
		"directoryObjects": [
			{"id": "d1", "@odata.type": "#microsoft.graph.device", "displayName": "KIOSK-01"},
			{"id": "d2", "@odata.type": "#microsoft.graph.servicePrincipal", "displayName": "Legacy", "appId": "a2"},
			{"id": "d3", "unresolved": true},
			{"id": "d4", "@odata.type": null, "displayName": null},
		],
	},
	"apps": {"servicePrincipals": [
		{"id": "sp1", "displayName": "Payroll", "appId": "app-1"},
		{"id": "sp2", "displayName": null, "appId": "app-2"},
	]},
}

# The one display rule: display name, then user principal name or app id, then id.
test_display_rule if {
	principals.display("u1") == "Adele Vance" with input as _doc
	principals.display("u2") == "grady@contoso.com" with input as _doc
	principals.display("u3") == "u3" with input as _doc
	principals.display("sp2") == "app-2" with input as _doc
	principals.display("g2") == "g2" with input as _doc
	principals.display("nobody") == "nobody" with input as _doc
}

test_labels_name_kind_and_what_tells_principals_apart if {
	principals.label("u1") == "user Adele Vance (adele@contoso.com)" with input as _doc
	principals.label("u2") == "user grady@contoso.com (u2)" with input as _doc
	principals.label("u3") == "user u3" with input as _doc
	principals.label("u4") == "user Same (u4)" with input as _doc
	principals.label("g1") == "group Tier0-Admins (g1)" with input as _doc
	principals.label("sp1") == "service principal Payroll (app-1)" with input as _doc
	principals.label("sp2") == "service principal app-2 (sp2)" with input as _doc
	principals.label("d1") == "device KIOSK-01 (d1)" with input as _doc
	principals.label("d2") == "service principal Legacy (a2)" with input as _doc
	principals.label("d4") == "directory object d4" with input as _doc
}

test_unresolved_principals_say_so if {
	principals.label("d3") == "principal d3 (could not be resolved)" with input as _doc
	principals.label("nobody") == "principal nobody (could not be resolved)" with input as _doc
	principals.label_as("user", "nobody") == "user nobody (could not be resolved)" with input as _doc
	principals.label_as("user", "u1") == "user Adele Vance (adele@contoso.com)" with input as _doc
	not principals.resolved("d3") with input as _doc
	principals.resolved("d1") with input as _doc
}

test_resources_that_are_not_lists_read_as_empty if {
	principals.label("u1") == "principal u1 (could not be resolved)" with input as {"principals": {"users": null}}
}
