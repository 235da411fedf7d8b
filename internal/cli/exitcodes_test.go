package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodesFollowTheTable pins the README's exit codes over every
// command and each class of mistake: 2 for anything the user can fix in
// the command line or its inputs (a flag, a file, a directory that is not
// a snapshot), 3 only for what failed at run time, 0 for success.
func TestExitCodesFollowTheTable(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "snap")
	if code, _, stderr := runCLI(t, nil, "snapshot", "--demo", "--out", snap); code != ExitOK {
		t.Fatalf("demo snapshot: exit %d\n%s", code, stderr)
	}
	scanOut := filepath.Join(dir, "scan")
	if code, _, stderr := runCLI(t, nil, "scan", "--demo", "--out", scanOut); code > ExitFindings {
		t.Fatalf("demo scan: exit %d\n%s", code, stderr)
	}
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	badConfig := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badConfig, []byte("breakGlas: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	secret := map[string]string{"AZURE_CLIENT_ID": "5d1c5a84-5a5e-4b8a-9b39-0a7a4f5b2c11", "AZURE_CLIENT_SECRET": "x"}
	out := func() string { return filepath.Join(t.TempDir(), "out") }

	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // in stderr
	}{
		{"unknown command", nil, []string{"snapshots"}, ExitUsage, "unknown command"},
		{"unknown flag", nil, []string{"audit", "--snapshots", snap}, ExitUsage, "unknown flag"},
		{"snapshot without --out", nil, []string{"snapshot", "--demo"}, ExitUsage, "--out is required"},
		{"snapshot, malformed --tenant", secret, []string{"snapshot", "--tenant", "bad tenant!", "--out", out()}, ExitUsage, "is not a tenant id"},
		{"scan, malformed --tenant", secret, []string{"scan", "--tenant", "bad tenant!", "--out", out()}, ExitUsage, "is not a tenant id"},
		{"permissions --check, malformed --tenant", secret, []string{"permissions", "--check", "--tenant", "bad tenant!"}, ExitUsage, "is not a tenant id"},
		{"snapshot, unknown --cloud", nil, []string{"snapshot", "--cloud", "mars", "--out", out()}, ExitUsage, "--cloud"},
		{"snapshot, --out a file", nil, []string{"snapshot", "--demo", "--out", file}, ExitUsage, "a file"},
		{"audit without --snapshot", nil, []string{"audit", "--out", out()}, ExitUsage, "--snapshot is required"},
		{"audit, --out a file", nil, []string{"audit", "--snapshot", snap, "--out", file}, ExitUsage, "is a file"},
		{"audit, --snapshot not a snapshot", nil, []string{"audit", "--snapshot", dir, "--out", out()}, ExitUsage, "not a snapshot"},
		{"audit, --snapshot a scan's output", nil, []string{"audit", "--snapshot", scanOut, "--out", out()}, ExitUsage,
			"--snapshot " + filepath.Join(scanOut, "snapshot")},
		{"audit, --snapshot missing", nil, []string{"audit", "--snapshot", filepath.Join(dir, "nope"), "--out", out()}, ExitUsage, "nope"},
		{"audit, config typo", nil, []string{"audit", "--snapshot", snap, "--out", out(), "--config", badConfig}, ExitUsage, "did you mean breakGlass?"},
		{"audit, bad --evaluation-time", nil, []string{"audit", "--snapshot", snap, "--out", out(), "--evaluation-time", "yesterday"}, ExitUsage, "RFC 3339"},
		{"audit, bad --fail-on", nil, []string{"audit", "--snapshot", snap, "--out", out(), "--fail-on", "urgent"}, ExitUsage, "--fail-on"},
		{"audit, missing --policy dir", nil, []string{"audit", "--snapshot", snap, "--out", out(), "--policy", filepath.Join(dir, "nope")}, ExitUsage, "nope"},
		{"audit, bad --format", nil, []string{"audit", "--snapshot", snap, "--out", out(), "--format", "pdf"}, ExitUsage, "pdf"},
		{"scan, config typo", nil, []string{"scan", "--demo", "--out", out(), "--config", badConfig}, ExitUsage, "did you mean breakGlass?"},
		{"drift, --snapshot not a snapshot", nil, []string{"drift", "--baseline", snap, "--snapshot", dir}, ExitUsage, "not a snapshot"},
		{"drift without --baseline", nil, []string{"drift", "--snapshot", snap}, ExitUsage, "--baseline"},
		{"baseline update, --from not a snapshot", nil, []string{"baseline", "update", "--from", dir, "--to", out()}, ExitUsage, "not a snapshot"},
		{"policies test, missing dir", nil, []string{"policies", "test", filepath.Join(dir, "nope")}, ExitUsage, "nope"},
		{"permissions, unsafe --github-repo", nil, []string{"permissions", "--script", "az", "--github-repo", "a/b;c", "--github-environment", "e"}, ExitUsage, "--github-repo"},
		{"audit succeeds", nil, []string{"audit", "--snapshot", snap, "--out", out()}, ExitOK, ""},
		{"audit --fail-on critical fails on findings", nil, []string{"audit", "--snapshot", snap, "--out", out(), "--fail-on", "critical"}, ExitFindings, ""},
		{"version", nil, []string{"version"}, ExitOK, ""},
	}
	for _, tc := range cases {
		code, _, stderr := runCLI(t, tc.env, tc.args...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s", tc.name, code, tc.code, stderr)
			continue
		}
		if tc.want != "" && !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: stderr lacks %q:\n%s", tc.name, tc.want, stderr)
		}
	}
}
