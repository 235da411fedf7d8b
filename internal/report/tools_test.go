package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// repoRoot walks up from the package directory to the module root.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// requireTool returns the path of a tools/<name> npm package with its
// node_modules installed. Missing tools skip the test on a developer
// machine but fail it under CI=true, so CI can never pass by skipping.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "tools", name)
	var missing string
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not on PATH"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		missing = dir + "/node_modules is missing: run npm ci in " + dir
	}
	if missing != "" {
		skipOrFail(t, missing)
	}
	return dir
}

func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: this check must run in CI)", why)
	}
	t.Skip(why)
}
