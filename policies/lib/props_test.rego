package lib.props_test

import data.lib.props
import data.lib.result

test_str_list_obj_read_null_as_empty if {
	props.str("x") == "x"
	props.str(null) == ""
	props.str(3) == ""
	props.list(["a"]) == ["a"]
	props.list(null) == []
	props.obj({"a": 1}) == {"a": 1}
	props.obj(null) == {}
}

test_get_tolerates_null_on_the_way if {
	props.get({"a": {"b": 1}}, "a.b", 0) == 1
	props.get({"a": null}, "a.b", 0) == 0
	props.get({"a": null}, "a", 0) == null
	props.get(null, "a", 0) == 0
	props.get({"@odata.type": "t"}, ["@odata.type"], "") == "t"
}

test_absent_names_the_first_missing_step if {
	o := {"id": "p1", "conditions": {"users": {"includeUsers": ["All"]}, "locations": null}}
	props.absent(o, "conditions.users.excludeUsers") == "conditions.users.excludeUsers"
	props.absent(o, "conditions.platforms.includePlatforms") == "conditions.platforms"
	props.absent(o, "grantControls.operator") == "grantControls"
	props.absent(o, ["@odata.type"]) == "@odata.type"
	not props.absent(o, "conditions.users.includeUsers")
	not props.absent(o, "conditions.locations.includeLocations") # below null: not absent
	not props.absent(o, "id.x") # below a string: not absent
}

test_missing_builds_entries if {
	o := {"id": "p1", "displayName": "CA1", "state": "enabled"}
	props.missing_in("conditionalAccess.policies", o, ["state", "conditions.users"]) == {{
		"resource": {"type": "conditionalAccess.policies", "id": "p1", "name": "CA1"},
		"property": "conditions",
	}}
	props.missing_in("conditionalAccess.policies", o, ["state"]) == set()
	result.missing_property("tenant.securityDefaults", {}, "isEnabled").resource == {"type": "tenant.securityDefaults", "id": "", "name": ""}
}

test_text_and_csv_name_null if {
	props.text(null) == "null"
	props.text("a") == "a"
	props.csv(["b", null, "a"]) == "a, b, null"
}
