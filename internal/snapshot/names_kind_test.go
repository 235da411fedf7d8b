package snapshot

import (
	"strings"
	"testing"
)

// TestReferencesAreNamedByTheKindTheyPointAt: kinds share ids (the
// all-zeros GUID is the default app management policy, and in a location
// condition "MFA trusted IPs"); a reference is never commented with the
// name of an object of another kind.
func TestReferencesAreNamedByTheKindTheyPointAt(t *testing.T) {
	zero := "00000000-0000-0000-0000-000000000000"
	shared := "11111111-1111-4111-8111-111111111111"
	n := &Names{kinds: map[string]map[string]nameEntry{}}
	n.add("tenant.defaultAppManagementPolicy", zero, "Default app management tenant policy", "")
	n.add("principals.users", shared, "Ada (ada@contoso.com)", "Ada")
	n.add("principals.groups", shared, "Admins", "")
	n.add(nestedKind("apps.servicePrincipals"), "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "RoleManagement.ReadWrite.Directory", "")

	for _, tc := range []struct {
		prop, id, want string
	}{
		{"excludeLocations", zero, ""},                       // a named location, which zero is not
		{"excludeTarget.id", zero, ""},                       // a group or user
		{"id", zero, "Default app management tenant policy"}, // any kind, one name: agreed
		{"excludeUsers", shared, "Ada (ada@contoso.com)"},
		{"excludeGroups", shared, "Admins"},
		{"principalId", shared, "Ada (ada@contoso.com)"}, // users are looked up first
		{"value", shared, ""},                            // any kind, two names: none
		{"resourceAccess.id", "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "RoleManagement.ReadWrite.Directory"},
		{"excludeRoles", "62e90394-69f5-4237-9190-012177145e10", ""}, // not collected, no well-known kind added here
	} {
		got, _ := n.LookupFor(tc.prop, tc.id)
		if got != tc.want {
			t.Errorf("LookupFor(%q, %s) = %q, want %q", tc.prop, tc.id, got, tc.want)
		}
	}

	// Rendered: the location condition's zero id carries no comment.
	out, err := renderObject(Object{"id": "p", "conditions": map[string]any{"locations": map[string]any{"excludeLocations": []any{zero}}},
		"authenticationMethodConfigurations": []any{map[string]any{"id": "MicrosoftAuthenticator",
			"featureSettings": map[string]any{"x": map[string]any{"excludeTarget": map[string]any{"id": zero}}}}}}, Resource{Key: "k"}, n)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "Default app management") {
		t.Errorf("a reference is named as an object of another kind:\n%s", out)
	}
}
