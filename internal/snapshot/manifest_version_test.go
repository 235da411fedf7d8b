package snapshot

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// The YAML decoder reads 1.5, 1.0 and "1" into an int as 1: the manifest's
// schemaVersion must be written as an integer.
func TestManifestSchemaVersionMustBeAnInteger(t *testing.T) {
	for _, v := range []string{"1.5", "1.0", `"1"`, "'1'", "1e0", "0x1", "true", "[1]", "{v: 1}", "!!int 1.5"} {
		t.Run(v, func(t *testing.T) {
			manifest := "# an entra-audit snapshot\n\n" + strings.Replace(okManifest, "schemaVersion: 1", "schemaVersion: "+v, 1)
			dir := writeFiles(t, map[string]string{ManifestFile: manifest})
			_, err := Load(dir)
			want := fmt.Sprintf("%s:3: schemaVersion ", ManifestFile)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), " is not an integer (this entra-audit reads schemaVersion: 1)") {
				t.Fatalf("Load = %v\nwant %q", err, want)
			}
		})
	}
	t.Run("message", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{ManifestFile: strings.Replace(okManifest, "schemaVersion: 1", "schemaVersion: 1.5", 1)})
		_, err := Load(dir)
		if want := `: manifest.yaml:1: schemaVersion "1.5" is not an integer (this entra-audit reads schemaVersion: 1)`; err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("Load = %v\nwant %q", err, want)
		}
	})
	t.Run("integer", func(t *testing.T) {
		// 1 passes the manifest; 2 is still "newer".
		_, err := loadManifestText(t, okManifest)
		if err != nil {
			t.Errorf("schemaVersion: 1: %v", err)
		}
		_, err = loadManifestText(t, strings.Replace(okManifest, "schemaVersion: 1", "schemaVersion: 2", 1))
		if err == nil || !strings.Contains(err.Error(), "snapshot schema version 2 is newer") {
			t.Errorf("schemaVersion: 2: %v", err)
		}
	})
}

func loadManifestText(t *testing.T, text string) (*Manifest, error) {
	t.Helper()
	root, err := os.OpenRoot(writeFiles(t, map[string]string{ManifestFile: text}))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	return loadManifest(root)
}
