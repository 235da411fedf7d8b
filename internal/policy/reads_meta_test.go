package policy

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const readsHeader = `# METADATA
# title: A custom control.
# custom:
#   id: ACME.TEN.9v1
#   severity: high
#   family: tenant
#   frameworks: {}
#   remediation: Fix it.
#   references: []
#   requires:
#     - tenant.securityDefaults
#   reads:
#     - tenant.securityDefaults.isEnabled
package custom.tenant.reads

import data.lib.result

findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if false
`

func TestMetadataReads(t *testing.T) {
	dir := writeFiles(t, map[string]string{"c.rego": readsHeader})
	e := mustLoad(t, LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
	var got []string
	for _, c := range e.Controls() {
		if c.ID == "ACME.TEN.9v1" {
			got = c.Reads
		}
	}
	if want := []string{"tenant.securityDefaults.isEnabled"}; !slices.Equal(got, want) {
		t.Errorf("Reads = %q, want %q", got, want)
	}

	src := strings.Replace(readsHeader, "#     - tenant.securityDefaults.isEnabled",
		"#     - tenant.securityDefaults.isEnabled\n#     - tenant.securityDefaults.description: no description", 1)
	e = mustLoad(t, LoadOptions{Builtin: testPack(t), CustomDirs: []string{writeFiles(t, map[string]string{"c.rego": src})}})
	for _, c := range e.Controls() {
		if c.ID == "ACME.TEN.9v1" {
			if !slices.Equal(c.Reads, []string{"tenant.securityDefaults.isEnabled", "tenant.securityDefaults.description"}) ||
				c.Absent["tenant.securityDefaults.description"] != "no description" || len(c.Absent) != 1 {
				t.Errorf("Reads = %q, Absent = %q", c.Reads, c.Absent)
			}
		}
	}

	cases := map[string]string{
		"#     - tenant.securityDefaults.isEnabled\n#     - tenant.securityDefaults.isEnabled": `12: METADATA custom.reads lists tenant.securityDefaults.isEnabled twice`,
		"#     - tenant.securityDefault.isEnabled":                                             `12: METADATA custom.reads "tenant.securityDefault.isEnabled" does not start with a snapshot resource key`,
		"#     - tenant.securityDefaults":                                                      `12: METADATA custom.reads "tenant.securityDefaults" names a resource, not a property`,
		"#     - tenant.securityDefaults.is-enabled":                                           `12: METADATA custom.reads "tenant.securityDefaults.is-enabled": "is-enabled" is not a property name`,
		"#     - [a]":          `12: METADATA custom.reads must be a list of properties`,
		"#     - {a: b, c: d}": `12: METADATA custom.reads must be a list of properties`,
		"#     - {tenant.securityDefaults.isEnabled: ''}": `12: METADATA custom.reads must be a list of properties`,
	}
	for replacement, want := range cases {
		src := strings.Replace(readsHeader, "#     - tenant.securityDefaults.isEnabled", replacement, 1)
		dir := writeFiles(t, map[string]string{"c.rego": src})
		_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
		want = "custom policy " + filepath.Join(dir, "c.rego") + ":" + want
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: Load = %v\nwant it to contain %q", replacement, err, want)
		}
	}
}

func TestReadPath(t *testing.T) {
	for read, want := range map[string][]string{
		"conditionalAccess.namedLocations.@odata.type":                            {"@odata.type"},
		"authenticationMethods.policy.authenticationMethodConfigurations[].state": {"authenticationMethodConfigurations[]", "state"},
		"tenant.authorizationPolicy.defaultUserRolePermissions.allowedToCreateApps": {
			"defaultUserRolePermissions", "allowedToCreateApps"},
	} {
		key, path := ReadPath(read)
		if !strings.HasPrefix(read, key+".") || !slices.Equal(path, want) {
			t.Errorf("ReadPath(%q) = %q, %q; want path %q", read, key, path, want)
		}
	}
	if key, path := ReadPath("tenant"); key != "tenant" || path != nil {
		t.Errorf("ReadPath(tenant) = %q, %q", key, path)
	}
}
