package snapshot

import (
	"encoding/json"
	"testing"
)

func TestNormalize(t *testing.T) {
	raw := `{
	  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x/$entity",
	  "@odata.type": "#microsoft.graph.ipNamedLocation",
	  "@odata.etag": "W/\"1\"",
	  "id": "p1", "createdDateTime": "2024-01-01T00:00:00Z", "modifiedDateTime": "2025-01-01T00:00:00Z",
	  "signInActivity": {"lastSignInDateTime": "2026-01-01T00:00:00Z"},
	  "count": 12345678901234567890, "ratio": 0.10,
	  "conditions": {"users": {"includeUsers": ["b", "All", "a"], "excludeUsers": []}},
	  "grantControls": {"authenticationStrength@odata.context": "x", "authenticationStrength": null},
	  "ipRanges": [{"cidrAddress": "203.0.113.0/24"}, {"cidrAddress": "198.51.100.0/24"}],
	  "rules": [{"id": "z", "v": 1}, {"id": "a", "v": 2}],
	  "certificateUserBindings": [{"id": "2", "priority": 2}, {"id": "1", "priority": 1}],
	  "definition": ["{\"b\":1}", "{\"a\":1}"],
	  "secretish": {"keep": "me", "drop": "me"}
	}`
	obj, err := DecodeObject([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := Normalize(Resource{Volatile: []string{"secretish.drop"}}, obj)
	want := `{"@odata.type":"#microsoft.graph.ipNamedLocation","certificateUserBindings":[{"id":"2","priority":2},{"id":"1","priority":1}],` +
		`"conditions":{"users":{"excludeUsers":[],"includeUsers":["All","a","b"]}},"count":12345678901234567890,"createdDateTime":"2024-01-01T00:00:00Z",` +
		`"definition":["{\"b\":1}","{\"a\":1}"],"grantControls":{"authenticationStrength":null},"id":"p1",` +
		`"ipRanges":[{"cidrAddress":"198.51.100.0/24"},{"cidrAddress":"203.0.113.0/24"}],"ratio":0.10,` +
		`"rules":[{"id":"a","v":2},{"id":"z","v":1}],"secretish":{"keep":"me"}}`
	b, _ := json.Marshal(got)
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	// The input is not modified.
	if _, ok := obj["@odata.etag"]; !ok {
		t.Error("Normalize modified its input")
	}
}

// Graph may return set-like arrays in any order: the normalised object is
// the same.
func TestNormalizeOrderIndependent(t *testing.T) {
	a, _ := DecodeObject([]byte(`{"id":"x","assignedPlans":[{"service":"s","servicePlanId":"2","capabilityStatus":"Enabled"},{"service":"s","servicePlanId":"1","capabilityStatus":"Deleted"},{"service":"s","servicePlanId":"1","capabilityStatus":"Enabled"}],"builtInControls":["mfa","block"]}`))
	b, _ := DecodeObject([]byte(`{"builtInControls":["block","mfa"],"id":"x","assignedPlans":[{"service":"s","servicePlanId":"1","capabilityStatus":"Enabled"},{"service":"s","servicePlanId":"2","capabilityStatus":"Enabled"},{"service":"s","servicePlanId":"1","capabilityStatus":"Deleted"}]}`))
	ja, _ := json.Marshal(Normalize(Resource{}, a))
	jb, _ := json.Marshal(Normalize(Resource{}, b))
	if string(ja) != string(jb) {
		t.Errorf("\n%s\n%s", ja, jb)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"CA001 Block legacy authentication": "ca001-block-legacy-authentication",
		"../../etc/passwd":                  "etc-passwd",
		"":                                  "object",
		"🔐":                                 "object",
		"CON":                               "con",
		`a/b\c`:                             "a-b-c",
		"  --Trim--  ":                      "trim",
		"Ünïcödé Näme":                      "n-c-d-n-me",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slug("abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij")
	if len(long) > maxSlug || long[len(long)-1] == '-' {
		t.Errorf("long slug %q", long)
	}
}

func TestNamesFirstLabelWins(t *testing.T) {
	roles := Resource{Key: "roles.definitions", RefKeys: []string{"templateId"}}
	users := Resource{Key: "principals.users", Label: func(o Object) string { return o["displayName"].(string) + " (" + o["userPrincipalName"].(string) + ")" }}
	n := BuildNames([]Resource{users, roles}, []*Outcome{
		{Key: "roles.definitions", Status: StatusCollected, Objects: []Object{{"id": "ID-1", "templateId": "tpl-1", "displayName": "Custom  \n Role"}}},
		{Key: "principals.users", Status: StatusCollected, Objects: []Object{{"id": "u1", "displayName": "Adele", "userPrincipalName": "adele@contoso.com"}}},
	})
	for id, want := range map[string]string{"id-1": "Custom Role", "TPL-1": "Custom Role", "u1": "Adele (adele@contoso.com)",
		"62e90394-69f5-4237-9190-012177145e10": "Global Administrator"} {
		if got, _ := n.Lookup(id); got != want {
			t.Errorf("Lookup(%s) = %q, want %q", id, got, want)
		}
	}
	if l, ok := n.Lookup("unknown"); ok {
		t.Errorf("unknown id labelled %q", l)
	}
}

// Objects built by hand come out as if decoded from Graph's JSON.
func TestNormalizeHandBuiltValues(t *testing.T) {
	got := Normalize(Resource{}, Object{"n": 3, "big": int64(1) << 40, "f": 0.5, "tags": []string{"b", "a"}, "list": []Object{{"id": "2"}, {"id": "1"}}})
	b, _ := json.Marshal(got)
	if want := `{"big":1099511627776,"f":0.5,"list":[{"id":"1"},{"id":"2"}],"n":3,"tags":["a","b"]}`; string(b) != want {
		t.Errorf("got %s", b)
	}
	if _, ok := got["n"].(json.Number); !ok {
		t.Errorf("n is %T", got["n"])
	}
}

func TestNamesOrganizationWinsTheTenantID(t *testing.T) {
	const tid = "bdd640fb-0667-4ad1-9c80-317fa3b1799d"
	n := BuildNames([]Resource{{Key: "multicloud.managementGroups", IDField: "name", NameField: "properties.displayName"}, {Key: "tenant.organization"}},
		[]*Outcome{
			{Key: "multicloud.managementGroups", Status: StatusCollected, Objects: []Object{{"name": tid, "properties": map[string]any{"displayName": "Tenant Root Group"}}}},
			{Key: "tenant.organization", Status: StatusCollected, Objects: []Object{{"id": tid, "displayName": "Contoso Ltd"}}},
		})
	if got, _ := n.Lookup(tid); got != "Contoso Ltd" {
		t.Errorf("tenant id labelled %q", got)
	}
}
