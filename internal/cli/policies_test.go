package cli

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

func init() {
	// -update rewrites generated files; another test file may define it too.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden and generated files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func TestPoliciesList(t *testing.T) {
	code, stdout, stderr := auditMain(t, "policies", "list", "--policy", "../../examples/custom-policy")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "SEVERITY") || !strings.Contains(lines[0], "FRAMEWORKS") {
		t.Errorf("header = %q", lines[0])
	}
	var custom string
	for _, l := range lines {
		if strings.HasPrefix(l, "ACME.TEN.1v1 ") {
			custom = l
		}
	}
	if !strings.Contains(custom, " low ") || !strings.Contains(custom, " tenant ") ||
		!strings.HasSuffix(custom, "Users SHALL NOT sign up for email-verified self-service subscriptions.") {
		t.Errorf("custom control row = %q", custom)
	}
}

// TestControlsDocIsCurrent regenerates docs/controls.md; -update rewrites it.
func TestControlsDocIsCurrent(t *testing.T) {
	code, stdout, stderr := auditMain(t, "policies", "doc")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	const path = "../../docs/controls.md"
	if updating() {
		if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./internal/cli -run TestControlsDocIsCurrent -update", err)
	}
	if string(committed) != stdout {
		t.Errorf("docs/controls.md is out of date: run go test ./internal/cli -run TestControlsDocIsCurrent -update")
	}
	for _, want := range []string{"# Controls", "### MS.AAD.3.2v2", "- Requires: `conditionalAccess.policies`"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("catalogue lacks %q", want)
		}
	}
}

func TestPoliciesTest(t *testing.T) {
	code, stdout, stderr := auditMain(t, "policies", "test", "--coverage", "../../examples/custom-policy")
	if code != ExitOK || !strings.Contains(stdout, "3 passed, 0 failed") || !strings.Contains(stdout, "line coverage 100.0%") {
		t.Errorf("example: exit %d\n%s%s", code, stdout, stderr)
	}

	// A wrong test fails the run with exit 1 and names the test.
	dir := t.TempDir()
	copyDir(t, "../../examples/custom-policy/tenant/self_service_signup", dir)
	p := filepath.Join(dir, "self_service_signup_test.rego")
	src, _ := os.ReadFile(p)
	src = []byte(strings.Replace(string(src), `control.findings == set() with input as _good`, `count(control.findings) == 1 with input as _good`, 1))
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = auditMain(t, "policies", "test", dir)
	if code != ExitFindings || !strings.Contains(stdout, "FAIL "+p+":") || !strings.Contains(stdout, "test_good_passes_with_evidence") ||
		!strings.Contains(stdout, "2 passed, 1 failed") {
		t.Errorf("failing test: exit %d\n%s", code, stdout)
	}

	// A test reaching for the network is refused like a policy (exit 2).
	if err := os.WriteFile(filepath.Join(dir, "net_test.rego"), []byte("package custom.net_test\n\ntest_net if http.send({})\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = auditMain(t, "policies", "test", dir)
	if code != ExitUsage || !strings.Contains(stderr, "net_test.rego:3: http.send is not allowed") {
		t.Errorf("http.send in a test: exit %d\n%s", code, stderr)
	}
}

// copyDir copies the tree under from into to (created as needed).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	for name, data := range treeFiles(t, from) {
		p := filepath.Join(to, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestResourceKeysMatchSnapshotCatalog keeps the policy package's list of
// resource keys (METADATA requires) equal to what the snapshot collects.
func TestResourceKeysMatchSnapshotCatalog(t *testing.T) {
	var catalog []string
	for _, r := range snapshot.Resources(snapshot.Catalog()) {
		catalog = append(catalog, r.Key)
	}
	keys := slices.Clone(policy.ResourceKeys)
	slices.Sort(keys)
	slices.Sort(catalog)
	if !slices.Equal(keys, catalog) {
		t.Errorf("policy.ResourceKeys = %v\nsnapshot catalogue  = %v", keys, catalog)
	}
}
