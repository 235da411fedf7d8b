package policy

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestMetadataStrictness(t *testing.T) {
	cases := []struct {
		name    string
		replace [2]string // in customHeader
		want    string    // after "custom policy <file>:"
	}{
		{"unknown field", [2]string{"#   severity: high", "#   severity: high\n#   severty: high"}, "6: METADATA custom.severty is not a known field"},
		{"missing field", [2]string{"#   remediation: Fix it.\n", ""}, "3: METADATA custom.remediation is missing"},
		{"bad severity", [2]string{"#   severity: high", "#   severity: urgent"}, `5: METADATA custom.severity "urgent" is not one of critical, high, medium, low, info`},
		{"bad family", [2]string{"#   family: tenant", "#   family: identity"}, `6: METADATA custom.family "identity" is not one of`},
		{"unknown resource", [2]string{"#     - tenant.securityDefaults", "#     - tenant.securityDefault"}, `10: METADATA custom.requires: "tenant.securityDefault" is not a snapshot resource key`},
		{"frameworks not a map", [2]string{"#   frameworks: {}", "#   frameworks: [cis-m365]"}, "7: METADATA custom.frameworks must be a map"},
		{"framework ids not a list", [2]string{"#   frameworks: {}", "#   frameworks:\n#     cis-m365: 5.1"}, "7: METADATA custom.frameworks cis-m365 must be a non-empty list"},
		{"reference not https", [2]string{"#   references: []", "#   references: [http://example.com]"}, `9: METADATA custom.references: "http://example.com" is not an https:// link`},
		{"bad id", [2]string{"#   id: ACME.TEN.1v1", "#   id: ACME TEN 1"}, "4: METADATA custom.id ACME TEN 1 is not a control ID"},
		{"no title", [2]string{"# title: A custom control.\n", ""}, "1: METADATA title is missing"},
		{"second block", [2]string{"# custom:", "# description: |\n#   Mind the\n#   METADATA word.\n# custom:"}, "5: a second package METADATA block starts here"},
		{"no metadata", [2]string{customHeader[:strings.Index(customHeader, "package")], "\n"}, "1: control package data.custom.tenant.sample has no package METADATA"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(customHeader, tc.replace[0], tc.replace[1], 1)
			if src == customHeader {
				t.Fatalf("replacement %q did not apply", tc.replace[0])
			}
			src += "\nfindings contains result.tenant_finding(\"tenant.securityDefaults\", \"x\", {}) if false\n"
			dir := writeFiles(t, map[string]string{"c.rego": src})
			_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
			want := "custom policy " + filepath.Join(dir, "c.rego") + ":" + tc.want
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Load = %v\nwant it to contain %q", err, want)
			}
		})
	}
}

func TestDuplicateControlIDs(t *testing.T) {
	// A custom control may not reuse a built-in ID.
	src := strings.Replace(customHeader, "ACME.TEN.1v1", "T.CA.10v1", 1) + "\nmanual := \"x\"\n"
	dir := writeFiles(t, map[string]string{"c.rego": src})
	_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
	want := "custom policy " + filepath.Join(dir, "c.rego") + ":4: control ID T.CA.10v1 is already a built-in control (ctl/ca_enabled/ca_enabled.rego)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v\nwant %q", err, want)
	}
	// Two custom packages may not share an ID either.
	other := strings.Replace(customHeader, "package custom.tenant.sample", "package custom.tenant.other", 1) + "\nmanual := \"x\"\n"
	dir = writeFiles(t, map[string]string{"a.rego": customHeader + "\nmanual := \"x\"\n", "b.rego": other})
	_, err = Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "control ID ACME.TEN.1v1 is also declared by "+filepath.Join(dir, "a.rego")) {
		t.Errorf("Load = %v, want a duplicate ID error", err)
	}
}

func TestKnownResourcesOption(t *testing.T) {
	dir := writeFiles(t, map[string]string{"c.rego": customHeader + "\nmanual := \"x\"\n"})
	_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir},
		KnownResources: []string{"conditionalAccess.policies", "tenant.subscribedSkus", "apps.applications",
			"roles.eligibilityScheduleInstances"}})
	if err == nil || !strings.Contains(err.Error(), `"tenant.securityDefaults" is not a snapshot resource key`) {
		t.Errorf("Load = %v, want requires checked against KnownResources", err)
	}
}

func TestLibraryPackagesAreNotControls(t *testing.T) {
	e := mustLoad(t, LoadOptions{})
	for _, c := range e.Controls() {
		if strings.HasPrefix(c.ID, "lib") || c.ID == "" {
			t.Errorf("helper package loaded as control: %+v", c)
		}
	}
	if len(e.Controls()) != 5 {
		t.Errorf("controls = %d, want the 5 test controls", len(e.Controls()))
	}
}

func TestUndeclaredReadsAreRefused(t *testing.T) {
	src := customHeader + "\nfindings contains result.tenant_finding(\"tenant.securityDefaults\", \"x\", {}) if {\n" +
		"\tinput.tenant.securityDefaults.isEnabled\n\tinput.tenant.authorizationPolicy.allowInvitesFrom == \"everyone\"\n}\n"
	dir := writeFiles(t, map[string]string{"c.rego": src})
	_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
	want := "custom policy " + filepath.Join(dir, "c.rego") + ":18: reads input.tenant.authorizationPolicy but METADATA custom.requires does not list"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v\nwant %q", err, want)
	}
}
