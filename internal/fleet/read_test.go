package fleet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

var reportFiles = []finding.ReportLink{{Format: "json", Path: "findings.json"}, {Format: "html", Path: "report.html"}}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadAScanFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, FindingsFile, `{"tenant":{"id":"t-1"},"controls":[{"id":"EA.A.1","severity":"high","status":"fail","findings":[]}],
		"drift":{"changes":[{"kind":"added"}]}}`)
	write(t, dir, ResultFile, `{"schemaVersion":"1","exitCode":1,"failOn":"high"}`)
	write(t, dir, "report.html", "<!DOCTYPE html>")
	s, err := Read("contoso", dir, reportFiles)
	if err != nil {
		t.Fatal(err)
	}
	if s.Problem != "" || s.Report == nil || s.Result == nil || s.Result.ExitCode != 1 || s.Drift == nil || len(s.Drift.Changes) != 1 {
		t.Fatalf("read %+v", s)
	}
	if len(s.Reports) != 2 || s.Reports[1].Path != "report.html" {
		t.Errorf("reports %+v", s.Reports)
	}
	// drift.json, when there, is the drift (a `drift --out` folder beside an audit).
	write(t, dir, DriftFile, `{"changes":[{"kind":"added"},{"kind":"removed"}]}`)
	if s, _ = Read("contoso", dir, nil); s.Drift == nil || len(s.Drift.Changes) != 2 {
		t.Errorf("drift.json not read: %+v", s.Drift)
	}
}

func TestReadRecordsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, FindingsFile, `{"controls":[{"id":"EA.A.1","status":"maybe"}]}`)
	write(t, dir, DriftFile, `{"changes":`)
	if err := os.Mkdir(filepath.Join(dir, ResultFile), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Read("x", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"scan.json: not a regular file", `findings.json: unknown status "maybe"`, "drift.json: unexpected EOF"} {
		if !strings.Contains(s.Problem, want) {
			t.Errorf("problem %q lacks %q", s.Problem, want)
		}
	}
	if s.Report != nil {
		t.Errorf("a broken findings.json was read")
	}
	if _, err := Read("x", filepath.Join(dir, DriftFile), nil); err == nil {
		t.Errorf("a file was read as a folder")
	}
	if _, err := Read("x", filepath.Join(dir, "missing"), nil); err == nil {
		t.Errorf("a missing folder was read")
	}
}
