package snapshot

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles makes a snapshot directory from literal files.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const okManifest = `schemaVersion: 1
toolVersion: test
tenant: {id: bdd640fb-0667-4ad1-9c80-317fa3b1799d}
cloud: global
collectedAt: "2026-01-02T03:04:05Z"
resources:
  tenant.authorizationPolicy: {status: collected, count: 1}
  conditionalAccess.namedLocations: {status: collected, count: 1}
  conditionalAccess.policies: {status: license_required, license: Microsoft Entra ID P1}
`

func TestLoadRejectsAliasBomb(t *testing.T) {
	bomb := `id: authorizationPolicy
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
`
	dir := writeFiles(t, map[string]string{ManifestFile: okManifest, "tenant/authorization-policy.yaml": bomb,
		"conditional-access/named-locations/x--11111111.yaml": "id: x\n"})
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "tenant/authorization-policy.yaml:3: YAML aliases are not allowed") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	cases := map[string]struct{ file, content, want string }{
		"syntax":    {"tenant/authorization-policy.yaml", "id: x\nkey: [unclosed\nother: 1\n", "tenant/authorization-policy.yaml:"},
		"duplicate": {"tenant/authorization-policy.yaml", "id: x\na: 1\na: 2\n", "tenant/authorization-policy.yaml:3: key \"a\" appears twice"},
		"not a map": {"tenant/authorization-policy.yaml", "- 1\n- 2\n", "tenant/authorization-policy.yaml:1: expected one object"},
		"tag":       {"tenant/authorization-policy.yaml", "id: x\nv: !custom 1\n", "tenant/authorization-policy.yaml:2: unsupported YAML tag !custom"},
		"empty":     {"tenant/authorization-policy.yaml", "", "tenant/authorization-policy.yaml:1: empty file"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{ManifestFile: okManifest, c.file: c.content,
				"conditional-access/named-locations/x--11111111.yaml": "id: x\n"})
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestLoadSchemaVersions(t *testing.T) {
	newer := strings.Replace(okManifest, "schemaVersion: 1", "schemaVersion: 2", 1)
	_, err := Load(writeFiles(t, map[string]string{ManifestFile: newer}))
	if err == nil || !strings.Contains(err.Error(), "snapshot schema version 2 is newer than this entra-audit understands (1): upgrade entra-audit") {
		t.Fatalf("err = %v", err)
	}
	_, err = Load(writeFiles(t, map[string]string{ManifestFile: "toolVersion: x\n"}))
	if err == nil || !strings.Contains(err.Error(), "not an entra-audit snapshot manifest") {
		t.Fatalf("err = %v", err)
	}
	_, err = Load(t.TempDir())
	if !errors.Is(err, ErrNotSnapshot) || !strings.Contains(err.Error(), "no manifest.yaml: this directory is not a snapshot made by entra-audit") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadInputDocument(t *testing.T) {
	manifest := okManifest + "  future.thing: {status: collected, count: 3}\n"
	dir := writeFiles(t, map[string]string{
		ManifestFile:                       manifest,
		"tenant/authorization-policy.yaml": "id: authorizationPolicy\nn: 007\nq: \"007\"\nf: 1.50\nb: \"yes\"\nnil: null\nlist: []\n",
		"conditional-access/named-locations/hq--11111111.yaml": "# a comment\nid: 11111111-2222-3333-4444-555555555555 # HQ\ndisplayName: HQ\n",
		"conditional-access/named-locations/notes.txt":         "ignored",
	})
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "future.thing") {
		t.Errorf("warnings = %v", s.Warnings)
	}
	ap := s.Input["tenant"].(map[string]any)["authorizationPolicy"].(map[string]any)
	if ap["q"] != "007" || ap["b"] != "yes" || ap["nil"] != nil || len(ap["list"].([]any)) != 0 {
		t.Errorf("authorizationPolicy = %#v", ap)
	}
	if n := ap["n"]; n == nil || n.(interface{ String() string }).String() != "7" {
		t.Errorf("n = %#v", n)
	}
	coll := s.Input["collection"].(map[string]any)
	if _, ok := coll["future.thing"]; ok {
		t.Error("unknown key kept in collection")
	}
	if coll["conditionalAccess.policies"].(map[string]any)["license"] != "Microsoft Entra ID P1" {
		t.Errorf("collection = %v", coll)
	}
	file, line, ok := s.Locate("conditionalAccess.namedLocations", "11111111-2222-3333-4444-555555555555")
	if !ok || file != "conditional-access/named-locations/hq--11111111.yaml" || line != 2 {
		t.Errorf("Locate = %s %d %v", file, line, ok)
	}
}

func TestLoadCountMismatch(t *testing.T) {
	manifest := strings.Replace(okManifest, "conditionalAccess.namedLocations: {status: collected, count: 1}", "conditionalAccess.namedLocations: {status: collected, count: 2}", 1)
	dir := writeFiles(t, map[string]string{ManifestFile: manifest, "tenant/authorization-policy.yaml": "id: x\n",
		"conditional-access/named-locations/x--11111111.yaml": "id: x\n"})
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "says 2 objects") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadRefusesSymlinkOutside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(outside, []byte("id: secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{ManifestFile: okManifest, "conditional-access/named-locations/x--11111111.yaml": "id: x\n"})
	if err := os.MkdirAll(filepath.Join(dir, "tenant"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "tenant/authorization-policy.yaml")); err != nil {
		t.Skip(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "escapes") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadCapsFileSize(t *testing.T) {
	big := "id: x\nv: \"" + strings.Repeat("a", MaxFileSize) + "\"\n"
	dir := writeFiles(t, map[string]string{ManifestFile: okManifest, "tenant/authorization-policy.yaml": big,
		"conditional-access/named-locations/x--11111111.yaml": "id: x\n"})
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}
