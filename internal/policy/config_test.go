package policy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseConfigFull(t *testing.T) {
	cfg := mustConfig(t, `
breakGlass:
  users: [23b8c1e9-3924-46de-beb1-3b9046685257]
  groups: [6c307511-b2b9-437a-a8df-6ec4ce4a2bbd]
cloud: usgov
trustedTenants: [a9488d99-0bbb-4599-91ce-5dd2b45ed1f0]
controls:
  T.CA.10v1:
    exclusions:
      users: [c241330b-01a9-471f-9e8a-774bcf36d58b]
      guestTypes: [b2bCollaborationGuest]
    roleExclusions:
      groups: [6c307511-b2b9-437a-a8df-6ec4ce4a2bbd]
    severity: critical
waivers:
  - control: T.APP.1v1
    resourceIds: [3139d32c-93cd-49bf-9c94-1cf0dc98d2c1]
    reason: Rotation scheduled with the vendor.
    owner: identity-team@contoso.com
    ticket: SEC-1234
    expires: 2026-12-31
`)
	doc, err := cfg.document()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"breakGlass": map[string]any{"users": []any{"23b8c1e9-3924-46de-beb1-3b9046685257"},
			"groups": []any{"6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"}},
		"cloud":          "usgov",
		"trustedTenants": []any{"a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"},
		"controls": map[string]any{"T.CA.10v1": map[string]any{
			"exclusions":     map[string]any{"users": []any{"c241330b-01a9-471f-9e8a-774bcf36d58b"}, "guestTypes": []any{"b2bCollaborationGuest"}},
			"roleExclusions": map[string]any{"groups": []any{"6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"}},
			"severity":       "critical",
		}},
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("data.config =\n%#v\nwant\n%#v", doc, want)
	}
	if w := cfg.Waivers[0]; w.line != 15 || w.Ticket != "SEC-1234" || w.expires.Format("2006-01-02") != "2026-12-31" {
		t.Errorf("waiver = %+v", w)
	}
}

func TestConfigErrorsNameFileAndLine(t *testing.T) {
	cases := map[string]struct{ yaml, want string }{
		"unknown key":    {"breakGlass:\n  user: []\n", "entra-audit.yaml:2: unknown key user (did you mean users?); the keys here are groups, users"},
		"bad guid":       {"breakGlass:\n  users:\n    - bg1@contoso.com\n", `entra-audit.yaml:3: breakGlass.users: "bg1@contoso.com" is not an object id (GUID)`},
		"bad cloud":      {"cloud: azure\n", `entra-audit.yaml:1: cloud "azure" is not one of global, usgov, usgovdod, china`},
		"bad guest type": {"controls:\n  X.1:\n    exclusions:\n      guestTypes: [guests]\n", `entra-audit.yaml:4: X.1 exclusions.guestTypes: "guests" is not one of`},
		"bad severity":   {"controls:\n  X.1:\n    severity: urgent\n", `entra-audit.yaml:3: X.1 severity "urgent" is not one of`},
		"waiver reason":  {"waivers:\n  - control: X.1\n    owner: me\n    expires: 2026-01-01\n", "entra-audit.yaml:2: waiver 1: reason is required"},
		"waiver date":    {"waivers:\n  - control: X.1\n    owner: me\n    reason: r\n    expires: 31/12/2026\n", `entra-audit.yaml:5: waiver 1: expires "31/12/2026" is not a date (YYYY-MM-DD)`},
		"not yaml":       {"controls: [\n", "entra-audit.yaml:"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseConfig("entra-audit.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), "config "+tc.want) {
				t.Errorf("ParseConfig = %v\nwant it to contain %q", err, "config "+tc.want)
			}
		})
	}
}

func TestConfigUnknownControlIDsAreErrors(t *testing.T) {
	cfg := mustConfig(t, `
controls:
  T.CA.1Ov1:
    severity: low
waivers:
  - control: T.APP.lv1
    reason: r
    owner: o
    expires: 2027-01-01
`)
	_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), Config: cfg})
	for _, want := range []string{
		`config entra-audit.yaml:2: controls: "T.CA.1Ov1" is not a control ID (did you mean T.CA.10v1?)`,
		`config entra-audit.yaml:5: waiver 1: control "T.APP.lv1" is not a control ID (did you mean T.APP.1v1?)`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load = %v\nwant %q", err, want)
		}
	}
}

func TestLoadConfigFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "entra-audit.yaml")
	if err := os.WriteFile(p, []byte("cloud: china\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(p)
	if err != nil || cfg.Cloud != "china" {
		t.Fatalf("LoadConfig = %+v, %v", cfg, err)
	}
	if _, err := LoadConfig(filepath.Join(t.TempDir(), "none.yaml")); err == nil {
		t.Error("LoadConfig of a missing file: want an error")
	}
	// An empty file is an empty configuration.
	if cfg, err := ParseConfig("e.yaml", nil); err != nil || len(cfg.Controls) != 0 {
		t.Errorf("empty config = %+v, %v", cfg, err)
	}
}

func TestExampleConfigIsValid(t *testing.T) {
	if _, err := LoadConfig("../../examples/entra-audit.yaml"); err != nil {
		t.Fatalf("examples/entra-audit.yaml: %v", err)
	}
}

func TestConfigIsOneDocument(t *testing.T) {
	// The waiver in the second document would silently not apply.
	for name, tc := range map[string]struct {
		yaml string
		line int
	}{
		"two documents":     {"cloud: global\nbreakGlass:\n  users: []\n---\nwaivers: []\n", 4},
		"a trailing ---":    {"cloud: global\n---\n", 2},
		"after an end mark": {"cloud: global\n...\n---\ncloud: china\n", 3},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseConfig("entra-audit.yaml", []byte(tc.yaml))
			want := fmt.Sprintf("config entra-audit.yaml:%d: a second YAML document starts here (---): the configuration is one document", tc.line)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("ParseConfig = %v\nwant prefix %q", err, want)
			}
		})
	}
	// One document, explicitly started and ended, is fine.
	if cfg, err := ParseConfig("entra-audit.yaml", []byte("---\ncloud: china\n...\n")); err != nil || cfg.Cloud != "china" {
		t.Errorf("--- doc ...: %+v, %v", cfg, err)
	}
}

func TestConfigSizeIsCapped(t *testing.T) {
	// A comment padding a valid file past the cap: refused without parsing.
	big := "cloud: china\n# " + strings.Repeat("x", MaxConfigSize) + "\n"
	p := filepath.Join(t.TempDir(), "entra-audit.yaml")
	if err := os.WriteFile(p, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "config " + p + ": larger than 1 MiB, the limit for a configuration file"
	if _, err := LoadConfig(p); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("LoadConfig = %v\nwant prefix %q", err, want)
	}
	if _, err := ParseConfig("c.yaml", []byte(big)); err == nil || !strings.Contains(err.Error(), "config c.yaml: larger than 1 MiB") {
		t.Errorf("ParseConfig = %v", err)
	}
	// Exactly at the cap is read.
	exact := "cloud: china\n# " + strings.Repeat("x", MaxConfigSize-len("cloud: china\n# \n")) + "\n"
	if err := os.WriteFile(p, []byte(exact), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, err := LoadConfig(p); err != nil || cfg.Cloud != "china" {
		t.Errorf("a config of exactly %d bytes: %v", len(exact), err)
	}
}

// TestConfigTypoNamesTheKeyAndTheValidOnes: an unknown key is named with
// its line, the closest valid key and every key valid at that level, not
// as a Go type the user never sees.
func TestConfigTypoNamesTheKeyAndTheValidOnes(t *testing.T) {
	cases := map[string]string{
		"breakGlas:\n  users: []\n": "config entra-audit.yaml:1: unknown key breakGlas (did you mean breakGlass?); " +
			"the keys here are breakGlass, cloud, controls, trustedTenants, waivers",
		"controls:\n  MS.AAD.1.1v1:\n    exclusion:\n      users: []\n": "config entra-audit.yaml:3: unknown key exclusion (did you mean exclusions?); " +
			"the keys here are disabled, exclusions, roleExclusions, severity",
		"waivers:\n  - control: X\n    expiry: 2027-01-01\n": "config entra-audit.yaml:3: unknown key expiry (did you mean expires?); " +
			"the keys here are control, expires, owner, reason, resourceIds, ticket",
		"zzz: 1\n": "config entra-audit.yaml:1: unknown key zzz; the keys here are breakGlass, cloud, controls, trustedTenants, waivers",
	}
	for src, want := range cases {
		_, err := ParseConfig("entra-audit.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v\nwant %q", src, err, want)
		}
	}
}

func TestClosestPrefersWhatWasTypedFirst(t *testing.T) {
	ids := []string{"MS.AAD.3.2v2", "MS.AAD.7.2v1", "MS.AAD.7.1v1"}
	if got := closest("MS.AAD.7.2v2", ids); got != "MS.AAD.7.2v1" {
		t.Errorf("closest = %q", got)
	}
	if got := closest("EA.ROLE.9v9", ids); got != "" {
		t.Errorf("a far id suggests %q", got)
	}
}
